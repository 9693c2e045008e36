import datetime

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from bureau.workdays import deadline_after
from casework import contrib as dashboard
from casework import services
from casework.models import Case, SensitiveFiling
from casework.selectors import overdue_sensitive_cases, pending_sensitive_cases

from .conftest import make_case


def _file(case, user):
    return services.sensitive_file(
        case=case,
        user=user,
        client="某公司",
        authority="示范县人民法院",
        facts="事实",
        legal_issues="问题",
        lawyer_opinion="意见",
    )


def test_due_date_counts_working_days_from_intake(firm, director, lawyer):
    # Thursday 30 September 2026, before the National Day holiday (1-7 October).
    case = make_case(firm, director, [lawyer], intake_date=datetime.date(2026, 9, 30), is_sensitive=True)
    assert case.sensitive_due_on == deadline_after(datetime.date(2026, 9, 30), 3).date
    assert case.sensitive_due_on >= datetime.date(2026, 10, 9)


def test_overdue_and_pending_lists_for_both_sides(
    firm, other_firm, director, director2, staff, lawyer, other_lawyer
):
    today = timezone.localdate()
    old = make_case(
        firm, director, [lawyer], intake_date=today - datetime.timedelta(days=30), is_sensitive=True
    )
    fresh = make_case(firm, director, [lawyer], intake_date=today, is_sensitive=True)
    other_old = make_case(
        other_firm,
        director2,
        [other_lawyer],
        intake_date=today - datetime.timedelta(days=30),
        is_sensitive=True,
    )
    assert list(overdue_sensitive_cases(director)) == [old]
    assert list(pending_sensitive_cases(director)) == [fresh]
    assert set(overdue_sensitive_cases(staff)) == {old, other_old}
    filing = _file(old, director)
    assert filing.is_late
    assert list(overdue_sensitive_cases(director)) == []


def test_filing_needs_the_mark_and_happens_once(firm, director, lawyer):
    plain = make_case(firm, director, [lawyer])
    with pytest.raises(ValidationError):
        _file(plain, director)
    marked = make_case(firm, director, [lawyer], is_sensitive=True)
    _file(marked, director)
    with pytest.raises(ValidationError):
        _file(marked, director)
    assert SensitiveFiling.objects.count() == 1


def test_filing_through_the_page(login, director, firm, lawyer):
    case = make_case(firm, director, [lawyer], is_sensitive=True)
    url = reverse("casework:sensitive_file", args=[case.pk])
    response = login(director).post(
        url, {"client": "甲", "authority": "法院", "facts": "", "legal_issues": "x", "lawyer_opinion": "y"}
    )
    assert response.status_code == 200 and "errorlist" in response.content.decode()
    assert not SensitiveFiling.objects.exists()
    response = login(director).post(
        url,
        {
            "client": "甲",
            "authority": "法院",
            "facts": "群体性纠纷",
            "legal_issues": "x",
            "lawyer_opinion": "y",
        },
    )
    filing = SensitiveFiling.objects.get()
    assert response["Location"] == reverse("casework:sensitive_detail", args=[filing.pk])


def test_dashboard_items(
    director,
    director2,
    staff,
    inspector,
    firm,
    other_firm,
    lawyer,
    other_lawyer,
    django_assert_max_num_queries,
):
    today = timezone.localdate()
    make_case(firm, director, [lawyer], intake_date=today - datetime.timedelta(days=40), is_sensitive=True)
    make_case(
        other_firm,
        director2,
        [other_lawyer],
        intake_date=today - datetime.timedelta(days=40),
        is_sensitive=True,
    )
    with django_assert_max_num_queries(8):
        items = {i["label"]: i["count"] for i in dashboard.director_items(director)}
    assert items["逾期未备案的重大敏感案件"] == 1
    assert items["四统一不完整的案件"] == 1
    with django_assert_max_num_queries(2):  # roles (cached after), then one query for three counts
        items = {i["label"]: i["count"] for i in dashboard.bureau_items(staff)}
    assert items["逾期未备案的重大敏感案件"] == 2
    assert dashboard.bureau_items(director) == [] and dashboard.director_items(staff) == []


def test_firm_section(director, staff, inspector, firm, lawyer):
    make_case(
        firm,
        director,
        [lawyer],
        intake_date=timezone.localdate(),
        is_legal_aid=True,
        aid_body="中心",
        aid_notice_no="1",
    )
    section = dashboard.firm_section(staff, firm)
    assert section["counts"]["this_year"] == 1 and section["counts"]["legal_aid"] == 1
    assert dashboard.firm_section(inspector, firm) is None


def test_dashboard_page_shows_casework_cards(login, director, firm, lawyer):
    page = login(director).get("/").content.decode()
    assert "四统一不完整的案件" in page


def test_english_pages(login, staff, director, firm, lawyer):
    make_case(firm, director, [lawyer])
    client = login(staff)
    client.post("/i18n/setlang/", {"language": "en", "next": "/cases/"})
    page = client.get("/cases/").content.decode()
    assert "Case register" in page and "Intake number" in page


def test_demo_seed_is_idempotent(role_users, firm, other_firm, lawyer, other_lawyer):
    from casework.demo import seed

    users = {
        "admin": role_users["bureau_admin"],
        "staff": role_users["bureau_staff"],
        "director": role_users["director"],
        "director2": role_users["director2"],
    }
    seed(users)
    counts = (Case.objects.count(), SensitiveFiling.objects.count())
    assert counts[0] == 72 and counts[1] == 2
    seed(users)
    assert (Case.objects.count(), SensitiveFiling.objects.count()) == counts


def test_firm_page_shows_the_casework_section(login, staff, director, firm, lawyer):
    make_case(firm, director, [lawyer], intake_date=timezone.localdate())
    page = login(staff).get(f"/firms/{firm.pk}/")
    assert page.status_code == 200
    assert "四统一不完整的案件" in page.content.decode()
