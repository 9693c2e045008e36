"""Reads of casework records, scoped to what the user may see."""

import datetime

from django.db import connection, transaction
from django.db.models import Count, Exists, OuterRef, Prefetch, Q, Sum
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from bureau.permissions import Role, has_role, is_bureau, managed_firm_ids
from firms.models import Firm, Lawyer

from .models import (
    Case,
    CaseType,
    CaseworkSettings,
    ConflictCheck,
    FeeReceipt,
    Party,
    QuarterlyReport,
    SensitiveFiling,
    ServiceLog,
    party_name_key,
)

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


# --- case register ------------------------------------------------------------------------


def with_completeness(cases, today=None):
    """Annotate the 四统一 gaps: no contract or no receipt N days after intake, not archived N
    days after closing (N is a setting). One query, whatever the row count."""
    today = today or timezone.localdate()
    limit = today - datetime.timedelta(days=CaseworkSettings.load().completeness_days)
    has_receipt = Exists(FeeReceipt.objects.filter(case=OuterRef("pk")))
    return cases.annotate(has_receipt=has_receipt).annotate(
        missing_contract=Q(contract_no="", intake_date__lt=limit),
        missing_receipt=Q(has_receipt=False, intake_date__lt=limit),
        missing_archive=Q(archive_no="", closed_on__lt=limit),
    )


def incomplete_filter():
    return Q(missing_contract=True) | Q(missing_receipt=True) | Q(missing_archive=True)


def case_list(user, *, year=None, case_type=None, status=None, legal_aid=None, incomplete=False, q=""):
    cases = visible_cases(user).select_related("firm")
    if year:
        cases = cases.filter(year=year)
    if case_type:
        cases = cases.filter(case_type=case_type)
    if status:
        cases = cases.filter(status=status)
    if legal_aid:
        cases = cases.filter(is_legal_aid=True)
    if q:
        cases = cases.filter(Q(intake_no__icontains=q) | Q(cause__icontains=q))
    cases = with_completeness(cases)
    if incomplete:
        cases = cases.filter(incomplete_filter())
    return cases.prefetch_related(
        Prefetch("lawyers", queryset=Lawyer.objects.only("id", "name")),
        Prefetch("parties", queryset=Party.objects.only("id", "case_id", "name", "role")),
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
    """Each firm with its cases of `year`, legal-aid cases among them and its incomplete cases
    (the 四统一 mark per firm): three queries whatever the number of firms or cases."""
    per_firm = {
        row["firm_id"]: row
        for row in Case.objects.filter(year=year)
        .order_by()
        .values("firm_id")
        .annotate(cases=Count("id"), legal_aid=Count("id", filter=Q(is_legal_aid=True)))
    }
    incomplete = firm_incomplete_counts()
    rows = []
    for firm in Firm.objects.exclude(status=Firm.Status.DEREGISTERED).only("id", "name"):
        counts = per_firm.get(firm.pk, {})
        rows.append(
            {
                "firm": firm,
                "cases": counts.get("cases", 0),
                "legal_aid": counts.get("legal_aid", 0),
                "incomplete": incomplete.get(firm.pk, 0),
            }
        )
    return rows


# --- conflict search ------------------------------------------------------------------------

HIT_LIMIT = 30


def search_conflicts(*, firm, parties):
    """Hits among `firm`'s own parties for each entered party: the same identity number or
    credit code, or a name similar by trigrams (PostgreSQL pg_trgm `%`). Each hit names the
    case and the role the party had there. Never looks outside `firm`."""
    threshold = float(CaseworkSettings.load().conflict_similarity)
    hits = []
    with transaction.atomic(), connection.cursor() as cursor:
        # SET LOCAL: the threshold holds for this transaction only.
        cursor.execute("SELECT set_config('pg_trgm.similarity_threshold', %s, true)", [str(threshold)])
        for index, entered in enumerate(parties):
            name = (entered.get("name") or "").strip()
            key = party_name_key(name)
            code = (entered.get("id_code") or "").strip().upper()
            if not key and not code:
                continue
            cursor.execute(
                """
                SELECT p.id, p.name, p.id_code, p.role, p.kind, c.id, c.intake_no, c.cause,
                       (p.id_code <> '' AND p.id_code = %(code)s) AS exact,
                       similarity(p.name_key, %(key)s) AS score
                FROM casework_party p JOIN casework_case c ON c.id = p.case_id
                WHERE p.firm_id = %(firm)s
                  AND ((%(code)s <> '' AND p.id_code = %(code)s) OR (%(key)s <> '' AND p.name_key %% %(key)s))
                ORDER BY exact DESC, score DESC, p.id DESC
                LIMIT %(limit)s
                """,
                {"firm": firm.pk, "code": code, "key": key, "limit": HIT_LIMIT},
            )
            for pid, pname, pcode, prole, pkind, case_id, intake_no, cause, exact, score in cursor.fetchall():
                hits.append(
                    {
                        "entered_index": index,
                        "entered_name": name,
                        "entered_role": entered.get("role", ""),
                        "party_id": pid,
                        "name": pname,
                        "id_code": pcode,
                        "role": prole,
                        "kind": pkind,
                        "case_id": case_id,
                        "intake_no": intake_no,
                        "cause": cause,
                        "match": "exact" if exact else "similar",
                        "score": round(float(score), 2),
                    }
                )
    return hits


# --- sensitive filings ----------------------------------------------------------------------


def overdue_sensitive_cases(user, today=None):
    """Sensitive cases not filed by their due date (filed late counts too, until filed)."""
    today = today or timezone.localdate()
    return (
        visible_cases(user)
        .filter(is_sensitive=True, sensitive_due_on__lt=today, sensitive_filing__isnull=True)
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
                WHERE c.is_sensitive AND c.sensitive_due_on < %s
                  AND NOT EXISTS (SELECT 1 FROM casework_sensitivefiling f WHERE f.case_id = c.id)),
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
        .filter(is_sensitive=True, sensitive_due_on__gte=today, sensitive_filing__isnull=True)
        .select_related("firm")
        .order_by("sensitive_due_on", "id")
    )


