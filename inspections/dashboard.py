"""Items this app adds to the dashboards: dicts with label, count, url and warn (bool).
Each function runs one aggregate query."""

from django.db.models import Count, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from .models import Inspection
from .selectors import visible_inspections


def _counts(inspections, **extra):
    today = timezone.localdate()
    return inspections.aggregate(
        overdue=Count("id", filter=Q(rectification="pending", rectification_deadline__lt=today)),
        **extra,
    )


def bureau_items(user):
    today = timezone.localdate()
    unpublished = Q(concluded_on__isnull=False, published_at__isnull=True)
    counts = _counts(
        Inspection.objects.all(),
        n_publish_due=Count("id", filter=unpublished & Q(publish_due__gte=today)),
        n_publish_overdue=Count("id", filter=unpublished & Q(publish_due__lt=today)),
    )
    queue = reverse("inspections:publication_queue")
    return [
        {"label": _("待公开的检查结果"), "count": counts["n_publish_due"], "url": queue, "warn": False},
        {
            "label": _("逾期未公开的检查结果"),
            "count": counts["n_publish_overdue"],
            "url": queue,
            "warn": True,
        },
        {
            "label": _("逾期未整改"),
            "count": counts["overdue"],
            "url": reverse("inspections:inspection_list") + "?status=rectifying",
            "warn": True,
        },
    ]


def inspector_items(user):
    counts = _counts(
        visible_inspections(user),
        open=Count("id", filter=Q(status__in=["scheduled", "signing"])),
        to_verify=Count("id", filter=Q(rectification="responded")),
    )
    url = reverse("inspections:inspection_list")
    return [
        {"label": _("待完成的检查"), "count": counts["open"], "url": url, "warn": False},
        {"label": _("待核查的整改报告"), "count": counts["to_verify"], "url": url, "warn": False},
        {"label": _("逾期未整改"), "count": counts["overdue"], "url": url, "warn": True},
    ]


def director_items(user):
    counts = _counts(visible_inspections(user), pending=Count("id", filter=Q(rectification="pending")))
    url = reverse("inspections:inspection_list")
    return [
        {"label": _("待报送的整改"), "count": counts["pending"], "url": url, "warn": False},
        {"label": _("逾期未整改"), "count": counts["overdue"], "url": url, "warn": True},
    ]


def firm_section(user, firm):
    """What the firm page shows of this app for `firm`: a dict for the template
    "<app>/_firm_section.html" (as `section`), or None for nothing. `user` may see `firm`."""
    inspections = (
        visible_inspections(user)
        .filter(firm=firm)
        .select_related("plan")
        .order_by("-scheduled_on", "-id")[:10]
    )
    return {"inspections": list(inspections)}
