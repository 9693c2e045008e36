"""Public legal service logs from a spreadsheet (公共法律服务记录批量导入): one sheet for every kind,
one row a log; each kind fills its own columns (those of its form) and leaves the others empty.

Rows are matched on the firm and the firm's own record number (记录编号), kept on the log: a number
already imported is left as it is, so importing the same file twice adds nothing."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from ..forms.service_logs import KIND_FIELDS, KIND_REQUIRED
from ..models import ServiceLog, ServiceLogLawyer
from .reading import (
    Column,
    ImportResult,
    RowReader,
    labels,
    lawyers_by_licence,
    model_errors,
    new_rows,
)

# The sheet's headers are the form's labels, fixed in Chinese like the rest of the template.
COUNT_HEADERS = {
    "person_times": "人次",
    "disputes_taken": "受理纠纷（件）",
    "disputes_settled": "调解成功（件）",
    "publicity_sessions": "法治宣传（场）",
    "consultations": "解答咨询（次）",
    "opinion_letters": "出具法律意见书（份）",
    "risk_points": "发现风险点（个）",
    "matters_handled": "办理企业法律事务（件）",
    "contracts_reviewed": "审查劳动合同（份）",
    "problems_found": "发现问题（个）",
}
KIND_FIELD_NAMES = [
    "counterpart",
    "org_kind",
    "term_start",
    "term_end",
    "contract_no",
    "duty_place",
    "dispute_category",
    *ServiceLog.COUNT_FIELDS,
]


def _kind_list(field_name):
    return "、".join(str(kind.label) for kind, names in KIND_FIELDS.items() if field_name in names)


def log_columns():
    columns = [
        Column(
            "记录编号",
            "import_key",
            True,
            example="FW-2024-001",
            hint=_("本所自编的记录编号，同一律所内不得重复，重复导入时据此识别已导入的记录"),
        ),
        Column("服务类型", "kind", True, labels(ServiceLog.Kind.choices), example="法律帮助"),
        Column("日期", "date", True, kind="date", example="2024-03-05"),
        Column(
            "参与律师执业证号",
            "lawyers",
            True,
            example="16299201010000001",
            hint=_("本所律师的执业证号，多名以“；”或“、”分隔"),
        ),
        Column("服务对象", "counterpart", example="示范县城关镇"),
        Column("顾问单位类型", "org_kind", choices=labels(ServiceLog.OrgKind.choices)),
        Column("顾问期限起", "term_start", kind="date"),
        Column("顾问期限止", "term_end", kind="date"),
        Column("合同或协议编号", "contract_no"),
        Column("值班场所类型", "duty_place", choices=labels(ServiceLog.DutyPlace.choices)),
        Column("纠纷类别", "dispute_category"),
        *[
            Column(header, name, kind="count", example="3" if name == "person_times" else "")
            for name, header in COUNT_HEADERS.items()
        ],
        Column("备注", "remarks"),
    ]
    for column in columns:
        if column.field in KIND_FIELD_NAMES:
            column.hint = (column.hint or "") + _("（适用于：%(kinds)s）") % {
                "kinds": _kind_list(column.field)
            }
    return columns


def log_notes():
    return [
        _("每行一条记录。每种服务类型只填写其适用的列（见上表“适用于”），其他列留空；必填项与在线表单相同。"),
        *[
            _("%(kind)s：须填写%(fields)s。")
            % {
                "kind": kind.label,
                "fields": "、".join(str(message).rstrip("。") for message in required.values()),
            }
            for kind, required in KIND_REQUIRED.items()
        ],
        _("记录编号已在本所导入过的行不会重复导入，也不会修改已有记录。"),
    ]


def _check_row(number, texts, columns, result, *, firm, user, known_lawyers):
    reader = RowReader(number, texts, columns, result)
    key, kind, date = reader.value("import_key"), reader.value("kind"), reader.value("date")
    values = {name: reader.value(name) for name in KIND_FIELD_NAMES}
    remarks = reader.value("remarks") or ""
    lawyers = lawyers_by_licence(reader, firm, known_lawyers)
    if kind:
        allowed = KIND_FIELDS[kind]
        label = ServiceLog.Kind(kind).label
        for name in KIND_FIELD_NAMES:
            if texts.get(name) and name not in allowed:
                reader.error(name, _("“%(kind)s”不填写此列，请留空。") % {"kind": label})
        for name, message in KIND_REQUIRED.get(kind, {}).items():
            if name in reader.columns and not texts.get(name):
                reader.error(name, message)
    if not reader.ok:
        return None
    values = {k: ("" if v is None and k not in ("term_start", "term_end") else v) for k, v in values.items()}
    log = ServiceLog(
        firm=firm, kind=kind, date=date, created_by=user, import_key=key, remarks=remarks, **values
    )
    try:
        log.full_clean(exclude=["firm", "created_by"], validate_unique=False, validate_constraints=False)
    except ValidationError as exc:
        model_errors(reader, exc, {})
        return None
    return log, lawyers


def import_service_logs(upload, *, firm, user):
    """Check every row, then import all of them in one transaction, or none."""
    result = ImportResult()
    plan = new_rows(
        upload,
        log_columns(),
        result,
        firm=firm,
        user=user,
        key="import_key",
        header="记录编号",
        registered=lambda keys: set(
            ServiceLog.objects.filter(firm=firm, import_key__in=keys).values_list("import_key", flat=True)
        ),
        check_row=_check_row,
    )
    if not result.errors and plan:
        with transaction.atomic():
            logs = ServiceLog.objects.bulk_create([log for log, _l in plan])
            ServiceLogLawyer.objects.bulk_create(
                [
                    ServiceLogLawyer(log=log, lawyer=lawyer)
                    for log, (_x, lawyers) in zip(logs, plan, strict=True)
                    for lawyer in lawyers
                ]
            )
        result.created = len(plan)
    return result
