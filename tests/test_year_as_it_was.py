"""The year as it was (issue 11's two cross-app acceptance tests).

Year 2024 of 示范县 is entered in full through the services, each event with its 2024 date, while the
clock says 2026 (no freezegun): five firms (one founded, one deregistered, one state-funded firm
restructuring), six lawyers (two new, one transferred, partners, women), ratings, the annual
assessment, training, facilities and stations; nine cases of every kind of handling, a sensitive
filing, service logs of every kind, one firm's four quarterly reports filed and accepted; a Party
branch with members taking their development steps and its 三会一课; a mid-year acceptance round and
a dual-random round carried through to publication.

1. The 2024 report (bureau.report.build.collect) and its drafted summary equal what the records say,
   written down by hand below (never computed by the code under test).
2. Then 2025 is recorded (a firm deregistered, lawyers transferred, members converted, a rating
   expiring, a new firm, a case, service logs, a second dual-random round): 2024's tables, facts
   and summary are exactly what they were, and 2025's figures moved where they should.
"""

import datetime
import re
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from bureau.demo import demo_credit_code, demo_id_number
from bureau.permissions import Role
from bureau.report.build import collect, key_figures
from bureau.report.summary import draft_summary
from casework import services as casework
from casework.models import PartyKind, PartyRole, ServiceLog
from firms import facilities
from firms import services as firms
from firms.models import Firm, Lawyer, RestructuringStep, ServiceStation
from inspections import rectification
from inspections import services as inspections
from inspections.models import Inspection, Plan
from partybuild import services as party
from partybuild.models import Branch, Meeting, Member
from tests.factories import UserFactory, set_firm_status

pytestmark = pytest.mark.django_db

D = datetime.date
Y = 2024
COUNTY = "示范县"
PDF = b"%PDF-1.4 rectification report"


# ---- firms and lawyers ------------------------------------------------------------------------


def _firm(n, name, founded, form=Firm.Form.PARTNERSHIP):
    return firms.firm_create(
        name=name, credit_code=demo_credit_code(800 + n), founded_on=founded, organisation_form=form
    )


def _lawyer(firm, n, name, licensed, **fields):
    return firms.lawyer_create(
        firm=firm,
        name=name,
        gender=fields.pop("gender", Lawyer.Gender.MALE),
        id_number=demo_id_number(D(1980, 1, 1 + n), 800 + n),
        licence_no=f"1629920101{n + 1:07d}",
        licence_date=licensed,
        **fields,
    )


def _registry_2024():
    """明德 (2015), 正源 (2018), 新华 founded 2024-03-01, 旧城 (2010) deregistered 2024-03-31 after its
    lawyer moved to 正源, 国信 (state-funded) restructuring from 2024-02-01 with two steps done."""
    mingde = _firm(1, "明德律师事务所", D(2015, 1, 1))
    zhengyuan = _firm(2, "正源律师事务所", D(2018, 1, 1))
    xinhua = _firm(3, "新华律师事务所", D(Y, 3, 1))
    jiucheng = _firm(4, "旧城律师事务所", D(2010, 1, 1), Firm.Form.SOLE)
    guoxin = _firm(5, "国信律师事务所", D(2000, 1, 1), Firm.Form.STATE)
    lawyers = {
        # 明德: a woman partner and Party member; a man licensed in 2024.
        "a": _lawyer(
            mingde, 0, "林静", D(2015, 7, 1), gender="F", is_partner=True, political_status="party_member"
        ),
        "b": _lawyer(mingde, 1, "周航", D(Y, 2, 1)),
        # 正源: a partner; 旧城's only lawyer transfers to 正源 before 旧城 is deregistered.
        "c": _lawyer(zhengyuan, 2, "吴涛", D(2018, 1, 1), is_partner=True),
        "d": _lawyer(jiucheng, 3, "郑远", D(2012, 1, 1)),
        # 新华: a woman licensed in 2024. 国信: a public-sector lawyer.
        "e": _lawyer(xinhua, 4, "王芳", D(Y, 5, 1), gender="F"),
        "f": _lawyer(guoxin, 5, "冯刚", D(2005, 1, 1), category=Lawyer.Category.PUBLIC),
    }
    lawyers["d"] = firms.lawyer_transfer(lawyer=lawyers["d"], to_firm=zhengyuan, on_date=D(Y, 3, 15))
    set_firm_status(jiucheng, Firm.Status.DEREGISTERED, D(Y, 3, 31))

    restructuring = firms.restructuring_start(
        firm=guoxin, target_form=Firm.Form.PARTNERSHIP, started_on=D(Y, 2, 1)
    )
    set_firm_status(guoxin, Firm.Status.RESTRUCTURING, D(Y, 2, 1))
    for step, done_on in (
        (RestructuringStep.Step.PLAN_APPROVED, D(Y, 3, 1)),
        (RestructuringStep.Step.ASSET_CHECK, D(Y, 9, 1)),
    ):
        firms.restructuring_step_update(
            step=restructuring.steps.get(step=step),
            status="done",
            started_on=D(Y, 2, 1),
            completed_on=done_on,
        )

    # 正源's county rating of 2022 (no end date) and 明德's provincial rating of 2024 (until mid-2025).
    firms.rating_add(firm=zhengyuan, level="county", conferred_by="示范县司法局", conferred_on=D(2022, 6, 1))
    firms.rating_add(
        firm=mingde,
        level="province",
        conferred_by="省司法厅",
        conferred_on=D(Y, 5, 10),
        valid_until=D(Y + 1, 6, 30),
    )
    firms.firm_assessments_save(
        year=Y,
        results={
            mingde.pk: ("pass", ""),
            zhengyuan.pk: ("pass", ""),
            guoxin.pk: ("fail", "档案管理不规范"),
        },
    )
    firms.lawyer_assessments_save(
        year=Y,
        results={lawyers["a"].pk: ("competent", ""), lawyers["c"].pk: ("basic", "")},
    )

    # Training: 16 hours in April (王芳 not yet licensed, so not on that day's roll), 24 in September.
    ethics = firms.training_session_create(
        title="职业道德培训",
        held_on=D(Y, 4, 10),
        organiser="示范县司法局",
        kind="ethics",
        hours=Decimal("16"),
    )
    firms.training_attendance_set(session=ethics, lawyer_ids=[lawyers[k].pk for k in "abcd"])
    new_law = firms.training_session_create(
        title="新法培训", held_on=D(Y, 9, 20), organiser="示范县律师协会", kind="new_law", hours=Decimal("24")
    )
    firms.training_attendance_set(session=new_law, lawyer_ids=[lawyers[k].pk for k in "abe"])

    facilities.improvement_add(
        firm=mingde, made_on=D(Y, 7, 1), description="新建会议室", area=60, amount=150000
    )
    facilities.improvement_add(
        firm=zhengyuan, made_on=D(Y, 8, 1), description="改造档案室", area=20, amount=30000
    )
    facilities.station_add(
        firm=zhengyuan, kind=ServiceStation.Kind.VETERANS, name="城关镇退役军人法律服务站", since=D(Y, 1, 10)
    )
    facilities.station_add(
        firm=mingde, kind=ServiceStation.Kind.LEGAL_AID, name="明德法律援助工作站", since=D(Y, 3, 1)
    )
    return {
        "mingde": mingde,
        "zhengyuan": zhengyuan,
        "xinhua": xinhua,
        "jiucheng": jiucheng,
        "guoxin": guoxin,
        "lawyers": lawyers,
        "restructuring": restructuring,
    }