# --- statistics -----------------------------------------------------------------------------

CASE_TYPES = [value for value, _label in CaseType.choices]


def quarter_bounds(year, quarter):
    start = datetime.date(year, 3 * quarter - 2, 1)
    end = datetime.date(
        year + (quarter == 4), 1 if quarter == 4 else 3 * quarter + 1, 1
    ) - datetime.timedelta(1)
    return start, end


def period_figures(start, end, firm_ids=None):
    """The statistics of a period as a plain dict of ints, by SQL aggregation over the register
    and the logs (three queries). `firm_ids` limits to some firms; None means the county."""
    cases = Case.objects.filter(intake_date__range=(start, end))
    logs = ServiceLog.objects.filter(date__range=(start, end))
    filings = SensitiveFiling.objects.filter(filed_on__range=(start, end))
    if firm_ids is not None:
        cases = cases.filter(firm_id__in=firm_ids)
        logs = logs.filter(firm_id__in=firm_ids)
        filings = filings.filter(case__firm_id__in=firm_ids)

    case_aggs = {"cases_total": Count("id"), "legal_aid_cases": Count("id", filter=Q(is_legal_aid=True))}
    for case_type in CASE_TYPES:
        case_aggs[f"cases_{case_type}"] = Count("id", filter=Q(case_type=case_type))
    for case_type in ("criminal", "civil", "administrative"):
        case_aggs[f"legal_aid_{case_type}"] = Count("id", filter=Q(case_type=case_type, is_legal_aid=True))
    case_aggs["sensitive_cases"] = Count("id", filter=Q(is_sensitive=True))
    figures = cases.aggregate(**case_aggs)

    k = ServiceLog.Kind

    def total(field, kind, **extra):
        return Coalesce(Sum(field, filter=Q(kind=kind, **extra)), 0)

    figures.update(
        logs.aggregate(
            legal_help_person_times=total("person_times", k.LEGAL_HELP),
            consultation_person_times=total("person_times", k.CONSULTATION),
            petition_person_times=total("person_times", k.PETITION),
            adviser_engagements=Count("id", filter=Q(kind=k.ADVISER)),
            mediation_disputes_taken=total("disputes_taken", k.MEDIATION),
            mediation_disputes_settled=total("disputes_settled", k.MEDIATION),
            road_traffic_disputes=total("disputes_taken", k.MEDIATION, dispute_category__contains="交通"),
            health_check_enterprises=Count("id", filter=Q(kind=k.HEALTH_CHECK)),
            health_check_opinion_letters=total("opinion_letters", k.HEALTH_CHECK),
            health_check_risk_points=total("risk_points", k.HEALTH_CHECK),
            military_agreements=Count("id", filter=Q(kind=k.MILITARY)),
            veterans_person_times=total("person_times", k.VETERANS),
            duty_shifts=Count("id", filter=Q(kind=k.DUTY)),
        )
    )
    figures["sensitive_filings"] = filings.count()
    return figures


