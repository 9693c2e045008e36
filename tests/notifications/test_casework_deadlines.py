"""Quarterly statistics, sensitive case filings and their acknowledgement, reminded at each step
across 国庆 2026 (1-7 October are holidays, Saturday 10 October a working day)."""

import pytest

from bureau.notifications.models import Notification
from bureau.workdays import deadline_after
from casework.models import QuarterlyReport, SensitiveFiling
from casework.quarters import quarter_due
from tests.casework.conftest import make_case
from tests.factories import LawyerFactory

from .conftest import D, run, run_days, step_days, steps

pytestmark = pytest.mark.django_db


def test_quarter_three_due_after_national_day_on_the_working_day_calendar():
    # 10 working days after 30 September: 8, 9, 10 (Saturday worked), 12-16, 19, 20 October.
    assert quarter_due(2026, 3).date == D(2026, 10, 20)


def test_quarterly_reminded_once_per_step_to_each_director_and_the_county(
    firm, other_firm, director, director2, staff, inspector
):
    run_days([D(2026, 10, 3), D(2026, 10, 12)])  # a holiday, then six working days before
    assert steps(director, "casework.quarterly") == []
    run_days(
        [D(2026, 10, 13), D(2026, 10, 14), D(2026, 10, 19), D(2026, 10, 20), D(2026, 10, 21)]
        + [D(2026, 10, 27), D(2026, 10, 28)]
    )
    expected_steps = ["before:5", "before:1", "due", "overdue:1", "overdue:2"]
    key = f"casework.quarterly:firm={firm.pk}:2026Q3"
    assert steps(director, "casework.quarterly") == [(key, s) for s in expected_steps]
    assert [d for d, _s in step_days(director, "casework.quarterly")] == [
        D(2026, 10, 13),
        D(2026, 10, 19),
        D(2026, 10, 20),
        D(2026, 10, 21),
        D(2026, 10, 28),
    ]
    # The other firm's director is reminded of their own firm only.
    other_key = f"casework.quarterly:firm={other_firm.pk}:2026Q3"
    assert steps(director2, "casework.quarterly") == [(other_key, s) for s in expected_steps]
    # The bureau: one reminder for the county, naming how many firms have not filed.
    county = steps(staff, "casework.quarterly")
    assert county == [("casework.quarterly:county:2026Q3", s) for s in expected_steps]
    first = Notification.objects.filter(user=staff, kind="casework.quarterly").order_by("id").first()
    assert "2家律所尚未报送" in first.title
    assert steps(inspector, "casework.quarterly") == []


def test_quarterly_reminders_stop_once_the_report_is_submitted(firm, other_firm, director, director2):
    run(D(2026, 10, 19))
    QuarterlyReport.objects.create(
        firm=firm,
        year=2026,
        quarter=3,
        due_on=D(2026, 10, 20),
        first_submitted_on=D(2026, 10, 19),
        status=QuarterlyReport.Status.SUBMITTED,
        created_by=director,
    )
    run_days([D(2026, 10, 20), D(2026, 10, 21)])
    assert [s for _k, s in steps(director, "casework.quarterly")] == ["before:1"]
    assert [s for _k, s in steps(director2, "casework.quarterly")] == ["before:1", "due", "overdue:1"]


def test_sensitive_filing_reminded_across_national_day_to_its_director_only(
    firm, director, director2, staff, inspector
):
    lawyer = LawyerFactory(firm=firm)
    case = make_case(firm, director, [lawyer], intake_date=D(2026, 9, 29))
    due = deadline_after(D(2026, 9, 29), 3)
    assert due.date == D(2026, 10, 9) and not due.provisional  # 30 Sept, 8 and 9 Oct
    type(case).objects.filter(pk=case.pk).update(is_sensitive=True, sensitive_due_on=due.date)
    days = [D(2026, 9, 29), D(2026, 9, 30)] + [D(2026, 10, d) for d in range(1, 13)]
    run_days(days)
    assert step_days(director, "casework.sensitive_filing") == [
        (D(2026, 9, 29), "before:5"),
        (D(2026, 10, 8), "before:1"),
        (D(2026, 10, 9), "due"),
        (D(2026, 10, 10), "overdue:1"),  # the Saturday worked after the holiday
    ]
    note = Notification.objects.get(user=director, kind="casework.sensitive_filing", step="due")
    assert note.url == f"/cases/{case.pk}/sensitive/"
    for user in (director2, staff, inspector):
        assert steps(user, "casework.sensitive_filing") == []


def test_filings_to_acknowledge_reminded_to_the_bureau_only(firm, director, director2, staff, bureau_admin):
    lawyer = LawyerFactory(firm=firm)
    case = make_case(firm, director, [lawyer], intake_date=D(2026, 11, 2))
    type(case).objects.filter(pk=case.pk).update(is_sensitive=True, sensitive_due_on=D(2026, 11, 5))
    filing = SensitiveFiling.objects.create(
        case=case,
        client="甲方",
        authority="示范县法院",
        facts="案情",
        legal_issues="问题",
        lawyer_opinion="意见",
        filed_by=director,
        filed_on=D(2026, 11, 3),
    )
    # Due three working days after filing: 6 November (a Friday).
    run_days([D(2026, 11, 3), D(2026, 11, 5), D(2026, 11, 6), D(2026, 11, 9)])
    key = f"casework.filing_review:filing={filing.pk}"
    expected = [(key, "before:5"), (key, "before:1"), (key, "due"), (key, "overdue:1")]
    assert steps(staff, "casework.filing_review") == expected
    assert steps(bureau_admin, "casework.filing_review") == expected
    for user in (director, director2):
        assert steps(user, "casework.filing_review") == []
    # Acknowledged: no further reminder.
    SensitiveFiling.objects.filter(pk=filing.pk).update(status=SensitiveFiling.Status.ACKNOWLEDGED)
    run(D(2026, 11, 17))
    assert steps(staff, "casework.filing_review") == expected


def test_fourth_quarter_due_in_an_unannounced_year_is_provisional(firm, director):
    # 2027's holidays are not known to chinesecalendar: ten working days after 31 December 2026 are
    # counted on weekends only (1 January is a holiday in 2026's calendar, not in 2027's).
    due = quarter_due(2026, 4)
    assert due.provisional and due.date == D(2027, 1, 14)
    run_days([D(2027, 1, 7), D(2027, 1, 14)])
    notes = list(Notification.objects.filter(user=director, kind="casework.quarterly").order_by("id"))
    assert [(n.step, n.due_date, n.provisional) for n in notes] == [
        ("before:5", D(2027, 1, 14), True),
        ("due", D(2027, 1, 14), True),
    ]