# ---- casework ---------------------------------------------------------------------------------


def _case(firm, user, lawyers, n, *, intake, receipt_on=None, closed_on=None, archived_on=None, **fields):
    """A case through the services: conflict check, registration, contract, the receipt, closing
    and archiving on the dates given."""
    check = casework.conflict_check_record(
        firm=firm,
        user=user,
        matter=f"第{n}号事项",
        parties=[
            {"role": PartyRole.CLIENT, "kind": PartyKind.ORGANISATION, "name": f"委托单位{n}", "id_code": ""},
            {
                "role": PartyRole.OPPOSING,
                "kind": PartyKind.ORGANISATION,
                "name": f"对方单位{n}",
                "id_code": "",
            },
        ],
        decision="no_conflict",
    )
    values = {
        "cause": "合同纠纷",
        "authority": "示范县人民法院",
        "contract_no": f"合{n}",
        "contract_date": intake,
    }
    values.update(fields)
    case = casework.case_register(check=check, user=user, lawyers=lawyers, intake_date=intake, **values)
    if receipt_on:
        casework.receipt_add(case=case, receipt_no=f"票{n}", amount=3000, received_on=receipt_on)
    if closed_on:
        case = casework.case_update(
            case=case, expected_version=case.version, status="closed", closed_on=closed_on, result="判决"
        )
    if archived_on:
        case = casework.case_update(
            case=case,
            expected_version=case.version,
            status="archived",
            archive_no=f"档{n}",
            archived_on=archived_on,
        )
    return case


AID = {"is_legal_aid": True, "aid_body": "示范县法律援助中心", "agreed_fee": 0}


