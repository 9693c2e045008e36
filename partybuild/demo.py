"""This app's part of the demo county: 明德所's own branch (its director is the branch secretary), a
joint branch of the four smaller firms, the sector's branch, members at every stage, a liaison
officer with training, and this year's 三会一课 with gaps the checks find."""

import datetime

from dateutil.relativedelta import relativedelta
from django.utils import timezone

from firms.models import Firm, Lawyer

from .models import (
    Attendance,
    Branch,
    BranchFirm,
    CommitteeSeat,
    LiaisonOfficer,
    LiaisonTraining,
    Meeting,
    Member,
    Transfer,
)
from .services import branch_grant_secretary

D = datetime.date
S = Member.Stage
ALL_DOCS = list(Member.Doc.values)


def _dates(stage, applied, *, activist=None, target=None, probationary=None, full=None):
    """Step dates up to `stage`, each a plausible time after the previous one unless given."""
    activist = activist or applied + relativedelta(months=6)
    target = target or activist + relativedelta(years=1, months=1)
    probationary = probationary or target + relativedelta(months=5)
    full = full or probationary + relativedelta(years=1)
    values = [applied, activist, target, probationary, full]
    return {field: values[i] for i, (st, field) in enumerate(Member.STEP_DATE_FIELDS.items()) if st <= stage}


def _member(branch, stage, dates, *, lawyer=None, name="", firm=None, docs=None, imported=False):
    if lawyer is not None:
        name, firm = lawyer.name, lawyer.firm
    member, _ = Member.objects.get_or_create(
        name=name,
        branch=branch,
        defaults=dict(
            lawyer=lawyer,
            firm=firm,
            stage=stage,
            archive_docs=[d for d in ALL_DOCS] if docs is None else docs,
            imported=imported,
            **dates,
        ),
    )
    return member


def _branch(name, kind, founded_on, firms, **fields):
    branch, _ = Branch.objects.get_or_create(
        name=name, defaults=dict(kind=kind, founded_on=founded_on, **fields)
    )
    for firm in firms:
        BranchFirm.objects.get_or_create(firm=firm, defaults={"branch": branch})
    return branch


def _lawyer(firm, name):
    return Lawyer.objects.filter(firm=firm, name=name).first()


def _meetings(branch, plan, today, skip=()):
    """Hold each (kind, monthly?) meeting of this year up to today, except the (kind, month) in `skip`."""
    members = list(
        branch.members.filter(status=Member.Status.ACTIVE, stage__gte=S.PROBATIONARY).order_by("id")
    )
    topics = {
        Meeting.Kind.MEMBERS: "学习贯彻党的路线方针政策",
        Meeting.Kind.COMMITTEE: "研究本月支部工作",
        Meeting.Kind.GROUP: "党小组学习讨论",
        Meeting.Kind.LECTURE: "书记讲党课：律师行业的政治责任",
        Meeting.Kind.THEME_DAY: "主题党日：普法进社区",
    }
    for month in range(1, today.month + 1):
        for kind, monthly in plan:
            if not monthly and month % 3 != 2:
                continue
            if (kind, month) in skip:
                continue
            held_on = D(today.year, month, 12 if kind != Meeting.Kind.LECTURE else 20)
            if held_on > today or held_on < branch.founded_on:
                continue
            meeting, created = Meeting.objects.get_or_create(
                branch=branch,
                kind=kind,
                held_on=held_on,
                defaults={
                    "topic": topics[kind],
                    "host": str(branch.secretary or "支部书记"),
                    "minutes": "会议传达学习了有关文件精神，结合本所实际进行了讨论，并对下一步工作作出安排。",
                },
            )
            if created and members:
                absent = members[month % len(members)] if len(members) > 2 else None
                Attendance.objects.bulk_create(
                    [
                        Attendance(
                            meeting=meeting,
                            member=m,
                            present=m != absent,
                            absence_reason="外地出庭" if m == absent else "",
                        )
                        for m in members
                    ]
                )


