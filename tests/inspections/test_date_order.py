"""Dates that follow one another stay in order: each pair is a named CheckConstraint in the
database, and the form or service that takes the date says so in Chinese."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from inspections import rectification
from inspections.models import Draw, Inspection, Plan, RectificationNotice

from .conftest import record_all, rectifying

pytestmark = pytest.mark.django_db
D = datetime.date


def _violates(name, queryset, **values):
    with pytest.raises(IntegrityError, match=name), transaction.atomic():
        queryset.update(**values)


def test_plan_end_before_start_is_refused_on_the_form(login, staff, checklist):
    response = login(staff).post(
        "/inspections/plans/new/",
        {
            "year": 2026,
            "batch": 1,
            "kind": "random",
            "title": "倒置的计划",
            "checklist": checklist.pk,
            "sampling": "count",
            "target_count": 1,
            "inspectors_per_target": 2,
            "starts_on": "2026-10-30",
            "ends_on": "2026-09-21",
        },
    )
    assert response.status_code == 200 and "检查结束日期不能早于开始日期" in response.content.decode()
    assert not Plan.objects.exists()


def test_plan_dates_constraint(plan):
    _violates("inspections_plan_dates_in_order", Plan.objects.filter(pk=plan.pk), ends_on=D(2026, 1, 1))


def test_conclusion_before_the_inspection_date_is_refused(login, inspection, inspector):
    Inspection.objects.filter(pk=inspection.pk).update(scheduled_on=D(2099, 1, 5))
    inspection.refresh_from_db()
    record_all(inspection, inspector)
    response = login(inspector).post(f"/inspections/{inspection.pk}/conclude/", {"result": "rectify"})
    assert response.status_code == 400
    assert "检查结束日期不能早于检查日期（2099-01-05）" in response.content.decode()
    inspection.refresh_from_db()
    assert inspection.status == Inspection.Status.SCHEDULED and inspection.concluded_on is None


def test_last_signature_before_the_inspection_date_is_refused(inspection, inspector, inspector3_entry):
    record_all(inspection, inspector)
    rectification.inspection_conclude(inspection=inspection, user=inspector, result="rectify")
    with pytest.raises(ValidationError, match="检查结束日期不能早于检查日期"):
        rectification.inspection_sign(
            inspection=inspection,
            user=inspector3_entry.user,
            concluded_on=inspection.scheduled_on - datetime.timedelta(days=1),
        )


def test_inspection_date_constraints(inspection, inspector, inspector3_entry):
    rectifying(inspection, inspector, inspector3_entry.user)
    inspection.refresh_from_db()
    rows = Inspection.objects.filter(pk=inspection.pk)
    _violates(
        "inspections_inspection_concluded_after_scheduled",
        rows,
        concluded_on=inspection.scheduled_on - datetime.timedelta(days=1),
    )
    _violates(
        "inspections_inspection_publish_due_after_concluded",
        rows,
        publish_due=inspection.concluded_on - datetime.timedelta(days=1),
    )


def test_notice_deadline_constraint(inspection, inspector, inspector3_entry):
    rectifying(inspection, inspector, inspector3_entry.user)
    notice = rectification.notice_issue(inspection=inspection, user=inspector, requirement="整改")
    notice.deadline = notice.issued_on - datetime.timedelta(days=1)
    # full_clean() knows the rule too, in Chinese.
    with pytest.raises(ValidationError, match="整改期限不能早于签发日期"):
        notice.full_clean()
    assert RectificationNotice.objects.get(pk=notice.pk).deadline >= notice.issued_on


def test_draw_times_constraint(inspection):
    draw = Draw.objects.get(pk=inspection.draw_id)
    draw.drawn_at = draw.frozen_at - datetime.timedelta(seconds=1)
    with pytest.raises(ValidationError, match="抽取时间不能早于名录冻结时间"):
        draw.full_clean(exclude=["plan", "drawn_by", "supersedes"])
