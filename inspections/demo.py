"""This app's part of the demo county: the inspector register, a checklist, a 2025 plan whose
inspections are closed or overdue, a 2026 plan drawn in front of everyone with inspections in
several states (awaiting verification, passed and published, not yet started), and visits.

Draws are real draws, verifiable on the public page; the demo only picks, among seeds derived
from the plan's title, the first whose result shows the states wanted (so reruns agree)."""

import datetime
import hashlib

from django.core.files.base import ContentFile

from bureau.models import User
from bureau.permissions import Role, assign_role
from firms.models import Firm

from . import draw as algorithm
from . import rectification, services
from .models import (
    ChecklistItem,
    ChecklistTemplate,
    Conflict,
    Inspection,
    InspectionSettings,
    Inspector,
    Plan,
)

D = datetime.date

CHECKLIST = [
    (
        "organisation",
        "执业许可证书悬挂于办公场所醒目位置",
        "《律师事务所管理办法》第五十条",
        "悬挂执业许可证书正本",
    ),
    (
        "organisation",
        "办公场所、名称与登记一致",
        "《律师事务所管理办法》第二十六条",
        "办理变更登记或恢复一致",
    ),
    ("team", "律师执业证年度考核备案情况", "《律师执业管理办法》第五十一条", "按期完成年度考核备案"),
    ("team", "律师参加继续教育学时达标", "本局继续教育管理规定", "组织未达标律师补足学时"),
    ("practice", "利益冲突审查记录完整", "《律师执业行为规范（试行）》第五十一条", "补全审查记录并完善流程"),
    ("practice", "重大敏感案件按时报备", "《律师办理重大敏感案件报告备案制度》", "补报并明确报备责任人"),
    ("four_unified", "统一收案、统一签订委托合同", "《律师事务所管理办法》第五十条", "建立统一收案登记制度"),
    (
        "four_unified",
        "统一收费并出具合法票据",
        "《律师服务收费管理办法》第二十二条",
        "停止私自收费，统一开具票据",
    ),
    ("four_unified", "业务档案统一归档管理", "《律师业务档案管理办法》", "清理未归档卷宗并按期归档"),
    ("party", "党组织按期开展“三会一课”", "《中国共产党支部工作条例（试行）》", "补齐会议记录，按期开展活动"),
]

EXTRA_INSPECTORS = [("inspector_zhou", "周检查员", "示执0003"), ("inspector_wu", "吴检查员", "示执0004")]

REPORT = (
    b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n"
    b"2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n"
)


def seed(users):
    if not InspectionSettings.objects.exists():
        InspectionSettings().save()  # the row the administrator edits (load() alone never writes)
    checklist = _checklist()
    register = _inspector_register(users)
    firms = list(Firm.objects.order_by("id"))
    if len(firms) < 3 or Plan.objects.filter(year=2025, batch=2, kind=Plan.Kind.RANDOM).exists():
        return
    mingde, zhengyuan = firms[0], firms[1]
    Conflict.objects.get_or_create(
        inspector=register["inspector2"],
        firm=firms[2],
        defaults={"reason": Conflict.Reason.FORMER, "note": "2019年前曾在该所执业"},
    )
    _plan_2025(users, checklist, mingde, zhengyuan)
    _plan_2026(users, checklist, register, mingde, zhengyuan)
    _visits(users, firms)


def _checklist():
    template, created = ChecklistTemplate.objects.get_or_create(name="律师事务所双随机抽查检查表（2026版）")
    if created:
        ChecklistItem.objects.bulk_create(
            ChecklistItem(template=template, section=s, position=n, text=t, rule=r, requirement=q)
            for n, (s, t, r, q) in enumerate(CHECKLIST, 1)
        )
    return template


