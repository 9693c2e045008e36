"""Reading the bureau's member spreadsheet (saved as CSV) into rows for services.members_import."""

import csv
import datetime
import io

from django.core.exceptions import ValidationError
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from firms.models import Lawyer

from .models import Member

# Header, and what it holds. The lawyer's licence number links the member to the registry; without one
# the member is recorded by name (staff), in the firm named in 所在律所.
IMPORT_COLUMNS = [
    ("姓名", gettext_lazy("必填")),
    ("执业证号", gettext_lazy("律师党员填写，用于关联律师名册")),
    ("所在律所", gettext_lazy("非律师人员填写律所全称，可空")),
    ("发展阶段", gettext_lazy("入党申请人、入党积极分子、发展对象、预备党员或正式党员")),
    ("入党申请日期", gettext_lazy("YYYY-MM-DD")),
    ("积极分子日期", gettext_lazy("YYYY-MM-DD")),
    ("发展对象日期", gettext_lazy("YYYY-MM-DD")),
    ("预备党员日期", gettext_lazy("YYYY-MM-DD")),
    ("转正日期", gettext_lazy("YYYY-MM-DD")),
]
DATE_COLUMNS = dict(zip([c for c, _h in IMPORT_COLUMNS[4:]], Member.STEP_DATE_FIELDS.values(), strict=True))
MAX_ROWS = 2000
MAX_BYTES = 1024 * 1024


def parse_members_csv(upload, *, branch):
    """Rows (dicts of member_create arguments) from an uploaded CSV; ValidationError naming every bad
    line otherwise."""
    from firms.models import Firm

    if upload.size > MAX_BYTES:
        raise ValidationError({"file": _("文件过大（上限 1 MB）。")})
    try:
        text = upload.read().decode("utf-8-sig")
    except UnicodeDecodeError:
        raise ValidationError({"file": _("请以 UTF-8 编码保存 CSV 文件。")}) from None
    reader = csv.DictReader(io.StringIO(text), restval="")  # short rows get empty cells, not None
    try:
        missing = [c for c, _h in IMPORT_COLUMNS if c not in (reader.fieldnames or [])]
        if missing:
            raise ValidationError({"file": _("缺少列：%(cols)s。") % {"cols": "、".join(missing)}})
        records = list(reader)
    except csv.Error as exc:
        raise ValidationError({"file": _("CSV 文件格式有误：%(error)s") % {"error": exc}}) from None
    if len(records) > MAX_ROWS:
        raise ValidationError({"file": _("一次最多导入 %(n)s 行。") % {"n": MAX_ROWS}})
    # The stage by its Chinese name (what the bureau's spreadsheets hold), its name in the user's
    # language, or its number 1-5.
    with translation.override("zh-hans"):
        stages = {str(label): value for value, label in Member.Stage.choices}
    stages.update({str(label): value for value, label in Member.Stage.choices})
    stages.update({str(value): value for value in Member.Stage.values})
    licences = {r["执业证号"].strip() for r in records if r["执业证号"].strip()}
    lawyers = {
        lw.licence_no: lw for lw in Lawyer.objects.filter(licence_no__in=licences).select_related("firm")
    }
    firm_names = {r["所在律所"].strip() for r in records if r["所在律所"].strip()}
    firms = {f.name: f for f in Firm.objects.filter(name__in=firm_names)}
    rows, errors = [], []
    for line, record in enumerate(records, start=2):
        problems = []
        row = {"name": record["姓名"].strip()}
        licence = record["执业证号"].strip()
        if licence:
            row["lawyer"] = lawyers.get(licence)
            if row["lawyer"] is None:
                problems.append(_("执业证号 %(no)s 不在律师名册中") % {"no": licence})
        elif record["所在律所"].strip():
            row["firm"] = firms.get(record["所在律所"].strip())
            if row["firm"] is None:
                problems.append(_("律所“%(name)s”不存在") % {"name": record["所在律所"].strip()})
        if not row["name"] and not licence:
            problems.append(_("缺少姓名"))
        row["stage"] = stages.get(record["发展阶段"].strip())
        if row["stage"] is None:
            problems.append(_("发展阶段“%(s)s”无法识别") % {"s": record["发展阶段"].strip()})
        for column, field in DATE_COLUMNS.items():
            value = record[column].strip()
            if value:
                try:
                    row[field] = datetime.date.fromisoformat(value)
                except ValueError:
                    problems.append(_("%(col)s“%(v)s”不是有效日期") % {"col": column, "v": value})
        if problems:
            errors.append(_("第 %(line)s 行：%(problems)s") % {"line": line, "problems": "；".join(problems)})
        rows.append(row)
    if errors:
        raise ValidationError({"file": errors})
    if not rows:
        raise ValidationError({"file": _("文件中没有数据行。")})
    return rows