def _casework_2024(reg, directors):
    """Nine cases: 明德 4 (civil closed and archived; criminal legal aid; civil pro bono without a
    receipt; administrative sensitive, filed 2024-05-22), 正源 4 (civil; non-litigation; criminal legal
    aid; civil closed 2024-10-10 and not archived), 新华 1 (arbitration). 正源's civil case of November
    has no receipt by the year's end (it comes in 2025). Service logs of every kind."""
    mingde, zhengyuan, xinhua = reg["mingde"], reg["zhengyuan"], reg["xinhua"]
    lw = reg["lawyers"]
    dm, dz, dx = directors["mingde"], directors["zhengyuan"], directors["xinhua"]
    ab, cd = [lw["a"], lw["b"]], [lw["c"], lw["d"]]
    cases = {
        1: _case(
            mingde,
            dm,
            ab,
            1,
            case_type="civil",
            intake=D(Y, 2, 5),
            receipt_on=D(Y, 2, 6),
            closed_on=D(Y, 6, 30),
            archived_on=D(Y, 7, 15),
        ),
        2: _case(
            mingde, dm, ab, 2, case_type="criminal", intake=D(Y, 3, 10), aid_notice_no="援2024-1", **AID
        ),
        3: _case(mingde, dm, ab, 3, case_type="civil", intake=D(Y, 4, 12), is_pro_bono=True, agreed_fee=0),
        4: _case(
            mingde,
            dm,
            ab,
            4,
            case_type="administrative",
            intake=D(Y, 5, 20),
            receipt_on=D(Y, 5, 21),
            is_sensitive=True,
        ),
        5: _case(
            zhengyuan,
            dz,
            cd,
            5,
            case_type="civil",
            intake=D(Y, 3, 20),
            receipt_on=D(Y, 3, 21),
            closed_on=D(Y, 10, 10),
        ),
        6: _case(zhengyuan, dz, cd, 6, case_type="non_litigation", intake=D(Y, 6, 1), receipt_on=D(Y, 6, 3)),
        7: _case(
            zhengyuan, dz, cd, 7, case_type="criminal", intake=D(Y, 8, 8), aid_notice_no="援2024-2", **AID
        ),
        8: _case(zhengyuan, dz, cd, 8, case_type="civil", intake=D(Y, 11, 5)),
        9: _case(xinhua, dx, [lw["e"]], 9, case_type="arbitration", intake=D(Y, 7, 1), receipt_on=D(Y, 7, 2)),
    }
    casework.sensitive_file(
        case=cases[4],
        user=dm,
        client="委托单位4",
        authority="示范县人民法院",
        facts="群体性行政争议",
        legal_issues="行政强制的合法性",
        lawyer_opinion="依法代理",
        filed_on=D(Y, 5, 22),
    )
    k = ServiceLog.Kind

    def log(firm, user, lawyer, kind, day, **fields):
        casework.service_log_create(firm=firm, user=user, kind=kind, date=day, lawyers=[lawyer], **fields)

    log(mingde, dm, lw["a"], k.LEGAL_HELP, D(Y, 3, 1), person_times=12)
    log(zhengyuan, dz, lw["c"], k.CONSULTATION, D(Y, 4, 1), person_times=35)
    log(zhengyuan, dz, lw["c"], k.PETITION, D(Y, 11, 11), person_times=8)
    log(
        mingde,
        dm,
        lw["a"],
        k.ADVISER,
        D(Y, 1, 15),
        counterpart="示范县人民政府",
        org_kind="party_government",
        term_start=D(Y, 1, 1),
    )
    log(
        zhengyuan,
        dz,
        lw["d"],
        k.ADVISER,
        D(Y, 2, 1),
        counterpart="城关镇人民政府",
        org_kind="town",
        term_start=D(Y, 2, 1),
    )
    log(
        zhengyuan,
        dz,
        lw["c"],
        k.MEDIATION,
        D(Y, 5, 10),
        counterpart="示范县人民调解委员会",
        dispute_category="道路交通事故纠纷",
        disputes_taken=9,
        disputes_settled=7,
    )
    log(mingde, dm, lw["a"], k.MILITARY, D(Y, 8, 1), counterpart="某部队")
    log(zhengyuan, dz, lw["d"], k.VETERANS, D(Y, 6, 15), person_times=14)
    log(mingde, dm, lw["b"], k.DUTY, D(Y, 9, 9), person_times=3, duty_place="service_centre")
    log(
        mingde,
        dm,
        lw["a"],
        k.HEALTH_CHECK,
        D(Y, 10, 10),
        counterpart="某建材公司",
        publicity_sessions=2,
        consultations=15,
        opinion_letters=3,
        risk_points=6,
        matters_handled=4,
        contracts_reviewed=20,
        problems_found=5,
    )
    # 正源 files its four quarters of 2024 as the register has them; each is accepted.
    for quarter, submitted in ((1, D(Y, 4, 8)), (2, D(Y, 7, 5)), (3, D(Y, 10, 12)), (4, D(Y + 1, 1, 8))):
        report = casework.quarterly_create(
            firm=zhengyuan, user=dz, year=Y, quarter=quarter, today=D(Y + 1, 1, 8)
        )
        casework.quarterly_submit(report=report, user=dz, today=submitted)
        casework.quarterly_review(report=report, user=directors["staff"], accept=True)
    return cases


# ---- Party building ---------------------------------------------------------------------------


FULL_STEPS = {
    "applied_on": D(2014, 1, 1),
    "activist_on": D(2014, 6, 1),
    "target_on": D(2015, 7, 1),
    "probationary_on": D(2015, 12, 1),
    "full_on": D(2016, 12, 1),
}


def _party_2024(reg, user):
    """One sector branch (founded 2021) with: two full members; 陈三, probationary since June 2023
    (conversion overdue at the end of 2024); 陈四, a development target received as probationary
    member on 2024-03-01; 陈五, who applied in January 2024 and became an activist in May. The
    branch holds its members' meeting and Party lecture every quarter and a theme day in July."""
    branch = party.branch_create(
        name="示范县律师行业党支部", kind=Branch.Kind.SECTOR, founded_on=D(2021, 1, 1)
    )
    S = Member.Stage
    people = {
        "m1": party.member_create(branch=branch, name="陈一", firm=reg["mingde"], stage=S.FULL, **FULL_STEPS),
        "m2": party.member_create(
            branch=branch, name="陈二", firm=reg["zhengyuan"], stage=S.FULL, **FULL_STEPS
        ),
        "m3": party.member_create(
            branch=branch,
            name="陈三",
            firm=reg["zhengyuan"],
            stage=S.PROBATIONARY,
            applied_on=D(2021, 1, 1),
            activist_on=D(2021, 3, 1),
            target_on=D(2022, 4, 1),
            probationary_on=D(2023, 6, 1),
        ),
        "m4": party.member_create(
            branch=branch,
            name="陈四",
            firm=reg["xinhua"],
            stage=S.TARGET,
            applied_on=D(2022, 1, 1),
            activist_on=D(2022, 3, 1),
            target_on=D(2023, 4, 1),
        ),
        "m5": party.member_create(branch=branch, name="陈五", stage=S.APPLICANT, applied_on=D(Y, 1, 5)),
    }
    party.member_advance(member=people["m4"], on_date=D(Y, 3, 1))
    party.member_advance(member=people["m5"], on_date=D(Y, 5, 1))
    for month in (2, 5, 8, 11):
        for kind in (Meeting.Kind.MEMBERS, Meeting.Kind.LECTURE):
            party.meeting_record(
                branch=branch, kind=kind, held_on=D(Y, month, 12), topic="学习", host="陈一", user=user
            )
    party.meeting_record(
        branch=branch,
        kind=Meeting.Kind.THEME_DAY,
        held_on=D(Y, 7, 1),
        topic="主题党日",
        host="陈一",
        user=user,
    )
    return {"branch": branch, **people}


