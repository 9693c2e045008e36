"""The demo county's firms and lawyers: realistic rosters, ratings, assessments, training, and one
state-funded firm in restructuring."""

import datetime
from decimal import Decimal

from django.utils import timezone

from bureau.demo import demo_credit_code, demo_id_number

from .models import (
    Firm,
    FirmAssessment,
    FirmImprovement,
    FirmStatusChange,
    Lawyer,
    LawyerAssessment,
    PracticeRecord,
    Restructuring,
    RestructuringStep,
    ServiceStation,
    StandardisationRating,
    TrainingAttendance,
    TrainingSession,
)
from .services import _move_director_access

D = datetime.date

# name, short name, form, founded, address, phone, lawyers (name, gender, birth year, partner)
DEMO_FIRMS = [
    (
        "示范县明德律师事务所",
        "明德所",
        Firm.Form.PARTNERSHIP,
        D(2008, 5, 12),
        "示范县人民路18号明德大厦6层",
        "0937-6110001",
        [
            ("李文博", "M", 1975, True),
            ("王静", "F", 1983, True),
            ("张伟", "M", 1988, False),
            ("刘洋", "M", 1990, False),
            ("陈晓燕", "F", 1986, False),
            ("杨帆", "M", 1992, False),
            ("黄丽", "F", 1994, False),
        ],
    ),
    (
        "示范县正源律师事务所",
        "正源所",
        Firm.Form.SPECIAL_PARTNERSHIP,
        D(2012, 9, 3),
        "示范县建设路66号",
        "0937-6110002",
        [
            ("赵雅琴", "F", 1978, True),
            ("周强", "M", 1981, True),
            ("吴敏", "F", 1987, False),
            ("徐磊", "M", 1991, False),
            ("孙倩", "F", 1993, False),
        ],
    ),
    (
        "示范县公平律师事务所",
        "公平所",
        Firm.Form.SOLE,
        D(2016, 3, 20),
        "示范县河西街9号",
        "0937-6110003",
        [("马建国", "M", 1970, False), ("胡婷", "F", 1995, False)],
    ),
    (
        "示范县第一律师事务所",
        "第一所",
        Firm.Form.STATE,
        D(1985, 1, 8),
        "示范县政府路1号",
        "0937-6110004",
        [("郭志刚", "M", 1968, False), ("何芳", "F", 1979, False), ("高峰", "M", 1984, False)],
    ),
    (
        "示范县信达律师事务所",
        "信达所",
        Firm.Form.PARTNERSHIP,
        D(2019, 11, 1),
        "示范县东环路128号",
        "0937-6110005",
        [
            ("林涛", "M", 1980, True),
            ("罗娜", "F", 1985, True),
            ("梁晨", "M", 1989, False),
            ("宋佳", "F", 1996, False),
        ],
    ),
]

# Mostly full-time lawyers, with the other categories a county has.
CATEGORIES = [Lawyer.Category.FULL_TIME] * 5 + [
    Lawyer.Category.PART_TIME,
    Lawyer.Category.FULL_TIME,
    Lawyer.Category.LEGAL_AID,
    Lawyer.Category.PUBLIC,
]

FACILITIES = dict(
    office_area=Decimal("320"),
    has_reception=True,
    reception_area=Decimal("25"),
    office_rooms=8,
    has_meeting_room=True,
    meeting_room_area=Decimal("40"),
    has_archive_room=True,
    archive_room_area=Decimal("18"),
    computers=12,
    printers=4,
    copiers=2,
    projectors=1,
    scanners=2,
    av_recorders=1,
)


