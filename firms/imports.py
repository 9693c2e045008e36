"""Excel import of firms and lawyers: every bad row is reported with row, column and reason, and
nothing is imported unless every row is good. Rows are matched on their key (credit code for
firms, licence number for lawyers), so importing the same file twice creates no duplicates.

Re-importing never blanks a field: a cell left empty keeps the value stored for that firm or lawyer
(EMPTY_CELL_RULE, shown on the import page and in the template's notes). A changed status is
recorded in the firm's status history or the lawyer's practice history, dated the import day (a
firm's deregistration on its deregistration date)."""

import datetime
from dataclasses import dataclass, field

from django import forms
from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from openpyxl import load_workbook
from openpyxl.worksheet.datavalidation import DataValidation

from bureau import spreadsheets

from .forms import LAWYER_FIELDS
from .models import Firm, FirmStatusChange, Lawyer, PracticeRecord

MAX_ROWS = 5000

EMPTY_CELL_RULE = gettext_lazy(
    "已登记的律所或律师再次导入时，留空的单元格保留系统中已有的内容，不会被清空；"
    "要修改某项，请填写新内容。必填列不能留空。"
)


@dataclass
class Column:
    header: str
    field: str
    required: bool = False
    choices: dict | None = None  # label -> value
    kind: str = "text"  # text, date, bool, decimal
    example: str = ""


def _labels(choices):
    return {str(label): value for value, label in choices}


def firm_columns():
    return [
        Column("名称", "name", True, example="示范县某某律师事务所"),
        Column("简称", "short_name", example="某某所"),
        Column("统一社会信用代码", "credit_code", True, example="31999999MD0000990H"),
        Column("执业许可证号", "licence_no"),
        Column("组织形式", "organisation_form", True, _labels(Firm.Form.choices), example="普通合伙"),
        Column("成立日期", "founded_on", kind="date", example="2015-06-01"),
        Column("状态", "status", True, _labels(Firm.Status.choices), example="执业"),
        Column("地址", "address", example="示范县人民路1号"),
        Column("联系电话", "phone", example="0937-6110000"),
        Column("电子邮箱", "email"),
        Column("办公面积（㎡）", "office_area", kind="decimal", example="120"),
    ]


def lawyer_columns():
    return [
        Column("姓名", "name", True, example="张三"),
        Column("性别", "gender", True, _labels(Lawyer.Gender.choices), example="男"),
        Column("身份证号码", "id_number", True, example="11010519491231002X"),
        Column("执业证号", "licence_no", True, example="16299201010000001"),
        Column("首次执业日期", "licence_date", True, kind="date", example="2010-07-01"),
        Column("执业类别", "category", True, _labels(Lawyer.Category.choices), example="专职"),
        Column("合伙人", "is_partner", kind="bool", example="否"),
        Column("执业状态", "status", True, _labels(Lawyer.Status.choices), example="执业"),
        Column("所在律所", "firm", True, example="示范县明德律师事务所"),
        Column("手机号码", "phone"),
        Column("学历", "education", choices=_labels(Lawyer.Education.choices), example="大学本科"),
        Column("政治面貌", "political_status", choices=_labels(Lawyer.Political.choices), example="群众"),
    ]


class FirmImportForm(forms.ModelForm):
    class Meta:
        model = Firm
        fields = [
            "name",
            "short_name",
            "credit_code",
            "licence_no",
            "organisation_form",
            "founded_on",
            "status",
            "address",
            "phone",
            "email",
            "office_area",
        ]

    def validate_unique(self):
        pass  # checked against the whole file and the registry in one query by the importer


class LawyerImportForm(forms.ModelForm):
    class Meta:
        model = Lawyer
        fields = list(LAWYER_FIELDS)

    def validate_unique(self):
        pass


@dataclass
class ImportResult:
    errors: list = field(default_factory=list)  # (row, column, message)
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    rows: int = 0

    @property
    def ok(self):
        return not self.errors


