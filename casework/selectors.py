"""Reads of casework records, scoped to what the user may see."""

import datetime

from django.db import connection
from django.db.models import Count, Exists, OuterRef, Prefetch, Q, Sum
from django.db.models.functions import Coalesce
from django.utils import timezone

from bureau.permissions import Role, has_role, is_bureau
from firms.models import Firm, Lawyer
from firms.permissions import managed_firm_ids

from .models import (
    Case,
    CaseworkSettings,
    ConflictCheck,
    FeeReceipt,
    FirmCaseSettings,
    Party,
    PartyRole,
    QuarterlyReport,
    SensitiveFiling,
    ServiceLog,
)

# The yearly report's figures live with the other statistics; the report's contribution reads
# them through this module, as it reads every other casework figure.
from .statistics import year_figures  # noqa: F401

# --- who sees what --------------------------------------------------------------------------


def is_director(user):
    return has_role(user, Role.FIRM_DIRECTOR)


def kept_firm_ids(user):
    """Firms whose casework the user keeps (edits): their own firm, for directors only."""
    if is_director(user):
        return managed_firm_ids(user)
    return Firm.objects.none().values("id")


def director_firm(user):
    """The firm a director keeps (the first, should a director keep several), or None."""
    if not is_director(user):
        return None
    return Firm.objects.filter(id__in=managed_firm_ids(user)).order_by("id").first()


def _scoped(queryset, user, firm_field="firm_id"):
    if is_bureau(user):
        return queryset
    if is_director(user):
        return queryset.filter(**{f"{firm_field}__in": managed_firm_ids(user)})
    return queryset.none()


def importable_firms(user):
    """Firms whose cases and logs the user may import: any firm for bureau staff (entering records
    on the firm's behalf), their own firm for a director, none for anyone else."""
    if is_bureau(user):
        return Firm.objects.all()
    return Firm.objects.filter(id__in=kept_firm_ids(user))


def can_read_casework(user):
    return is_bureau(user) or is_director(user)


def can_edit_firm_records(user, firm_id):
    """Only the firm's own director edits its cases, logs and reports; bureau staff read them."""
    return is_director(user) and Firm.objects.filter(pk=firm_id, id__in=managed_firm_ids(user)).exists()


def visible_cases(user):
    return _scoped(Case.objects.all(), user)


def visible_checks(user):
    return _scoped(ConflictCheck.objects.all(), user)


def visible_logs(user):
    return _scoped(ServiceLog.objects.all(), user)


def visible_reports(user):
    return _scoped(QuarterlyReport.objects.all(), user)


def visible_filings(user):
    return _scoped(SensitiveFiling.objects.all(), user, firm_field="case__firm_id")


def firm_lawyers(firm):
    return Lawyer.objects.filter(firm=firm, status=Lawyer.Status.PRACTISING)


def firm_numbering(firm):
    """The firm's intake numbering, or the defaults (unsaved) while the firm has not set its own:
    showing the page writes nothing."""
    return FirmCaseSettings.objects.filter(firm=firm).first() or FirmCaseSettings(firm=firm)


# --- case register ------------------------------------------------------------------------


def with_completeness(cases, today=None):
    """Annotate the 四统一 gaps: no contract or no receipt N days after intake (no receipt is owed
    for legal aid or pro bono), not archived N days after closing (N is a setting). Read from the
    case row (has_receipt is kept by the database), so a count of the incomplete cases is served
    by the gaps index (casework_case_gaps_idx) and a page of rows costs nothing more."""
    today = today or timezone.localdate()
    limit = today - datetime.timedelta(days=CaseworkSettings.load().completeness_days)
    return cases.annotate(
        missing_contract=Q(contract_no="", intake_date__lt=limit),
        # Legal aid and pro bono are taken without a fee: no receipt is owed.
        missing_receipt=Q(has_receipt=False, intake_date__lt=limit, is_legal_aid=False, is_pro_bono=False),
        missing_archive=Q(archive_no="", closed_on__lt=limit),
    )


def incomplete_filter():
    return Q(missing_contract=True) | Q(missing_receipt=True) | Q(missing_archive=True)


LIST_COLUMNS = (
    "id", "firm_id", "year", "serial", "intake_no", "case_type", "cause", "intake_date", "status",
    "is_legal_aid", "is_sensitive", "firm__name", "firm__short_name",
)


def case_list(user):
    """The cases the user may see, newest first, with the 四统一 gaps annotated and the lawyers
    and parties the list shows prefetched; casework.filters.CaseFilter narrows it.

    A director's firms are read first (one query) and named in the filter: with the firm as a
    constant, PostgreSQL reads the newest cases straight from casework_case_firm_list_idx and stops
    at the page's end, where a subquery made it read and sort every case of the firm."""
    if is_bureau(user):
        cases = Case.objects.all()
    elif is_director(user):
        firm_ids = list(managed_firm_ids(user).values_list("content_object_id", flat=True))
        cases = Case.objects.filter(firm_id__in=[int(pk) for pk in firm_ids])
    else:
        cases = Case.objects.none()
    # Only the columns a row shows (and the keyset's): a firm row has some forty columns.
    cases = with_completeness(cases.select_related("firm").only(*LIST_COLUMNS))
    # Into lists (to_attr): a row reads them without making a related manager per access.
    return cases.prefetch_related(
        Prefetch("lawyers", queryset=Lawyer.objects.only("id", "name"), to_attr="lawyer_list"),
        Prefetch(
            "parties",
            queryset=Party.objects.filter(role=PartyRole.CLIENT).only("id", "case_id", "name"),
            to_attr="clients",
        ),
    ).order_by("-year", "-serial", "-id")


