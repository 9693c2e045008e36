"""Bad input gets a clear message on the form and nothing is saved; the happy path works."""

import datetime

import pytest
from django.urls import reverse

from casework import services
from casework.models import Case, ConflictCheck, FeeReceipt, QuarterlyReport, ServiceLog

from .conftest import make_case, make_check

TODAY = datetime.date(2026, 7, 20)


def _party_data(*rows):
    data = {
        "party-TOTAL_FORMS": str(len(rows)),
        "party-INITIAL_FORMS": "0",
        "party-MIN_NUM_FORMS": "1",
        "party-MAX_NUM_FORMS": "20",
    }
    for i, (role, kind, name, code) in enumerate(rows):
        data.update(
            {
                f"party-{i}-role": role,
                f"party-{i}-kind": kind,
                f"party-{i}-name": name,
                f"party-{i}-id_code": code,
            }
        )
    return data


def test_conflict_check_then_registration_through_the_pages(login, director, firm, lawyer):
    client = login(director)
    data = {
        "matter": "建设工程施工合同纠纷",
        **_party_data(("client", "organisation", "示范建工有限公司", ""), ("opposing", "person", "王五", "")),
    }
    response = client.post(reverse("casework:case_new"), {**data, "action": "record", "decision": ""})
    assert "请选择审查结论" in response.content.decode()
    assert not ConflictCheck.objects.exists()
    response = client.post(
        reverse("casework:case_new"), {**data, "action": "record", "decision": "no_conflict"}
    )
    check = ConflictCheck.objects.get()
    assert response.status_code == 302 and response["Location"] == reverse(
        "casework:case_register", args=[check.pk]
    )
    response = client.post(
        response["Location"],
        {
            "case_type": "civil",
            "cause": "建设工程施工合同纠纷",
            "intake_date": "2026-03-02",
            "lawyers": [lawyer.pk],
            "agreed_fee": "20000",
        },
    )
    case = Case.objects.get()
    assert response.status_code == 302 and response["Location"] == reverse(
        "casework:case_detail", args=[case.pk]
    )
    assert case.conflict_check == check and case.parties.count() == 2


def test_party_without_client_is_refused(login, director):
    data = {"matter": "x", "action": "search", **_party_data(("opposing", "person", "王五", ""))}
    page = login(director).post(reverse("casework:case_new"), data).content.decode()
    assert "至少填写一名委托人" in page


def test_bad_identity_number_is_refused(login, director):
    data = {
        "matter": "x",
        "action": "record",
        "decision": "no_conflict",
        **_party_data(("client", "person", "王五", "620000198001011234")),
    }
    response = login(director).post(reverse("casework:case_new"), data)
    assert response.status_code == 200 and "errorlist" in response.content.decode()
    assert not ConflictCheck.objects.exists()


@pytest.mark.parametrize(
    "overrides, message",
    [
        ({"agreed_fee": "-100"}, "律师费不能为负数"),
        ({"lawyers": "OTHER"}, "只能指派本所律师"),
        ({"lawyers": None}, "至少指派一名承办律师"),
        ({"is_legal_aid": "on"}, "法律援助案件须填写指派机构"),
    ],
)
def test_bad_registration_is_refused_on_the_form(
    login, director, firm, lawyer, other_lawyer, overrides, message
):
    check = make_check(firm, director)
    data = {
        "case_type": "civil",
        "cause": "x",
        "intake_date": "2026-03-02",
        "lawyers": [lawyer.pk],
        "agreed_fee": "0",
    }
    data.update(overrides)
    if data["lawyers"] == "OTHER":
        data["lawyers"] = [lawyer.pk, other_lawyer.pk]
    if data["lawyers"] is None:
        del data["lawyers"]  # no box ticked: the browser sends nothing
    response = login(director).post(reverse("casework:case_register", args=[check.pk]), data)
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not Case.objects.exists()


def test_dates_out_of_order_are_refused_on_the_edit_form(login, director, firm, lawyer):
    case = make_case(firm, director, [lawyer])
    data = {
        "cause": case.cause,
        "lawyers": [lawyer.pk],
        "agreed_fee": "0",
        "status": "closed",
        "closed_on": "2026-01-01",
        "result": "判决",
        "version": case.version,
    }
    response = login(director).post(reverse("casework:case_edit", args=[case.pk]), data)
    assert "结案日期不能早于收案日期" in response.content.decode()
    case.refresh_from_db()
    assert case.status == Case.Status.RECEIVED and case.closed_on is None


