"""Who may open what: each view for each role, including what another firm's director must
not see by list, by URL, by guessed id or through conflict-check hits."""

import datetime

import pytest
from django.urls import reverse

from casework import services
from casework.models import Case, QuarterlyReport, SensitiveFiling, ServiceLog
from tests.factories import LawyerFactory

from .conftest import make_case, make_check, party

TODAY = datetime.date(2026, 7, 20)


@pytest.fixture
def world(
    firm, other_firm, director, director2, lawyer, other_lawyer, staff, bureau_admin, inspector, no_role_user
):
    own = make_case(firm, director, [lawyer], parties=[party("明德客户甲公司")], is_sensitive=True)
    other = make_case(
        other_firm,
        director2,
        [other_lawyer],
        parties=[party("正源客户乙公司")],
        is_sensitive=True,
        cause="秘密案由",
    )
    filing = {}
    for case, user in ((own, director), (other, director2)):
        filing[case.firm_id] = services.sensitive_file(
            case=case,
            user=user,
            client="某",
            authority="法院",
            facts="事实",
            legal_issues="问题",
            lawyer_opinion="意见",
        )
    log_own = services.service_log_create(
        firm=firm,
        user=director,
        kind=ServiceLog.Kind.LEGAL_HELP,
        date=datetime.date(2026, 5, 1),
        lawyers=[lawyer],
        person_times=3,
        remarks="明德帮助记录",
    )
    log_other = services.service_log_create(
        firm=other_firm,
        user=director2,
        kind=ServiceLog.Kind.LEGAL_HELP,
        date=datetime.date(2026, 5, 1),
        lawyers=[other_lawyer],
        person_times=4,
        remarks="正源帮助记录",
    )
    rep_own = services.quarterly_create(firm=firm, user=director, year=2026, quarter=2, today=TODAY)
    rep_other = services.quarterly_create(firm=other_firm, user=director2, year=2026, quarter=2, today=TODAY)
    services.quarterly_submit(report=rep_own, user=director, today=TODAY)
    services.quarterly_submit(report=rep_other, user=director2, today=TODAY)
    return {
        "own": own,
        "other": other,
        "filing_own": filing[firm.pk],
        "filing_other": filing[other_firm.pk],
        "log_own": log_own,
        "log_other": log_other,
        "rep_own": rep_own,
        "rep_other": rep_other,
    }


def users(request_fixture, names):
    return {n: request_fixture.getfixturevalue(n) for n in names}


ROLES = ["bureau_admin", "staff", "director", "director2", "inspector", "no_role_user"]


def _expect(request, login, method, url, expected, data=None):
    for role, status in expected.items():
        client = login(request.getfixturevalue(role))
        response = client.get(url) if method == "get" else client.post(url, data or {})
        assert response.status_code == status, (role, url, response.status_code)


def test_case_list_shows_only_own_firms_cases(request, login, world):
    url = reverse("casework:case_list")
    _expect(request, login, "get", url, {"inspector": 403, "no_role_user": 403})
    page = login(request.getfixturevalue("director")).get(url).content.decode()
    assert reverse("casework:case_detail", args=[world["own"].pk]) in page and "秘密案由" not in page
    page = login(request.getfixturevalue("staff")).get(url).content.decode()
    assert "秘密案由" in page and world["own"].cause in page


def test_case_detail_by_url_and_guessed_id(request, login, world):
    url = reverse("casework:case_detail", args=[world["other"].pk])
    _expect(
        request,
        login,
        "get",
        url,
        {
            "bureau_admin": 200,
            "staff": 200,
            "director2": 200,
            "director": 404,
            "inspector": 403,
            "no_role_user": 403,
        },
    )
    guessed = reverse("casework:case_detail", args=[world["other"].pk + 1000])
    _expect(request, login, "get", guessed, {"director": 404, "staff": 404})


def test_case_detail_masks_nothing_but_hides_edit_from_bureau(request, login, world):
    page = login(request.getfixturevalue("staff")).get(
        reverse("casework:case_detail", args=[world["own"].pk])
    )
    assert reverse("casework:case_edit", args=[world["own"].pk]) not in page.content.decode()
    page = login(request.getfixturevalue("director")).get(
        reverse("casework:case_detail", args=[world["own"].pk])
    )
    assert reverse("casework:case_edit", args=[world["own"].pk]) in page.content.decode()