def seed(users):
    today = timezone.localdate()
    year = today.year
    firms, serial = [], 0
    for index, (name, short, form, founded, address, phone, roster) in enumerate(DEMO_FIRMS, start=1):
        firm, _ = Firm.objects.get_or_create(
            name=name,
            defaults=dict(
                short_name=short,
                credit_code=demo_credit_code(index),
                organisation_form=form,
                founded_on=founded,
                address=address,
                phone=phone,
                licence_no=f"3162{index:04d}{founded:%Y}",
                status=Firm.Status.RESTRUCTURING if form == Firm.Form.STATE else Firm.Status.PRACTISING,
                **(FACILITIES if index <= 2 else {"office_area": Decimal("90"), "computers": 3}),
            ),
        )
        firms.append(firm)
        # The status history the report's year-end figures read.
        FirmStatusChange.objects.get_or_create(
            firm=firm,
            changed_on=founded,
            defaults=dict(status=Firm.Status.PRACTISING, note="登记"),
        )
        if firm.status == Firm.Status.RESTRUCTURING:
            FirmStatusChange.objects.get_or_create(
                firm=firm, changed_on=D(year, 2, 1), defaults=dict(status=firm.status, note="启动改制")
            )
        for lawyer_name, gender, birth_year, partner in roster:
            serial += 1
            licence_date = D(max(birth_year + 26, founded.year), 7, 1)
            lawyer, created = Lawyer.objects.get_or_create(
                licence_no=f"16299{licence_date:%Y}1{serial:07d}",
                defaults=dict(
                    firm=firm,
                    name=lawyer_name,
                    gender=gender,
                    id_number=demo_id_number(D(birth_year, (serial % 12) + 1, (serial % 27) + 1), serial),
                    licence_date=licence_date,
                    is_partner=partner,
                    phone=f"1389370{serial:04d}",
                    category=CATEGORIES[serial % len(CATEGORIES)],
                    education=Lawyer.Education.MASTER if serial % 3 == 0 else Lawyer.Education.BACHELOR,
                    political_status=(
                        Lawyer.Political.PARTY_MEMBER if serial % 2 else Lawyer.Political.MASSES
                    ),
                ),
            )
            if created:
                PracticeRecord.objects.create(lawyer=lawyer, firm=firm, started_on=licence_date)
        if firm.director_id is None:
            firm.director = firm.lawyers.order_by("id").first()
            firm.save(update_fields=["director"])

    # The demo directors' accounts belong to the directors of the first two firms.
    for username, firm in (("director", firms[0]), ("director2", firms[1])):
        director = firm.director
        if director.user_id is None:
            director.user = users[username]
            director.save(update_fields=["user"])
        _move_director_access(firm, None)

    StandardisationRating.objects.get_or_create(
        firm=firms[0],
        level=StandardisationRating.Level.PROVINCE,
        defaults=dict(
            conferred_by="示范省司法厅", conferred_on=D(year - 2, 12, 20), valid_until=D(year + 1, 12, 19)
        ),
    )
    StandardisationRating.objects.get_or_create(
        firm=firms[1],
        level=StandardisationRating.Level.CITY,
        defaults=dict(
            conferred_by="示范市司法局", conferred_on=D(year - 1, 6, 30), valid_until=D(year + 2, 6, 29)
        ),
    )
    StandardisationRating.objects.get_or_create(
        firm=firms[4],
        level=StandardisationRating.Level.COUNTY,
        defaults=dict(
            conferred_by="示范县司法局", conferred_on=D(year - 5, 6, 30), valid_until=D(year - 2, 6, 29)
        ),
    )

    for firm in firms:
        FirmAssessment.objects.get_or_create(
            firm=firm,
            year=year - 1,
            defaults=dict(
                result=FirmAssessment.Result.FAIL if firm == firms[2] else FirmAssessment.Result.PASS,
                remarks="未建立业务档案管理制度" if firm == firms[2] else "",
            ),
        )
    for lawyer in Lawyer.objects.filter(firm__in=firms):
        LawyerAssessment.objects.get_or_create(
            lawyer=lawyer,
            year=year - 1,
            defaults=dict(
                result=LawyerAssessment.Result.BASIC
                if lawyer.name == "胡婷"
                else LawyerAssessment.Result.COMPETENT
            ),
        )

    sessions = [
        (
            "律师执业纪律与职业道德专题培训",
            D(year, 3, 15),
            "示范县司法局",
            TrainingSession.Kind.DISCIPLINE,
            Decimal("16"),
        ),
        (
            "新修订《公司法》解读",
            D(year, 5, 20),
            "示范市律师协会",
            TrainingSession.Kind.NEW_LAW,
            Decimal("12"),
        ),
        ("刑事辩护实务", D(year, 9, 10), "示范市律师协会", TrainingSession.Kind.PRACTICE, Decimal("16")),
    ]
    lawyers = list(Lawyer.objects.filter(firm__in=firms).order_by("id"))
    for i, (title, held_on, organiser, kind, hours) in enumerate(sessions):
        session, _ = TrainingSession.objects.get_or_create(
            title=title, held_on=held_on, defaults=dict(organiser=organiser, kind=kind, hours=hours)
        )
        for j, lawyer in enumerate(lawyers):
            # Every third lawyer misses one session; so some fall short of 40 hours.
            if (j + i) % 3 == 0 and i > 0:
                continue
            TrainingAttendance.objects.get_or_create(
                session=session, lawyer=lawyer, defaults={"hours": hours}
            )

    state_firm = firms[3]
    restructuring, _ = Restructuring.objects.get_or_create(
        firm=state_firm, defaults=dict(target_form=Firm.Form.PARTNERSHIP, started_on=D(year, 2, 1))
    )
    progress = {
        1: ("done", D(year, 2, 1), D(year, 3, 10)),
        2: ("done", D(year, 3, 11), D(year, 5, 30)),
        3: ("in_progress", D(year, 6, 1), None),
    }
    for step in RestructuringStep.Step:
        status, started, completed = progress.get(step.value, ("pending", None, None))
        RestructuringStep.objects.get_or_create(
            restructuring=restructuring,
            step=step.value,
            defaults=dict(
                status=status,
                started_on=started,
                completed_on=completed,
                responsible="郭志刚" if started else "",
            ),
        )
    FirmImprovement.objects.get_or_create(
        firm=firms[0],
        description="新建会议室",
        defaults=dict(made_on=D(year, 4, 15), area=60, amount=150000),
    )
    FirmImprovement.objects.get_or_create(
        firm=firms[1], description="改造档案室", defaults=dict(made_on=D(year, 6, 20), area=25, amount=42000)
    )
    ServiceStation.objects.get_or_create(
        name="城关镇退役军人法律服务站",
        defaults=dict(kind=ServiceStation.Kind.VETERANS, firm=firms[1], since=D(year - 1, 8, 1)),
    )
    ServiceStation.objects.get_or_create(
        name="示范县法律援助中心明德工作站",
        defaults=dict(kind=ServiceStation.Kind.LEGAL_AID, firm=firms[0], since=D(year - 2, 3, 1)),
    )
    return firms