# ---- supervision ------------------------------------------------------------------------------


def _inspectors():
    return [
        inspections.inspector_register(
            user=UserFactory(username=f"yinsp{n}", full_name=f"检查员{n}", role=Role.INSPECTOR),
            certificate_no=f"甘执Y00{n}",
        )
        for n in range(1, 5)
    ]


def _checklist():
    template = inspections.checklist_template_create(name="律师事务所检查表")
    first = inspections.checklist_item_add(
        template=template,
        section="organisation",
        text="执业许可证书悬挂于办公场所",
        requirement="悬挂执业许可证书",
    )
    inspections.checklist_item_add(
        template=template,
        section="four_unified",
        text="统一收案、统一收费",
        requirement="建立统一收案登记制度",
    )
    return template, first


def _plan(staff, checklist, year, kind, starts, ends, batch=1):
    return inspections.plan_create(
        created_by=staff,
        year=year,
        batch=batch,
        kind=kind,
        title=f"{year}年{Plan.Kind(kind).label}第{batch}批",
        checklist=checklist,
        sampling=Plan.Sampling.RATIO,
        ratio_percent=100,
        inspectors_per_target=2,
        starts_on=starts,
        ends_on=ends,
    )


def _users(inspection):
    return [a.inspector.user for a in inspection.assignments.select_related("inspector__user").order_by("id")]


def _conclude(inspection, checklist, first_item, on_date, problem=None):
    first, second = _users(inspection)
    entries = {item.pk: ("conforming", "") for item in checklist.items.all()}
    if problem:
        entries[first_item.pk] = ("nonconforming", problem)
    rectification.findings_save(inspection=inspection, user=first, entries=entries)
    result = "rectify" if problem else "pass"
    rectification.inspection_conclude(inspection=inspection, user=first, result=result, concluded_on=on_date)
    rectification.inspection_sign(inspection=inspection, user=second, concluded_on=on_date)
    return first


def _by_firm(plan):
    return {i.firm.name: i for i in Inspection.objects.filter(plan=plan).select_related("firm")}


def _supervision_2024(staff, director):
    """A mid-year acceptance round at 100 % (the four firms registered then, 国信 改制中 included):
    all pass, none published yet. A dual-random round at 100 % (国信 改制中 not eligible): 明德 passes
    and is published; 正源 is ordered to rectify, gets a notice, reports, is verified as done and
    published; 新华 passes and is published only in 2025."""
    _inspectors()
    checklist, first_item = _checklist()
    mid = _plan(staff, checklist, Y, Plan.Kind.ACCEPTANCE_MID, D(Y, 6, 3), D(Y, 6, 28))
    inspections.draw_plan(plan=mid, user=staff)
    drawn = _by_firm(mid)
    assert sorted(drawn) == ["国信律师事务所", "新华律师事务所", "明德律师事务所", "正源律师事务所"]
    for inspection in drawn.values():
        _conclude(inspection, checklist, first_item, D(Y, 6, 14))

    random = _plan(staff, checklist, Y, Plan.Kind.RANDOM, D(Y, 9, 2), D(Y, 11, 29))
    inspections.draw_plan(plan=random, user=staff)  # not refused by the acceptance round
    drawn = _by_firm(random)
    assert sorted(drawn) == ["新华律师事务所", "明德律师事务所", "正源律师事务所"]
    _conclude(drawn["明德律师事务所"], checklist, first_item, D(Y, 9, 10))
    inspections.inspection_publish(inspection=drawn["明德律师事务所"], user=staff, published_on=D(Y, 9, 12))
    rectify = drawn["正源律师事务所"]
    inspector = _conclude(rectify, checklist, first_item, D(Y, 9, 20), problem="执业许可证书未悬挂")
    inspections.inspection_publish(inspection=rectify, user=staff, published_on=D(Y, 9, 24))
    rectification.notice_issue(
        inspection=rectify, user=inspector, requirement="悬挂执业许可证书", workdays=10, issued_on=D(Y, 9, 23)
    )
    rectification.response_submit(
        inspection=rectify,
        user=director,
        file=SimpleUploadedFile("整改报告.pdf", PDF, content_type="application/pdf"),
        responded_on=D(Y, 9, 27),
    )
    rectification.verification_record(
        inspection=rectify, user=inspector, outcome="completed", verified_on=D(Y, 10, 8)
    )
    _conclude(drawn["新华律师事务所"], checklist, first_item, D(Y, 9, 25))
    return {"checklist": checklist, "first_item": first_item, "random": random}


