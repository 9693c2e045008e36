import datetime
import random

import pytest
from django.core.exceptions import ValidationError

from bureau.models import CalendarDay, CalendarYear
from casework import quarters, services
from casework.models import CaseType, QuarterlyReport, QuarterlyReportVersion, ServiceLog
from casework.quarters import quarter_bounds
from casework.statistics import quarter_overview, year_figures

from .conftest import make_case

TODAY = datetime.date(2026, 7, 20)


def _log(firm, user, lawyer, kind, date, **counts):
    return services.service_log_create(firm=firm, user=user, kind=kind, date=date, lawyers=[lawyer], **counts)


@pytest.fixture
def records(firm, other_firm, director, director2, lawyer, other_lawyer):
    """A random mix of cases and logs in 2026 (and a few outside it), with the expected counts
    tallied here by hand, independently of the aggregation under test."""
    rng = random.Random(4)
    expected = {"year": {}, "q2_firm": {}}

    def bump(bucket, key, n=1):
        expected[bucket][key] = expected[bucket].get(key, 0) + n

    types = [value for value, _label in CaseType.choices]
    for i in range(40):
        own = rng.random() < 0.6
        f, u, lw = (firm, director, lawyer) if own else (other_firm, director2, other_lawyer)
        year = 2026 if i % 8 else 2025
        day = datetime.date(year, rng.randint(1, 6), rng.randint(1, 28))
        case_type = rng.choice(types)
        aid = rng.random() < 0.3
        extra = {"is_legal_aid": True, "aid_body": "援助中心", "aid_notice_no": f"援{i}"} if aid else {}
        make_case(f, u, [lw], case_type=case_type, intake_date=day, **extra)
        for bucket, counted in (("year", year == 2026), ("q2_firm", own and year == 2026 and day.month >= 4)):
            if counted:
                bump(bucket, "cases_total")
                bump(bucket, f"cases_{case_type}")
                if aid:
                    bump(bucket, "legal_aid_cases")
                    if case_type in ("criminal", "civil", "administrative"):
                        bump(bucket, f"legal_aid_{case_type}")
    for i in range(30):
        own = rng.random() < 0.5
        f, u, lw = (firm, director, lawyer) if own else (other_firm, director2, other_lawyer)
        day = datetime.date(2026, rng.randint(1, 6), rng.randint(1, 28))
        q2 = own and day.month >= 4
        n = rng.randint(1, 9)
        kind = rng.choice(["legal_help", "petition", "mediation", "adviser"])
        if kind == "legal_help":
            _log(f, u, lw, ServiceLog.Kind.LEGAL_HELP, day, person_times=n)
            key, amount = "legal_help_person_times", n
        elif kind == "petition":
            _log(f, u, lw, ServiceLog.Kind.PETITION, day, person_times=n)
            key, amount = "petition_person_times", n
        elif kind == "mediation":
            _log(
                f,
                u,
                lw,
                ServiceLog.Kind.MEDIATION,
                day,
                counterpart="城关镇人民调解委员会",
                dispute_category="道路交通事故纠纷",
                disputes_taken=n,
                disputes_settled=n - 1,
            )
            key, amount = "mediation_disputes_taken", n
            for bucket, counted in (("year", True), ("q2_firm", q2)):
                if counted:
                    bump(bucket, "mediation_disputes_settled", n - 1)
                    bump(bucket, "road_traffic_disputes", n)
        else:
            _log(
                f,
                u,
                lw,
                ServiceLog.Kind.ADVISER,
                day,
                counterpart=f"某镇政府{i}",
                org_kind="town",
                term_start=day,
            )
            key, amount = "adviser_engagements", 1
        bump("year", key, amount)
        if q2:
            bump("q2_firm", key, amount)
    return expected


def _check(figures, expected):
    for key, value in figures.items():
        assert value == expected.get(key, 0), key


def test_year_figures_equal_independent_counts(records):
    figures = year_figures(2026)
    assert isinstance(figures, dict) and figures["cases_total"] > 0
    _check(figures, records["year"])


def test_quarterly_report_is_prefilled_from_the_records(firm, director, records):
    report = services.quarterly_create(firm=firm, user=director, year=2026, quarter=2, today=TODAY)
    _check({k: v["value"] for k, v in report.figures.items()}, records["q2_firm"])
    assert all(v["prefilled"] == v["value"] for v in report.figures.values())


