"""The yearly report: figures equal independently counted values, the PDF holds them, queries do
not grow with the data, access is for the bureau only."""

import datetime
import io
import re
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from openpyxl import load_workbook
from pypdf import PdfReader

from bureau.report.build import collect, xlsx_bytes
from bureau.report.summary import draft_summary
from firms.models import (
    Firm,
    FirmAssessment,
    Lawyer,
    StandardisationRating,
    TrainingAttendance,
    TrainingSession,
)
from tests.factories import FirmFactory, LawyerFactory

YEAR = 2025
D = datetime.date


@pytest.fixture
def county(db):
    """A dataset with counts known by construction."""
    firms = [
        FirmFactory(organisation_form=form, founded_on=D(YEAR if i < 2 else 2010, 3, 1))
        for i, form in enumerate(["partnership", "partnership", "sole", "state", "special_partnership"])
    ]
    FirmFactory(status=Firm.Status.DEREGISTERED, deregistered_on=D(YEAR, 6, 1))
    lawyers = []
    for i, firm in enumerate(firms):
        for j in range(i + 2):  # 2 + 3 + 4 + 5 + 6 = 20 lawyers
            lawyers.append(
                LawyerFactory(
                    firm=firm,
                    licence_date=D(YEAR if j == 0 else 2015, 1, 1),
                    gender="F" if j % 2 else "M",
                    category="full_time" if j else "part_time",
                )
            )
    StandardisationRating.objects.create(
        firm=firms[0],
        level="province",
        conferred_by="省厅",
        conferred_on=D(YEAR - 1, 1, 1),
        valid_until=D(YEAR + 2, 1, 1),
    )
    StandardisationRating.objects.create(
        firm=firms[1],
        level="city",
        conferred_by="市局",
        conferred_on=D(YEAR - 5, 1, 1),
        valid_until=D(YEAR - 1, 1, 1),
    )  # expired
    for firm in firms[:4]:
        FirmAssessment.objects.create(firm=firm, year=YEAR, result="pass")
    FirmAssessment.objects.create(firm=firms[4], year=YEAR, result="fail", remarks="档案不全")
    session = TrainingSession.objects.create(
        title="培训", held_on=D(YEAR, 5, 1), organiser="局", kind="ethics", hours=Decimal("40")
    )
    for lawyer in lawyers[:15]:
        TrainingAttendance.objects.create(session=session, lawyer=lawyer, hours=Decimal("40"))
    return firms, lawyers


EXPECTED = {
    "firms_total": 5,
    "firms_new": 2,
    "lawyers_total": 20,
    "lawyers_new": 5,
    "rated_firms": 1,
    "firms_passed": 4,
    "firms_assessed": 5,
    "training_sessions": 1,
    "training_attendances": 15,
    "training_short": 5,
}


def test_every_figure_equals_the_independent_count(county):
    sections, facts = collect(YEAR)
    for key, value in EXPECTED.items():
        assert facts[key] == value, key
    firms = next(s for s in sections if s["key"] == "firms")
    overview = {row[0]: row[1] for row in firms["tables"][1]["rows"]}
    assert overview["本年注销律师事务所"] == 1
    assert overview["其中：女律师"] == 2 * 0 + 1 + 1 + 2 + 2 + 3  # odd j per firm: 1,1,2,2,3
    categories = {row[0]: row[1] for row in firms["tables"][2]["rows"]}
    assert categories["兼职"] == 5 and categories["专职"] == 15


def test_summary_numbers_equal_the_tables(county):
    sections, facts = collect(YEAR)
    summary = draft_summary(YEAR, "示范县", sections)
    assert f"共有律师事务所{EXPECTED['firms_total']}家" in summary
    assert f"执业律师{EXPECTED['lawyers_total']}名" in summary
    assert f"合格{EXPECTED['firms_passed']}家" in summary
    assert f"{EXPECTED['training_short']}名律师继续教育学时未达到要求" in summary
    # Every number in the summary appears in a table, and none is a zero.
    numbers = {int(n) for n in re.findall(r"\d+", summary)} - {YEAR}
    shown = {
        int(cell)
        for section in sections
        for table in section["tables"]
        for row in table["rows"]
        for cell in row
        if isinstance(cell, int)
    }
    assert 0 not in numbers and numbers <= shown


