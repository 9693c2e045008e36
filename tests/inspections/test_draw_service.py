"""Draws stored by the service: frozen inputs, avoidance, the yearly cap, append-only re-draws."""

import datetime

import pgtrigger
import pytest
from django.core.exceptions import ValidationError
from django.db import ProgrammingError, transaction

from firms.models import Firm
from inspections import services
from inspections.models import Draw, Inspection, InspectionSettings, Plan
from tests.factories import FirmFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def three_inspectors(inspector_entry, inspector2_entry, inspector3_entry):
    return [inspector_entry, inspector2_entry, inspector3_entry]


def test_draw_freezes_hashes_and_creates_inspections(plan, staff, firm, three_inspectors):
    FirmFactory.create_batch(4)
    Firm.objects.filter(pk=firm.pk).update(status=Firm.Status.DEREGISTERED)
    draw = services.draw_plan(plan=plan, user=staff)
    assert len(draw.seed) == 64 and draw.algorithm == "sha256-rank-v1"
    assert str(firm.pk) not in draw.targets_listing.split("\n")  # only practising firms
    assert draw.frozen_at <= draw.drawn_at
    inspection = Inspection.objects.get(draw=draw)
    assert inspection.assignments.count() == 2
    assert [inspection.firm_id] == [t["id"] for t in draw.result["targets"]]


def test_declared_conflict_is_never_drawn(plan, staff, firm, three_inspectors):
    services.conflict_declare(inspector=three_inspectors[0], firm=firm, reason="former")
    services.conflict_declare(inspector=three_inspectors[1], firm=firm, reason="relative")
    with pytest.raises(ValidationError, match="回避后只有1名"):
        services.draw_plan(plan=plan, user=staff)  # firm is the only target
    assert not Draw.objects.exists() and not Inspection.objects.exists()  # nothing half-saved


def test_previous_round_inspectors_are_avoided(plan, staff, firm, checklist, three_inspectors):
    first = services.draw_plan(plan=plan, user=staff)
    earlier = set(first.result["targets"][0]["inspectors"])
    second_plan = services.plan_create(
        created_by=staff,
        year=2026,
        batch=2,
        kind=Plan.Kind.RANDOM,
        title="第二批",
        checklist=checklist,
        sampling=Plan.Sampling.COUNT,
        target_count=1,
        inspectors_per_target=2,
        starts_on=datetime.date(2026, 11, 2),
        ends_on=datetime.date(2026, 11, 30),
    )
    # Only one inspector is left for the firm after avoiding the previous round's two.
    with pytest.raises(ValidationError, match="回避"):
        services.draw_plan(plan=second_plan, user=staff)
    assert (
        "\n".join(f"{i}:{firm.pk}" for i in sorted(earlier))
        in services.freeze_inputs(second_plan).avoidance_listing
    )
    config = InspectionSettings.load()
    config.avoid_previous_round = False
    config.save()
    assert services.draw_plan(plan=second_plan, user=staff)


def test_yearly_cap_excludes_firms_drawn_often_enough_by_dual_random_rounds(
    plan, staff, firm, checklist, three_inspectors
):
    config = InspectionSettings.load()
    config.yearly_cap, config.avoid_previous_round = 1, False
    config.save()
    services.draw_plan(plan=plan, user=staff)
    second_plan = services.plan_create(
        created_by=staff,
        year=2026,
        batch=2,
        kind=Plan.Kind.RANDOM,
        title="第二批",
        checklist=checklist,
        sampling=Plan.Sampling.RATIO,
        ratio_percent=10,
        inspectors_per_target=2,
        starts_on=datetime.date(2026, 11, 2),
        ends_on=datetime.date(2026, 11, 30),
    )
    with pytest.raises(ValidationError, match="检查对象只有0家"):
        services.draw_plan(plan=second_plan, user=staff)


