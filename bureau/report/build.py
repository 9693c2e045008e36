"""Builds a yearly report: figures section by section (reporting progress), the drafted summary,
the PDF and the spreadsheet.

The PDF is the document a bureau prints and files: it carries every table of counts, but a list with
a row per firm (a table marked "annex") only up to PDF_LIST_ROWS rows, with a note saying where the
whole list is; the spreadsheet keeps every row. A province's 2,000 firms would otherwise put tens of
thousands of rows into the PDF, which WeasyPrint lays out for minutes in gigabytes of memory."""

from decimal import Decimal

from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, override

from bureau import spreadsheets
from bureau.contrib import registry
from bureau.jobs import job_handler, store_file
from bureau.models import BureauSettings, YearlyReport
from bureau.pdf import render_pdf

from .summary import draft_summary

KIND = "yearly_report"

# Rows of a list by firm that the PDF shows: a county's 50 firms fit whole, a province's do not.
PDF_LIST_ROWS = 50


def collect(year, progress=lambda percent, step: None):
    """The sections the apps registered (see bureau.contrib), in their order, and the facts of all
    of them for the summary."""
    sections, facts = [], {}
    entries = registry.report_sections()
    for index, entry in enumerate(entries):
        section = entry.builder(year)
        progress(5 + 65 * (index + 1) // len(entries), _("统计：%(title)s") % {"title": section["title"]})
        sections.append(section)
        facts.update(section["facts"])
    return sections, facts


def key_figures(facts):
    labels = [
        ("firms_total", _("律师事务所"), _("家")),
        ("lawyers_total", _("执业律师"), _("名")),
        ("cases_total", _("代理案件"), _("件")),
        ("legal_aid_cases", _("法律援助案件"), _("件")),
        ("legal_help", _("法律帮助"), _("人次")),
        ("branches_total", _("党支部"), _("个")),
        ("inspections_total", _("双随机检查"), _("家次")),
        ("rectifications_ordered", _("责令整改"), _("家次")),
    ]
    return [(label, facts[key], unit) for key, label, unit in labels if key in facts]


def _numeric_columns(rows):
    """Indexes of the columns whose cells are all numbers (or "", "—"): right-aligned in the PDF."""
    columns = set()
    for index in range(max((len(row) for row in rows), default=0)):
        cells = [row[index] for row in rows if index < len(row) and row[index] not in ("", "—")]
        if cells and all(isinstance(v, int | float | Decimal) for v in cells):
            columns.add(index)
    return columns


def pdf_table(table, sheet):
    """`table` as the PDF shows it. An "annex" table (a list by firm) longer than PDF_LIST_ROWS
    keeps its first rows, an ellipsis row and its total rows (the last `totals`), with a note
    naming the spreadsheet's sheet that holds every row; any other table whole."""
    rows, totals = table["rows"], table.get("totals", 0)
    listed = len(rows) - totals
    shown = {**table, "numeric": _numeric_columns(rows)}
    if table.get("annex") and listed > PDF_LIST_ROWS:
        ellipsis = ["……"] + [""] * (len(table["headers"]) - 1)
        shown["rows"] = rows[:PDF_LIST_ROWS] + [ellipsis] + rows[listed:]
        shown["note"] = _("本表共%(n)s行，此处列出前%(shown)s行；完整名单见Excel附表“%(sheet)s”工作表。") % {
            "n": listed,
            "shown": PDF_LIST_ROWS,
            "sheet": sheet,
        }
    return shown


def pdf_sections(sections):
    """The sections with their tables as the PDF shows them (see pdf_table)."""
    return [
        {
            **section,
            "tables": [
                pdf_table(table, spreadsheets.sheet_title(section["title"])) for table in section["tables"]
            ],
        }
        for section in sections
    ]


def xlsx_bytes(year, sections, summary):
    # Through the one formula-safe writer: table rows hold names users typed.
    workbook = spreadsheets.new_workbook()
    sheet = workbook.create_sheet(_("工作总结"))
    spreadsheets.write_row(sheet, [_("%(year)s年度律师行业工作总结（草稿）") % {"year": year}], bold=True)
    spreadsheets.write_rows(sheet, [[paragraph] for paragraph in summary.split("\n\n")])
    sheet.column_dimensions["A"].width = 120
    for section in sections:
        sheet = workbook.create_sheet(spreadsheets.sheet_title(section["title"]))
        for table in section["tables"]:
            spreadsheets.write_row(sheet, [table["title"]], bold=True)
            spreadsheets.write_row(sheet, [str(h) for h in table["headers"]], bold=True)
            for row in table["rows"]:
                spreadsheets.write_row(sheet, [v if isinstance(v, int | float) else str(v) for v in row])
            sheet.append([])
        sheet.column_dimensions["A"].width = 36
    return spreadsheets.workbook_bytes(workbook)


@job_handler(KIND, label=gettext_lazy("年度统计报告"))
def build_yearly_report(job, report):
    yearly = YearlyReport.objects.get(job=job)
    settings_row = BureauSettings.load()
    # Reports are official documents in Chinese, whoever asked for them.
    with override("zh-hans"):
        report(2, _("开始统计"))
        sections, facts = collect(yearly.year, report)
        summary = draft_summary(yearly.year, settings_row.county_name, sections)
        report(75, _("生成PDF"))
        pdf = render_pdf(
            "bureau/pdf/yearly_report.html",
            {
                "year": yearly.year,
                "bureau_name": settings_row.bureau_name,
                "county_name": settings_row.county_name,
                "generated_at": timezone.localtime(),
                "sections": pdf_sections(sections),
                "key_figures": key_figures(facts),
                "summary": summary.split("\n\n"),
            },
        )
        report(90, _("生成Excel"))
        xlsx = xlsx_bytes(yearly.year, sections, summary)
    stem = f"reports/{yearly.year}/yearly-report-{yearly.year}-{yearly.pk}"
    # Only while this run still holds the job: a run whose lease was taken over writes nothing.
    with report.holding():
        YearlyReport.objects.filter(pk=yearly.pk).update(
            pdf=store_file(f"{stem}.pdf", pdf),
            xlsx=store_file(f"{stem}.xlsx", xlsx),
            summary=summary,
            figures={key: value for key, value in facts.items() if isinstance(value, int | float)},
        )
    return None
