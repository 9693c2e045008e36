"""This app's part of the demo county: a year of cases, parties, service logs, sensitive filings
and filed quarters for the two firms that have director accounts. Idempotent: a firm that
already has cases is left alone."""

import datetime
import random
from decimal import Decimal

from django.utils import timezone

from bureau.demo import demo_id_number
from bureau.validators import credit_code_check_char
from firms.models import Firm, Lawyer

from . import services
from .conflict_search import search_conflicts
from .models import (
    Case,
    CaseType,
    ConflictCheck,
    FirmCaseSettings,
    PartyKind,
    PartyRole,
    QuarterlyReport,
    ServiceLog,
)
from .quarters import current_quarter

COMPANIES = [
    "敦煌市鸣沙建筑有限公司",
    "示范县宏达商贸有限公司",
    "示范县绿源农业发展有限公司",
    "示范县祥和物业管理有限公司",
    "示范县金川运输有限责任公司",
    "示范县丰收农资有限公司",
    "示范县恒信小额贷款有限公司",
    "示范县城关镇人民政府",
    "示范县第一中学",
    "示范县天宇房地产开发有限公司",
]
PEOPLE = [
    "张建国",
    "王秀英",
    "李明",
    "赵海燕",
    "孙志强",
    "周丽",
    "吴刚",
    "郑春梅",
    "冯军",
    "陈芳",
    "褚卫东",
    "卫兰",
]
CAUSES = {
    CaseType.CIVIL: ["买卖合同纠纷", "民间借贷纠纷", "离婚纠纷", "机动车交通事故责任纠纷", "劳动争议"],
    CaseType.CRIMINAL: ["盗窃罪", "危险驾驶罪", "故意伤害罪", "诈骗罪"],
    CaseType.ADMINISTRATIVE: ["行政处罚", "行政强制", "政府信息公开"],
    CaseType.NON_LITIGATION: ["合同审查", "尽职调查", "法律意见"],
    CaseType.ARBITRATION: ["劳动争议仲裁", "建设工程合同仲裁"],
    CaseType.OTHER: ["代书", "调解"],
}
PREFIXES = {0: "明律", 1: "正律"}


def _credit_code(serial):
    first17 = f"91629999MA{serial:06d}X"[:17]
    return first17 + credit_code_check_char(first17)


def seed(users):
    firms = list(Firm.objects.order_by("id")[:2])
    directors = [users.get("director"), users.get("director2")]
    for index, (firm, director) in enumerate(zip(firms, directors, strict=False)):
        if director is None:
            continue
        FirmCaseSettings.objects.get_or_create(firm=firm, defaults={"intake_prefix": PREFIXES[index]})
        if Case.objects.filter(firm=firm).exists():
            continue
        lawyers = list(Lawyer.objects.filter(firm=firm, status=Lawyer.Status.PRACTISING).order_by("id"))
        if not lawyers:
            continue
        _seed_firm(firm, director, lawyers, users.get("staff"), random.Random(index + 7), index)


def _party(rng, role, serial):
    if rng.random() < 0.5:
        name = rng.choice(COMPANIES)
        return {
            "role": role,
            "kind": PartyKind.ORGANISATION,
            "name": name,
            "id_code": _credit_code(COMPANIES.index(name)),
        }
    name = rng.choice(PEOPLE)
    birth = datetime.date(1960 + PEOPLE.index(name), 1 + PEOPLE.index(name) % 12, 10)
    return {
        "role": role,
        "kind": PartyKind.PERSON,
        "name": name,
        "id_code": demo_id_number(birth, 500 + PEOPLE.index(name)),
    }