# ---- the year built ---------------------------------------------------------------------------


@pytest.fixture
def year_2024(db):
    # The real clock (no freezegun): every date below is stated, two years back.
    assert timezone.localdate() > D(Y + 1, 12, 31)
    staff = UserFactory(username="ystaff", full_name="王科员", role=Role.BUREAU_STAFF)
    reg = _registry_2024()
    directors = {
        "staff": staff,
        **{
            key: UserFactory(username=f"ydir_{key}", role=Role.FIRM_DIRECTOR, firm=reg[key])
            for key in ("mingde", "zhengyuan", "xinhua")
        },
    }
    cases = _casework_2024(reg, directors)
    members = _party_2024(reg, staff)
    supervision = _supervision_2024(staff, directors["zhengyuan"])
    return {
        "staff": staff,
        "reg": reg,
        "directors": directors,
        "cases": cases,
        "members": members,
        **supervision,
    }


def _build(year):
    sections, facts = collect(year)
    return sections, facts, draft_summary(year, COUNTY, sections)


def _rows(sections, key, title):
    section = next(s for s in sections if s["key"] == key)
    return next(t["rows"] for t in section["tables"] if t["title"] == title)


def _by_label(sections, key, title):
    return {str(row[0]): row[1:] for row in _rows(sections, key, title)}


def _int_cells(sections):
    return {
        cell
        for section in sections
        for table in section["tables"]
        for row in table["rows"]
        for cell in row
        if isinstance(cell, int) and not isinstance(cell, bool)
    }


# The whole drafted summary, paragraph by paragraph, as the records of 2024 support it.
EXPECTED_SUMMARY_2024 = [
    # overview: 4 firms at year end (明德 正源 新华 国信), 6 lawyers (a-f), 新华 new, 周航 and 王芳 new.
    "截至2024年底，全县共有律师事务所4家，执业律师6名。本年新设律师事务所1家、新执业律师2名。",
    # party: 1 branch; 陈一 陈二 full, 陈三 陈四 probationary; 陈四 received in 2024; 4+4+1 meetings;
    # 陈三's conversion overdue at year end.
    "坚持“管行业必须管党建”，全行业共有党支部1个，党员4名，其中正式党员2名，本年发展预备党员1名，"
    "召开“三会一课”等组织生活9次（其中支部党员大会4次、党课4次、主题党日1次），"
    "截至年末尚有1项党建规则检查问题待整改。",
    # training: 2 sessions, 4 + 3 attendances; 吴涛 郑远 (16 h), 王芳 (24 h), 冯刚 (0 h) under 40 hours.
    "全年组织律师继续教育培训2场，参训7人次，4名律师继续教育学时未达到要求。",
    # cases: 9 cases (criminal 2, civil 4, administrative 1, non-litigation 1, arbitration 1), 2 legal
    # aid, 1 sensitive filing; then the service logs; then the one health check and its counts.
    "全县律师事务所代理各类案件9件（其中刑事案件2件、民事案件4件、行政案件1件、非诉讼事务1件、仲裁案件1件），"
    "办理法律援助案件2件，报备重大敏感案件1件。"
    "全行业律师提供法律帮助12人次，解答法律咨询35人次，参与信访接待值班8人次，"
    "担任法律顾问2家（其中党政机关1家、镇1家），参与调解纠纷9件（其中道路交通事故纠纷9件），调解成功7件，"
    "签订军地法律服务协议1份，为退役军人提供法律服务14人次，在公共法律服务场所值班1次。"
    "为1家民营企业开展“法治体检”，开展法治宣传2场，解答咨询15次，出具法律意见书3份，发现风险点6个，"
    "办理企业法律事务4件，审查劳动合同20份，发现问题5个。",
    # facilities: 2 improvements, 150000 + 30000 yuan, 60 + 20 m2; the two stations.
    "全年律师事务所改善办公设施2项，投入资金180000元，新建改造面积80平方米，"
    "年末共有退役军人法律服务站1个、法律援助工作站1个。",
    # supervision: 3 assessed, 2 passed; 正源 (county) and 明德 (province) rated at year end; the
    # rating conferred in 2024; 国信's two steps; then the acceptance round (4 firms, all passed), the
    # dual-random round (3 firms), 正源's rectification, and 明德 and 正源 published on time.
    "年度检查考核律师事务所3家，考核合格2家，年末2家律师事务所为有效期内的规范化律师事务所。"
    "明德律师事务所被评为省级规范化律师事务所（省司法厅授予）。"
    "国信律师事务所改制已完成7项中的2项：方案审议通过、清产核资。"
    "开展律师事务所规范化建设验收1次，验收律师事务所4家次，其中合格4家次。"
    "开展“双随机、一公开”抽查1批次，检查律师事务所3家次。"
    "对检查发现问题的1家次责令限期整改，下发整改通知书1份，已完成整改1家次。"
    "检查结果向社会公开2家次，其中按期公开2家次。",
]