def template_bytes(kind):
    columns = firm_columns() if kind == "firms" else lawyer_columns()
    workbook = spreadsheets.new_workbook()
    sheet = workbook.create_sheet(_("律师事务所") if kind == "firms" else _("律师"))
    spreadsheets.write_row(sheet, [c.header + ("*" if c.required else "") for c in columns], bold=True)
    spreadsheets.write_row(sheet, [c.example for c in columns])
    for index, column in enumerate(columns, start=1):
        letter = sheet.cell(row=1, column=index).column_letter
        sheet.column_dimensions[letter].width = max(12, len(column.header) * 2 + 4)
        options = (
            list(column.choices) if column.choices else (["是", "否"] if column.kind == "bool" else None)
        )
        if options:
            validation = DataValidation(type="list", formula1='"' + ",".join(options) + '"', allow_blank=True)
            sheet.add_data_validation(validation)
            validation.add(f"{letter}2:{letter}{MAX_ROWS + 1}")
        if column.kind == "date" or column.field in ("id_number", "licence_no", "credit_code", "phone"):
            for row in range(2, 200):
                sheet.cell(row=row, column=index).number_format = "@"
    notes = workbook.create_sheet(_("填写说明"))
    spreadsheets.write_row(notes, [_("列"), _("必填"), _("说明")])
    for column in columns:
        hint = (
            "、".join(column.choices)
            if column.choices
            else {"date": _("日期，格式 2020-01-31"), "bool": _("是 或 否"), "decimal": _("数字")}.get(
                column.kind, ""
            )
        )
        if column.field == "firm":
            hint = _("律所名称或统一社会信用代码，须已在系统中登记")
        spreadsheets.write_row(notes, [column.header, _("是") if column.required else "", hint])
    notes.append([])
    spreadsheets.write_row(notes, [_("第2行为示例，导入前请删除或覆盖。以*标注的列为必填。")])
    spreadsheets.write_row(notes, [str(EMPTY_CELL_RULE)])
    return spreadsheets.workbook_bytes(workbook)


def _cell_text(value):
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if isinstance(value, datetime.datetime):
        return value.date().isoformat()
    if isinstance(value, datetime.date):
        return value.isoformat()
    return str(value).strip()


def _read_rows(upload, columns, result):
    try:
        workbook = load_workbook(upload, read_only=True, data_only=True)
    except Exception:
        result.errors.append((0, "", _("无法读取该文件，请使用导入模板保存的 .xlsx 文件。")))
        return []
    sheet = workbook.worksheets[0]
    rows = sheet.iter_rows(values_only=True)
    header = [_cell_text(v).rstrip("*") for v in next(rows, ())]
    positions = {}
    for column in columns:
        if column.header not in header:
            result.errors.append((1, column.header, _("缺少此列，请使用导入模板。")))
        else:
            positions[column.field] = header.index(column.header)
    if result.errors:
        return []
    data = []
    for number, values in enumerate(rows, start=2):
        texts = {f: _cell_text(values[i]) if i < len(values) else "" for f, i in positions.items()}
        if not any(texts.values()):
            continue
        data.append((number, texts))
        if len(data) > MAX_ROWS:
            result.errors.append((number, "", _("一次最多导入%(n)s行。") % {"n": MAX_ROWS}))
            return []
    if not data:
        result.errors.append((2, "", _("文件中没有数据行。")))
    return data


def _convert(number, texts, columns, result):
    """Map labels to stored values. Returns (data, ok)."""
    data, ok = {}, True
    for column in columns:
        text = texts.get(column.field, "")
        if not text:
            if column.required:
                result.errors.append((number, column.header, _("必填项不能为空。")))
                ok = False
            # None: the cell was empty (a new record takes the default, a stored one keeps its value).
            data[column.field] = None
            continue
        if column.choices is not None:
            if text not in column.choices:
                result.errors.append(
                    (
                        number,
                        column.header,
                        _("“%(value)s”不是有效选项，可选：%(options)s。")
                        % {"value": text, "options": "、".join(column.choices)},
                    )
                )
                ok = False
                continue
            data[column.field] = column.choices[text]
        elif column.kind == "bool":
            if text not in ("是", "否"):
                result.errors.append((number, column.header, _("请填写“是”或“否”。")))
                ok = False
                continue
            data[column.field] = text == "是"
        elif column.kind == "date":
            try:
                data[column.field] = datetime.date.fromisoformat(text[:10])
            except ValueError:
                result.errors.append((number, column.header, _("日期格式应为 2020-01-31。")))
                ok = False
        else:
            data[column.field] = text
    return data, ok