def test_ratio_sampling_takes_at_least_one(plan, staff, three_inspectors):
    FirmFactory.create_batch(3)
    plan.sampling, plan.ratio_percent, plan.target_count = Plan.Sampling.RATIO, 10, None
    plan.save()
    assert services.freeze_inputs(plan).n == 1


def test_redraw_needs_a_reason_and_keeps_the_superseded_draw(plan, staff, firm, three_inspectors):
    FirmFactory.create_batch(3)
    first = services.draw_plan(plan=plan, user=staff)
    with pytest.raises(ValidationError) as exc:
        services.draw_plan(plan=plan, user=staff)
    assert "理由" in str(exc.value)
    second = services.draw_plan(plan=plan, user=staff, reason="检查人员名录更新后重新抽取")
    assert second.supersedes == first
    assert Draw.objects.count() == 2
    assert list(Inspection.objects.values_list("draw", flat=True).distinct()) == [second.pk]
    assert services.current_draw(plan) == second
    assert services.verify_draw(first).matches  # the superseded draw stays checkable


def test_redraw_refused_once_an_inspection_started(plan, staff, firm, three_inspectors):
    services.draw_plan(plan=plan, user=staff)
    Inspection.objects.update(status=Inspection.Status.SIGNING)
    with pytest.raises(ValidationError, match="不能重新抽取"):
        services.draw_plan(plan=plan, user=staff, reason="想重抽")


def test_draws_are_append_only_in_the_database(plan, staff, firm, three_inspectors):
    draw = services.draw_plan(plan=plan, user=staff)
    with pytest.raises(ProgrammingError, match="Cannot update or delete"), transaction.atomic():
        Draw.objects.filter(pk=draw.pk).update(seed="1" * 64)
    with pytest.raises(ProgrammingError, match="Cannot update or delete"), transaction.atomic():
        Inspection.objects.filter(draw=draw).delete()
        Draw.objects.filter(pk=draw.pk).delete()
    assert Draw.objects.filter(pk=draw.pk, seed=draw.seed).exists()


def test_changed_register_changes_hash_and_verification_reports_mismatch(plan, staff, three_inspectors):
    FirmFactory.create_batch(3)
    draw = services.draw_plan(plan=plan, user=staff)
    before = services.freeze_inputs(plan)
    FirmFactory()
    assert algorithm_hash(services.freeze_inputs(plan).targets_listing) != algorithm_hash(
        before.targets_listing
    )
    # Someone edits the stored register behind the trigger's back: verification notices.
    with pgtrigger.ignore("inspections.Draw:inspections_draw_append_only"):
        Draw.objects.filter(pk=draw.pk).update(targets_listing=draw.targets_listing + "\n99999")
    verification = services.verify_draw(Draw.objects.get(pk=draw.pk))
    assert not verification.matches
    assert not dict((str(label), ok) for label, ok in verification.checks)["检查对象名录哈希一致"]


def test_tampered_seed_reports_mismatch(plan, staff, three_inspectors):
    FirmFactory.create_batch(5)
    plan.target_count = 3
    plan.save()
    draw = services.draw_plan(plan=plan, user=staff)
    with pgtrigger.ignore("inspections.Draw:inspections_draw_append_only"):
        Draw.objects.filter(pk=draw.pk).update(seed="f" * 64)
    assert not services.verify_draw(Draw.objects.get(pk=draw.pk)).matches


def algorithm_hash(listing):
    from inspections.draw import sha256_hex

    return sha256_hex(listing)


def test_plan_needs_two_inspectors_and_a_sampling_size(checklist, staff):
    with pytest.raises(ValidationError) as exc:
        services.plan_create(
            created_by=staff,
            year=2026,
            batch=1,
            kind=Plan.Kind.RANDOM,
            title="x",
            checklist=checklist,
            sampling=Plan.Sampling.COUNT,
            target_count=None,
            inspectors_per_target=1,
            starts_on=datetime.date(2026, 9, 1),
            ends_on=datetime.date(2026, 8, 1),
        )
    assert "inspectors_per_target" in exc.value.error_dict
    assert not Plan.objects.exists()