def test_a_past_year_entered_through_the_services_reports_what_happened(year_2024):
    sections, facts, summary = _build(Y)

    # -- firms and lawyers (firms section)
    assert _rows(sections, "firms", "律师事务所（按组织形式和状态）：截至12月31日") == [
        # 普通合伙: 明德 正源 新华 practising; 个人: 旧城 deregistered; 国资: 国信 改制中.
        ["普通合伙", 3, 0, 0, 0, 3],
        ["特殊普通合伙", 0, 0, 0, 0, 0],
        ["个人", 0, 0, 0, 1, 1],
        ["国资", 0, 0, 1, 0, 1],
    ]
    assert _by_label(sections, "firms", "律师事务所和律师概况（截至12月31日；“本年”为年度内）") == {
        "律师事务所（不含注销）": [4],
        "本年新设律师事务所": [1],  # 新华
        "本年注销律师事务所": [1],  # 旧城
        "执业律师": [6],  # 林静 周航 吴涛 郑远 王芳 冯刚
        "其中：本年新执业": [2],  # 周航 王芳
        "其中：合伙人": [2],  # 林静 吴涛 (郑远 left no partnership)
        "其中：女律师": [2],  # 林静 王芳
        "其中：中共党员（含预备党员）": [1],  # 林静
    }
    assert _by_label(sections, "firms", "执业律师（按执业类别，截至12月31日）") == {
        "专职": [5],
        "兼职": [0],
        "公职": [1],  # 冯刚
        "公司": [0],
        "法律援助": [0],
    }
    assert _by_label(sections, "firms", "规范化律师事务所（截至12月31日有效）") == {
        "县级": [1],  # 正源, since 2022
        "市级": [0],
        "省级": [1],  # 明德, until 2025-06-30
        "全国": [0],
        "合计": [2],
    }
    assert _rows(sections, "firms", "本年授予的规范化律师事务所（年度内）") == [
        ["明德律师事务所", "省级", "省司法厅", D(Y, 5, 10), D(Y + 1, 6, 30)]
    ]
    assert _rows(sections, "firms", "年度检查考核结果（年度内）") == [
        ["律师事务所", "合格", 2],
        ["律师事务所", "不合格", 1],
        ["律师事务所", "合计", 3],
        ["律师", "称职", 1],
        ["律师", "基本称职", 1],
        ["律师", "不称职", 0],
    ]
    assert _by_label(sections, "firms", "继续教育（年度内；人数截至12月31日）") == {
        "培训场次": [2],
        "参训人次": [7],  # April: 林静 周航 吴涛 郑远; September: 林静 周航 王芳
        "年度学时要求": [Decimal("40")],
        "执业律师人数": [6],
        "学时不足人数": [4],  # 吴涛 16, 郑远 16, 王芳 24, 冯刚 0
    }
    assert _rows(sections, "firms", "国资所改制进度（截至12月31日）") == [
        ["国信律师事务所", 7, 2, "方案审议通过、清产核资", "—"]
    ]
    # -- facilities
    assert _rows(sections, "firms_facilities", "办公设施改善投入（年度内，按律所）") == [
        ["明德律师事务所", 1, 60, 150000],
        ["正源律师事务所", 1, 20, 30000],
        ["合计", 2, 80, 180000],
    ]
    assert _by_label(sections, "firms_facilities", "服务站点（截至12月31日运行中）") == {
        "退役军人法律服务站": [1],
        "法律援助工作站": [1],
    }
    assert _by_label(sections, "firms_facilities", "律所办公场所与设备（按现登记，年末在册律所）")[
        "在册律师事务所"
    ] == [4]

    # -- casework
    assert _by_label(sections, "casework", "代理案件（按类型）") == {
        "刑事": [2],  # cases 2, 7
        "民事": [4],  # cases 1, 3, 5, 8
        "行政": [1],  # case 4
        "非诉讼": [1],  # case 6
        "仲裁": [1],  # case 9
        "其他": [0],
        "合计": [9],
        "其中：法律援助案件": [2],
    }
    assert _by_label(sections, "casework", "公共法律服务") == {
        "法律帮助（人次）": [12],
        "法律咨询（人次）": [35],
        "信访接待值班（人次）": [8],
        "担任法律顾问（家）": [2],
        "调解纠纷受理（件）": [9],
        "调解成功（件）": [7],
        "其中：道路交通纠纷（件）": [9],
        "军地法律服务协议（份）": [1],
        "退役军人法律服务（人次）": [14],
        "公共法律服务值班（次）": [1],
        "重大敏感案件报备（件）": [1],  # filed 2024-05-22, recorded in 2026
    }
    assert _by_label(sections, "casework", "法律顾问（按服务单位类型，台账）") == {
        "党政机关": [1],
        "事业单位": [0],
        "企业": [0],
        "镇": [1],
        "村（社区）": [0],
    }
    assert _rows(sections, "casework", "调解纠纷（按纠纷类别，台账）") == [["道路交通事故纠纷", 9, 7]]
    assert _rows(sections, "casework", "民营企业“法治体检”（台账）") == [
        ["体检企业（家）", 1],
        ["法治宣传（场）", 2],
        ["解答咨询（次）", 15],
        ["出具法律意见书（份）", 3],
        ["发现风险点（个）", 6],
        ["办理企业法律事务（件）", 4],
        ["审查劳动合同（份）", 20],
        ["发现问题（个）", 5],
    ]
    assert _by_label(sections, "casework", "“四统一”完整性（本年收案，截至年末）") == {
        "本年收案": [9],
        "缺委托合同": [0],
        # Only case 8 (正源, November; receipt in 2025): legal aid (2, 7) and pro bono (3) owe none.
        "缺收费票据": [1],
        "结案后未归档": [1],  # case 5, closed 2024-10-10
        "不完整案件合计": [2],
    }
    # 正源's four quarters, each filed within ten working days of the quarter's end, all accepted.
    assert _rows(sections, "casework", "季度统计报表报送情况") == [
        ["第1季度", 1, 1, 1],
        ["第2季度", 1, 1, 1],
        ["第3季度", 1, 1, 1],
        ["第4季度", 1, 1, 1],
    ]
    sources = {
        row[0]: row[1:]
        for row in _rows(
            sections, "casework", "统计数据来源（四个季度均已审核通过的采用报表数，其余采用台账数）"
        )
    }
    assert sources["正源律师事务所"] == [4, "季度报表"]
    assert sources["明德律师事务所"][1] == "台账"
    # Filed as the register has it: no difference flagged.
    comparison = _rows(sections, "casework", "季度报表数与台账数对照（四个季度报表均已审核通过的律所）")
    assert comparison and all(row[3] == "" for row in comparison)
    assert _by_label(sections, "casework", "季度报表数与台账数对照（四个季度报表均已审核通过的律所）")[
        "收案总数"
    ] == [4, 4, ""]
    assert _rows(sections, "casework", "附表：季度报表数与台账数不一致明细") == []

    # -- Party building
    assert _by_label(sections, "partybuild", "党组织（年末，按类型）") == {
        "独立党支部": [0],
        "联合党支部": [0],
        "行业联合党支部": [1],
        "合计": [1],
    }
    assert _by_label(sections, "partybuild", "党员和入党积极分子（年末，按发展阶段）") == {
        "入党申请人": [0],
        "入党积极分子": [1],  # 陈五
        "发展对象": [0],
        "预备党员": [2],  # 陈三 陈四
        "正式党员": [2],  # 陈一 陈二
        "党员合计（预备党员和正式党员）": [4],
        "本年发展预备党员": [1],  # 陈四
    }
    assert _by_label(sections, "partybuild", "“三会一课”召开情况（本年）") == {
        "支部党员大会": [4],
        "支部委员会": [0],
        "党小组会": [0],
        "党课": [4],
        "主题党日": [1],
        "合计": [9],
    }
    findings = _by_label(sections, "partybuild", "党建规则检查问题（截至年末）")
    assert findings["逾期未办理转正"] == [1] and findings["合计"] == [1]  # 陈三

    # -- supervision: acceptance and dual-random apart
    assert _rows(
        sections, "inspections", "监督检查分类统计（年度内开展的检查，结论、整改和公开截至12月31日）"
    ) == [
        # kind, rounds, firms, passed, rectify, rectified, published
        ["双随机抽查", 1, 3, 2, 1, 1, 2],
        ["规范化建设验收（年中）", 1, 4, 4, 0, 0, 0],
        ["规范化建设验收（年末）", 0, 0, 0, 0, 0, 0],
        ["规范化建设验收小计", 1, 4, 4, 0, 0, 0],
        ["专项检查", 0, 0, 0, 0, 0, 0],
        ["合计", 2, 7, 6, 1, 1, 2],
    ]
    assert _by_label(sections, "inspections", "检查和整改") == {
        "被抽中检查的律师事务所": [7],
        "已完成检查": [7],
        "检查合格": [6],
        "责令限期整改": [1],
        "下发整改通知书（份）": [1],
        "整改完成": [1],
        "整改逾期": [0],
    }
    assert _by_label(sections, "inspections", "结果公开") == {
        "已公开": [2],  # 明德, 正源 (dual-random)
        "其中：按期公开": [2],
        "已办结待公开": [5],  # 新华's dual-random result and the four acceptance results
    }

    # The stated date is what counts; the time it was recorded (today) stays beside it.
    published = Inspection.objects.get(plan=year_2024["random"], firm__name="明德律师事务所")
    assert published.published_on == D(Y, 9, 12)
    assert timezone.localdate(published.published_at) == timezone.localdate()

    # -- the headline figures
    assert key_figures(facts) == [
        ("律师事务所", 4, "家"),
        ("执业律师", 6, "名"),
        ("代理案件", 9, "件"),
        ("法律援助案件", 2, "件"),
        ("法律帮助", 12, "人次"),
        ("党支部", 1, "个"),
        ("双随机检查", 3, "家次"),
        ("责令整改", 1, "家次"),
    ]

    # -- the summary, whole
    assert summary.split("\n\n") == EXPECTED_SUMMARY_2024
    numbers = [int(n) for n in re.findall(r"\d+", summary)]
    assert 0 not in numbers
    # Every number said is an int cell of a table (the year itself aside).
    assert {n for n in numbers if n != Y} <= _int_cells(sections)


