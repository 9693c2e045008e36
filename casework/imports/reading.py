"""What the case and service-log imports share: the columns of a sheet, reading an uploaded
workbook without trusting any cell, turning cell text into values, and writing the template.

Every problem becomes an error (row, column header, reason in Chinese) in an ImportResult; no cell,
however odd (a formula's cached error, a number where a date belongs, a 5,000-character string),
raises past this module."""

import datetime
import decimal
import re
from dataclasses import dataclass, field

from django.utils import timezone
from django.utils.translation import gettext as _
from openpyxl import load_workbook
from openpyxl.worksheet.datavalidation import DataValidation

from bureau import spreadsheets
from firms.models import Lawyer

MAX_ROWS = 5000
MAX_CELL_CHARS = 2000
YES, NO = "是", "否"
# Lists inside one cell: parties, lawyers, receipts. Full-width and ASCII separators both accepted.
ITEM_SEPARATOR = re.compile(r"[；;\n]+")
LICENCE_SEPARATOR = re.compile(r"[；;、，,\s]+")
FIELD_SEPARATOR = re.compile(r"[|｜]")


@dataclass
class Column:
    header: str
    field: str
    required: bool = False
    choices: dict | None = None  # label -> stored value
    kind: str = "text"  # text, date, bool, decimal, count
    example: str = ""
    hint: str = ""


@dataclass
class ImportResult:
    errors: list = field(default_factory=list)  # (row, column header, reason)
    rows: int = 0
    created: int = 0
    existing: int = 0
    imported: list = field(default_factory=list)  # what the report page lists

    @property
    def ok(self):
        return not self.errors

    def add(self, row, column, message):
        self.errors.append((row, column, str(message)))


def labels(choices):
    return {str(label): value for value, label in choices}


def cell_text(value):
    """The text of a cell as a person reads it: whole numbers without ".0", dates as 2024-03-05."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return YES if value else NO
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if isinstance(value, datetime.datetime):
        return value.date().isoformat()
    if isinstance(value, datetime.date):
        return value.isoformat()
    return str(value).strip()


def read_sheet(upload, columns, result, *, sheet_index=0):
    """[(row number, {field: text})] of the data rows, or [] with errors in `result`: a file that
    is no workbook, a missing column, too many rows, no rows."""
    try:
        workbook = load_workbook(upload, read_only=True, data_only=True)
        sheet = workbook.worksheets[sheet_index]
        rows = sheet.iter_rows(values_only=True)
        header = [cell_text(v).rstrip("*") for v in next(rows, ())]
    except Exception:  # a zip that is not a workbook, a damaged sheet: openpyxl raises many kinds
        result.add(0, "", _("无法读取该文件，请使用导入模板保存的 .xlsx 文件。"))
        return []
    positions = {}
    for column in columns:
        if column.header in header:
            positions[column.field] = header.index(column.header)
        else:
            result.add(1, column.header, _("缺少此列，请使用导入模板。"))
    if result.errors:
        return []
    data = []
    try:
        for number, values in enumerate(rows, start=2):
            texts = {f: cell_text(values[i]) if i < len(values) else "" for f, i in positions.items()}
            if not any(texts.values()):
                continue
            if len(data) >= MAX_ROWS:
                result.add(number, "", _("一次最多导入%(n)s行。") % {"n": MAX_ROWS})
                return []
            data.append((number, texts))
    except Exception:
        result.add(0, "", _("无法读取该文件，请使用导入模板保存的 .xlsx 文件。"))
        return []
    if not data:
        result.add(2, "", _("文件中没有数据行。"))
    return data


def new_rows(upload, columns, result, *, firm, user, key, header, registered, check_row):
    """The checked values of the sheet's rows that are new, in order. Every row is read and checked
    (`check_row`, its errors go to `result`); a row repeating an earlier row's key (the field `key`,
    the column `header`) is an error; a row whose key `registered(keys)` says the register holds
    counts as existing and is left as it is, so importing a file twice adds nothing."""
    rows = read_sheet(upload, columns, result)
    if result.errors:
        return []
    result.rows = len(rows)
    licences = {x for _n, texts in rows for x in LICENCE_SEPARATOR.split(texts.get("lawyers", "")) if x}
    known_lawyers = {x.licence_no: x for x in Lawyer.objects.filter(licence_no__in=licences)}
    already = registered([texts.get(key, "") for _n, texts in rows])
    seen, plan = {}, []
    for number, texts in rows:
        value = texts.get(key, "")
        if value and value in seen:
            result.add(number, header, _("与第%(row)s行重复。") % {"row": seen[value]})
            continue
        seen[value] = number
        checked = check_row(number, texts, columns, result, firm=firm, user=user, known_lawyers=known_lawyers)
        if checked and getattr(checked[0], key) in already:
            result.existing += 1
        elif checked:
            plan.append(checked)
    return plan


def parse_date(text):
    """2024-03-05, 2024/3/5 or 2024.3.5; None when it is no date."""
    match = re.fullmatch(r"(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})(?:[ T]00:00(?::00)?)?", text)
    if not match:
        return None
    try:
        return datetime.date(*(int(part) for part in match.groups()))
    except ValueError:
        return None


def parse_decimal(text):
    try:
        value = decimal.Decimal(text.replace(",", "").replace("，", ""))
    except decimal.InvalidOperation:
        return None
    return value if value.is_finite() else None


class RowReader:
    """Converts one row's texts column by column, collecting each bad cell as an error."""

    def __init__(self, number, texts, columns, result):
        self.number, self.texts, self.result = number, texts, result
        self.columns = {c.field: c for c in columns}
        self.ok = True

    def error(self, name, message):
        header = self.columns[name].header if name in self.columns else name
        self.result.add(self.number, header, message)
        self.ok = False

    def text(self, name):
        value = self.texts.get(name, "")
        column = self.columns[name]
        if len(value) > MAX_CELL_CHARS:
            self.error(name, _("内容过长。"))
            return ""
        if not value and column.required:
            self.error(name, _("必填项不能为空。"))
        return value

    def value(self, name):
        """The cell's value by its column's kind: None when empty or bad (bad is an error)."""
        column = self.columns[name]
        text = self.text(name)
        if not text:
            return False if column.kind == "bool" else (0 if column.kind == "count" else None)
        if column.choices is not None:
            if text not in column.choices:
                options = "、".join(column.choices)
                self.error(
                    name,
                    _("“%(value)s”不是有效选项，可选：%(options)s。") % {"value": text, "options": options},
                )
                return None
            return column.choices[text]
        if column.kind == "bool":
            if text not in (YES, NO):
                self.error(name, _("请填写“是”或“否”。"))
            return text == YES
        if column.kind == "date":
            value = parse_date(text)
            if value is None:
                self.error(name, _("日期格式应为 2024-01-31。"))
            elif value > timezone.localdate():
                self.error(name, _("日期不能晚于今天。"))
                return None
            return value
        if column.kind == "decimal":
            value = parse_decimal(text)
            if value is None or value < 0 or value >= 10**10:
                self.error(name, _("请填写不小于0的金额。"))
                return None
            return value
        if column.kind == "count":
            if not re.fullmatch(r"\d{1,9}", text):
                self.error(name, _("请填写不小于0的整数。"))
                return 0
            return int(text)
        return text