def _seed_firm(firm, director, lawyers, staff, rng, index):
    today = timezone.localdate()
    start = today - datetime.timedelta(days=360)
    types = (
        [CaseType.CIVIL] * 6
        + [CaseType.CRIMINAL] * 3
        + [
            CaseType.ADMINISTRATIVE,
            CaseType.NON_LITIGATION,
            CaseType.ARBITRATION,
            CaseType.OTHER,
        ]
    )
    days = sorted(start + datetime.timedelta(days=rng.randint(0, 355)) for _ in range(36))
    for n, day in enumerate(days):
        case_type = rng.choice(types)
        parties = [_party(rng, PartyRole.CLIENT, n), _party(rng, PartyRole.OPPOSING, n)]
        if parties[0]["name"] == parties[1]["name"]:
            parties.pop()
        # The reviewer decides after reading the hits: a party changing sides needs the written
        # consent of all sides; a same-side repeat is no conflict.
        hits = search_conflicts(firm=firm, parties=parties)
        if any(hit["conflict"] for hit in hits):
            decision, remarks = ConflictCheck.Decision.CONSENTED, "经审查，既往案件已结，已取得各方书面同意。"
        else:
            decision, remarks = ConflictCheck.Decision.NO_CONFLICT, ""
        check = services.conflict_check_record(
            firm=firm,
            user=director,
            matter=rng.choice(CAUSES[case_type]),
            parties=parties,
            decision=decision,
            remarks=remarks,
            hits=hits,
        )
        aid = case_type in (CaseType.CRIMINAL, CaseType.CIVIL) and rng.random() < 0.3
        sensitive = n in (len(days) - 2, len(days) - 9)
        case = services.case_register(
            check=check,
            user=director,
            case_type=case_type,
            cause=check.matter,
            intake_date=day,
            lawyers=rng.sample(lawyers, k=min(len(lawyers), rng.choice([1, 2]))),
            authority="示范县人民法院" if case_type != CaseType.NON_LITIGATION else "",
            is_legal_aid=aid,
            aid_body="示范县法律援助中心" if aid else "",
            aid_notice_no=f"示援指〔{day.year}〕{n + 1}号" if aid else "",
            contract_no=f"HT{day:%Y%m}{n:03d}" if n % 11 else "",
            contract_date=day if n % 11 else None,
            agreed_fee=Decimal(0) if aid else Decimal(rng.choice([3000, 5000, 8000, 20000])),
            is_sensitive=sensitive,
        )
        if n % 9:
            services.receipt_add(
                case=case, receipt_no=f"No.{firm.pk}{n:05d}", amount=case.agreed_fee, received_on=day
            )
        age = (today - day).days
        if age > 60:
            closed = day + datetime.timedelta(days=rng.randint(20, 50))
            changes = {
                "status": Case.Status.CLOSED,
                "closed_on": closed,
                "result": rng.choice(["调解结案", "判决", "撤诉"]),
            }
            if age > 75 and n % 8:
                changes.update(
                    status=Case.Status.ARCHIVED,
                    archive_no=f"{day.year}-{n:04d}",
                    archived_on=closed + datetime.timedelta(days=15),
                )
            services.case_update(case=case, expected_version=case.version, **changes)
        elif age > 5:
            services.case_update(case=case, expected_version=case.version, status=Case.Status.IN_PROGRESS)
        # One sensitive case is filed and acknowledged; the latest one is left for the director.
        if sensitive and n == len(days) - 9:
            filing = services.sensitive_file(
                case=case,
                user=director,
                client=parties[0]["name"],
                authority=case.authority or "示范县人民法院",
                facts="涉及群体性劳动报酬争议，当事人人数较多，社会关注度较高。",
                legal_issues="劳动关系认定；工资支付责任主体。",
                lawyer_opinion="建议依法引导当事人通过诉讼途径解决，同时配合做好矛盾化解。",
                # Filed on time: the day after intake.
                filed_on=min(day + datetime.timedelta(days=1), today),
            )
            if staff:
                services.sensitive_review(filing=filing, user=staff, comment="")

    _seed_logs(firm, director, lawyers, rng, start, today)
    _seed_quarters(firm, director, staff, index, today)


def _seed_logs(firm, director, lawyers, rng, start, today):
    kinds = [
        (ServiceLog.Kind.LEGAL_HELP, {"person_times": 3}),
        (ServiceLog.Kind.CONSULTATION, {"person_times": 12}),
        (ServiceLog.Kind.PETITION, {"person_times": 5}),
        (
            ServiceLog.Kind.ADVISER,
            {"counterpart": "示范县城关镇人民政府", "org_kind": ServiceLog.OrgKind.TOWN},
        ),
        (
            ServiceLog.Kind.ADVISER,
            {"counterpart": "示范县河西村村民委员会", "org_kind": ServiceLog.OrgKind.VILLAGE},
        ),
        (
            ServiceLog.Kind.MEDIATION,
            {
                "counterpart": "示范县道路交通事故人民调解委员会",
                "dispute_category": "道路交通事故纠纷",
                "disputes_taken": 4,
                "disputes_settled": 3,
            },
        ),
        (
            ServiceLog.Kind.HEALTH_CHECK,
            {
                "counterpart": "示范县绿源农业发展有限公司",
                "publicity_sessions": 1,
                "consultations": 6,
                "opinion_letters": 1,
                "risk_points": 4,
                "matters_handled": 2,
                "contracts_reviewed": 15,
                "problems_found": 3,
            },
        ),
        (ServiceLog.Kind.MILITARY, {"counterpart": "示范县人民武装部", "contract_no": "JD-01"}),
        (ServiceLog.Kind.VETERANS, {"person_times": 4, "counterpart": "示范县退役军人服务站"}),
        (
            ServiceLog.Kind.DUTY,
            {
                "person_times": 6,
                "duty_place": ServiceLog.DutyPlace.SERVICE_CENTRE,
                "counterpart": "示范县公共法律服务中心",
            },
        ),
    ]
    for n in range(40):
        kind, fields = kinds[n % len(kinds)]
        day = start + datetime.timedelta(days=rng.randint(0, (today - start).days))
        fields = dict(fields)
        if "person_times" in fields:
            fields["person_times"] = rng.randint(1, fields["person_times"] * 2)
        if kind == ServiceLog.Kind.ADVISER:
            fields.update(
                term_start=day, term_end=day + datetime.timedelta(days=364), contract_no=f"GW-{n:03d}"
            )
        services.service_log_create(
            firm=firm, user=director, kind=kind, date=day, lawyers=rng.sample(lawyers, k=1), **fields
        )


def _seed_quarters(firm, director, staff, index, today):
    """The first firm filed every past quarter of the year and had them accepted; the second
    filed the last quarter, which waits for the bureau."""
    last_year, last_quarter = current_quarter(today)
    periods = (
        [(last_year, q) for q in range(1, last_quarter + 1)] if index == 0 else [(last_year, last_quarter)]
    )
    for year, quarter in periods:
        if QuarterlyReport.objects.filter(firm=firm, year=year, quarter=quarter).exists():
            continue
        report = services.quarterly_create(firm=firm, user=director, year=year, quarter=quarter, today=today)
        services.quarterly_submit(report=report, user=director, today=min(today, report.due_on))
        if index == 0 and staff and (year, quarter) != (last_year, last_quarter):
            services.quarterly_review(report=report, user=staff, accept=True)
