"""Writes of registers, plans, draws and publication. Each runs in a transaction and validates with
full_clean(). Inspections' findings, notices and responses are in rectification.py."""

import math
import secrets
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Count, Max, Q
from django.utils import timezone
from django.utils.translation import gettext as _

from bureau.permissions import Role, assign_role
from firms.models import Firm

from . import draw as algorithm
from .bulk import insert_rows
from .dates import stated
from .models import (
    Assignment,
    ChecklistItem,
    ChecklistTemplate,
    Conflict,
    Draw,
    Inspection,
    InspectionSettings,
    Inspector,
    Plan,
    Visit,
)
from .selectors import firms_open_to_visit


@transaction.atomic
def inspector_register(*, user, certificate_no, is_active=True):
    inspector = Inspector(user=user, certificate_no=certificate_no.strip(), is_active=is_active)
    inspector.full_clean()
    inspector.save()
    assign_role(user, Role.INSPECTOR)
    return inspector


@transaction.atomic
def inspector_set_active(*, inspector, is_active):
    inspector.is_active = is_active
    inspector.save(update_fields=["is_active"])
    return inspector


@transaction.atomic
def checklist_template_create(*, name):
    template = ChecklistTemplate(name=name.strip())
    template.full_clean()
    template.save()
    return template


@transaction.atomic
def checklist_item_add(*, template, section, text, rule="", requirement="", position=None):
    if position is None:
        position = (template.items.aggregate(m=Max("position"))["m"] or 0) + 1
    item = ChecklistItem(
        template=template, section=section, position=position, text=text, rule=rule, requirement=requirement
    )
    item.full_clean()
    item.save()
    return item


@transaction.atomic
def conflict_declare(*, inspector, firm, reason, note=""):
    conflict = Conflict(inspector=inspector, firm=firm, reason=reason, note=note)
    conflict.full_clean()
    conflict.save()
    return conflict


@transaction.atomic
def plan_create(*, created_by, **fields):
    plan = Plan(created_by=created_by, **fields)
    if plan.restructuring_eligible is None:
        plan.restructuring_eligible = Plan.default_restructuring_eligible(plan.kind)
    if plan.sampling == Plan.Sampling.RATIO:
        plan.target_count = None
    else:
        plan.ratio_percent = None
    plan.full_clean()
    plan.save()
    return plan


# ---- the draw -------------------------------------------------------------------------------


@dataclass(frozen=True)
class FrozenInputs:
    target_ids: list
    inspector_ids: list
    avoid: list
    register_size: int
    n: int
    k: int

    @property
    def targets_listing(self):
        return algorithm.id_listing(self.target_ids)

    @property
    def inspectors_listing(self):
        return algorithm.id_listing(self.inspector_ids)

    @property
    def avoidance_listing(self):
        return algorithm.avoidance_listing(self.avoid)


def previous_round_plan(plan):
    """The latest earlier plan of the same kind that has inspections (its current draw's)."""
    return (
        Plan.objects.filter(kind=plan.kind, inspections__isnull=False)
        .exclude(pk=plan.pk)
        .filter(year__lte=plan.year)
        .exclude(year=plan.year, batch__gt=plan.batch)
        .order_by("-year", "-batch", "-id")
        .distinct()
        .first()
    )


def target_register(plan):
    """The firms a plan may draw from: practising firms, and firms 改制中 when the plan says so."""
    statuses = [Firm.Status.PRACTISING]
    if plan.restructuring_eligible:
        statuses.append(Firm.Status.RESTRUCTURING)
    # Unordered: the listing sorts the ids; the firms' own ordering (by name, in pinyin collation)
    # would sort a province's register for nothing.
    return list(Firm.objects.filter(status__in=statuses).order_by().values_list("id", flat=True))


def freeze_inputs(plan):
    """The eligible targets and inspectors, and the pairs to avoid, as they stand now."""
    config = InspectionSettings.load()
    register = target_register(plan)
    if plan.is_random:
        # The yearly cap limits how often dual-random rounds pick a firm; acceptance and special
        # checks visit firms for other reasons and neither count towards it nor are limited by it.
        counts = dict(
            Inspection.objects.filter(plan__year=plan.year, plan__kind=Plan.Kind.RANDOM)
            .exclude(plan=plan)
            .values("firm")
            .annotate(n=Count("id"))
            .values_list("firm", "n")
        )
        targets = algorithm.eligible_targets(register, counts, config.yearly_cap)
    else:
        targets = register
    inspectors = list(Inspector.objects.filter(is_active=True).values_list("id", flat=True))
    avoid = set(Conflict.objects.values_list("inspector_id", "firm_id"))
    if config.avoid_previous_round:
        previous = previous_round_plan(plan)
        if previous is not None:
            avoid |= set(
                Assignment.objects.filter(inspection__plan=previous).values_list(
                    "inspector_id", "inspection__firm_id"
                )
            )
    if plan.sampling == Plan.Sampling.RATIO:
        n = max(1, math.ceil(len(register) * plan.ratio_percent / 100))
    else:
        n = plan.target_count
    return FrozenInputs(
        target_ids=sorted(targets),
        inspector_ids=sorted(inspectors),
        avoid=sorted(avoid),
        register_size=len(register),
        n=n,
        k=plan.inspectors_per_target,
    )


