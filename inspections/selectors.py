"""Reads of inspections, scoped to what the user may see."""

from django.db.models import Count, Prefetch, Q
from django.utils import timezone

from bureau.permissions import Role, has_role, is_bureau
from firms.models import Firm
from firms.permissions import managed_firm_ids

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


def may_issue_inspection_notice(inspection, user):
    """Whether the 签发 button of the 检查通知书 shows: bureau staff and the inspection's own
    inspectors, while it is unnumbered and the inspection not yet concluded."""
    return (
        not inspection.notice_number
        and inspection.status == Inspection.Status.SCHEDULED
        and (is_bureau(user) or is_assigned(inspection, user))
    )


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


def drawn_firm_ids(user):
    """Ids of the firms the user was drawn to inspect, in any plan, as a subquery."""
    return Assignment.objects.filter(inspector__user=user).values("inspection__firm_id")


def visible_visits(user):
    """Bureau: all; an inspector: the visits they recorded and the visits to firms they were drawn
    for; a director: their own firm's."""
    if is_bureau(user):
        return Visit.objects.all()
    if not has_role(user, Role.INSPECTOR, Role.FIRM_DIRECTOR):
        return Visit.objects.none()
    scopes = Q(pk__in=[])
    if has_role(user, Role.INSPECTOR):
        scopes |= Q(recorded_by=user) | Q(firm_id__in=drawn_firm_ids(user))
    if has_role(user, Role.FIRM_DIRECTOR):
        scopes |= Q(firm_id__in=managed_firm_ids(user))
    return Visit.objects.filter(scopes)


def visit_list(user):
    return visible_visits(user).select_related("firm").order_by("-visited_on", "-id")


def firms_open_to_visit(user):
    """The firms the user may record a visit to: bureau staff any firm; an inspector only the firms
    they were drawn for (a visit is part of that supervision, not a roving mandate); nobody else."""
    if is_bureau(user):
        return Firm.objects.all()
    if has_role(user, Role.INSPECTOR):
        return Firm.objects.filter(pk__in=drawn_firm_ids(user))
    return Firm.objects.none()


def firms_with_visible_visits(user):
    """The firms offered in the visit list's filter."""
    return Firm.objects.filter(pk__in=visible_visits(user).values("firm_id"))


def year_figures(year, today=None):
    """The supervision figures of `year` for the yearly report, as a plain dict (four queries):

    plans_by_kind   {plan kind: plans of the year};
    draws           {"total", "redraws"}: draws of the year's plans, re-draws among them;
    inspections     counts of the year's inspections: total, concluded, passed, rectify,
                    completed, overdue (rectification open past its deadline `today`),
                    published, on_time (published by the due day), unpublished (concluded, not yet);
    notices         rectification notices issued for the year's inspections.
    """
    from django.db.models import F
    from django.db.models.functions import TruncDate

    today = today or timezone.localdate()
    plans = dict(Plan.objects.filter(year=year).values_list("kind").annotate(n=Count("id")).order_by())
    draws = Draw.objects.filter(plan__year=year).aggregate(
        total=Count("id"), redraws=Count("id", filter=Q(supersedes__isnull=False))
    )
    inspections = Inspection.objects.filter(plan__year=year).annotate(published_on=TruncDate("published_at"))
    figures = inspections.aggregate(
        total=Count("id"),
        concluded=Count("id", filter=Q(concluded_on__isnull=False)),
        passed=Count("id", filter=Q(result=Inspection.Result.PASS)),
        rectify=Count("id", filter=Q(result=Inspection.Result.RECTIFY)),
        completed=Count("id", filter=Q(rectification=Inspection.Rectification.COMPLETED)),
        overdue=Count(
            "id",
            filter=Q(
                rectification__in=[
                    Inspection.Rectification.PENDING,
                    Inspection.Rectification.AWAITING_NOTICE,
                ],
                rectification_deadline__lt=today,
            ),
        ),
        published=Count("id", filter=Q(published_at__isnull=False)),
        on_time=Count("id", filter=Q(published_on__lte=F("publish_due"))),
        unpublished=Count("id", filter=Q(concluded_on__isnull=False, published_at__isnull=True)),
    )
    notices = RectificationNotice.objects.filter(inspection__plan__year=year).count()
    return {"plans_by_kind": plans, "draws": draws, "inspections": figures, "notices": notices}
