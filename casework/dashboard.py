"""Items this app adds to the dashboards: dicts with label, count, url and warn (bool)."""

from django.db.models import Count, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from bureau.permissions import is_bureau

from . import selectors
from .models import Case, QuarterlyReport


def bureau_items(user):
    if not is_bureau(user):
        return []
    # One query: overdue sensitive cases, filings and reports awaiting the bureau.
    overdue, unread, to_review = selectors.bureau_work_counts(timezone.localdate())
    return [
        {
            "label": _("逾期未备案的重大敏感案件"),
            "count": overdue,
            "url": reverse("casework:sensitive_list"),
            "warn": True,
        },
        {
            "label": _("待审阅的敏感案件备案"),
            "count": unread,
            "url": reverse("casework:sensitive_list"),
            "warn": False,
        },
        {
            "label": _("待审核的季度统计"),
            "count": to_review,
            "url": reverse("casework:quarterly_list"),
            "warn": False,
        },
    ]


def director_items(user):
    if not selectors.is_director(user):
        return []
    today = timezone.localdate()
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
            "url": reverse("casework:sensitive_list"),
            "warn": True,
        },
        {
            "label": _("被退回的季度统计"),
            "count": returned,
            "url": reverse("casework:quarterly_list"),
            "warn": True,
        },
    ]


def inspector_items(user):
    return []


def firm_section(user, firm):
    """What the firm page shows of this app for `firm`: a dict for the template
    "<app>/_firm_section.html" (as `section`), or None for nothing. `user` may see `firm`."""
    if not selectors.can_read_casework(user):
        return None
    year = timezone.localdate().year
    cases = selectors.with_completeness(Case.objects.filter(firm=firm))
    counts = cases.aggregate(
        this_year=Count("id", filter=Q(year=year)),
        legal_aid=Count("id", filter=Q(year=year, is_legal_aid=True)),
        incomplete_count=Count("id", filter=selectors.incomplete_filter()),
    )
    latest = QuarterlyReport.objects.filter(firm=firm).order_by("-year", "-quarter").first()
    return {"year": year, "counts": counts, "latest_report": latest}