def current_draw(plan):
    return plan.draws.filter(superseded_by__isnull=True).order_by("-id").first()


def _random_seed(inputs):
    return secrets.token_hex(32)


def _has_started(draw):
    """Whether any inspection of `draw` has begun: past 待检查, with findings, a numbered inspection
    notice (a document already handed to a firm) or a rectification notice. One query."""
    return draw.inspections.filter(
        ~Q(status=Inspection.Status.SCHEDULED)
        | ~Q(notice_number="")
        | Q(findings__isnull=False)
        | Q(notices__isnull=False)
    ).exists()


def _remove_unstarted_inspections(draw):
    """Delete the inspections of a superseded draw, none of them started (_has_started), with
    their assignments: one statement each, whatever the number of firms. Django's cascading
    delete would load every inspection to look for findings and notices, which cannot exist here
    (and the deferred foreign keys would refuse the commit if they did). The audit triggers record
    each deleted row."""
    Assignment.objects.filter(inspection__draw=draw).delete()  # no dependants: a single DELETE
    inspections = Inspection.objects.filter(draw=draw)
    inspections._raw_delete(inspections.db)


@transaction.atomic
def draw_plan(*, plan, user, reason="", choose_seed=_random_seed):
    """Freeze and hash the registers, then make a seed and draw. A second draw of the same plan
    supersedes the first and needs a written reason; the first stays on record. Raises
    ValidationError with the reason when the plan cannot be satisfied (nothing is saved).
    `choose_seed` is for the demo county only, which picks a seed that shows every state.

    The number of queries does not grow with the number of firms: the registers are read in one
    query each, and the inspections and assignments are written (and a re-draw's removed) in bulk."""
    plan = Plan.objects.select_for_update().get(pk=plan.pk)  # one draw of a plan at a time
    previous = current_draw(plan)
    reason = reason.strip()
    if previous is not None:
        if not reason:
            raise ValidationError({"reason": _("重新抽取须写明理由。")})
        # A numbered inspection notice already printed counts as started: deleting its inspection
        # would leave a document handed to a firm with no record behind it.
        if _has_started(previous):
            raise ValidationError(_("本计划已有检查开始记录，不能重新抽取。"))
    inputs = freeze_inputs(plan)
    targets_listing = inputs.targets_listing
    inspectors_listing = inputs.inspectors_listing
    avoidance_listing = inputs.avoidance_listing
    hashes = {
        "targets_hash": algorithm.sha256_hex(targets_listing),
        "inspectors_hash": algorithm.sha256_hex(inspectors_listing),
        "avoidance_hash": algorithm.sha256_hex(avoidance_listing),
    }
    frozen_at = timezone.now()
    # The seed is made only now, after the inputs above are fixed.
    seed = choose_seed(inputs)
    try:
        result = algorithm.run(
            seed=seed,
            target_ids=inputs.target_ids,
            inspector_ids=inputs.inspector_ids,
            avoid=inputs.avoid,
            n=inputs.n,
            k=inputs.k,
        )
    except algorithm.DrawFailed as exc:
        raise ValidationError(_("抽取失败：%(reason)s") % {"reason": str(exc)}) from None
    if previous is not None:
        # Inspections of the superseded draw had not started; their removal is in the audit trail,
        # and the superseded draw keeps its full result.
        _remove_unstarted_inspections(previous)
    new = Draw(
        plan=plan,
        algorithm=algorithm.ALGORITHM,
        seed=seed,
        targets_listing=targets_listing,
        inspectors_listing=inspectors_listing,
        avoidance_listing=avoidance_listing,
        target_count=inputs.n,
        inspectors_per_target=inputs.k,
        result=result.as_json(),
        supersedes=previous,
        reason=reason,
        drawn_by=user,
        frozen_at=frozen_at,
        drawn_at=timezone.now(),
        **hashes,
    )
    new.full_clean()
    new.save()
    # One statement each for the inspections and their assignments (inspections.bulk). The rows are
    # the draw's result as it stands: every column is set here or by its default, and the database
    # constraints (one inspection per firm and draw, one assignment per inspector and inspection)
    # hold by construction, so a full_clean() per row would only repeat them.
    firm_ids = [target for target, _rank, _inspectors in result.targets]
    rows = insert_rows(
        Inspection,
        fixed={"plan": plan, "draw": new, "scheduled_on": plan.starts_on},
        varying={"firm": firm_ids},
        returning=("firm", "pk"),
    )
    inspection_of = dict(rows)  # firm id -> its new inspection's id
    assignments = [
        (inspection_of[target], inspector_id)
        for target, _rank, inspector_ids in result.targets
        for inspector_id in inspector_ids
    ]
    insert_rows(
        Assignment,
        fixed={},
        varying={"inspection": [a for a, _i in assignments], "inspector": [i for _a, i in assignments]},
    )
    return new


