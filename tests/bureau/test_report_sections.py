"""Casework and Party-building sections of the yearly report against counts known by construction."""

import datetime

import pytest

from bureau.report.build import collect
from bureau.report.summary import draft_summary
from casework import services
from casework.models import ServiceLog
from tests.casework.conftest import make_case
from tests.factories import LawyerFactory, UserFactory

YEAR = 2026
D = datetime.date


@pytest.fixture
def casework_data(firm, other_firm):
    user = UserFactory()
    a, b = LawyerFactory(firm=firm), LawyerFactory(firm=other_firm)
    plan = [("criminal", 3, 1), ("civil", 5, 2), ("administrative", 2, 0), ("non_litigation", 1, 0)]
    for case_type, count, aid in plan:
        for i in range(count):
            make_case(
                firm if i % 2 else other_firm,
                user,
                [a] if i % 2 else [b],
                case_type=case_type,
                intake_date=D(YEAR, 1 + i, 3),
                is_legal_aid=i < aid,
                aid_body="示范县法律援助中心" if i < aid else "",
                aid_notice_no=f"援{i}" if i < aid else "",
            )
    make_case(firm, user, [a], case_type="civil", intake_date=D(YEAR - 1, 12, 30))  # last year: not counted
    log = services.service_log_create
    log(
        firm=firm, user=user, kind=ServiceLog.Kind.LEGAL_HELP, date=D(YEAR, 2, 1), lawyers=[a], person_times=7
    )
    log(
        firm=other_firm,
        user=user,
        kind=ServiceLog.Kind.LEGAL_HELP,
        date=D(YEAR, 3, 1),
        lawyers=[b],
        person_times=5,
    )
    log(firm=firm, user=user, kind=ServiceLog.Kind.PETITION, date=D(YEAR, 4, 1), lawyers=[a], person_times=4)
    for org_kind, n in (("enterprise", 2), ("village", 3)):
        for i in range(n):
            log(
                firm=firm,
                user=user,
                kind=ServiceLog.Kind.ADVISER,
                date=D(YEAR, 5, 1 + i),
                lawyers=[a],
                counterpart=f"{org_kind}{i}",
                org_kind=org_kind,
                term_start=D(YEAR, 1, 1),
                term_end=D(YEAR, 12, 31),
            )
    log(
        firm=firm,
        user=user,
        kind=ServiceLog.Kind.HEALTH_CHECK,
        date=D(YEAR, 6, 1),
        lawyers=[a],
        counterpart="示范县某某建材有限公司",
        publicity_sessions=2,
        consultations=9,
        opinion_letters=3,
        risk_points=5,
        matters_handled=4,
        contracts_reviewed=30,
        problems_found=6,
    )
    return user


def _table(section, title):
    return {row[0]: row[1:] for row in next(t for t in section["tables"] if t["title"] == title)["rows"]}


def test_casework_figures_equal_what_was_recorded(casework_data):
    sections, facts = collect(YEAR)
    assert facts["cases_total"] == 11 and facts["legal_aid_cases"] == 3
    assert facts["legal_help"] == 12 and facts["petition_duty"] == 4
    assert facts["adviser_engagements"] == 5 and facts["health_checks"] == 1
    casework = next(s for s in sections if s["key"] == "casework")
    by_type = _table(casework, "代理案件（按类型）")
    assert (
        by_type["刑事"] == [3]
        and by_type["民事"] == [5]
        and by_type["行政"] == [2]
        and by_type["合计"] == [11]
    )
    advisers = _table(casework, "法律顾问（按服务单位类型，台账）")
    assert advisers["企业"] == [2] and advisers["村（社区）"] == [3] and advisers["党政机关"] == [0]
    health = _table(casework, "民营企业“法治体检”（台账）")
    assert (
        health["审查劳动合同（份）"] == [30]
        and health["发现问题（个）"] == [6]
        and health["法治宣传（场）"] == [2]
    )
    summary = draft_summary(YEAR, "示范县", sections)
    assert "代理各类案件11件（其中刑事案件3件、民事案件5件、行政案件2件、非诉讼事务1件）" in summary
    assert "办理法律援助案件3件" in summary
    assert "提供法律帮助12人次" in summary and "担任法律顾问5家" in summary


