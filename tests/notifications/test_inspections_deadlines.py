"""Inspections scheduled, rectification deadlines (and overdue), verifications to do and results to
publish: each reminded once per step, to those who may see the inspection and act on it."""

import datetime

import pytest
from django.core.files.base import ContentFile

from inspections.models import Inspection, RectificationNotice, Response

from .conftest import D, run_days, steps

pytestmark = pytest.mark.django_db


@pytest.fixture
def pair(inspection, other_inspection):
    """`inspection` of 甲所 by inspector and inspector3; `other_inspection` of 乙所 by inspector2
    and inspector3."""
    return inspection, other_inspection


def _keys(kind, inspection, due, step_names):
    return [(f"{kind}:inspection={inspection.pk}:{due:%Y-%m-%d}", s) for s in step_names]


def test_scheduled_inspection_reminds_its_inspectors_and_director(
    pair, director, director2, inspector, inspector2, staff
):
    inspection, other = pair
    Inspection.objects.filter(pk__in=[inspection.pk, other.pk]).update(scheduled_on=D(2026, 11, 20))
    run_days([D(2026, 11, 12), D(2026, 11, 13), D(2026, 11, 19), D(2026, 11, 20)])
    expected = _keys("inspections.scheduled", inspection, D(2026, 11, 20), ["before:5", "before:1", "due"])
    assert steps(inspector, "inspections.scheduled") == expected
    assert steps(director, "inspections.scheduled") == expected
    # inspector2 and director2 hear of the other inspection only; the bureau follows plans instead.
    assert steps(inspector2, "inspections.scheduled") == _keys(
        "inspections.scheduled", other, D(2026, 11, 20), ["before:5", "before:1", "due"]
    )
    assert all(
        key.endswith(f"inspection={other.pk}:2026-11-20")
        for key, _s in steps(director2, "inspections.scheduled")
    )
    assert len(steps(director2, "inspections.scheduled")) == 3
    assert steps(staff, "inspections.scheduled") == []


def test_rectification_deadline_then_overdue_for_director_inspectors_and_bureau(
    pair, director, director2, inspector, inspector2, staff
):
    inspection, _other = pair
    Inspection.objects.filter(pk=inspection.pk).update(
        status=Inspection.Status.RECTIFYING,
        result=Inspection.Result.RECTIFY,
        concluded_on=D(2026, 9, 25),
        rectification=Inspection.Rectification.PENDING,
        rectification_deadline=D(2026, 10, 9),
    )
    # Every day from 28 September to 19 October: the holidays and weekends remind nothing.
    days = [D(2026, 9, 28), D(2026, 9, 30)] + [D(2026, 10, d) for d in range(1, 20)]
    run_days(days)
    expected = _keys(
        "inspections.rectification",
        inspection,
        D(2026, 10, 9),
        ["before:5", "before:1", "due", "overdue:1", "overdue:2"],
    )
    for user in (director, inspector, staff):
        assert steps(user, "inspections.rectification") == expected
    for user in (director2, inspector2):
        assert steps(user, "inspections.rectification") == []


def test_verification_to_do_reminds_the_inspectors_and_the_bureau_not_the_director(
    pair, director, inspector, inspector2, staff
):
    inspection, _other = pair
    Inspection.objects.filter(pk=inspection.pk).update(
        status=Inspection.Status.RECTIFYING,
        result=Inspection.Result.RECTIFY,
        concluded_on=D(2026, 9, 25),
        rectification=Inspection.Rectification.RESPONDED,
        rectification_deadline=D(2026, 10, 30),
    )
    notice = RectificationNotice.objects.create(
        inspection=inspection,
        year=2026,
        serial=1,
        doc_number="示司律整〔2026〕1号",
        firm_name="甲律师事务所",
        findings=[],
        requirement="整改",
        report_method="书面",
        workdays=20,
        issued_on=D(2026, 9, 25),
        deadline=D(2026, 10, 30),
        issued_by=staff,
    )
    response = Response.objects.create(
        notice=notice, file=ContentFile(b"report", name="r.pdf"), uploaded_by=director
    )
    reported = datetime.datetime(2026, 11, 2, 10, 0, tzinfo=datetime.UTC)
    Response.objects.filter(pk=response.pk).update(uploaded_at=reported)
    # Ten working days after 2 November: 16 November.
    run_days([D(2026, 11, 9), D(2026, 11, 13), D(2026, 11, 16), D(2026, 11, 17)])
    expected = _keys(
        "inspections.verification", inspection, D(2026, 11, 16), ["before:5", "before:1", "due", "overdue:1"]
    )
    assert steps(inspector, "inspections.verification") == expected
    assert steps(staff, "inspections.verification") == expected
    assert steps(director, "inspections.verification") == []
    assert steps(inspector2, "inspections.verification") == []


def test_results_due_for_publication_remind_the_bureau_only(pair, director, inspector, staff):
    inspection, _other = pair
    Inspection.objects.filter(pk=inspection.pk).update(
        status=Inspection.Status.CLOSED,
        result=Inspection.Result.PASS,
        concluded_on=D(2026, 9, 28),
        publish_due=D(2026, 10, 12),
    )
    # Working days left before 12 October: on the 9th two (Saturday the 10th is worked), on the
    # 10th one; on 28 September six (29, 30 Sept, 8, 9, 10, 12 Oct), too early.
    run_days([D(2026, 9, 28), D(2026, 10, 9), D(2026, 10, 10), D(2026, 10, 12), D(2026, 10, 13)])
    expected = _keys(
        "inspections.publication", inspection, D(2026, 10, 12), ["before:5", "before:1", "due", "overdue:1"]
    )
    assert steps(staff, "inspections.publication") == expected
    assert steps(director, "inspections.publication") == []
    assert steps(inspector, "inspections.publication") == []