def _inspector_register(users):
    register = {}
    accounts = [(users["inspector"], "示执0001"), (users["inspector2"], "示执0002")]
    for username, full_name, certificate in EXTRA_INSPECTORS:
        user, created = User.objects.get_or_create(username=username, defaults={"full_name": full_name})
        if created:
            user.set_unusable_password()
            user.save(update_fields=["password"])
        assign_role(user, Role.INSPECTOR)
        accounts.append((user, certificate))
    for user, certificate in accounts:
        register[user.username], _ = Inspector.objects.get_or_create(
            user=user, defaults={"certificate_no": certificate}
        )
    return register


def _seed_where(plan, wanted):
    """The first seed derived from the plan's title whose result satisfies `wanted`."""

    def choose(inputs):
        for i in range(5000):
            candidate = hashlib.sha256(f"demo:{plan.title}:{i}".encode()).hexdigest()
            try:
                result = algorithm.run(
                    seed=candidate,
                    target_ids=inputs.target_ids,
                    inspector_ids=inputs.inspector_ids,
                    avoid=inputs.avoid,
                    n=inputs.n,
                    k=inputs.k,
                )
            except algorithm.DrawFailed:
                continue
            if wanted({t: set(ins) for t, _r, ins in result.targets}):
                return candidate
        return candidate

    return choose


def _inspector_ids(*usernames):
    return set(Inspector.objects.filter(user__username__in=usernames).values_list("id", flat=True))


def _users_of(inspection):
    return [a.inspector.user for a in inspection.assignments.select_related("inspector__user")]


def _record(inspection, user, problems):
    """Record every item; `problems` maps item position to the problem found."""
    entries = {}
    for item in inspection.plan.checklist.items.all():
        if item.position in problems:
            entries[item.pk] = ("nonconforming", problems[item.position])
        elif item.section == ChecklistItem.Section.PARTY and item.position % 2:
            entries[item.pk] = ("na", "该所尚未单独建立党组织，参加联合党支部")
        else:
            entries[item.pk] = ("conforming", "")
    rectification.findings_save(inspection=inspection, user=user, entries=entries)


def _conclude(inspection, result, problems=None, summary="", on=None):
    first, second = _users_of(inspection)[:2]
    _record(inspection, first, problems or {})
    rectification.inspection_conclude(
        inspection=inspection, user=first, result=result, summary=summary, concluded_on=on
    )
    rectification.inspection_sign(inspection=inspection, user=second, concluded_on=on)
    inspection.refresh_from_db()
    return first, second


def _plan_2025(users, checklist, mingde, zhengyuan):
    plan = services.plan_create(
        created_by=users["staff"],
        year=2025,
        batch=2,
        kind=Plan.Kind.RANDOM,
        title="2025年第二批律师事务所双随机抽查",
        checklist=checklist,
        sampling=Plan.Sampling.COUNT,
        target_count=2,
        inspectors_per_target=2,
        starts_on=D(2025, 10, 20),
        ends_on=D(2025, 11, 28),
    )
    # The two firms not drawn in 2026's plan, so that the previous-round rule can show.
    firms = list(
        Firm.objects.filter(status=Firm.Status.PRACTISING).order_by("id").values_list("id", flat=True)
    )
    others = [f for f in firms if f not in (mingde.pk, zhengyuan.pk)][:2]
    services.draw_plan(
        plan=plan, user=users["staff"], choose_seed=_seed_where(plan, lambda r: set(r) == set(others))
    )
    closed, overdue = list(Inspection.objects.filter(plan=plan).select_related("firm").order_by("firm_id"))
    first, _second = _conclude(
        closed, "rectify", {7: "抽查卷宗中2件未经统一收案登记"}, "发现统一收案问题", D(2025, 10, 30)
    )
    rectification.notice_issue(
        inspection=closed, user=first, requirement="请健全统一收案制度。", issued_on=D(2025, 11, 3)
    )
    rectification.response_submit(
        inspection=closed,
        user=users["staff"],
        file=ContentFile(REPORT, name="整改报告.pdf"),
        note="已建立统一收案登记簿并补登2件。",
        responded_on=D(2025, 11, 14),
    )
    rectification.verification_record(
        inspection=closed,
        user=first,
        outcome="completed",
        note="经核查已整改到位",
        verified_on=D(2025, 11, 19),
    )
    services.inspection_publish(inspection=closed, user=users["staff"], published_on=D(2025, 11, 4))
    first, _second = _conclude(
        overdue, "rectify", {9: "2024年度结案卷宗28件未归档"}, "档案管理问题", D(2025, 11, 6)
    )
    rectification.notice_issue(
        inspection=overdue,
        user=first,
        requirement="请于期限内完成归档。",
        workdays=20,
        issued_on=D(2025, 11, 10),
    )