def test_case_edit_director_only_own(request, login, world):
    url = reverse("casework:case_edit", args=[world["own"].pk])
    _expect(
        request,
        login,
        "get",
        url,
        {
            "director": 200,
            "director2": 404,
            "staff": 403,
            "bureau_admin": 403,
            "inspector": 403,
            "no_role_user": 403,
        },
    )
    before = Case.objects.get(pk=world["own"].pk).version
    _expect(
        request, login, "post", url, {"staff": 403, "director2": 404}, data={"cause": "改", "version": before}
    )
    assert Case.objects.get(pk=world["own"].pk).cause != "改"


def test_receipt_add_director_only_own(request, login, world):
    url = reverse("casework:receipt_add", args=[world["own"].pk])
    data = {"receipt_no": "R-1", "amount": "100", "received_on": "2026-03-05"}
    # The refused posts carry the same valid data that the director's post below saves, so
    # "nothing saved" can only hold because they were refused.
    _expect(
        request,
        login,
        "post",
        url,
        {"bureau_admin": 403, "staff": 403, "director2": 404, "inspector": 403, "no_role_user": 403},
        data=data,
    )
    assert not world["own"].receipts.exists()
    _expect(request, login, "post", url, {"director": 302}, data=data)
    assert world["own"].receipts.count() == 1


def test_case_new_for_directors_only(request, login, world):
    url = reverse("casework:case_new")
    _expect(
        request,
        login,
        "get",
        url,
        {
            "director": 200,
            "director2": 200,
            "staff": 403,
            "bureau_admin": 403,
            "inspector": 403,
            "no_role_user": 403,
        },
    )


def test_conflict_hits_never_show_another_firms_parties(request, login, world):
    data = {
        "matter": "新事项",
        "action": "search",
        "party-TOTAL_FORMS": "2",
        "party-INITIAL_FORMS": "0",
        "party-MIN_NUM_FORMS": "1",
        "party-MAX_NUM_FORMS": "20",
        "party-0-role": "client",
        "party-0-kind": "organisation",
        "party-0-name": "正源客户乙公司",
        "party-1-role": "opposing",
        "party-1-kind": "organisation",
        "party-1-name": "明德客户甲公司",
    }
    page = (
        login(request.getfixturevalue("director")).post(reverse("casework:case_new"), data).content.decode()
    )
    assert reverse("casework:case_detail", args=[world["own"].pk]) in page
    assert reverse("casework:case_detail", args=[world["other"].pk]) not in page


def test_register_step_only_for_own_unused_check(request, login, world, firm, director):
    check = make_check(firm, director)
    url = reverse("casework:case_register", args=[check.pk])
    _expect(request, login, "get", url, {"director": 200, "director2": 404, "staff": 403, "inspector": 403})
    used = reverse("casework:case_register", args=[world["own"].conflict_check_id])
    _expect(request, login, "get", used, {"director": 404})


def test_sensitive_pages(request, login, world):
    own_link = reverse("casework:sensitive_detail", args=[world["filing_own"].pk])
    other_link = reverse("casework:sensitive_detail", args=[world["filing_other"].pk])
    page = login(request.getfixturevalue("director")).get(reverse("casework:sensitive_list")).content.decode()
    assert own_link in page and other_link not in page
    page = login(request.getfixturevalue("staff")).get(reverse("casework:sensitive_list")).content.decode()
    assert own_link in page and other_link in page
    _expect(
        request, login, "get", reverse("casework:sensitive_list"), {"inspector": 403, "no_role_user": 403}
    )
    url = reverse("casework:sensitive_detail", args=[world["filing_other"].pk])
    _expect(
        request,
        login,
        "get",
        url,
        {
            "staff": 200,
            "bureau_admin": 200,
            "director2": 200,
            "director": 404,
            "inspector": 403,
            "no_role_user": 403,
        },
    )
    url = reverse("casework:sensitive_file", args=[world["other"].pk])
    _expect(request, login, "get", url, {"director": 404, "staff": 403, "director2": 302, "inspector": 403})


def test_only_bureau_reviews_sensitive_filings(request, login, world):
    url = reverse("casework:sensitive_review", args=[world["filing_own"].pk])
    _expect(
        request, login, "post", url, {"director": 403, "director2": 403, "inspector": 403}, {"comment": "x"}
    )
    assert SensitiveFiling.objects.get(pk=world["filing_own"].pk).status == SensitiveFiling.Status.FILED
    _expect(request, login, "post", url, {"staff": 302}, {"comment": "请及时报告进展"})
    filing = SensitiveFiling.objects.get(pk=world["filing_own"].pk)
    assert filing.status == SensitiveFiling.Status.COMMENTED and filing.bureau_comment == "请及时报告进展"