@dataclass(frozen=True)
class Verification:
    matches: bool
    checks: list  # [(label, ok)]
    recomputed: dict | None


def verify_draw(draw):
    """Recompute a draw from its stored inputs: the three hashes and the result."""
    checks = [
        (_("检查对象名录哈希一致"), algorithm.sha256_hex(draw.targets_listing) == draw.targets_hash),
        (_("检查人员名录哈希一致"), algorithm.sha256_hex(draw.inspectors_listing) == draw.inspectors_hash),
        (_("回避关系哈希一致"), algorithm.sha256_hex(draw.avoidance_listing) == draw.avoidance_hash),
    ]
    recomputed = None
    if draw.algorithm != algorithm.ALGORITHM:
        checks.append((_("算法版本可识别"), False))
    else:
        try:
            recomputed = algorithm.run(
                seed=draw.seed,
                target_ids=algorithm.parse_ids(draw.targets_listing),
                inspector_ids=algorithm.parse_ids(draw.inspectors_listing),
                avoid=algorithm.parse_pairs(draw.avoidance_listing),
                n=draw.target_count,
                k=draw.inspectors_per_target,
            ).as_json()
        except (algorithm.DrawFailed, ValueError):
            recomputed = None
        checks.append((_("按种子重新计算的结果与存档结果一致"), recomputed == draw.result))
    return Verification(all(ok for _label, ok in checks), checks, recomputed)


@transaction.atomic
def inspection_schedule(*, inspection, scheduled_on):
    """Set the date of a drawn firm's inspection, within the plan's period, before it starts."""
    inspection = Inspection.objects.select_for_update().select_related("plan").get(pk=inspection.pk)
    if inspection.status != Inspection.Status.SCHEDULED:
        raise ValidationError(_("检查已开始，不能再调整检查日期。"))
    if inspection.notice_number:
        raise ValidationError(_("检查通知书已编号下发，不能再调整检查日期。"))
    plan = inspection.plan
    if not plan.starts_on <= scheduled_on <= plan.ends_on:
        raise ValidationError(
            {
                "scheduled_on": _("检查日期须在计划的检查期间（%(start)s至%(end)s）内。")
                % {"start": plan.starts_on.isoformat(), "end": plan.ends_on.isoformat()}
            }
        )
    inspection.scheduled_on = scheduled_on
    inspection.save(update_fields=["scheduled_on"])
    return inspection


# ---- publication ----------------------------------------------------------------------------


@transaction.atomic
def inspection_publish(*, inspection, user, published_on=None):
    """`published_on` is the day the result went public (default today)."""
    inspection = Inspection.objects.select_for_update().get(pk=inspection.pk)
    if inspection.concluded_on is None:
        raise ValidationError(_("检查尚未结束，不能公开。"))
    if inspection.published_at is not None:
        raise ValidationError(_("该检查结果已公开。"))
    inspection.published_on = stated(
        published_on,
        field="published_on",
        label=_("公开日期"),
        after=inspection.concluded_on,
        after_label=_("检查结束日期"),
    )
    inspection.published_at = timezone.now()
    inspection.published_by = user
    inspection.save(update_fields=["published_on", "published_at", "published_by"])
    return inspection


@transaction.atomic
def visit_record(*, recorded_by, firm, visited_on, visitors, problems="", help_given=""):
    """走访 of `firm` stated by `recorded_by`, who must be allowed to visit it
    (selectors.firms_open_to_visit)."""
    if not firms_open_to_visit(recorded_by).filter(pk=firm.pk).exists():
        raise ValidationError({"firm": _("您未被抽派检查该律所，不能记录对其的走访。")})
    visit = Visit(
        recorded_by=recorded_by,
        firm=firm,
        visited_on=visited_on,
        visitors=visitors,
        problems=problems,
        help_given=help_given,
    )
    visit.full_clean()
    if visit.visited_on > timezone.localdate():
        raise ValidationError({"visited_on": _("走访日期不能晚于今天。")})
    visit.save()
    return visit
