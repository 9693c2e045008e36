"""Every .xlsx the portal serves is written through bureau.spreadsheets: text a user typed that
begins like a formula (=HYPERLINK..., +, -, @, tab, CR) reaches the file as a text cell, never as a
formula, and keeps exactly what was typed."""

import datetime
import io

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from bureau import spreadsheets
from bureau.permissions import Role
from casework import services as casework_services
from casework.models import ServiceLog
from firms import services as firm_services
from firms.models import Firm
from partybuild.models import Branch, Meeting
from tests.casework.conftest import make_case
from tests.factories import FirmFactory, LawyerFactory, UserFactory
from tests.partybuild.helpers import make_branch

PAYLOAD = '=HYPERLINK("http://x","y")'
YEAR = 2026
TODAY = datetime.date(2026, 7, 20)


def _cells(content):
    """Every non-empty cell of every sheet of an .xlsx."""
    book = load_workbook(io.BytesIO(content))
    rows = [row for sheet in book.worksheets for row in sheet.iter_rows()]
    return [cell for row in rows for cell in row if cell.value is not None]


def _assert_safe(content, *, must_hold=()):
    cells = _cells(content)
    assert cells, "the file holds no cells"
    formulas = [(cell.coordinate, cell.value) for cell in cells if cell.data_type == "f"]
    assert not formulas
    for cell in cells:
        if isinstance(cell.value, str) and spreadsheets.looks_like_formula(cell.value):
            assert cell.data_type == "s", (cell.coordinate, cell.value)
            assert cell.quotePrefix, (cell.coordinate, cell.value)  # stays text when edited in Excel
    texts = {cell.value for cell in cells if isinstance(cell.value, str)}
    for text in must_hold:
        # Kept as typed: a literal leading apostrophe would show in the cell.
        assert text in texts, (text, sorted(texts)[:20])
        assert "'" + text not in texts


@pytest.fixture
def dangerous(db, staff):
    """A state-funded firm named like a formula, with a case, a service log, a quarterly report, a
    restructuring and a Party meeting whose typed texts are formulas too."""
    firm = FirmFactory(name=PAYLOAD, organisation_form=Firm.Form.STATE, founded_on=datetime.date(2010, 1, 1))
    director = UserFactory(username="formula_director", role=Role.FIRM_DIRECTOR, firm=firm)
    lawyer = LawyerFactory(firm=firm, name="+张律师")
    case = make_case(firm, director, [lawyer], cause=PAYLOAD, intake_date=datetime.date(YEAR, 3, 2))
    log = casework_services.service_log_create(
        firm=firm,
        user=director,
        kind=ServiceLog.Kind.LEGAL_HELP,
        date=datetime.date(YEAR, 5, 1),
        lawyers=[lawyer],
        person_times=3,
        remarks=PAYLOAD,
    )
    report = casework_services.quarterly_create(firm=firm, user=director, year=YEAR, quarter=2, today=TODAY)
    casework_services.quarterly_submit(report=report, user=director, today=TODAY)
    firm_services.restructuring_start(
        firm=firm, target_form=Firm.Form.PARTNERSHIP, started_on=datetime.date(YEAR, 2, 1)
    )
    branch = make_branch("-某党支部", firm, kind=Branch.Kind.OWN)
    meeting = Meeting.objects.create(
        branch=branch, kind="members", held_on=datetime.date(YEAR, 5, 10), topic=PAYLOAD, host="@甲"
    )
    assert (case.cause, log.remarks, meeting.topic) == (PAYLOAD,) * 3
    return firm


def test_firm_export_writes_formula_like_names_as_text(login, staff, dangerous):
    response = login(staff).get(reverse("firms:firm_list") + "?export=xlsx")
    assert response.status_code == 200
    _assert_safe(response.content, must_hold=[PAYLOAD])


def test_lawyer_export_writes_formula_like_names_as_text(login, staff, dangerous):
    response = login(staff).get(reverse("firms:lawyer_list") + "?export=xlsx")
    assert response.status_code == 200
    _assert_safe(response.content, must_hold=["+张律师"])


def test_quarterly_export_writes_formula_like_names_as_text(login, staff, dangerous):
    url = reverse("casework:quarterly_export") + f"?year={YEAR}&quarter=2"
    response = login(staff).get(url)
    assert response.status_code == 200
    _assert_safe(response.content, must_hold=[PAYLOAD])


@pytest.mark.parametrize("kind", ["firms", "lawyers"])
def test_import_templates_hold_no_formulas(login, staff, kind):
    response = login(staff).get(reverse("firms:import_template", args=[kind]))
    assert response.status_code == 200
    _assert_safe(response.content)


def test_yearly_report_xlsx_built_by_its_job_writes_names_as_text(login, staff, dangerous):
    from bureau.jobs import execute_job
    from bureau.report.views import report_request

    report, created = report_request(year=YEAR, user=staff)
    assert created
    execute_job(report.job_id)
    report.refresh_from_db()
    assert report.job.status == "done", report.job.error
    response = login(staff).get(reverse("reports:xlsx", args=[report.pk]))
    assert response.status_code == 200
    content = b"".join(response.streaming_content) if response.streaming else response.content
    # The restructuring table names the firm.
    _assert_safe(content, must_hold=[PAYLOAD])


# --- the writer itself ------------------------------------------------------------------------


@pytest.mark.parametrize("text", [PAYLOAD, "+1", "-2", "@SUM(A1)", "\tx", "=1+1"])
@pytest.mark.parametrize("write_only", [True, False])
def test_writer_keeps_formula_like_text_as_text(text, write_only):
    book = spreadsheets.new_workbook(write_only=write_only)
    sheet = book.create_sheet("x")
    spreadsheets.write_row(sheet, [text, 5, -3, datetime.date(2026, 1, 2), None])
    row = next(load_workbook(io.BytesIO(spreadsheets.workbook_bytes(book))).active.iter_rows())
    assert (row[0].value, row[0].data_type, row[0].quotePrefix) == (text, "s", True)
    assert [row[1].value, row[2].value] == [5, -3] and row[1].data_type == "n"
    assert row[3].value == datetime.datetime(2026, 1, 2) and row[3].number_format == "yyyy-mm-dd"


def test_writer_drops_characters_an_xlsx_cannot_hold():
    content = spreadsheets.table_bytes("t", ["名称"], [["甲\x00乙\x07丙"]])
    sheet = load_workbook(io.BytesIO(content)).active
    assert sheet["A2"].value == "甲乙丙"


def test_recorded_at_times_are_written_in_local_time():
    from django.utils import timezone

    moment = timezone.make_aware(datetime.datetime(2026, 3, 1, 9, 30))
    content = spreadsheets.table_bytes("t", ["时间"], [[moment.astimezone(datetime.UTC)]])
    assert load_workbook(io.BytesIO(content)).active["A2"].value == datetime.datetime(2026, 3, 1, 9, 30)


def test_ordinary_text_gets_no_quote_prefix():
    content = spreadsheets.table_bytes("t", ["名称"], [["明德律师事务所"]])
    cell = load_workbook(io.BytesIO(content)).active["A2"]
    assert (cell.value, cell.data_type, cell.quotePrefix) == ("明德律师事务所", "s", False)