def case_detail_queryset(user):
    return (
        with_completeness(visible_cases(user))
        .select_related(
            "firm", "conflict_check", "conflict_check__checked_by", "registered_by", "sensitive_filing"
        )
        .prefetch_related("lawyers", "parties", "receipts")
    )


def firm_incomplete_counts(firm_ids=None):
    """{firm_id: number of incomplete cases} in one grouped query."""
    cases = Case.objects.all() if firm_ids is None else Case.objects.filter(firm_id__in=firm_ids)
    rows = (
        with_completeness(cases)
        .filter(incomplete_filter())
        .order_by()
        .values("firm_id")
        .annotate(n=Count("id"))
    )
    return {row["firm_id"]: row["n"] for row in rows}


def firm_case_summary(year):
    """Each firm with its cases of `year`, legal-aid cases and incomplete cases among them (the
    四统一 mark per firm): two queries whatever the number of firms or cases."""
    per_firm = {
        row["firm_id"]: row
        for row in with_completeness(Case.objects.filter(year=year))
        .order_by()
        .values("firm_id")
        .annotate(
            cases=Count("id"),
            legal_aid=Count("id", filter=Q(is_legal_aid=True)),
            incomplete=Count("id", filter=incomplete_filter()),
        )
    }
    rows = []
    for firm in register_firms():
        counts = per_firm.get(firm.pk, {})
        rows.append(
            {
                "firm": firm,
                "cases": counts.get("cases", 0),
                "legal_aid": counts.get("legal_aid", 0),
                "incomplete": counts.get("incomplete", 0),
            }
        )
    return rows


def register_firms():
    """The firms a clerk picks from in the register's filter and summary (not deregistered)."""
    return Firm.objects.exclude(status=Firm.Status.DEREGISTERED).only("id", "name").order_by("name")


# --- sensitive filings ----------------------------------------------------------------------


def overdue_sensitive_cases(user, today=None):
    """Sensitive cases not filed by their due date (filed late counts too, until filed)."""
    today = today or timezone.localdate()
    return (
        visible_cases(user)
        .filter(is_sensitive=True, sensitive_due_on__lt=today, sensitive_filed=False)
        .select_related("firm")
        .order_by("sensitive_due_on", "id")
    )


def bureau_work_counts(today):
    """(overdue sensitive cases, filings awaiting the bureau, reports awaiting review), county-wide,
    in one query for the bureau dashboard."""
    with connection.cursor() as cursor:
        cursor.execute(
            """
            SELECT
              (SELECT count(*) FROM casework_case c
                WHERE c.is_sensitive AND NOT c.sensitive_filed AND c.sensitive_due_on < %s),
              (SELECT count(*) FROM casework_sensitivefiling WHERE status = %s),
              (SELECT count(*) FROM casework_quarterlyreport WHERE status = %s)
            """,
            [today, SensitiveFiling.Status.FILED, QuarterlyReport.Status.SUBMITTED],
        )
        return cursor.fetchone()


def pending_sensitive_cases(user, today=None):
    """Sensitive cases awaiting a filing and not yet overdue."""
    today = today or timezone.localdate()
    return (
        visible_cases(user)
        .filter(is_sensitive=True, sensitive_due_on__gte=today, sensitive_filed=False)
        .select_related("firm")
        .order_by("sensitive_due_on", "id")
    )


# --- the yearly report's casework section ----------------------------------------------------
# Besides year_figures(): the breakdowns only the yearly report shows, each one aggregate query.

HEALTH_CHECK_TOTALS = (
    "publicity_sessions",
    "consultations",
    "opinion_letters",
    "risk_points",
    "matters_handled",
    "contracts_reviewed",
    "problems_found",
)


def year_adviser_counts(year):
    """{organisation kind: legal-adviser engagements logged in `year`}."""
    logs = ServiceLog.objects.filter(
        date__range=(datetime.date(year, 1, 1), datetime.date(year, 12, 31)), kind=ServiceLog.Kind.ADVISER
    )
    return dict(logs.values_list("org_kind").annotate(n=Count("id")).order_by())


def year_health_check_totals(year):
    """The enterprise legal health checks of `year`: "enterprises" (one log each) and the sums of
    HEALTH_CHECK_TOTALS."""
    logs = ServiceLog.objects.filter(
        date__range=(datetime.date(year, 1, 1), datetime.date(year, 12, 31)),
        kind=ServiceLog.Kind.HEALTH_CHECK,
    )
    return logs.aggregate(
        enterprises=Count("id"), **{name: Coalesce(Sum(name), 0) for name in HEALTH_CHECK_TOTALS}
    )


