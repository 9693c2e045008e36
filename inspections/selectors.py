"""Reads of inspections, scoped to what the user may see."""

import datetime

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
    """The supervision figures of `year` for the yearly report, by plan kind, from dated records
    only, so that what is recorded after the year never changes them (four queries):

    plans_by_kind   {kind: plans of the year};
    draws           {"total", "redraws"}: draws of the year's plans, re-draws among them;
    by_kind         {kind: counts}, every kind present: rounds (plans of the year that were drawn),
                    total (firms drawn), concluded, passed, rectify (concluded by 31 December),
                    completed (verified as completed by 31 December), overdue (the latest notice
                    issued by 31 December past its deadline, unanswered by then; `today` caps the
                    day for the current year), notices (issued by 31 December), published and
                    on_time (published by 31 December; by the due day), unpublished (concluded by
                    31 December, not published by then);
    inspections     the same counts summed over the kinds.
    """
    from django.db.models import Exists, F, OuterRef, Subquery

    from .models import Response, Verification

    end = datetime.date(year, 12, 31)
    as_at = min(end, today or timezone.localdate())
    plans = dict(Plan.objects.filter(year=year).values_list("kind").annotate(n=Count("id")).order_by())
    draws = Draw.objects.filter(plan__year=year).aggregate(
        total=Count("id"), redraws=Count("id", filter=Q(supersedes__isnull=False))
    )
    latest_notice = RectificationNotice.objects.filter(
        inspection=OuterRef("pk"), issued_on__lte=end
    ).order_by("-issued_on", "-id")
    inspections = Inspection.objects.filter(plan__year=year).annotate(
        last_notice=Subquery(latest_notice.values("pk")[:1]),
        last_deadline=Subquery(latest_notice.values("deadline")[:1]),
        answered=Exists(Response.objects.filter(notice=OuterRef("last_notice"), responded_on__lte=end)),
        completed_by_end=Exists(
            Verification.objects.filter(
                notice__inspection=OuterRef("pk"),
                outcome=Verification.Outcome.COMPLETED,
                verified_on__lte=end,
            )
        ),
    )
    concluded = Q(concluded_on__lte=end)
    published = Q(published_on__lte=end)
    rows = (
        inspections.values("plan__kind")
        .annotate(
            rounds=Count("plan", distinct=True),
            total=Count("id"),
            concluded=Count("id", filter=concluded),
            passed=Count("id", filter=concluded & Q(result=Inspection.Result.PASS)),
            rectify=Count("id", filter=concluded & Q(result=Inspection.Result.RECTIFY)),
            completed=Count("id", filter=Q(completed_by_end=True)),
            overdue=Count(
                "id",
                filter=Q(last_deadline__lt=as_at, answered=False, completed_by_end=False),
            ),
            published=Count("id", filter=published),
            on_time=Count("id", filter=published & Q(published_on__lte=F("publish_due"))),
            unpublished=Count("id", filter=concluded & ~published),
        )
        .order_by()
    )
    keys = (
        "rounds",
        "total",
        "concluded",
        "passed",
        "rectify",
        "completed",
        "overdue",
        "published",
        "on_time",
        "unpublished",
        "notices",
    )
    by_kind = {kind: dict.fromkeys(keys, 0) for kind in Plan.Kind.values}
    for row in rows:
        by_kind[row.pop("plan__kind")].update(row)
    notices = (
        RectificationNotice.objects.filter(inspection__plan__year=year, issued_on__lte=end)
        .values_list("inspection__plan__kind")
        .annotate(n=Count("id"))
        .order_by()
    )
    for kind, n in notices:
        by_kind[kind]["notices"] = n
    totals = {key: sum(figures[key] for figures in by_kind.values()) for key in keys}
    return {
        "plans_by_kind": plans,
        "draws": draws,
        "by_kind": by_kind,
        "inspections": totals,
        "notices": totals["notices"],
    }
