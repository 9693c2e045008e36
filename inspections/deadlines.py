"""The inspections' deadlines (bureau.contrib.register_deadlines), built from this app's selectors
and scoped to what each user may see (selectors.visible_inspections: the bureau all, an inspector
those they were drawn for, a director their own firm's):

- inspections scheduled, on their day: the inspectors drawn and the firm's director;
- rectification deadlines, then overdue: the director answers, the inspectors and the bureau follow;
- rectification reports to verify within VERIFICATION_WORKING_DAYS working days: the inspectors and
  the bureau;
- results due for publication: the bureau."""

from django.conf import settings
from django.db.models import Max
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from bureau.contrib import Deadline, registry
from bureau.permissions import Role, is_bureau
from bureau.workdays import deadline_after
from firms.deadlines import directors_by_firm

from . import selectors
from .models import Assignment, Inspection


def _deadline(kind, inspection, due, title, today, *, provisional=False):
    return Deadline(
        kind=kind,
        key=f"{kind}:inspection={inspection.pk}:{due:%Y-%m-%d}",
        title=title % {"firm": inspection.firm.name, "plan": inspection.plan.title},
        due_date=due,
        provisional=provisional,
        state=Deadline.state_on(due, today),
        url=reverse("inspections:inspection_detail", args=[inspection.pk]),
        firm_id=inspection.firm_id,
        concerns=inspection.firm.name,
    )


def scheduled_deadlines(user, today):
    """Inspections still to be carried out, on their scheduled day (one query). The bureau follows
    them on the plan pages."""
    if is_bureau(user):
        return []
    inspections = (
        selectors.visible_inspections(user)
        .filter(status=Inspection.Status.SCHEDULED, scheduled_on__isnull=False)
        .select_related("firm", "plan")
        .order_by("scheduled_on", "id")
    )
    title = _("双随机检查：%(firm)s（%(plan)s）")
    return [_deadline("inspections.scheduled", i, i.scheduled_on, title, today) for i in inspections]


def rectification_deadlines(user, today):
    """Rectifications ordered by a notice and not yet answered, on their deadline (one query). The
    key carries the deadline, so a corrected notice with a new deadline is a new reminder."""
    inspections = (
        selectors.visible_inspections(user)
        .filter(rectification=Inspection.Rectification.PENDING, rectification_deadline__isnull=False)
        .select_related("firm", "plan")
        .order_by("rectification_deadline", "id")
    )
    title = _("整改期限：%(firm)s（%(plan)s）")
    return [
        _deadline("inspections.rectification", i, i.rectification_deadline, title, today) for i in inspections
    ]


def verification_deadlines(user, today):
    """Rectification reports awaiting verification, due VERIFICATION_WORKING_DAYS working days after
    the latest report, for the inspectors drawn and the bureau (one query, and the calendar once
    per report day)."""
    inspections = (
        selectors.visible_inspections(user)
        .filter(rectification=Inspection.Rectification.RESPONDED)
        .annotate(reported_at=Max("notices__responses__uploaded_at"))
        .select_related("firm", "plan")
        .order_by("id")
    )
    if not is_bureau(user):
        # The director sees the inspection but has nothing to verify.
        inspections = inspections.filter(
            pk__in=Assignment.objects.filter(inspector__user=user).values("inspection_id")
        )
    title = _("整改核查：%(firm)s（%(plan)s）")
    due_by_day, items = {}, []
    for inspection in inspections:
        if inspection.reported_at is None:
            continue
        reported_on = timezone.localdate(inspection.reported_at)
        if reported_on not in due_by_day:
            due_by_day[reported_on] = deadline_after(reported_on, settings.VERIFICATION_WORKING_DAYS)
        due = due_by_day[reported_on]
        items.append(
            _deadline(
                "inspections.verification", inspection, due.date, title, today, provisional=due.provisional
            )
        )
    return sorted(items, key=lambda d: (d.due_date, d.key))


def publication_deadlines(user, today):
    """Concluded inspections whose results the bureau must publish by their due day (one query)."""
    if not is_bureau(user):
        return []
    title = _("检查结果公开：%(firm)s（%(plan)s）")
    return [
        _deadline("inspections.publication", i, i.publish_due, title, today)
        for i in selectors.publication_queue(today)
        if i.publish_due
    ]


# --- everyone but the bureau at once (bureau.contrib: audience) ------------------------------


def _inspection_audience(inspections, build, *, directors=True):
    """(user id, Deadline) for each inspection's assigned inspectors (holding the inspector role)
    and, when `directors`, the directors of its firm: whom visible_inspections() shows it to."""
    inspections = list(inspections)
    assigned = {}
    rows = Assignment.objects.filter(
        inspection__in=[i.pk for i in inspections],
        inspector__user__is_active=True,
        inspector__user__groups__name=Role.INSPECTOR,
    ).values_list("inspection_id", "inspector__user_id")
    for inspection_id, user_id in rows.distinct():
        assigned.setdefault(inspection_id, set()).add(user_id)
    keepers = directors_by_firm() if directors else {}
    pairs = []
    for inspection in inspections:
        deadline = build(inspection)
        for user_id in sorted(assigned.get(inspection.pk, set()) | set(keepers.get(inspection.firm_id, ()))):
            pairs.append((user_id, deadline))
    return pairs


def scheduled_audience(today):
    inspections = (
        Inspection.objects.filter(status=Inspection.Status.SCHEDULED, scheduled_on__isnull=False)
        .select_related("firm", "plan")
        .order_by("scheduled_on", "id")
    )
    title = _("双随机检查：%(firm)s（%(plan)s）")
    return _inspection_audience(
        inspections, lambda i: _deadline("inspections.scheduled", i, i.scheduled_on, title, today)
    )


def rectification_audience(today):
    inspections = (
        Inspection.objects.filter(
            rectification=Inspection.Rectification.PENDING, rectification_deadline__isnull=False
        )
        .select_related("firm", "plan")
        .order_by("rectification_deadline", "id")
    )
    title = _("整改期限：%(firm)s（%(plan)s）")
    return _inspection_audience(
        inspections,
        lambda i: _deadline("inspections.rectification", i, i.rectification_deadline, title, today),
    )


def verification_audience(today):
    inspections = (
        Inspection.objects.filter(rectification=Inspection.Rectification.RESPONDED)
        .annotate(reported_at=Max("notices__responses__uploaded_at"))
        .filter(reported_at__isnull=False)
        .select_related("firm", "plan")
        .order_by("id")
    )
    title = _("整改核查：%(firm)s（%(plan)s）")
    due_by_day = {}

    def build(inspection):
        reported_on = timezone.localdate(inspection.reported_at)
        if reported_on not in due_by_day:
            due_by_day[reported_on] = deadline_after(reported_on, settings.VERIFICATION_WORKING_DAYS)
        due = due_by_day[reported_on]
        return _deadline(
            "inspections.verification", inspection, due.date, title, today, provisional=due.provisional
        )

    return _inspection_audience(inspections, build, directors=False)


registry.register_deadlines(
    "inspections.scheduled",
    scheduled_deadlines,
    label=gettext_lazy("待实施的双随机检查"),
    audience=scheduled_audience,
)
registry.register_deadlines(
    "inspections.rectification",
    rectification_deadlines,
    label=gettext_lazy("整改期限"),
    audience=rectification_audience,
)
registry.register_deadlines(
    "inspections.verification",
    verification_deadlines,
    label=gettext_lazy("整改核查"),
    audience=verification_audience,
)
registry.register_deadlines(
    "inspections.publication", publication_deadlines, label=gettext_lazy("检查结果公开")
)
