import datetime

import pytest

from inspections import services
from inspections.models import Assignment, ChecklistItem, ChecklistTemplate, Draw, Inspection, Inspector, Plan
from tests.factories import UserFactory

D = datetime.date


@pytest.fixture
def checklist(db):
    template = ChecklistTemplate.objects.create(name="双随机抽查检查表")
    for position, (section, text, rule, requirement) in enumerate(
        [
            (
                "organisation",
                "执业许可证书悬挂于办公场所",
                "《律师事务所管理办法》第五十条",
                "悬挂执业许可证书",
            ),
            ("four_unified", "统一收案、统一收费", "《律师事务所管理办法》第五十条", "建立统一收案登记制度"),
            ("practice", "利益冲突审查记录完整", "《律师执业行为规范》第五十一条", "补全利益冲突审查记录"),
        ],
        1,
    ):
        ChecklistItem.objects.create(
            template=template,
            section=section,
            position=position,
            text=text,
            rule=rule,
            requirement=requirement,
        )
    return template


@pytest.fixture
def inspector_entry(inspector):
    return Inspector.objects.create(user=inspector, certificate_no="甘执A001")


@pytest.fixture
def inspector2_entry(inspector2):
    return Inspector.objects.create(user=inspector2, certificate_no="甘执A002")


@pytest.fixture
def inspector3_entry(db):
    from bureau.permissions import Role

    user = UserFactory(username="inspector3", full_name="周检查员", role=Role.INSPECTOR)
    return Inspector.objects.create(user=user, certificate_no="甘执A003")


@pytest.fixture
def plan(checklist, staff):
    return services.plan_create(
        created_by=staff,
        year=2026,
        batch=1,
        kind=Plan.Kind.RANDOM,
        title="2026年第一批双随机抽查",
        checklist=checklist,
        sampling=Plan.Sampling.COUNT,
        target_count=1,
        inspectors_per_target=2,
        starts_on=D(2026, 9, 21),
        ends_on=D(2026, 10, 30),
    )


def make_inspection(plan, firm, entries, *, user):
    """An inspection of `firm` by the given register entries, without running a draw."""
    draw = Draw.objects.create(
        plan=plan,
        algorithm="test",
        seed="0" * 64,
        targets_listing=str(firm.pk),
        targets_hash="0" * 64,
        inspectors_listing="\n".join(str(e.pk) for e in entries),
        inspectors_hash="0" * 64,
        avoidance_listing="",
        avoidance_hash="0" * 64,
        target_count=1,
        inspectors_per_target=len(entries),
        result={"targets": [{"id": firm.pk, "rank": "0", "inspectors": [e.pk for e in entries]}]},
        drawn_by=user,
        frozen_at=datetime.datetime(2026, 9, 1, tzinfo=datetime.UTC),
        drawn_at=datetime.datetime(2026, 9, 1, tzinfo=datetime.UTC),
    )
    inspection = Inspection.objects.create(plan=plan, draw=draw, firm=firm, scheduled_on=plan.starts_on)
    for entry in entries:
        Assignment.objects.create(inspection=inspection, inspector=entry)
    return inspection


@pytest.fixture
def inspection(plan, firm, inspector_entry, inspector3_entry, staff):
    """`firm`'s inspection by inspector and inspector3 (not inspector2)."""
    return make_inspection(plan, firm, [inspector_entry, inspector3_entry], user=staff)


@pytest.fixture
def other_inspection(plan, other_firm, inspector2_entry, inspector3_entry, staff):
    """`other_firm`'s inspection by inspector2 and inspector3 (not inspector)."""
    return make_inspection(plan, other_firm, [inspector2_entry, inspector3_entry], user=staff)


def record_all(inspection, user, *, problem=True):
    """Record every checklist item, the first as 不符合 when `problem`."""
    from inspections.rectification import findings_save

    items = list(inspection.plan.checklist.items.order_by("position"))
    entries = {item.pk: ("conforming", "") for item in items}
    if problem:
        entries[items[0].pk] = ("nonconforming", "执业许可证书未悬挂")
    findings_save(inspection=inspection, user=user, entries=entries)


def rectifying(inspection, first_user, second_user, on=None):
    """Bring an inspection to 整改中: findings with a problem, result 责令整改, both signatures
    (the inspection ends `on`, default today)."""
    from inspections.rectification import inspection_conclude, inspection_sign

    record_all(inspection, first_user)
    inspection_conclude(inspection=inspection, user=first_user, result="rectify", summary="发现问题")
    return inspection_sign(inspection=inspection, user=second_user, concluded_on=on)