def _record_2025(year):
    """2025: 林静 and 周航 move to 正源 and 明德 is deregistered; 陈三 and 陈四 are converted to full
    members; 明德's provincial rating runs out on 2025-06-30; 后来 is founded; a case and two service
    logs; 新华's 2024 result is published late; a second dual-random round; 国信's liquidation step."""
    reg, lw, staff = year["reg"], year["reg"]["lawyers"], year["staff"]
    zhengyuan = reg["zhengyuan"]
    director = year["directors"]["zhengyuan"]
    lw["a"] = firms.lawyer_transfer(lawyer=lw["a"], to_firm=zhengyuan, on_date=D(Y + 1, 2, 1))
    lw["b"] = firms.lawyer_transfer(lawyer=lw["b"], to_firm=zhengyuan, on_date=D(Y + 1, 2, 1))
    set_firm_status(reg["mingde"], Firm.Status.DEREGISTERED, D(Y + 1, 3, 1))
    party.member_advance(member=year["members"]["m3"], on_date=D(Y + 1, 1, 10))
    party.member_advance(member=year["members"]["m4"], on_date=D(Y + 1, 3, 5))
    party.meeting_record(
        branch=year["members"]["branch"],
        kind=Meeting.Kind.MEMBERS,
        held_on=D(Y + 1, 2, 10),
        topic="学习",
        host="陈一",
        user=staff,
    )
    later = _firm(6, "后来律师事务所", D(Y + 1, 5, 1))
    firms.restructuring_step_update(
        step=reg["restructuring"].steps.get(step=RestructuringStep.Step.LIQUIDATION),
        status="done",
        started_on=D(Y + 1, 1, 5),
        completed_on=D(Y + 1, 2, 1),
    )
    # 2024's case 8 gets its receipt in 2025: 2024's report still shows it missing at that year's end.
    casework.receipt_add(case=year["cases"][8], receipt_no="票8", amount=3000, received_on=D(Y + 1, 1, 10))
    _case(
        zhengyuan,
        director,
        [lw["a"], lw["c"]],
        10,
        case_type="civil",
        intake=D(Y + 1, 6, 1),
        receipt_on=D(Y + 1, 6, 2),
    )
    for kind, day, n in (
        (ServiceLog.Kind.LEGAL_HELP, D(Y + 1, 3, 3), 6),
        (ServiceLog.Kind.CONSULTATION, D(Y + 1, 4, 4), 10),
    ):
        casework.service_log_create(
            firm=zhengyuan, user=director, kind=kind, date=day, lawyers=[lw["c"]], person_times=n
        )
    facilities.improvement_add(firm=zhengyuan, made_on=D(Y + 1, 1, 5), description="购置设备", amount=9000)
    late = _by_firm(year["random"])["新华律师事务所"]
    inspections.inspection_publish(inspection=late, user=staff, published_on=D(Y + 1, 1, 6))
    second = _plan(staff, year["checklist"], Y + 1, Plan.Kind.RANDOM, D(Y + 1, 6, 2), D(Y + 1, 6, 30))
    inspections.draw_plan(plan=second, user=staff)
    drawn = _by_firm(second)
    # 明德 is gone and 国信 still 改制中: 正源, 新华 and 后来 are drawn.
    assert sorted(drawn) == ["后来律师事务所", "新华律师事务所", "正源律师事务所"]
    _conclude(drawn["后来律师事务所"], year["checklist"], year["first_item"], D(Y + 1, 6, 10))
    return later