def seed(users):
    today = timezone.localdate()
    firms = list(Firm.objects.order_by("id"))
    if len(firms) < 5:
        return
    mingde, zhengyuan, gongping, diyi, xinda = firms[:5]
    year_ago = today - relativedelta(years=1)

    officer, _ = LiaisonOfficer.objects.get_or_create(
        name="周建华", defaults={"position": "司法局律师工作股股长", "phone": "0937-6120010"}
    )
    officer.firms.add(*firms[:5])
    training, _ = LiaisonTraining.objects.get_or_create(
        title="全县律师行业党建联络员业务培训",
        defaults={
            "held_on": D(today.year, 3, 15) if today >= D(today.year, 3, 15) else year_ago,
            "hours": 4,
            "organiser": "示范县司法局",
        },
    )
    training.attendees.add(officer)

    # 明德所: its own branch; 李文博 (the director) is the secretary.
    own = _branch(
        "示范县明德律师事务所党支部",
        Branch.Kind.OWN,
        D(2012, 7, 1),
        [mingde],
        liaison=officer,
        standard_status=Branch.Standard.IN_PROGRESS,
        standard_criteria=[Branch.Criterion.ORGANISATION, Branch.Criterion.TEAM, Branch.Criterion.RECORDS],
    )
    li = _member(own, S.FULL, _dates(S.FULL, D(2000, 3, 1)), lawyer=_lawyer(mingde, "李文博"))
    _member(own, S.FULL, _dates(S.FULL, D(2006, 4, 1)), lawyer=_lawyer(mingde, "王静"))
    _member(own, S.FULL, _dates(S.FULL, D(2012, 5, 1)), lawyer=_lawyer(mingde, "张伟"))
    due_soon = today - relativedelta(years=1) + datetime.timedelta(days=20)
    _member(
        own,
        S.PROBATIONARY,
        _dates(S.PROBATIONARY, D(2021, 3, 1), probationary=due_soon),
        lawyer=_lawyer(mingde, "刘洋"),
    )
    _member(
        own,
        S.TARGET,
        _dates(S.TARGET, D(2023, 2, 1)),
        lawyer=_lawyer(mingde, "陈晓燕"),
        docs=[Member.Doc.APPLICATION, Member.Doc.AUTOBIOGRAPHY, Member.Doc.ACTIVIST_RECORD],
    )
    _member(
        own,
        S.ACTIVIST,
        _dates(S.ACTIVIST, D(2025, 1, 10)),
        lawyer=_lawyer(mingde, "杨帆"),
        docs=[Member.Doc.APPLICATION, Member.Doc.AUTOBIOGRAPHY],
    )
    _member(
        own,
        S.APPLICANT,
        _dates(S.APPLICANT, D(2026, 3, 5)),
        lawyer=_lawyer(mingde, "黄丽"),
        docs=[Member.Doc.APPLICATION],
    )
    _member(own, S.FULL, _dates(S.FULL, D(2009, 9, 1)), name="周敏（行政）", firm=mingde)
    if own.secretary_id is None:
        own.secretary = li
        own.save(update_fields=["secretary"])
    branch_grant_secretary(branch=own, user=users["director"])
    _meetings(
        own,
        [(Meeting.Kind.MEMBERS, False), (Meeting.Kind.LECTURE, False)],
        today,
        skip={(Meeting.Kind.LECTURE, 5)},
    )

    # The joint branch of the four smaller firms; 正源所 has 3 full members and ought to have its own.
    joint = _branch(
        "示范县律师行业第一联合党支部",
        Branch.Kind.JOINT,
        D(2017, 6, 20),
        [zhengyuan, gongping, diyi, xinda],
        liaison=officer,
        committee_elected_on=D(2024, 6, 28),
    )
    zhao = _member(joint, S.FULL, _dates(S.FULL, D(2002, 3, 1)), lawyer=_lawyer(zhengyuan, "赵雅琴"))
    zhou = _member(joint, S.FULL, _dates(S.FULL, D(2005, 3, 1)), lawyer=_lawyer(zhengyuan, "周强"))
    _member(joint, S.FULL, _dates(S.FULL, D(2013, 3, 1)), lawyer=_lawyer(zhengyuan, "吴敏"))
    _member(
        joint,
        S.APPLICANT,
        _dates(S.APPLICANT, D(2025, 10, 8)),
        lawyer=_lawyer(zhengyuan, "孙倩"),
        docs=[Member.Doc.APPLICATION],
    )
    ma = _member(joint, S.FULL, _dates(S.FULL, D(1995, 3, 1)), lawyer=_lawyer(gongping, "马建国"))
    _member(joint, S.FULL, _dates(S.FULL, D(1998, 3, 1)), lawyer=_lawyer(diyi, "郭志刚"))
    _member(
        joint,
        S.PROBATIONARY,
        _dates(S.PROBATIONARY, D(2023, 3, 1), probationary=today - relativedelta(months=5)),
        lawyer=_lawyer(diyi, "何芳"),
    )
    _member(
        joint,
        S.PROBATIONARY,
        _dates(S.PROBATIONARY, D(2023, 4, 1), probationary=today - relativedelta(months=7)),
        lawyer=_lawyer(diyi, "高峰"),
    )
    _member(
        joint,
        S.FULL,
        _dates(S.FULL, D(2004, 3, 1)),
        lawyer=_lawyer(xinda, "林涛"),
        docs=[d for d in ALL_DOCS if d != Member.Doc.POLITICAL_REVIEW],
    )
    overdue = today - relativedelta(years=1, days=25)
    _member(
        joint,
        S.PROBATIONARY,
        _dates(S.PROBATIONARY, D(2022, 5, 1), probationary=overdue),
        lawyer=_lawyer(xinda, "罗娜"),
    )
    # Imported from the old register: made a development target 7 months after becoming an activist.
    _member(
        joint,
        S.TARGET,
        _dates(S.TARGET, D(2024, 1, 15), activist=D(2024, 6, 1), target=D(2025, 1, 6)),
        lawyer=_lawyer(xinda, "梁晨"),
        imported=True,
        docs=[
            Member.Doc.APPLICATION,
            Member.Doc.AUTOBIOGRAPHY,
            Member.Doc.ACTIVIST_RECORD,
            Member.Doc.POLITICAL_REVIEW,
        ],
    )
    if joint.secretary_id is None:
        joint.secretary = zhao
        joint.save(update_fields=["secretary"])
    if not joint.committee.exists():
        CommitteeSeat.objects.bulk_create(
            [
                CommitteeSeat(branch=joint, member=zhao, position=CommitteeSeat.Position.SECRETARY),
                CommitteeSeat(branch=joint, member=zhou, position=CommitteeSeat.Position.ORGANISATION),
                CommitteeSeat(branch=joint, member=ma, position=CommitteeSeat.Position.PROPAGANDA),
            ]
        )
    branch_grant_secretary(branch=joint, user=users["director2"])
    _meetings(
        joint,
        [
            (Meeting.Kind.MEMBERS, False),
            (Meeting.Kind.LECTURE, False),
            (Meeting.Kind.COMMITTEE, True),
            (Meeting.Kind.THEME_DAY, True),
        ],
        today,
        skip={(Meeting.Kind.COMMITTEE, 3), (Meeting.Kind.MEMBERS, 8)},
    )

    # The sector's joint branch at the bureau: retired lawyers and the association's staff.
    sector = _branch("示范县律师行业党委机关党支部", Branch.Kind.SECTOR, D(2015, 1, 1), [])
    first = _member(sector, S.FULL, _dates(S.FULL, D(1985, 3, 1)), name="钱国栋（退休律师）")
    _member(sector, S.FULL, _dates(S.FULL, D(1990, 3, 1)), name="孔秀兰（律协工作人员）")
    moved = _member(sector, S.FULL, _dates(S.FULL, D(2008, 3, 1)), name="韩冬（律协工作人员）")
    if not moved.transfers.exists():
        Transfer.objects.create(
            member=moved,
            direction=Transfer.Direction.IN,
            branch=sector,
            other_organisation="邻县律师行业党委",
            on_date=D(2021, 9, 1),
        )
    if sector.secretary_id is None:
        sector.secretary = first
        sector.save(update_fields=["secretary"])
    _meetings(
        sector,
        [(Meeting.Kind.MEMBERS, False), (Meeting.Kind.LECTURE, False)],
        today,
        skip={(Meeting.Kind.LECTURE, 8)},
    )