def test_status_cannot_go_back_on_the_edit_form(login, director, firm, lawyer):
    case = make_case(firm, director, [lawyer])
    services.case_update(case=case, expected_version=case.version, status="in_progress")
    data = {
        "cause": case.cause,
        "lawyers": [lawyer.pk],
        "agreed_fee": "0",
        "status": "received",
        "version": case.version,
    }
    response = login(director).post(reverse("casework:case_edit", args=[case.pk]), data)
    assert "案件状态不能回退" in response.content.decode()
    assert Case.objects.get(pk=case.pk).status == "in_progress"


def test_negative_receipt_is_refused_on_the_form(login, director, firm, lawyer):
    case = make_case(firm, director, [lawyer])
    response = login(director).post(
        reverse("casework:receipt_add", args=[case.pk]),
        {"receipt_no": "R", "amount": "-1", "received_on": "2026-03-03"},
    )
    assert response.status_code == 400 and "errorlist" in response.content.decode()
    assert not FeeReceipt.objects.exists()


@pytest.mark.parametrize(
    "data, message",
    [
        ({"kind": "legal_help", "person_times": "-2"}, "数量不能为负数"),
        (
            {"kind": "mediation", "counterpart": "调委会", "disputes_taken": "1", "disputes_settled": "3"},
            "调解成功数不能多于受理纠纷数",
        ),
        (
            {
                "kind": "adviser",
                "counterpart": "某镇政府",
                "org_kind": "town",
                "term_start": "2026-05-01",
                "term_end": "2026-01-01",
            },
            "顾问期限止日不能早于起日",
        ),
        ({"kind": "legal_help", "person_times": "2", "lawyers": "OTHER"}, "只能指派本所律师"),
    ],
)
def test_bad_service_log_is_refused_on_the_form(login, director, lawyer, other_lawyer, data, message):
    payload = {"date": "2026-05-01", "lawyers": [lawyer.pk]}
    for name in ServiceLog.COUNT_FIELDS:
        payload[name] = "0"
    payload.update(data)
    if payload["lawyers"] == "OTHER":
        payload["lawyers"] = [other_lawyer.pk]
    response = login(director).post(reverse("casework:service_new"), payload)
    assert response.status_code == 200 and message in response.content.decode()
    assert not ServiceLog.objects.exists()


def test_legal_help_log_is_saved(login, director, lawyer):
    payload = {"kind": "legal_help", "date": "2026-05-01", "lawyers": [lawyer.pk]}
    for name in ServiceLog.COUNT_FIELDS:
        payload[name] = "0"
    payload["person_times"] = "6"
    response = login(director).post(reverse("casework:service_new"), payload)
    assert response.status_code == 302
    assert ServiceLog.objects.get().person_times == 6


def test_figure_changed_without_reason_is_refused_on_the_form(login, director, firm):
    report = services.quarterly_create(firm=firm, user=director, year=2026, quarter=2, today=TODAY)
    data = {"version": report.version, "action": "submit"}
    for key, entry in report.figures.items():
        data[f"v_{key}"] = entry["value"]
        data[f"r_{key}"] = ""
    data["v_legal_help_person_times"] = 9
    response = login(director).post(reverse("casework:quarterly_detail", args=[report.pk]), data)
    assert "修改了系统预填的数值，须说明理由" in response.content.decode()
    report.refresh_from_db()
    assert (
        report.status == QuarterlyReport.Status.DRAFT
        and report.figures["legal_help_person_times"]["value"] == 0
    )
    data["r_legal_help_person_times"] = "补录纸质台账"
    response = login(director).post(reverse("casework:quarterly_detail", args=[report.pk]), data)
    report.refresh_from_db()
    assert (
        report.status == QuarterlyReport.Status.SUBMITTED
        and report.figures["legal_help_person_times"]["value"] == 9
    )


def test_second_filing_for_a_quarter_is_refused_with_a_message(login, director, firm):
    services.quarterly_create(firm=firm, user=director, year=2025, quarter=4)
    response = login(director).post(reverse("casework:quarterly_new"), {"year": 2025, "quarter": 4})
    assert response.status_code == 400
    assert "不能重复报送" in response.content.decode()
    assert QuarterlyReport.objects.count() == 1


def test_return_needs_a_comment(login, director, staff, firm):
    report = services.quarterly_create(firm=firm, user=director, year=2025, quarter=4)
    services.quarterly_submit(report=report, user=director)
    response = login(staff).post(
        reverse("casework:quarterly_review", args=[report.pk]), {"action": "return"}, follow=True
    )
    assert "退回须填写审核意见" in response.content.decode()
    assert QuarterlyReport.objects.get().status == QuarterlyReport.Status.SUBMITTED
