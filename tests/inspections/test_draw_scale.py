"""A draw and a re-draw at any size: a fixed number of queries, one audit event per inspection and
assignment written or removed, and rows as the models would make them."""

import datetime

import pghistory
import pytest
from django.apps import apps
from django.db import connection
from django.test.utils import CaptureQueriesContext

from firms.models import Firm
from inspections import services
from inspections.bulk import insert_rows
from inspections.models import Assignment, Inspection, Plan
from tests.factories import FirmFactory, UserFactory

pytestmark = pytest.mark.django_db

InspectionEvent = apps.get_model("inspections", "InspectionEvent")
AssignmentEvent = apps.get_model("inspections", "AssignmentEvent")


def make_inspectors(count):
    from bureau.permissions import Role

    return [
        services.inspector_register(
            user=UserFactory(username=f"scale-inspector-{n}", role=Role.INSPECTOR),
            certificate_no=f"甘执S{n:03d}",
        )
        for n in range(count)
    ]


def half_of_the_firms(checklist, staff, *, batch=1):
    return services.plan_create(
        created_by=staff,
        year=2026,
        batch=batch,
        kind=Plan.Kind.RANDOM,
        title=f"2026年第{batch}批双随机抽查",
        checklist=checklist,
        sampling=Plan.Sampling.RATIO,
        ratio_percent=50,
        inspectors_per_target=2,
        starts_on=datetime.date(2026, 9, 21),
        ends_on=datetime.date(2026, 10, 30),
    )


def queries_of(call):
    with CaptureQueriesContext(connection) as queries:
        result = call()
    return result, len(queries)


# A draw, inside the test's transaction (a savepoint and its release): the plan locked and its
# current draw; the settings, the target register, the yearly cap's counts, the inspector
# register, the declared conflicts, the previous round's plan and its assignments; the new draw's
# validation (its plan and user exist, two check constraints in a savepoint each) and insert; the
# inspections and the assignments, one insert each.
DRAW_QUERIES = 22
# A re-draw adds the check that none of the first draw's inspections started, the removal of its
# assignments and of its inspections (one statement each), and the validation of the draw it
# supersedes (it exists and nothing supersedes it yet).
REDRAW_QUERIES = DRAW_QUERIES + 5


@pytest.mark.parametrize("firms", [10, 60])
def test_draw_and_redraw_take_the_same_queries_for_10_and_60_firms(firms, checklist, staff):
    FirmFactory.create_batch(firms)
    inspectors = make_inspectors(6)
    earlier = half_of_the_firms(checklist, staff, batch=1)
    services.draw_plan(plan=earlier, user=staff)  # a previous round to avoid
    plan = half_of_the_firms(checklist, staff, batch=2)
    first_firm = Inspection.objects.filter(plan=earlier).values_list("firm", flat=True).first()
    services.conflict_declare(inspector=inspectors[0], firm=Firm.objects.get(pk=first_firm), reason="other")

    draw, draw_queries = queries_of(lambda: services.draw_plan(plan=plan, user=staff))
    redraw, redraw_queries = queries_of(lambda: services.draw_plan(plan=plan, user=staff, reason="名录更新"))

    assert len(draw.result["targets"]) == len(redraw.result["targets"]) == firms // 2
    assert Inspection.objects.filter(draw=redraw).count() == firms // 2
    assert Assignment.objects.filter(inspection__draw=redraw).count() == firms  # 2 a firm
    assert not Inspection.objects.filter(draw=draw).exists()
    assert (draw_queries, redraw_queries) == (DRAW_QUERIES, REDRAW_QUERIES)