def year_figures(year, firm_ids=None):
    """The county's (or some firms') figures of a calendar year, from the records, as a plain
    dict of ints. The yearly report reads this."""
    return period_figures(datetime.date(year, 1, 1), datetime.date(year, 12, 31), firm_ids)


def quarter_overview(year, quarter, today=None):
    """Every practising firm with its report for the quarter (or None), the lateness in working
    days, and the county's totals of accepted or submitted figures. Bounded queries."""
    from bureau.workdays import working_days_between

    from .services import quarter_due

    today = today or timezone.localdate()
    due = quarter_due(year, quarter)
    reports = {
        r.firm_id: r
        for r in QuarterlyReport.objects.filter(year=year, quarter=quarter).select_related("firm")
    }
    firms = Firm.objects.exclude(status=Firm.Status.DEREGISTERED).only("id", "name")
    late_cache = {}

    def late_days(day):
        if day <= due.date:
            return 0
        if day not in late_cache:
            late_cache[day] = working_days_between(due.date, day)
        return late_cache[day]

    rows, totals = [], {}
    for firm in firms:
        report = reports.get(firm.pk)
        filed_on = report.first_submitted_on if report else None
        rows.append(
            {
                "firm": firm,
                "report": report,
                "late_days": late_days(filed_on or today),
                "filed": bool(filed_on),
            }
        )
        if report and report.status in (QuarterlyReport.Status.SUBMITTED, QuarterlyReport.Status.ACCEPTED):
            for key, entry in report.figures.items():
                totals[key] = totals.get(key, 0) + int(entry.get("value", 0))
    return {
        "due": due,
        "rows": rows,
        "totals": totals,
        "filed_count": sum(row["filed"] for row in rows),
        "late_count": sum(bool(row["late_days"]) for row in rows),
    }


# The figures of a period, in the order the reports show them.
FIGURES = [
    ("cases_total", _("收案总数")),
    ("cases_criminal", _("刑事案件")),
    ("cases_civil", _("民事案件")),
    ("cases_administrative", _("行政案件")),
    ("cases_non_litigation", _("非诉讼事务")),
    ("cases_arbitration", _("仲裁案件")),
    ("cases_other", _("其他案件")),
    ("legal_aid_cases", _("法律援助案件")),
    ("legal_aid_criminal", _("其中：刑事法律援助")),
    ("legal_aid_civil", _("其中：民事法律援助")),
    ("legal_aid_administrative", _("其中：行政法律援助")),
    ("sensitive_cases", _("重大敏感案件")),
    ("sensitive_filings", _("重大敏感案件备案（件）")),
    ("legal_help_person_times", _("法律帮助（人次）")),
    ("consultation_person_times", _("法律咨询（人次）")),
    ("petition_person_times", _("接访（人次）")),
    ("adviser_engagements", _("担任法律顾问（家）")),
    ("mediation_disputes_taken", _("参与调解纠纷（件）")),
    ("mediation_disputes_settled", _("调解成功（件）")),
    ("road_traffic_disputes", _("其中：道路交通事故纠纷（件）")),
    ("health_check_enterprises", _("法治体检企业（家）")),
    ("health_check_opinion_letters", _("法治体检出具法律意见书（份）")),
    ("health_check_risk_points", _("法治体检发现风险点（个）")),
    ("military_agreements", _("军地法律服务协议（份）")),
    ("veterans_person_times", _("退役军人法律服务（人次）")),
    ("duty_shifts", _("公共法律服务值班（次）")),
]
