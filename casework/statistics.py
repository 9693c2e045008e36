"""The figures of a period (季度统计, the yearly report) from the register and the logs, and the
bureau's overview of one quarter's reports. Reads over every firm; the views decide who sees them."""

import datetime

from django.db.models import Count, Q, Sum
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.translation import gettext as _t
from django.utils.translation import gettext_lazy as _

from bureau.workdays import working_days_between
from firms.models import Firm

from .models import Case, CaseType, QuarterlyReport, SensitiveFiling, ServiceLog
from .quarters import quarter_due

CASE_TYPES = [value for value, _label in CaseType.choices]


def _case_aggregates():
    aggs = {"cases_total": Count("id"), "legal_aid_cases": Count("id", filter=Q(is_legal_aid=True))}
    for case_type in CASE_TYPES:
        aggs[f"cases_{case_type}"] = Count("id", filter=Q(case_type=case_type))
    for case_type in ("criminal", "civil", "administrative"):
        aggs[f"legal_aid_{case_type}"] = Count("id", filter=Q(case_type=case_type, is_legal_aid=True))
    aggs["sensitive_cases"] = Count("id", filter=Q(is_sensitive=True))
    return aggs


def _log_aggregates():
    k = ServiceLog.Kind

    def total(field, kind, **extra):
        return Coalesce(Sum(field, filter=Q(kind=kind, **extra)), 0)

    return {
        "legal_help_person_times": total("person_times", k.LEGAL_HELP),
        "consultation_person_times": total("person_times", k.CONSULTATION),
        "petition_person_times": total("person_times", k.PETITION),
        "adviser_engagements": Count("id", filter=Q(kind=k.ADVISER)),
        "mediation_disputes_taken": total("disputes_taken", k.MEDIATION),
        "mediation_disputes_settled": total("disputes_settled", k.MEDIATION),
        "road_traffic_disputes": total("disputes_taken", k.MEDIATION, dispute_category__contains="交通"),
        "health_check_enterprises": Count("id", filter=Q(kind=k.HEALTH_CHECK)),
        "health_check_opinion_letters": total("opinion_letters", k.HEALTH_CHECK),
        "health_check_risk_points": total("risk_points", k.HEALTH_CHECK),
        "military_agreements": Count("id", filter=Q(kind=k.MILITARY)),
        "veterans_person_times": total("person_times", k.VETERANS),
        "duty_shifts": Count("id", filter=Q(kind=k.DUTY)),
    }


def _period_records(start, end):
    """The register rows, logs and filings of a period, each by the date the user stated (intake,
    service date, filing date), never by when it was recorded."""
    return (
        Case.objects.filter(intake_date__range=(start, end)),
        ServiceLog.objects.filter(date__range=(start, end)),
        SensitiveFiling.objects.filter(filed_on__range=(start, end)),
    )


def period_figures(start, end, firm_ids=None):
    """The statistics of a period as a plain dict of ints, by SQL aggregation over the register
    and the logs (three queries). `firm_ids` limits to some firms; None means the county."""
    cases, logs, filings = _period_records(start, end)
    if firm_ids is not None:
        cases = cases.filter(firm_id__in=firm_ids)
        logs = logs.filter(firm_id__in=firm_ids)
        filings = filings.filter(case__firm_id__in=firm_ids)
    figures = cases.aggregate(**_case_aggregates())
    figures.update(logs.aggregate(**_log_aggregates()))
    figures["sensitive_filings"] = filings.count()
    return figures


def firm_period_figures(start, end):
    """{firm id: the period's figures (as period_figures)} of every firm with a record in the
    period, grouped in SQL: three queries whatever the number of firms."""
    cases, logs, filings = _period_records(start, end)
    zero = {key: 0 for key, _label in FIGURES}
    by_firm = {}
    for row in cases.order_by().values("firm_id").annotate(**_case_aggregates()):
        by_firm.setdefault(row.pop("firm_id"), dict(zero)).update(row)
    for row in logs.order_by().values("firm_id").annotate(**_log_aggregates()):
        by_firm.setdefault(row.pop("firm_id"), dict(zero)).update(row)
    for row in filings.order_by().values("case__firm_id").annotate(n=Count("id")):
        by_firm.setdefault(row["case__firm_id"], dict(zero))["sensitive_filings"] = row["n"]
    return by_firm


def year_figures(year, firm_ids=None):
    """The county's (or some firms') figures of a calendar year, from the records, as a plain
    dict of ints. The yearly report reads this."""
    return period_figures(datetime.date(year, 1, 1), datetime.date(year, 12, 31), firm_ids)


def firm_year_figures(year):
    """{firm id: that firm's figures of a calendar year} (see firm_period_figures)."""
    return firm_period_figures(datetime.date(year, 1, 1), datetime.date(year, 12, 31))


def quarter_overview(year, quarter, today=None):
    """Every practising firm with its report for the quarter (or None), the lateness in working
    days, and the county's totals of accepted or submitted figures. Bounded queries."""
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

# Cross-checks of a report's figures, the same relations the register's own figures always keep.
# The case types add up to the total; a "其中" figure (and the settled disputes) never exceeds the
# figure it is part of. Keys are listed child -> parent.
TYPE_TOTAL = ("cases_total", [f"cases_{case_type}" for case_type in CASE_TYPES])
SUB_ITEMS = {
    "legal_aid_criminal": "legal_aid_cases",
    "legal_aid_civil": "legal_aid_cases",
    "legal_aid_administrative": "legal_aid_cases",
    "mediation_disputes_settled": "mediation_disputes_taken",
    "road_traffic_disputes": "mediation_disputes_taken",
}
FIGURE_LABELS = dict(FIGURES)


def figure_errors(values):
    """Messages by figure key for `values` (key -> int) that break a cross-check."""
    errors = {}
    total_key, type_keys = TYPE_TOTAL
    if total_key in values and all(key in values for key in type_keys):
        types_sum = sum(values[key] for key in type_keys)
        if types_sum != values[total_key]:
            errors[total_key] = _t("收案总数（%(total)s）与各类型案件之和（%(sum)s）不一致。") % {
                "total": values[total_key],
                "sum": types_sum,
            }
    for child, parent in SUB_ITEMS.items():
        if child in values and parent in values and values[child] > values[parent]:
            errors[child] = _t("“%(child)s”（%(value)s）不能大于“%(parent)s”（%(limit)s）。") % {
                "child": FIGURE_LABELS[child],
                "value": values[child],
                "parent": FIGURE_LABELS[parent],
                "limit": values[parent],
            }
    aid_parts = [key for key, parent in SUB_ITEMS.items() if parent == "legal_aid_cases" and key in values]
    if "legal_aid_cases" in values and not any(key in errors for key in aid_parts):
        aid_sum = sum(values[key] for key in aid_parts)
        if aid_sum > values["legal_aid_cases"]:
            message = _t("各类法律援助案件之和（%(sum)s）不能大于法律援助案件数（%(limit)s）。")
            errors[aid_parts[0]] = message % {
                "sum": aid_sum,
                "limit": values["legal_aid_cases"],
            }
    return errors