def _keep_stored(data, current, columns):
    """Fill the empty cells of a row: from the stored record when there is one (an empty cell never
    blanks a field), otherwise with the field's empty value."""
    for column in columns:
        if data.get(column.field) is not None or column.field == "firm":
            continue
        if current is not None:
            data[column.field] = getattr(current, column.field)
        elif column.kind == "bool":
            data[column.field] = False
        elif column.kind == "text" and not column.choices:
            data[column.field] = ""
    return data


def _form_errors(number, form, columns, result):
    headers = {c.field: c.header for c in columns}
    for name, errors in form.errors.items():
        for error in errors:
            result.errors.append((number, headers.get(name, ""), error))


def _form_data(data, exclude=()):
    """Converted values as a form would post them: None as empty, False checkboxes absent."""
    posted = {}
    for key, value in data.items():
        if key in exclude or value is False:
            continue
        posted[key] = "on" if value is True else ("" if value is None else value)
    return posted


def _duplicates(number, data, keys, seen, columns, result):
    headers = {c.field: c.header for c in columns}
    ok = True
    for key in keys:
        value = (data.get(key) or "").upper()
        if not value:
            continue
        if value in seen[key]:
            result.errors.append((number, headers[key], _("与第%(row)s行重复。") % {"row": seen[key][value]}))
            ok = False
        else:
            seen[key][value] = number
    return ok


def import_lawyers(upload):
    columns = lawyer_columns()
    result = ImportResult()
    rows = _read_rows(upload, columns, result)
    if result.errors:
        return result
    result.rows = len(rows)
    converted = []
    for number, texts in rows:
        data, ok = _convert(number, texts, columns, result)
        converted.append((number, data, ok))
    licence_nos = {(d.get("licence_no") or "") for _n, d, _ok in converted}
    id_numbers = {(d.get("id_number") or "").upper() for _n, d, _ok in converted}
    existing = {x.licence_no: x for x in Lawyer.objects.filter(licence_no__in=licence_nos)}
    id_owner = dict(Lawyer.objects.filter(id_number__in=id_numbers).values_list("id_number", "licence_no"))
    firm_refs = {(d.get("firm") or "") for _n, d, _ok in converted}
    firms = {f.name: f for f in Firm.objects.filter(name__in=firm_refs)}
    firms.update(
        {f.credit_code: f for f in Firm.objects.filter(credit_code__in={r.upper() for r in firm_refs})}
    )
    seen = {"licence_no": {}, "id_number": {}}
    plan = []
    for number, data, ok in converted:
        if not _duplicates(number, data, ("licence_no", "id_number"), seen, columns, result):
            ok = False
        firm = firms.get(data.get("firm") or "") or firms.get((data.get("firm") or "").upper())
        if data.get("firm") and firm is None:
            result.errors.append(
                (
                    number,
                    "所在律所",
                    _("系统中没有名称或代码为“%(ref)s”的律师事务所。") % {"ref": data["firm"]},
                )
            )
            ok = False
        if not ok:
            continue
        data["id_number"] = data["id_number"].upper()
        current = existing.get(data["licence_no"])
        owner = id_owner.get(data["id_number"])
        if owner and owner != data["licence_no"]:
            result.errors.append(
                (number, "身份证号码", _("该身份证号码已登记在执业证号%(no)s名下。") % {"no": owner})
            )
            continue
        _keep_stored(data, current, columns)
        form = LawyerImportForm(
            data=_form_data(data, exclude=("firm",)), instance=current or Lawyer(firm=firm)
        )
        if not form.is_valid():
            _form_errors(number, form, columns, result)
            continue
        plan.append((form.instance, firm, current, current.status if current else None))
    if result.errors:
        return result
    _apply_lawyers(plan, result)
    return result


@transaction.atomic
def _apply_lawyers(plan, result):
    from .services import lawyer_transfer

    new = []
    today = datetime.date.today()
    for lawyer, firm, current, old_status in plan:
        if current is None:
            lawyer.firm = firm
            new.append(lawyer)
            continue
        result.updated += _save_if_changed(lawyer, LawyerImportForm.Meta.fields)
        # As firms.services.lawyer_update: leaving practice closes the record, returning opens one.
        practising = Lawyer.Status.PRACTISING
        if old_status == practising and lawyer.status != practising:
            PracticeRecord.objects.filter(lawyer=lawyer, ended_on__isnull=True).update(
                ended_on=today, category=lawyer.category, is_partner=lawyer.is_partner
            )
        elif old_status != practising and lawyer.status == practising:
            if not PracticeRecord.objects.filter(lawyer=lawyer, ended_on__isnull=True).exists():
                PracticeRecord.objects.create(lawyer=lawyer, firm_id=lawyer.firm_id, started_on=today)
        if current.firm_id != firm.pk:
            lawyer_transfer(lawyer=lawyer, to_firm=firm, on_date=datetime.date.today(), note=_("Excel导入"))
            result.updated += 1
    created = Lawyer.objects.bulk_create(new)
    PracticeRecord.objects.bulk_create(
        [PracticeRecord(lawyer=x, firm_id=x.firm_id, started_on=x.licence_date) for x in created]
    )
    result.created = len(created)
    result.unchanged = result.rows - result.created - result.updated