def lawyers_by_licence(reader, firm, known):
    """The firm's lawyers named by licence number in the row's lawyers column."""
    lawyers = []
    for licence in dict.fromkeys(x for x in LICENCE_SEPARATOR.split(reader.text("lawyers")) if x):
        lawyer = known.get(licence)
        if lawyer is None:
            reader.error("lawyers", _("系统中没有执业证号为%(no)s的律师。") % {"no": licence})
        elif lawyer.firm_id != firm.pk:
            reader.error("lawyers", _("执业证号%(no)s的律师不是本所律师。") % {"no": licence})
        else:
            lawyers.append(lawyer)
    return lawyers


def model_errors(reader, exc, field_columns):
    """A ValidationError from a model or service as row errors, each under its column."""
    if hasattr(exc, "error_dict"):
        for name, errors in exc.message_dict.items():
            column = field_columns.get(name, name if name in reader.columns else "")
            for message in errors:
                reader.error(column, message)
    else:
        for message in exc.messages:
            reader.error("", message)


def template_bytes(title, columns, notes):
    """The import template: the header row (required columns starred) and an example row on the
    first sheet, then an instructions sheet: each column, whether required, what it takes."""
    workbook = spreadsheets.new_workbook()
    sheet = workbook.create_sheet(spreadsheets.sheet_title(title))
    spreadsheets.write_row(sheet, [c.header + ("*" if c.required else "") for c in columns], bold=True)
    spreadsheets.write_row(sheet, [c.example for c in columns])
    for index, column in enumerate(columns, start=1):
        letter = sheet.cell(row=1, column=index).column_letter
        sheet.column_dimensions[letter].width = max(12, min(40, len(column.header) * 2 + 4))
        options = list(column.choices) if column.choices else ([YES, NO] if column.kind == "bool" else None)
        if options:
            validation = DataValidation(type="list", formula1='"' + ",".join(options) + '"', allow_blank=True)
            sheet.add_data_validation(validation)
            validation.add(f"{letter}2:{letter}{MAX_ROWS + 1}")
        if column.kind == "date" or column.kind == "text":
            # Text cells, so that numbers such as licence numbers keep their digits.
            for row in range(2, 202):
                sheet.cell(row=row, column=index).number_format = "@"
    guide = workbook.create_sheet(spreadsheets.sheet_title(_("填写说明")))
    spreadsheets.write_row(guide, [_("列"), _("必填"), _("说明")], bold=True)
    kinds = {
        "date": _("日期，格式 2024-01-31，不能晚于今天"),
        "bool": _("是 或 否，空白为否"),
        "decimal": _("金额（元），不小于0"),
        "count": _("整数，不小于0，空白为0"),
    }
    for column in columns:
        hint = column.hint or ("、".join(column.choices) if column.choices else kinds.get(column.kind, ""))
        spreadsheets.write_row(guide, [column.header, _("是") if column.required else "", hint])
    guide.append([])
    for line in [_("第2行为示例，导入前请删除或覆盖。以*标注的列为必填。"), *notes]:
        spreadsheets.write_row(guide, [line])
    guide.column_dimensions["A"].width = 24
    guide.column_dimensions["C"].width = 80
    return spreadsheets.workbook_bytes(workbook)