def _year(year):
    return datetime.date(year, 1, 1), datetime.date(year, 12, 31)


def year_mediation_by_category(year):
    """[(dispute category, disputes taken, settled)] of the mediation logged in `year`, largest
    first; logs without a category under ""."""
    logs = ServiceLog.objects.filter(date__range=_year(year), kind=ServiceLog.Kind.MEDIATION)
    rows = (
        logs.values("dispute_category")
        .annotate(taken=Coalesce(Sum("disputes_taken"), 0), settled=Coalesce(Sum("disputes_settled"), 0))
        .order_by("-taken", "dispute_category")
    )
    return [(row["dispute_category"].strip(), row["taken"], row["settled"]) for row in rows]


def year_duty_by_place(year):
    """{duty place: shifts logged in `year`}."""
    logs = ServiceLog.objects.filter(date__range=_year(year), kind=ServiceLog.Kind.DUTY)
    return dict(logs.values_list("duty_place").annotate(n=Count("id")).order_by())


def year_completeness(year):
    """The 四统一 gaps among the cases taken in `year`, as they stood at the year's end, from the
    dates the records carry (contract signed, receipt, archiving): a contract or receipt dated
    later, or an archiving done later, leaves the gap open in that year's report; a legal-aid case
    or pro-bono case needs no receipt. Two queries, whatever the number of cases."""
    start, end = _year(year)
    limit = end - datetime.timedelta(days=CaseworkSettings.load().completeness_days)
    cases = Case.objects.filter(intake_date__range=(start, end))
    missing_contract = Q(intake_date__lt=limit) & (Q(contract_no="") | Q(contract_date__gt=end))
    missing_archive = Q(closed_on__lt=limit) & (Q(archive_no="") | Q(archived_on__gt=end))
    counts = cases.aggregate(
        total=Count("id"),
        missing_contract=Count("id", filter=missing_contract),
        missing_archive=Count("id", filter=missing_archive),
        contract_or_archive=Count("id", filter=missing_contract | missing_archive),
    )
    # The receipt gap in a query of its own, where NOT EXISTS is one anti-join: as a filter of
    # the counts above PostgreSQL probed the receipts once per case and per count that used it
    # (seconds for a province's year). Legal aid and pro bono collect no fee: no receipt is owed
    # (as in with_completeness).
    no_receipt = cases.filter(intake_date__lt=limit, is_legal_aid=False, is_pro_bono=False).exclude(
        Exists(FeeReceipt.objects.filter(case=OuterRef("pk"), received_on__lte=end))
    )
    receipts = no_receipt.aggregate(
        missing=Count("id"), with_other_gap=Count("id", filter=missing_contract | missing_archive)
    )
    return {
        "total": counts["total"],
        "missing_contract": counts["missing_contract"],
        "missing_receipt": receipts["missing"],
        "missing_archive": counts["missing_archive"],
        "incomplete": counts["contract_or_archive"] + receipts["missing"] - receipts["with_other_gap"],
    }


def year_quarterly_filing(year):
    """{quarter: {"filed", "on_time", "accepted"}} of the firms' quarterly reports of `year`."""
    from django.db.models import F

    rows = (
        QuarterlyReport.objects.filter(year=year)
        .values("quarter")
        .annotate(
            filed=Count("id", filter=Q(first_submitted_on__isnull=False)),
            on_time=Count("id", filter=Q(first_submitted_on__lte=F("due_on"))),
            accepted=Count("id", filter=Q(status=QuarterlyReport.Status.ACCEPTED)),
        )
        .order_by()
    )
    return {row["quarter"]: row for row in rows}


def firm_casework_summary(firm, year, today=None):
    """The firm page's casework figures: cases of `year`, legal aid among them, incomplete cases
    (one query) and the latest quarterly report (one query)."""
    counts = with_completeness(Case.objects.filter(firm=firm), today).aggregate(
        this_year=Count("id", filter=Q(year=year)),
        legal_aid=Count("id", filter=Q(year=year, is_legal_aid=True)),
        incomplete_count=Count("id", filter=incomplete_filter()),
    )
    latest = QuarterlyReport.objects.filter(firm=firm).order_by("-year", "-quarter").first()
    return {"year": year, "counts": counts, "latest_report": latest}


def firms_without_report(user, year, quarter):
    """The firms the user keeps that have not yet submitted their report of the quarter (one query)."""
    submitted = QuarterlyReport.objects.filter(year=year, quarter=quarter, first_submitted_on__isnull=False)
    return (
        Firm.objects.filter(id__in=kept_firm_ids(user))
        .exclude(id__in=submitted.values("firm_id"))
        .order_by("name")
    )


def sensitive_cases_to_file(user):
    """Sensitive cases the user may see that still await their filing, earliest due first."""
    return (
        visible_cases(user)
        .filter(is_sensitive=True, sensitive_filed=False, sensitive_due_on__isnull=False)
        .select_related("firm")
        .order_by("sensitive_due_on", "id")
    )