def _save_if_changed(obj, fields):
    """Save only when an imported value differs from what is stored; returns 1 if saved."""
    stored = type(obj).objects.filter(pk=obj.pk).values(*fields).get()
    changed = [f for f in fields if stored[f] != getattr(obj, f)]
    if not changed:
        return 0
    obj.version += 1
    obj.save(update_fields=[*changed, "version"])
    return 1


def import_firms(upload):
    columns = firm_columns()
    result = ImportResult()
    rows = _read_rows(upload, columns, result)
    if result.errors:
        return result
    result.rows = len(rows)
    converted = [(n, *_convert(n, t, columns, result)) for n, t in rows]
    codes = {(d.get("credit_code") or "").upper() for _n, d, _ok in converted}
    names = {(d.get("name") or "") for _n, d, _ok in converted}
    existing = {f.credit_code: f for f in Firm.objects.filter(credit_code__in=codes)}
    name_owner = dict(Firm.objects.filter(name__in=names).values_list("name", "credit_code"))
    licences = {d.get("licence_no") for _n, d, _ok in converted if d.get("licence_no")}
    licence_owner = dict(
        Firm.objects.filter(licence_no__in=licences).values_list("licence_no", "credit_code")
    )
    seen = {"credit_code": {}, "name": {}, "licence_no": {}}
    plan = []
    for number, data, ok in converted:
        if not _duplicates(number, data, ("credit_code", "name", "licence_no"), seen, columns, result):
            ok = False
        if not ok:
            continue
        data["credit_code"] = data["credit_code"].upper()
        owner = name_owner.get(data["name"])
        if owner and owner != data["credit_code"]:
            result.errors.append(
                (number, "名称", _("该名称已由代码为%(code)s的律所使用。") % {"code": owner})
            )
            continue
        owner = licence_owner.get(data.get("licence_no"))
        if owner and owner != data["credit_code"]:
            message = _("该执业许可证号已由代码为%(code)s的律所使用。") % {"code": owner}
            result.errors.append((number, "执业许可证号", message))
            continue
        current = existing.get(data["credit_code"])
        _keep_stored(data, current, columns)
        old_status = current.status if current else None
        form = FirmImportForm(data=_form_data(data), instance=current or Firm())
        if not form.is_valid():
            _form_errors(number, form, columns, result)
            continue
        plan.append((form.instance, current, old_status))
    if result.errors:
        return result
    with transaction.atomic():
        new = [firm for firm, current, _old in plan if current is None]
        changes = []
        for firm, current, old_status in plan:
            if current is not None:
                result.updated += _save_if_changed(firm, FirmImportForm.Meta.fields)
                if firm.status != old_status:
                    on = firm.deregistered_on if firm.status == Firm.Status.DEREGISTERED else None
                    changes.append(_status_change(firm, firm.status, on))
        Firm.objects.bulk_create(new)
        for firm in new:
            # As firms.services.firm_create: the status since the founding (or today).
            if firm.status == Firm.Status.DEREGISTERED:
                changes.append(_status_change(firm, Firm.Status.PRACTISING, firm.founded_on))
            changes.append(
                _status_change(
                    firm,
                    firm.status,
                    firm.deregistered_on if firm.status == Firm.Status.DEREGISTERED else firm.founded_on,
                )
            )
        FirmStatusChange.objects.bulk_create(changes)
        result.created = len(new)
        result.unchanged = result.rows - result.created - result.updated
    return result


def _status_change(firm, status, on_date):
    return FirmStatusChange(
        firm=firm, status=status, changed_on=on_date or datetime.date.today(), note=_("Excel导入")
    )


IMPORT_TITLES = {"firms": gettext_lazy("导入律师事务所"), "lawyers": gettext_lazy("导入律师")}