def test_service_logs(request, login, world):
    url = reverse("casework:service_list")
    page = login(request.getfixturevalue("director")).get(url).content.decode()
    assert "明德帮助记录" in page and "正源帮助记录" not in page
    page = login(request.getfixturevalue("staff")).get(url).content.decode()
    assert "明德帮助记录" in page and "正源帮助记录" in page
    _expect(request, login, "get", url, {"inspector": 403, "no_role_user": 403})
    _expect(
        request,
        login,
        "get",
        reverse("casework:service_new"),
        {
            "director": 200,
            "staff": 403,
            "bureau_admin": 403,
            "inspector": 403,
            "no_role_user": 403,
        },
    )


def test_quarterly_pages(request, login, world):
    url = reverse("casework:quarterly_list")
    _expect(
        request,
        login,
        "get",
        url,
        {"director": 200, "staff": 200, "bureau_admin": 200, "inspector": 403, "no_role_user": 403},
    )
    page = login(request.getfixturevalue("director")).get(url).content.decode()
    assert reverse("casework:quarterly_detail", args=[world["rep_own"].pk]) in page
    assert reverse("casework:quarterly_detail", args=[world["rep_other"].pk]) not in page
    detail = reverse("casework:quarterly_detail", args=[world["rep_other"].pk])
    _expect(
        request,
        login,
        "get",
        detail,
        {
            "director": 404,
            "director2": 200,
            "staff": 200,
            "inspector": 403,
            "no_role_user": 403,
        },
    )
    _expect(request, login, "post", detail, {"staff": 403, "director": 404})
    _expect(
        request,
        login,
        "post",
        reverse("casework:quarterly_new"),
        {"staff": 403, "inspector": 403},
        {"year": 2026, "quarter": 1},
    )


def test_only_bureau_reviews_quarterly_reports(request, login, world):
    url = reverse("casework:quarterly_review", args=[world["rep_own"].pk])
    _expect(
        request,
        login,
        "post",
        url,
        {"director": 403, "director2": 403, "inspector": 403},
        {"action": "accept"},
    )
    assert QuarterlyReport.objects.get(pk=world["rep_own"].pk).status == QuarterlyReport.Status.SUBMITTED
    _expect(request, login, "post", url, {"staff": 302}, {"action": "accept"})
    assert QuarterlyReport.objects.get(pk=world["rep_own"].pk).status == QuarterlyReport.Status.ACCEPTED


def test_xlsx_export_for_bureau_only(request, login, world):
    from io import BytesIO

    from openpyxl import load_workbook

    url = reverse("casework:quarterly_export") + "?year=2026&quarter=2"
    _expect(request, login, "get", url, {"director": 403, "inspector": 403, "no_role_user": 403})
    response = login(request.getfixturevalue("staff")).get(url)
    assert response.status_code == 200
    sheet = load_workbook(BytesIO(response.content)).active
    names = [row[0] for row in sheet.iter_rows(min_row=2, values_only=True)]
    assert "甲律师事务所" in names and "乙律师事务所" in names
    assert names[-1] == "全县合计（已报送）"


def test_numbering_page_for_directors_only(request, login, firm, director):
    from casework.models import FirmCaseSettings

    url = reverse("casework:numbering")
    _expect(
        request,
        login,
        "get",
        url,
        {
            "director": 200,
            "director2": 200,
            "staff": 403,
            "bureau_admin": 403,
            "inspector": 403,
            "no_role_user": 403,
        },
    )
    data = {
        "intake_prefix": "X律",
        "letter_criminal": "刑",
        "letter_civil": "民",
        "letter_administrative": "行",
        "letter_non_litigation": "非",
        "letter_arbitration": "仲",
        "letter_other": "民",
    }
    # Opening the page wrote nothing; the refused post neither.
    assert not FirmCaseSettings.objects.filter(firm=firm).exists()
    response = login(director).post(url, data)
    assert "各类案件的代字不能重复" in response.content.decode()
    assert not FirmCaseSettings.objects.filter(firm=firm).exists()
    data["letter_other"] = "其"
    assert login(director).post(url, data).status_code == 302
    assert FirmCaseSettings.objects.get(firm=firm).intake_prefix == "X律"
    assert "〔2026〕X律民字第1号" == make_case(firm, director, [LawyerFactory(firm=firm)]).intake_no


def test_identity_numbers_are_masked_for_directors(login, firm, director, staff, lawyer):
    from bureau.demo import demo_id_number

    number = demo_id_number(datetime.date(1980, 5, 6), 77)
    case = make_case(firm, director, [lawyer], parties=[party("王五", kind="person", id_code=number)])
    url = reverse("casework:case_detail", args=[case.pk])
    director_page = login(director).get(url).content.decode()
    assert number not in director_page and number[:4] + "*" * 10 + number[-4:] in director_page
    assert number in login(staff).get(url).content.decode()
