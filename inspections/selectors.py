"""Reads of inspections, scoped to what the user may see."""

from django.db.models import Count, Prefetch, Q
from django.utils import timezone

from bureau.permissions import Role, has_role, is_bureau, managed_firm_ids

from .models import Assignment, Draw, Inspection, Plan, RectificationNotice, Visit


def visible_inspections(user):
    """Bureau: all; an inspector: those they were drawn for; a director: their own firm's."""
    if is_bureau(user):
        return Inspection.objects.all()
    scopes = Q(pk__in=[])
    if has_role(user, Role.INSPECTOR):
        scopes |= Q(pk__in=Assignment.objects.filter(inspector__user=user).values("inspection_id"))
    if has_role(user, Role.FIRM_DIRECTOR):
        scopes |= Q(firm_id__in=managed_firm_ids(user))
    if not has_role(user, Role.INSPECTOR, Role.FIRM_DIRECTOR):
        return Inspection.objects.none()
    return Inspection.objects.filter(scopes)


def _with_inspectors(inspections):
    return inspections.select_related("firm", "plan").prefetch_related(
        Prefetch("assignments", queryset=Assignment.objects.select_related("inspector__user"))
    )


def inspection_list(user, *, status=""):
    inspections = _with_inspectors(visible_inspections(user))
    if status:
        inspections = inspections.filter(status=status)
    return inspections.order_by("-scheduled_on", "-id")


def inspection_detail_queryset(user):
    return _with_inspectors(visible_inspections(user)).prefetch_related(
        Prefetch(
            "notices",
            queryset=RectificationNotice.objects.select_related(
                "refers_to", "verification", "verification__verified_by"
            )
            .prefetch_related("responses__uploaded_by")
            .order_by("issued_at", "id"),
        ),
    )


def inspection_list_for_plan(plan):
    return _with_inspectors(Inspection.objects.filter(plan=plan)).order_by("firm__name", "id")


def is_assigned(inspection, user):
    return any(a.inspector.user_id == user.pk for a in inspection.assignments.all())


def plan_list():
    return (
        Plan.objects.select_related("checklist")
        .annotate(n_inspections=Count("inspections"))
        .order_by("-year", "-batch", "-id")
    )


def plan_draws(plan):
    return Draw.objects.filter(plan=plan).select_related("drawn_by", "superseded_by").order_by("-id")


def overdue_rectifications(inspections, today=None):
    today = today or timezone.localdate()
    return inspections.filter(
        rectification=Inspection.Rectification.PENDING, rectification_deadline__lt=today
    )


def publication_queue(today=None):
    """Concluded, unpublished inspections with their due dates, most urgent first."""
    return (
        Inspection.objects.filter(concluded_on__isnull=False, published_at__isnull=True)
        .select_related("firm", "plan")
        .order_by("publish_due", "id")
    )


def published_inspections():
    """Public: only fields that name no person."""
    return (
        Inspection.objects.filter(published_at__isnull=False)
        .select_related("firm", "plan")
        .only(
            "id",
            "draw_id",
            "concluded_on",
            "result",
            "rectification",
            "published_at",
            "status",
            "firm__name",
            "plan__title",
            "plan__kind",
            "plan__year",
        )
        .order_by("-published_at", "-id")
    )


def visible_visits(user):
    if is_bureau(user) or has_role(user, Role.INSPECTOR):
        return Visit.objects.all()
    if has_role(user, Role.FIRM_DIRECTOR):
        return Visit.objects.filter(firm_id__in=managed_firm_ids(user))
    return Visit.objects.none()