def test_partybuild_section_matches_year_figures(db):
    """Party records of 2025 with every figure counted by hand (all of 2025's periods have ended)."""
    from partybuild.models import Branch, Meeting, Member
    from tests.factories import FirmFactory
    from tests.partybuild.helpers import make_branch, make_member

    year = 2025
    firm_a, firm_b, firm_c = FirmFactory(), FirmFactory(), FirmFactory()
    own = make_branch("甲所党支部", firm_a, kind=Branch.Kind.OWN)
    joint = make_branch("联合党支部", firm_b, firm_c)
    make_branch("行业党支部", kind=Branch.Kind.SECTOR, founded_on=D(year, 7, 1))
    make_branch("已撤销党支部", kind=Branch.Kind.OWN, status=Branch.Status.DISSOLVED)

    def meeting(branch, kind, held_on):
        Meeting.objects.create(branch=branch, kind=kind, held_on=held_on, topic="会议", host="书记")

    # 甲所: a members' meeting and a lecture every quarter, so no gap.
    for month in (2, 5, 8, 11):
        meeting(own, Meeting.Kind.MEMBERS, D(year, month, 10))
        meeting(own, Meeting.Kind.LECTURE, D(year, month, 20))
    # 联合: one members' meeting in Q1 (gaps: members Q2-Q4 and lectures Q1-Q4 = 7), one the year before.
    meeting(joint, Meeting.Kind.MEMBERS, D(year, 3, 1))
    meeting(joint, Meeting.Kind.MEMBERS, D(year - 1, 3, 1))
    # 行业, founded 1 July: members' meetings and lectures of Q3 and Q4 missing = 4 gaps.

    make_member(own, "甲一", firm=firm_a)
    make_member(own, "甲二", firm=firm_a)
    for name in ("乙一", "乙二", "乙三"):  # three full members: 乙所 must form its own branch
        make_member(joint, name, firm=firm_b)
    # Received in March 2025, so due for conversion in March 2026: not overdue at the end of 2025.
    make_member(joint, "丙预备", Member.Stage.PROBATIONARY, firm=firm_c, probationary_on=D(year, 3, 1))
    make_member(joint, "丙积极分子", Member.Stage.ACTIVIST, firm=firm_c)

    sections, facts = collect(year)
    party = next(s for s in sections if s["key"] == "partybuild")
    assert facts["branches_total"] == 3
    assert facts["members_full"] == 5 and facts["party_members"] == 6
    assert facts["new_probationary"] == 1
    assert facts["meetings_total"] == 9
    assert _table(party, "党组织（年末，按类型）") == {
        "独立党支部": [1],
        "联合党支部": [1],
        "行业联合党支部": [1],
        "合计": [3],
    }
    meetings = _table(party, "“三会一课”召开情况（本年）")
    assert meetings["支部党员大会"] == [5] and meetings["党课"] == [4] and meetings["合计"] == [9]
    stages = _table(party, "党员和入党积极分子（年末，按发展阶段）")
    assert stages["正式党员"] == [5] and stages["预备党员"] == [1] and stages["入党积极分子"] == [1]
    findings = _table(party, "党建规则检查问题（截至年末）")
    assert findings["党员3名以上未单独建支部的律所"] == [1]
    assert findings["逾期未办理转正"] == [0]
    assert findings["“三会一课”未按期召开"] == [7 + 4]
    assert findings["合计"] == [1 + 11]
    assert facts["open_findings"] == 12


def test_supervision_section_on_the_demo_county(db, settings, tmp_path):
    """The demo county runs plans, draws and inspections in several states; the section's figures
    equal plain counts of those records."""
    from django.utils import timezone

    from bureau.demo import seed_demo
    from inspections.models import Draw, Inspection

    settings.DEMO_PASSWORD = "Demo-password-2026"
    settings.VAR_DIR = tmp_path
    seed_demo()
    year = timezone.localdate().year
    sections, facts = collect(year)
    ours = Inspection.objects.filter(plan__year=year)
    assert facts["inspections_total"] == ours.count() > 0
    assert facts["draws_total"] == Draw.objects.filter(plan__year=year).count()
    assert facts["rectifications_ordered"] == ours.filter(result="rectify").count()
    assert facts["rectifications_completed"] == ours.filter(rectification="completed").count()
    supervision = next(s for s in sections if s["key"] == "inspections")
    assert _table(supervision, "检查和整改")["检查合格"] == [ours.filter(result="pass").count()]
    summary = draft_summary(year, "示范县", sections)
    assert f"检查律师事务所{facts['inspections_total']}家次" in summary
