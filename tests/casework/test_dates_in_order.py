"""Dates that follow each other are kept in order by named check constraints, whatever writes the
row, and the forms say so in Chinese before the database has to."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone

from casework import services
from casework.models import Case, QuarterlyReport, QuarterlyReportVersion, ServiceLog

from .conftest import make_case

INTAKE = datetime.date(2026, 3, 2)  # make_case's intake date
TODAY = datetime.date(2026, 7, 20)


def _refused_by(constraint, queryset, **values):
    """An UPDATE that skips every model check is refused by the named constraint."""
    with pytest.raises(IntegrityError) as caught, transaction.atomic():
        queryset.update(**values)
    assert constraint in str(caught.value)


@pytest.mark.parametrize(
    ("constraint", "values"),
    [
        ("casework_case_contract_after_intake", {"contract_date": INTAKE - datetime.timedelta(1)}),
        ("casework_case_closed_after_intake", {"closed_on": INTAKE - datetime.timedelta(1)}),
        (
            "casework_case_archived_after_closed",
            {"closed_on": INTAKE, "archived_on": INTAKE - datetime.timedelta(1)},
        ),
        ("casework_case_archived_after_closed", {"archived_on": INTAKE}),  # archived, never closed
        ("casework_case_sensitive_due_after_intake", {"sensitive_due_on": INTAKE - datetime.timedelta(1)}),
    ],
)
def test_case_dates_out_of_order_are_refused_by_the_database(director, firm, lawyer, constraint, values):
    case = make_case(firm, director, [lawyer])
    _refused_by(constraint, Case.objects.filter(pk=case.pk), **values)


def test_case_dates_in_order_are_accepted_by_the_database(director, firm, lawyer):
    case = make_case(firm, director, [lawyer])
    Case.objects.filter(pk=case.pk).update(
        contract_date=INTAKE, closed_on=INTAKE, archived_on=INTAKE, sensitive_due_on=INTAKE
    )


@pytest.mark.parametrize(
    ("field", "message"),
    [
        ("contract_date", "合同签订日期不能早于收案日期。"),
        ("closed_on", "结案日期不能早于收案日期。"),
        ("sensitive_due_on", "备案截止日期不能早于收案日期。"),
    ],
)
def test_case_update_names_the_date_out_of_order(director, firm, lawyer, field, message):
    case = make_case(firm, director, [lawyer])
    changes = {field: INTAKE - datetime.timedelta(1)}
    if field == "sensitive_due_on":
        changes["is_sensitive"] = True
    with pytest.raises(ValidationError) as caught:
        services.case_update(case=case, expected_version=case.version, **changes)
    assert caught.value.message_dict[field] == [message]
    case.refresh_from_db()
    assert getattr(case, field) is None


def test_register_form_refuses_a_contract_signed_before_intake(login, director, firm, lawyer):
    from .conftest import make_check

    check = make_check(firm, director)
    data = {
        "case_type": "civil",
        "cause": "买卖合同纠纷",
        "intake_date": "2026-03-02",
        "lawyers": [lawyer.pk],
        "agreed_fee": "0",
        "contract_no": "HT1",
        "contract_date": "2026-03-01",
    }
    response = login(director).post(reverse("casework:case_register", args=[check.pk]), data)
    assert response.status_code == 200
    assert "合同签订日期不能早于收案日期。" in response.content.decode()
    assert not Case.objects.exists()


def _adviser_log(firm, director, lawyer):
    return services.service_log_create(
        firm=firm,
        user=director,
        kind=ServiceLog.Kind.ADVISER,
        date=datetime.date(2026, 5, 1),
        lawyers=[lawyer],
        counterpart="示范县某局",
        org_kind=ServiceLog.OrgKind.PARTY_GOVERNMENT,
        term_start=datetime.date(2026, 1, 1),
        term_end=datetime.date(2026, 12, 31),
    )


def test_adviser_term_out_of_order_is_refused_by_the_database(director, firm, lawyer):
    log = _adviser_log(firm, director, lawyer)
    _refused_by(
        "casework_servicelog_term_end_after_start",
        ServiceLog.objects.filter(pk=log.pk),
        term_end=datetime.date(2025, 12, 31),
    )


def test_adviser_term_out_of_order_is_refused_with_a_message(director, firm, lawyer):
    with pytest.raises(ValidationError) as caught:
        services.service_log_create(
            firm=firm,
            user=director,
            kind=ServiceLog.Kind.ADVISER,
            date=datetime.date(2026, 5, 1),
            lawyers=[lawyer],
            counterpart="示范县某局",
            org_kind=ServiceLog.OrgKind.PARTY_GOVERNMENT,
            term_start=datetime.date(2026, 1, 1),
            term_end=datetime.date(2025, 12, 31),
        )
    assert caught.value.message_dict["term_end"] == ["顾问期限止日不能早于起日。"]
    assert not ServiceLog.objects.exists()


@pytest.fixture
def report(firm, director):
    return services.quarterly_create(firm=firm, user=director, year=2026, quarter=2, today=TODAY)


@pytest.mark.parametrize(
    ("field", "day"),
    [
        ("due_on", datetime.date(2026, 6, 30)),  # the quarter's last day: not after it
        ("due_on", datetime.date(2025, 12, 31)),
        ("first_submitted_on", datetime.date(2026, 6, 30)),
        ("first_submitted_on", datetime.date(2026, 4, 1)),
    ],
)
def test_quarterly_dates_inside_the_quarter_are_refused_by_the_database(report, field, day):
    constraint = {
        "due_on": "casework_quarterlyreport_due_after_quarter",
        "first_submitted_on": "casework_quarterlyreport_filed_after_quarter",
    }[field]
    _refused_by(constraint, QuarterlyReport.objects.filter(pk=report.pk), **{field: day})


def test_quarterly_dates_after_the_quarter_are_accepted(report):
    # The first day after the quarter, and a fourth quarter's deadline in the next year.
    QuarterlyReport.objects.filter(pk=report.pk).update(
        due_on=datetime.date(2026, 7, 1), first_submitted_on=datetime.date(2026, 7, 1)
    )
    q4 = QuarterlyReport.objects.filter(pk=report.pk)
    q4.update(quarter=4, due_on=datetime.date(2027, 1, 15), first_submitted_on=datetime.date(2027, 1, 4))
    _refused_by(
        "casework_quarterlyreport_filed_after_quarter", q4, first_submitted_on=datetime.date(2026, 12, 31)
    )


def test_a_report_filed_inside_its_quarter_fails_full_clean_in_chinese(report):
    report.first_submitted_on = datetime.date(2026, 5, 1)
    with pytest.raises(ValidationError) as caught:
        report.full_clean()
    assert "该季度尚未结束，不能报送。" in caught.value.messages


def test_a_review_before_the_submission_is_refused_by_the_database(report, director):
    services.quarterly_submit(report=report, user=director, today=TODAY)
    version = report.versions.get()
    _refused_by(
        "casework_quarterlyreportversion_reviewed_after_submitted",
        QuarterlyReportVersion.objects.filter(pk=version.pk),
        reviewed_at=version.submitted_at - datetime.timedelta(seconds=1),
    )
    QuarterlyReportVersion.objects.filter(pk=version.pk).update(reviewed_at=timezone.now())
