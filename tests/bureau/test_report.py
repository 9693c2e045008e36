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
    summary = draft_summary(YEAR, "示范县", facts)
    assert f"共有律师事务所{EXPECTED['firms_total']}家" in summary
    assert f"执业律师{EXPECTED['lawyers_total']}名" in summary
    assert f"合格{EXPECTED['firms_passed']}家" in summary
    assert f"{EXPECTED['training_short']}名律师继续教育学时未达到要求" in summary
    # Every number in the summary appears among the facts the tables were built from.
    numbers = {int(n) for n in re.findall(r"\d+", summary)} - {YEAR}
    assert numbers <= {int(v) for v in facts.values() if isinstance(v, int | float)}


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


def test_queries_do_not_grow_with_the_data(db):
    def count():
        with CaptureQueriesContext(connection) as ctx:
            collect(YEAR)
        return len(ctx.captured_queries)

    FirmFactory()
    count()  # creates the settings row a flushed test database may lack
    small = count()
    for firm in FirmFactory.create_batch(20):
        LawyerFactory.create_batch(3, firm=firm)
    assert count() == small


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