def test_changed_figure_needs_a_reason(firm, director):
    report = services.quarterly_create(firm=firm, user=director, year=2026, quarter=2, today=TODAY)
    with pytest.raises(ValidationError) as exc:
        services.quarterly_save_figures(
            report=report, expected_version=report.version, values={"legal_help_person_times": (5, "")}
        )
    assert "legal_help_person_times" in exc.value.message_dict
    assert QuarterlyReport.objects.get().figures["legal_help_person_times"]["value"] == 0
    services.quarterly_save_figures(
        report=report,
        expected_version=report.version,
        values={"legal_help_person_times": (5, "补录纸质台账")},
    )
    entry = QuarterlyReport.objects.get().figures["legal_help_person_times"]
    assert entry == {"prefilled": 0, "value": 5, "reason": "补录纸质台账"}


def test_negative_figure_is_refused(firm, director):
    report = services.quarterly_create(firm=firm, user=director, year=2026, quarter=2, today=TODAY)
    with pytest.raises(ValidationError):
        services.quarterly_save_figures(
            report=report, expected_version=report.version, values={"cases_total": (-1, "x")}
        )


def test_duplicate_filing_is_refused(firm, director):
    services.quarterly_create(firm=firm, user=director, year=2026, quarter=2, today=TODAY)
    with pytest.raises(ValidationError) as exc:
        services.quarterly_create(firm=firm, user=director, year=2026, quarter=2, today=TODAY)
    assert "不能重复报送" in str(exc.value)
    assert QuarterlyReport.objects.count() == 1


def test_unfinished_quarter_cannot_be_filed(firm, director):
    with pytest.raises(ValidationError):
        services.quarterly_create(firm=firm, user=director, year=2026, quarter=3, today=TODAY)


def test_submit_return_resubmit_accept_keeps_every_version(firm, director, staff):
    report = services.quarterly_create(firm=firm, user=director, year=2026, quarter=2, today=TODAY)
    services.quarterly_submit(report=report, user=director, today=TODAY)
    with pytest.raises(ValidationError):
        services.quarterly_submit(report=report, user=director, today=TODAY)
    with pytest.raises(ValidationError):
        services.quarterly_review(report=report, user=staff, accept=False, comment="")
    services.quarterly_review(report=report, user=staff, accept=False, comment="法律帮助人次与台账不符")
    report.refresh_from_db()
    services.quarterly_save_figures(
        report=report, expected_version=report.version, values={"legal_help_person_times": (3, "补录")}
    )
    services.quarterly_submit(report=report, user=director, today=TODAY)
    services.quarterly_review(report=report, user=staff, accept=True)
    report.refresh_from_db()
    assert report.status == QuarterlyReport.Status.ACCEPTED
    versions = list(QuarterlyReportVersion.objects.filter(report=report).order_by("number"))
    assert [(v.number, v.decision) for v in versions] == [(1, "returned"), (2, "accepted")]
    assert versions[0].figures["legal_help_person_times"]["value"] == 0
    assert versions[1].figures["legal_help_person_times"]["value"] == 3


def test_due_date_and_lateness_in_working_days_across_a_holiday(firm, other_firm, director):
    # Q3 2026 ends on Wednesday 30 September; 1-7 October is the National Day holiday in 2026
    # (8 October a working day), and Saturday 10 October a 调休 working day.
    report = services.quarterly_create(
        firm=firm, user=director, year=2026, quarter=3, today=datetime.date(2026, 11, 2)
    )
    assert quarter_bounds(2026, 3)[1] == datetime.date(2026, 9, 30)
    assert report.due_on == quarters.quarter_due(2026, 3).date
    assert report.due_on > datetime.date(2026, 10, 14)  # more than 10 calendar days: holiday skipped
    filed = datetime.date(2026, 11, 2)
    services.quarterly_submit(report=report, user=director, today=filed)
    report.refresh_from_db()
    from bureau.workdays import working_days_between

    assert quarters.late_working_days(report) == working_days_between(report.due_on, filed) > 0
    overview = quarter_overview(2026, 3, today=filed)
    rows = {row["firm"].pk: row for row in overview["rows"]}
    assert rows[firm.pk]["filed"] and rows[firm.pk]["late_days"] == quarters.late_working_days(report)
    assert not rows[other_firm.pk]["filed"] and rows[other_firm.pk]["late_days"] > 0


def test_bureau_entered_holiday_moves_the_due_date(firm, director):
    # 2027 is not in the chinesecalendar package; the bureau enters its own holiday.
    plain = quarters.quarter_due(2027, 1)
    assert plain.provisional
    year = CalendarYear.objects.create(year=2027, notice="国办发明电〔2026〕X号")
    CalendarDay.objects.create(
        calendar_year=year, date=datetime.date(2027, 4, 5), is_workday=False, name="清明节"
    )
    later = quarters.quarter_due(2027, 1)
    assert later.date > plain.date and not later.provisional