def test_draw_and_redraw_write_one_audit_event_per_row(checklist, staff):
    FirmFactory.create_batch(10)
    make_inspectors(4)
    plan = half_of_the_firms(checklist, staff)  # 5 firms, 2 inspectors each
    with pghistory.context(user=staff.pk, url="/draw/"):
        first = services.draw_plan(plan=plan, user=staff)
    first_inspections = set(Inspection.objects.filter(draw=first).values_list("pk", flat=True))
    first_assignments = set(Assignment.objects.filter(inspection__draw=first).values_list("pk", flat=True))
    inserted = InspectionEvent.objects.filter(pgh_label="insert", draw_id=first.pk)
    assert set(inserted.values_list("pgh_obj_id", flat=True)) == first_inspections
    assert inserted.count() == 5
    assigned = AssignmentEvent.objects.filter(pgh_label="insert", pgh_obj_id__in=first_assignments)
    assert assigned.count() == 10
    # Each event carries the request's context: who drew, from which page.
    contexts = [*inserted.values_list("pgh_context__metadata", flat=True)]
    contexts += assigned.values_list("pgh_context__metadata", flat=True)
    assert contexts == [{"user": staff.pk, "url": "/draw/"}] * 15

    with pghistory.context(user=staff.pk, url="/redraw/"):
        second = services.draw_plan(plan=plan, user=staff, reason="名录更新")
    removed = InspectionEvent.objects.filter(pgh_label="delete")
    assert set(removed.values_list("pgh_obj_id", flat=True)) == first_inspections
    assert removed.count() == 5
    unassigned = AssignmentEvent.objects.filter(pgh_label="delete")
    assert set(unassigned.values_list("pgh_obj_id", flat=True)) == first_assignments
    assert unassigned.count() == 10
    assert InspectionEvent.objects.filter(pgh_label="insert", draw_id=second.pk).count() == 5
    assert AssignmentEvent.objects.filter(pgh_label="insert", inspection__draw=second).count() == 10
    assert (
        list(removed.values_list("pgh_context__metadata", flat=True))
        == [{"user": staff.pk, "url": "/redraw/"}] * 5
    )


def test_statement_level_audit_records_changes_only(plan, staff, firm, inspector_entry, inspector3_entry):
    from tests.inspections.conftest import make_inspection

    inspection = make_inspection(plan, firm, [inspector_entry, inspector3_entry], user=staff)
    services.inspection_schedule(inspection=inspection, scheduled_on=datetime.date(2026, 10, 8))
    Inspection.objects.filter(pk=inspection.pk).update(summary="")  # no change: no event
    Inspection.objects.filter(pk=-1).update(summary="x")  # no row: no event
    labels = list(
        InspectionEvent.objects.filter(pgh_obj_id=inspection.pk)
        .order_by("pgh_id")
        .values_list("pgh_label", "scheduled_on")
    )
    assert labels == [("insert", plan.starts_on), ("update", datetime.date(2026, 10, 8))]


def test_inserted_rows_are_what_the_models_make(
    plan, staff, firm, other_firm, inspector_entry, inspector3_entry
):
    from tests.inspections.conftest import make_inspection

    draw = make_inspection(plan, firm, [inspector_entry], user=staff).draw
    [(pk,)] = insert_rows(
        Inspection,
        fixed={"plan": plan, "draw": draw, "scheduled_on": plan.starts_on},
        varying={"firm": [other_firm.pk]},
    )
    made = Inspection(plan=plan, draw=draw, firm=other_firm, scheduled_on=plan.starts_on)  # unsaved
    stored = Inspection.objects.get(pk=pk)
    for field in Inspection._meta.concrete_fields:
        if not field.primary_key:
            assert getattr(stored, field.attname) == getattr(made, field.attname), field.name
    rows = insert_rows(
        Assignment,
        fixed={},
        varying={"inspection": [pk, pk], "inspector": [inspector_entry.pk, inspector3_entry.pk]},
        returning=("inspector", "signed_at"),
    )
    assert rows == [(inspector_entry.pk, None), (inspector3_entry.pk, None)]
    assert insert_rows(Assignment, fixed={}, varying={"inspection": [], "inspector": []}) == []