def _plan_2026(users, checklist, register, mingde, zhengyuan):
    plan = services.plan_create(
        created_by=users["staff"],
        year=2026,
        batch=1,
        kind=Plan.Kind.RANDOM,
        title="2026年第一批律师事务所双随机抽查",
        checklist=checklist,
        sampling=Plan.Sampling.COUNT,
        target_count=3,
        inspectors_per_target=2,
        starts_on=D(2026, 9, 21),
        ends_on=D(2026, 10, 30),
    )
    mine, theirs = _inspector_ids("inspector"), _inspector_ids("inspector2")

    def wanted(result):
        return (
            mingde.pk in result
            and zhengyuan.pk in result
            and mine <= result[mingde.pk]
            and not theirs & result[mingde.pk]
            and theirs <= result[zhengyuan.pk]
            and not mine & result[zhengyuan.pk]
        )

    services.draw_plan(plan=plan, user=users["staff"], choose_seed=_seed_where(plan, wanted))
    inspections = {i.firm_id: i for i in Inspection.objects.filter(plan=plan)}
    # 明德所: 责令整改, notice issued, the director has reported back; the inspector is to verify.
    at_mingde = inspections[mingde.pk]
    first, _second = _conclude(
        at_mingde,
        "rectify",
        {1: "执业许可证书正本未悬挂", 5: "3件民事案件缺少利益冲突审查记录"},
        "发现2项问题，当场指出",
        D(2026, 9, 24),
    )
    inspector = users["inspector"]
    rectification.notice_issue(
        inspection=at_mingde,
        user=inspector,
        requirement="请你所对照上述问题逐项整改，健全相关制度，并将整改情况书面报告我局。",
        issued_on=D(2026, 9, 25),
    )
    rectification.response_submit(
        inspection=at_mingde,
        user=users["director"],
        file=ContentFile(REPORT, name="明德所整改报告.pdf"),
        note="证书已悬挂；已补全审查记录并修订审查流程。",
        responded_on=D(2026, 10, 16),
    )
    # 正源所: 合格, published.
    at_zhengyuan = inspections[zhengyuan.pk]
    _conclude(at_zhengyuan, "pass", summary="各项制度健全，未发现问题", on=D(2026, 9, 23))
    services.inspection_publish(inspection=at_zhengyuan, user=users["staff"], published_on=D(2026, 9, 28))
    # The third firm's inspection has not started; its 检查通知书 has been issued.
    third = next(i for firm_id, i in inspections.items() if firm_id not in (mingde.pk, zhengyuan.pk))
    rectification.inspection_notice_issue(inspection=third, user=users["staff"])


def _visits(users, firms):
    for firm, day, problems, help_given in [
        (firms[0], D(2026, 4, 15), "青年律师案源不足，希望参与法律援助值班", "已纳入法律援助值班律师名册"),
        (firms[2], D(2026, 6, 3), "个人所办公场地租约到期，担心影响执业", "协调司法所提供过渡办公场地信息"),
    ]:
        services.visit_record(
            recorded_by=users["staff"],
            firm=firm,
            visited_on=day,
            visitors="王科员、陈检查员",
            problems=problems,
            help_given=help_given,
        )