def test_recording_the_next_year_leaves_the_past_year_as_it_was(year_2024):
    sections, facts, summary = _build(Y)
    _record_2025(year_2024)
    again_sections, again_facts, again_summary = _build(Y)
    for before, after in zip(sections, again_sections, strict=True):
        assert after["key"] == before["key"]
        assert after["tables"] == before["tables"], before["key"]
        assert after["summary"] == before["summary"], before["key"]
    assert again_facts == facts
    assert again_summary == summary

    # 2025 moved where it should.
    later, later_facts, later_summary = _build(Y + 1)
    assert _rows(later, "firms", "律师事务所（按组织形式和状态）：截至12月31日") == [
        # 正源 新华 后来 practising, 明德 deregistered in 2025; 旧城 (deregistered in 2024) is history;
        # 国信 still 改制中.
        ["普通合伙", 3, 0, 0, 1, 4],
        ["特殊普通合伙", 0, 0, 0, 0, 0],
        ["个人", 0, 0, 0, 0, 0],
        ["国资", 0, 0, 1, 0, 1],
    ]
    overview = _by_label(later, "firms", "律师事务所和律师概况（截至12月31日；“本年”为年度内）")
    assert overview["律师事务所（不含注销）"] == [4]  # 明德 no longer counted; 后来 counted
    assert overview["本年新设律师事务所"] == [1] and overview["本年注销律师事务所"] == [1]
    assert overview["执业律师"] == [6]
    assert overview["其中：合伙人"] == [1]  # 林静's partnership ended with her transfer; 吴涛
    assert overview["其中：本年新执业"] == [0]
    ratings = _by_label(later, "firms", "规范化律师事务所（截至12月31日有效）")
    assert ratings["省级"] == [0] and ratings["合计"] == [1]  # 明德's expired on 2025-06-30
    stages = _by_label(later, "partybuild", "党员和入党积极分子（年末，按发展阶段）")
    assert stages["正式党员"] == [4] and stages["预备党员"] == [0]  # 陈三 陈四 converted
    assert _by_label(later, "partybuild", "党建规则检查问题（截至年末）")["逾期未办理转正"] == [0]
    assert (
        later_facts["cases_total"] == 1
        and later_facts["legal_help"] == 6
        and later_facts["consultation"] == 10
    )
    assert later_facts["random_rounds"] == 1 and later_facts["inspections_total"] == 3
    assert later_facts["acceptance_checks"] == 0
    assert _rows(later, "firms", "国资所改制进度（截至12月31日）")[0][:3] == ["国信律师事务所", 7, 3]
    assert "截至2025年底，全县共有律师事务所4家，执业律师6名。本年新设律师事务所1家。" in later_summary
