"""The yearly report's PDF is the document a bureau prints: lists by firm ("annex" tables) show at
most PDF_LIST_ROWS rows there, with a note naming the spreadsheet sheet that holds every row."""

import datetime
from decimal import Decimal

from openpyxl import load_workbook
from pypdf import PdfReader

from bureau.report import build
from bureau.report.build import PDF_LIST_ROWS, pdf_sections, pdf_table
from firms.models import FirmImprovement
from tests.factories import FirmFactory, UserFactory

YEAR = 2025


def _firms(n):
    return [[f"律所{i:03d}", i, 10 * i] for i in range(n)]


def test_a_long_list_by_firm_keeps_its_first_rows_and_its_total_with_a_note():
    rows = _firms(PDF_LIST_ROWS + 3) + [["合计", 999, 9999]]
    table = {
        "title": "按律所",
        "headers": ["律师事务所", "项数", "金额"],
        "rows": rows,
        "annex": True,
        "totals": 1,
    }
    shown = pdf_table(table, "办公设施和服务站点")
    assert shown["rows"] == rows[:PDF_LIST_ROWS] + [["……", "", ""], ["合计", 999, 9999]]
    assert shown["note"] == (
        f"本表共{PDF_LIST_ROWS + 3}行，此处列出前{PDF_LIST_ROWS}行；"
        "完整名单见Excel附表“办公设施和服务站点”工作表。"
    )
    # The section's own table is left whole: the spreadsheet and the summary read it.
    assert len(table["rows"]) == PDF_LIST_ROWS + 4 and "note" not in table


def test_a_short_list_and_a_table_of_counts_are_shown_whole():
    short = {
        "title": "按律所",
        "headers": ["律师事务所", "项数"],
        "rows": _firms(PDF_LIST_ROWS),
        "annex": True,
    }
    counts = {"title": "合计", "headers": ["项目", "数量"], "rows": _firms(PDF_LIST_ROWS + 10)}
    for table in (short, counts):
        shown = pdf_table(table, "表")
        assert shown["rows"] == table["rows"] and "note" not in shown


def test_only_columns_of_numbers_are_right_aligned():
    table = {
        "title": "对照",
        "headers": ["项目", "报表数", "差异", "学时", "完成日期"],
        "rows": [
            ["收案", 3, "不一致", Decimal("40.0"), "—"],
            ["结案", 2, "", Decimal("8"), datetime.date(2025, 1, 1)],
        ],
    }
    assert pdf_table(table, "表")["numeric"] == {1, 3}
    sections = pdf_sections([{"title": "甲", "tables": [table]}])
    assert sections[0]["tables"][0]["numeric"] == {1, 3}


def test_the_pdf_lists_the_first_firms_and_the_spreadsheet_every_firm(db, monkeypatch):
    from bureau.jobs import execute_job
    from bureau.report.views import report_request

    monkeypatch.setattr(build, "PDF_LIST_ROWS", 2)
    for name, amount in (("甲律师事务所", 100), ("乙律师事务所", 200), ("丙律师事务所", 400)):
        FirmImprovement.objects.create(
            firm=FirmFactory(name=name),
            made_on=datetime.date(YEAR, 5, 1),
            description="会议室",
            amount=amount,
        )
    report, _created = report_request(year=YEAR, user=UserFactory())
    execute_job(report.job_id)
    report.refresh_from_db()
    text = "".join(page.extract_text() for page in PdfReader(report.pdf.path).pages).replace("\n", "")
    # Two of the three firms (the first in the database's name order), an ellipsis, the note.
    names = ("甲律师事务所", "乙律师事务所", "丙律师事务所")
    assert sum(name in text for name in names) == 2 and "……" in text
    assert "本表共3行，此处列出前2行；完整名单见Excel附表“办公设施和服务站点”工作表。" in text
    sheet = load_workbook(report.xlsx.path)["办公设施和服务站点"]
    assert set(names) <= {row[0] for row in sheet.iter_rows(values_only=True)}
    assert ["合计", 3, 0, 700] in [list(row[:4]) for row in sheet.iter_rows(values_only=True)]


def test_the_figures_take_a_fixed_number_of_queries(db, django_assert_max_num_queries):
    """The figures are aggregated in SQL, never firm by firm: firms 16 (with ratings conferred and
    restructurings), facilities 3, casework 12 (filed versions, register, firm names, one
    aggregate per table, the receipt gap apart), Party building 13, inspections 4. The province
    dataset (2,000 firms) takes the same 48 (bench/report.py); tests/bureau/test_report.py checks
    that the count does not grow with the rows."""
    from bureau.report.build import collect

    for name in ("甲律师事务所", "乙律师事务所", "丙律师事务所"):
        FirmImprovement.objects.create(
            firm=FirmFactory(name=name), made_on=datetime.date(YEAR, 5, 1), description="会议室", amount=1
        )
    collect(YEAR)  # creates the settings rows a flushed test database may lack
    with django_assert_max_num_queries(48):
        collect(YEAR)
