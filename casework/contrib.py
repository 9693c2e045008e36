"""What casework shows in the foundation (see bureau.contrib): its section of the yearly report
(built in report.py), its dashboard cards and its section of the firm page; its deadlines are in
deadlines.py. Built from this app's selectors only."""

from django.db.models import Count, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from bureau.contrib import registry
from bureau.permissions import is_bureau

from . import selectors
from .models import QuarterlyReport, SensitiveFiling

# The report section and its summary sentences live in report.py.
from .report import report_section, summary_sentences  # noqa: F401

# Each card's link carries the filter that lists exactly the records it counts.


def bureau_items(user, today=None):
    if not is_bureau(user):
        return []
    # One query: overdue sensitive cases, filings and reports awaiting the bureau.
    overdue, unread, to_review = selectors.bureau_work_counts(today or timezone.localdate())
    return [
        {
            "label": _("逾期未备案的重大敏感案件"),
            "count": overdue,
            "url": reverse("casework:sensitive_list") + "?show=overdue",
            "warn": True,
        },
        {
            "label": _("待审阅的敏感案件备案"),
            "count": unread,
            "url": reverse("casework:sensitive_list")
            + f"?show=filings&status={SensitiveFiling.Status.FILED}",
            "warn": False,
        },
        {
            "label": _("待审核的季度统计"),
            "count": to_review,
            "url": reverse("casework:quarterly_list") + f"?status={QuarterlyReport.Status.SUBMITTED}",
            "warn": False,
        },
    ]


def director_items(user, today=None):
    if not selectors.is_director(user):
        return []
    today = today or timezone.localdate()
    # 1 query: this year's cases and the incomplete ones among them.
    counts = selectors.with_completeness(selectors.visible_cases(user), today).aggregate(
        this_year=Count("id", filter=Q(year=today.year)),
        incomplete_count=Count("id", filter=selectors.incomplete_filter()),
    )
    overdue = selectors.overdue_sensitive_cases(user, today).count()
    returned = selectors.visible_reports(user).filter(status=QuarterlyReport.Status.RETURNED).count()
    return [
        {
            "label": _("本年收案"),
            "count": counts["this_year"],
            "url": reverse("casework:case_list") + f"?year={today.year}",
            "warn": False,
        },
        {
            "label": _("四统一不完整的案件"),
            "count": counts["incomplete_count"],
            "url": reverse("casework:case_list") + "?incomplete=1",
            "warn": True,
        },
        {
            "label": _("逾期未备案的重大敏感案件"),
            "count": overdue,
            "url": reverse("casework:sensitive_list") + "?show=overdue",
            "warn": True,
        },
        {
            "label": _("被退回的季度统计"),
            "count": returned,
            "url": reverse("casework:quarterly_list") + f"?status={QuarterlyReport.Status.RETURNED}",
            "warn": True,
        },
    ]


def firm_section(user, firm):
    """The firm page's casework card, for bureau staff and the firm's director."""
    if not selectors.can_read_casework(user):
        return None
    return selectors.firm_casework_summary(firm, timezone.localdate().year)


registry.register_report_section("casework", report_section, order=20)
registry.register_dashboard_cards(bureau_items, dashboards=("bureau",), order=20)
registry.register_dashboard_cards(director_items, dashboards=("director",), order=20)
registry.register_firm_section(firm_section, template="casework/_firm_section.html", order=20)

from . import deadlines  # noqa: E402, F401  (this app's deadlines: casework/deadlines.py)