def test_pdf_and_xlsx_hold_the_figures_in_chinese(county, tmp_path):
    from bureau.jobs import execute_job
    from bureau.report.views import report_request
    from tests.factories import UserFactory

    user = UserFactory()
    report, created = report_request(year=YEAR, user=user)
    assert created
    execute_job(report.job_id)
    report.refresh_from_db()
    reader = PdfReader(report.pdf.path)
    text = "\n".join(page.extract_text() for page in reader.pages)
    assert "年度律师行业统计报告" in text and "示范县司法局" in text
    assert f"共有律师事务所{EXPECTED['firms_total']}家" in text.replace("\n", "")
    assert "律师事务所（按组织形式和状态）" in text
    assert len(reader.pages) >= 3
    sheet_names = load_workbook(report.xlsx.path).sheetnames
    assert sheet_names[0] == "工作总结" and "律师事务所和律师" in sheet_names
    assert report.figures["lawyers_total"] == 20


def _grow_every_section(n, *, user, checklist, inspector_entries):
    """Adds `n` rows to every kind of record each section of the report reads: firms, lawyers,
    ratings, assessments, training, restructurings; cases, service logs, quarterly reports;
    branches, members, meetings; plans, draws and inspections in several states."""
    from casework import services as casework_services
    from casework.models import ServiceLog
    from firms.models import LawyerAssessment, Restructuring
    from inspections import services as inspection_services
    from inspections.models import Inspection, Plan
    from partybuild.models import Meeting, Member
    from tests.casework.conftest import make_case
    from tests.inspections.conftest import make_inspection
    from tests.partybuild.helpers import make_branch, make_member

    tag = Firm.objects.count()
    for i in range(n):
        firm = FirmFactory(organisation_form="state", founded_on=D(YEAR, 2, 1))
        lawyers = LawyerFactory.create_batch(2, firm=firm)
        StandardisationRating.objects.create(
            firm=firm, level="county", conferred_by="县局", conferred_on=D(YEAR, 1, 1)
        )
        FirmAssessment.objects.create(firm=firm, year=YEAR, result="pass")
        LawyerAssessment.objects.create(lawyer=lawyers[0], year=YEAR, result="competent")
        session = TrainingSession.objects.create(
            title=f"培训{tag}-{i}", held_on=D(YEAR, 4, 1), organiser="局", kind="ethics", hours=Decimal("8")
        )
        TrainingAttendance.objects.create(session=session, lawyer=lawyers[0], hours=Decimal("8"))
        Restructuring.objects.create(firm=firm, target_form="partnership", started_on=D(YEAR, 3, 1))
        make_case(firm, user, lawyers[:1], intake_date=D(YEAR, 3, 2), is_sensitive=i % 2 == 0)
        for kind, extra in (
            (ServiceLog.Kind.LEGAL_HELP, {"person_times": 3}),
            (
                ServiceLog.Kind.ADVISER,
                {
                    "counterpart": f"单位{tag}-{i}",
                    "org_kind": "enterprise",
                    "term_start": D(YEAR, 1, 1),
                    "term_end": D(YEAR, 12, 31),
                },
            ),
            (ServiceLog.Kind.HEALTH_CHECK, {"counterpart": f"企业{tag}-{i}", "risk_points": 2}),
        ):
            casework_services.service_log_create(
                firm=firm, user=user, kind=kind, date=D(YEAR, 5, 1), lawyers=lawyers[:1], **extra
            )
        casework_services.quarterly_create(firm=firm, user=user, year=YEAR, quarter=1, today=D(YEAR, 4, 20))
        branch = make_branch(f"支部{tag}-{i}", firm, kind="own")
        make_member(branch, f"党员{tag}-{i}", firm=firm)
        make_member(
            branch, f"预备{tag}-{i}", Member.Stage.PROBATIONARY, firm=firm, probationary_on=D(YEAR, 2, 1)
        )
        Meeting.objects.create(branch=branch, kind="members", held_on=D(YEAR, 3, 5), topic="会", host="书记")
        plan = inspection_services.plan_create(
            created_by=user,
            year=YEAR,
            batch=tag + i + 1,
            kind=Plan.Kind.RANDOM,
            title=f"抽查{tag}-{i}",
            checklist=checklist,
            sampling=Plan.Sampling.COUNT,
            target_count=1,
            inspectors_per_target=2,
            starts_on=D(YEAR, 9, 1),
            ends_on=D(YEAR, 10, 30),
        )
        inspection = make_inspection(plan, firm, inspector_entries, user=user)
        Inspection.objects.filter(pk=inspection.pk).update(
            concluded_on=D(YEAR, 9, 10),
            result=Inspection.Result.RECTIFY if i % 2 else Inspection.Result.PASS,
            rectification=Inspection.Rectification.PENDING if i % 2 else Inspection.Rectification.NONE,
            rectification_deadline=D(YEAR, 10, 10) if i % 2 else None,
            publish_due=D(YEAR, 9, 20),
        )


