"""The one spreadsheet writer: every .xlsx the portal produces is written through this module.

Text that a user typed (a firm name, a case cause, a remark) may begin like a formula:
``=HYPERLINK("http://x","y")``, ``+1``, ``-2``, ``@SUM(...)``, a tab or a carriage return. Such a cell is
written as a string cell (``t="inlineStr"``, never ``<f>``), so Excel, WPS and LibreOffice show it as
text and never evaluate it, and it carries the quote-prefix style, so that a user who edits the cell and
presses Enter keeps text instead of turning it into a formula. The visible text stays exactly what was
typed: a literal leading apostrophe in the value would show in every spreadsheet program. Characters
that an .xlsx cannot hold (C0 controls other than tab, LF and CR) are dropped instead of failing the
whole export.

Usage::

    from bureau import spreadsheets

    # one table, streamed (large lists):
    content = spreadsheets.table_bytes(_("律师事务所"), headers, rows)
    return spreadsheets.xlsx_response("firms", content)

    # several sheets, laid out by hand:
    book = spreadsheets.new_workbook()
    sheet = book.create_sheet(_("汇总"))
    spreadsheets.write_row(sheet, [_("标题")], bold=True)
    spreadsheets.write_rows(sheet, rows)
    content = spreadsheets.workbook_bytes(book)
"""

import datetime
import decimal
import io

from django.http import HttpResponse
from django.utils import timezone
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.styles import Font

XLSX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"

# OWASP's list of characters with which a spreadsheet program starts a formula or a DDE call.
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")

_BOLD = Font(bold=True)


def looks_like_formula(value):
    return isinstance(value, str) and value.startswith(FORMULA_START)


def cell(sheet, value, *, bold=False):
    """One cell for ``sheet`` (normal or write-only): text is always a string cell, dates get a date
    format, numbers stay numbers."""
    if isinstance(value, str):
        value = ILLEGAL_CHARACTERS_RE.sub("", value)
    elif isinstance(value, datetime.datetime) and timezone.is_aware(value):
        # Excel has no time zones: a recorded-at time is shown in the bureau's local time.
        value = timezone.localtime(value).replace(tzinfo=None)
    elif value is not None and not isinstance(value, int | float | decimal.Decimal | datetime.date):
        # Lazy translations, choices labels and the like are shown as their text.
        value = ILLEGAL_CHARACTERS_RE.sub("", str(value))
    result = WriteOnlyCell(sheet, value=value)
    if isinstance(value, str):
        # Binding a value that starts with "=" makes openpyxl write a formula: undo that, always.
        result.data_type = "s"
        if looks_like_formula(value):
            result.quotePrefix = True
    elif isinstance(value, datetime.datetime):
        result.number_format = "yyyy-mm-dd hh:mm"
    elif isinstance(value, datetime.date):
        result.number_format = "yyyy-mm-dd"
    if bold:
        result.font = _BOLD
    return result


def write_row(sheet, values, *, bold=False):
    """Appends one row of values to ``sheet`` through :func:`cell`."""
    sheet.append([cell(sheet, value, bold=bold) for value in values])


def write_rows(sheet, rows, *, bold=False):
    for values in rows:
        write_row(sheet, values, bold=bold)


def new_workbook(*, write_only=False):
    """An empty workbook (no default sheet): add sheets with ``create_sheet``."""
    book = Workbook(write_only=write_only)
    if not write_only:
        book.remove(book.active)
    return book


def sheet_title(title):
    # Excel limits sheet names to 31 characters and forbids a few that names may contain.
    for char in "[]:*?/\\":
        title = title.replace(char, " ")
    return str(title)[:31] or "Sheet"


def workbook_bytes(book):
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def table_bytes(title, headers, rows):
    """One sheet: a bold header row, then ``rows``, streamed (write-only) so a long list stays cheap."""
    book = new_workbook(write_only=True)
    sheet = book.create_sheet(title=sheet_title(str(title)))
    write_row(sheet, [str(header) for header in headers], bold=True)
    write_rows(sheet, rows)
    return workbook_bytes(book)


def xlsx_response(name, content, *, stamp=True):
    """An attachment response; ``name`` is the file name without extension (ASCII)."""
    response = HttpResponse(content, content_type=XLSX_CONTENT_TYPE)
    suffix = "-" + timezone.localtime().strftime("%Y%m%d-%H%M") if stamp else ""
    response["Content-Disposition"] = f'attachment; filename="{name}{suffix}.xlsx"'
    return response


def workbook_response(name, sheets, *, stamp=True):
    """Shorthand for simple exports: ``sheets`` is a list of ``(title, headers, rows)``."""
    book = new_workbook(write_only=True)
    for title, headers, rows in sheets:
        sheet = book.create_sheet(title=sheet_title(str(title)))
        write_row(sheet, [str(header) for header in headers], bold=True)
        write_rows(sheet, rows)
    return xlsx_response(name, workbook_bytes(book), stamp=stamp)