def test_queries_do_not_grow_with_the_data(db, staff, inspector, inspector2):
    from inspections.models import ChecklistItem, ChecklistTemplate, Inspector

    checklist = ChecklistTemplate.objects.create(name="检查表")
    ChecklistItem.objects.create(
        template=checklist, section="organisation", position=1, text="证书", rule="五十条", requirement="悬挂"
    )
    entries = [
        Inspector.objects.create(user=inspector, certificate_no="甘执A001"),
        Inspector.objects.create(user=inspector2, certificate_no="甘执A002"),
    ]

    def count():
        with CaptureQueriesContext(connection) as ctx:
            sections, _facts = collect(YEAR)
        return len(ctx.captured_queries), sections

    _grow_every_section(1, user=staff, checklist=checklist, inspector_entries=entries)
    count()  # creates the settings rows a flushed test database may lack
    small, sections = count()
    before = {s["key"]: s["facts"] for s in sections}
    _grow_every_section(6, user=staff, checklist=checklist, inspector_entries=entries)
    large, sections = count()
    after = {s["key"]: s["facts"] for s in sections}
    # Every section read more rows than before (so the equal count below is not an empty result's)...
    assert after["firms"]["firms_total"] == before["firms"]["firms_total"] + 6
    assert after["firms"]["training_attendances"] == before["firms"]["training_attendances"] + 6
    assert after["casework"]["cases_total"] == before["casework"]["cases_total"] + 6
    assert after["casework"]["adviser_engagements"] == before["casework"]["adviser_engagements"] + 6
    assert after["casework"]["health_checks"] == before["casework"]["health_checks"] + 6
    assert after["partybuild"]["branches_total"] == before["partybuild"]["branches_total"] + 6
    assert after["partybuild"]["party_members"] == before["partybuild"]["party_members"] + 12
    assert after["partybuild"]["meetings_total"] == before["partybuild"]["meetings_total"] + 6
    assert after["inspections"]["inspections_total"] == before["inspections"]["inspections_total"] + 6
    assert after["inspections"]["draws_total"] == before["inspections"]["draws_total"] + 6
    # ...and the number of queries stayed the same.
    assert large == small


def test_only_the_bureau_reaches_reports(login, staff, bureau_admin, director, inspector):
    assert login(staff).get("/reports/").status_code == 200
    assert login(bureau_admin).get("/reports/").status_code == 200
    assert login(director).get("/reports/").status_code == 403
    assert login(inspector).get("/reports/").status_code == 403


def test_two_requests_for_a_year_make_one_job(login, staff, bureau_admin, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=False):
        first = login(staff).post("/reports/", {"year": YEAR})
        second = login(bureau_admin).post("/reports/", {"year": YEAR})
    assert first["Location"] == second["Location"]
    from bureau.models import Job, YearlyReport

    assert Job.objects.filter(kind="yearly_report").count() == 1
    assert YearlyReport.objects.count() == 1


def test_invalid_year_refused(login, staff):
    response = login(staff).post("/reports/", {"year": "1990"}, follow=True)
    assert "请选择有效的年度" in response.content.decode()


def test_lawyers_count_excludes_non_practising(db):
    lawyer = LawyerFactory()
    lawyer.status = Lawyer.Status.SUSPENDED
    lawyer.save()
    _sections, facts = collect(YEAR)
    assert facts["lawyers_total"] == 0


def test_xlsx_sheet_per_section():
    sections = [{"title": "甲", "tables": [{"title": "表", "headers": ["项目", "数量"], "rows": [["a", 1]]}]}]
    book = load_workbook(io.BytesIO(xlsx_bytes(2026, sections, "一段\n\n二段")))
    assert book.sheetnames == ["工作总结", "甲"]
    assert [c.value for c in book["甲"][3]] == ["a", 1]
