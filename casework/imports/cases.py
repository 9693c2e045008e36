"""The case register from a spreadsheet (案件批量导入): one row a case, with its parties, lawyers,
fee receipts, legal-aid notice, sensitive mark and its filing with the bureau, closing and archiving.

Rows are matched on the firm and the intake number (收案编号) as the firm wrote it: a number already
in the register is left as it is, so importing the same file twice adds nothing. Every row is
checked first; one bad row and nothing is written. Each new case gets a conflict check of the kind
"历史导入" holding the hits the conflict search finds in the firm's register at import time."""

import json
from functools import cache

from django.core.exceptions import ValidationError
from django.db import connection, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from bureau.numbering import next_number

from ..conflict_search import search_conflicts_for_cases
from ..models import (
    Case,
    CaseLawyer,
    CaseType,
    CheckedParty,
    ConflictCheck,
    FeeReceipt,
    IntakeCounter,
    Party,
    PartyKind,
    PartyRole,
    SensitiveFiling,
    party_name_key,
    validate_party_identity,
)
from ..services.cases import sensitive_due
from .reading import (
    FIELD_SEPARATOR,
    ITEM_SEPARATOR,
    Column,
    ImportResult,
    RowReader,
    labels,
    lawyers_by_licence,
    model_errors,
    new_rows,
    parse_date,
    parse_decimal,
)

IMPORT_REMARKS = "历史导入：收案时的审查未在本系统记录；命中记录为导入时检索所得。"


def case_columns():
    return [
        Column(
            "收案编号",
            "intake_no",
            True,
            example="〔2024〕律民字第1号",
            hint=_("本所原编号；同一律所内不得重复，重复导入时据此识别已导入的案件"),
        ),
        Column("案件类型", "case_type", True, labels(CaseType.choices), example="民事"),
        Column("案由", "cause", True, example="买卖合同纠纷"),
        Column("收案日期", "intake_date", True, kind="date", example="2024-03-05"),
        Column("受理法院或机关", "authority", example="示范县人民法院"),
        Column(
            "当事人",
            "parties",
            True,
            example="示范县宏达商贸有限公司|委托人|单位|；李四|对方当事人|自然人|",
            hint=_(
                "每名当事人写作“名称|诉讼地位|类型|证件号”，多名当事人以“；”分隔。诉讼地位：委托人、对方当事人、"
                "其他当事人；类型：自然人、单位；证件号（身份证号码或统一社会信用代码）可留空。至少一名委托人"
            ),
        ),
        Column(
            "承办律师执业证号",
            "lawyers",
            True,
            example="16299201010000001",
            hint=_("本所律师的执业证号，多名以“；”或“、”分隔"),
        ),
        Column("委托合同编号", "contract_no", example="2024-民-001"),
        Column("合同签订日期", "contract_date", kind="date", example="2024-03-05"),
        Column("约定律师费（元）", "agreed_fee", kind="decimal", example="5000"),
        Column(
            "收费票据",
            "receipts",
            example="00012345|5000|2024-03-06",
            hint=_("每张票据写作“票据号|金额|收费日期”，多张以“；”分隔；法律援助和公益案件无须收费票据"),
        ),
        Column("法律援助", "is_legal_aid", kind="bool", example="否"),
        Column("指派机构", "aid_body", example="", hint=_("法律援助案件必填")),
        Column("指派通知书编号", "aid_notice_no", example="", hint=_("法律援助案件必填")),
        Column("公益案件", "is_pro_bono", kind="bool", example="否"),
        Column("重大敏感案件", "is_sensitive", kind="bool", example="否"),
        Column(
            "备案日期",
            "filed_on",
            kind="date",
            example="",
            hint=_("已向司法局备案的重大敏感案件填写备案日期，并填写以下三栏；未备案的留空"),
        ),
        Column("备案基本案情", "filing_facts", example=""),
        Column("备案主要法律问题", "filing_issues", example=""),
        Column("备案律师意见", "filing_opinion", example=""),
        Column("结案日期", "closed_on", kind="date", example=""),
        Column("结案结果", "result", example="", hint=_("填写结案日期的须填写")),
        Column("归档号", "archive_no", example=""),
        Column(
            "归档日期", "archived_on", kind="date", example="", hint=_("填写归档号的须填写，不早于结案日期")
        ),
    ]


def case_notes():
    return [
        _(
            "每行一件案件。收案编号已在本所登记的行不会重复导入，也不会修改已登记的案件（修改请在案件页面进行）。"
        ),
        _("填写归档号和归档日期的案件记为归档，只填写结案日期的记为结案，否则记为收案。"),
        _("每件导入的案件附一条“历史导入”类的利益冲突审查，记录导入时在本所案件中检索到的命中。"),
    ]


# Model fields whose errors belong to another column of the sheet.
FIELD_COLUMNS = {"year": "intake_date", "sensitive_due_on": "intake_date", "status": "closed_on"}


def _parties(reader):
    text = reader.text("parties")
    parties = []
    roles, kinds = labels(PartyRole.choices), labels(PartyKind.choices)
    for item in (part.strip() for part in ITEM_SEPARATOR.split(text)):
        if not item:
            continue
        parts = [p.strip() for p in FIELD_SEPARATOR.split(item)] + ["", "", ""]
        name, role, kind, code = parts[0], parts[1], parts[2], parts[3].upper()
        where = _("当事人“%(item)s”：") % {"item": item[:40]}
        if not name or len(name) > 100:
            reader.error("parties", where + _("名称须填写，且不超过100字。"))
            continue
        if role not in roles or kind not in kinds:
            reader.error(
                "parties",
                where
                + _("诉讼地位应为%(roles)s之一，类型应为%(kinds)s之一。")
                % {"roles": "、".join(roles), "kinds": "、".join(kinds)},
            )
            continue
        try:
            validate_party_identity(kinds[kind], code)
        except ValidationError as exc:
            reader.error("parties", where + " ".join(exc.messages))
            continue
        parties.append({"name": name, "role": roles[role], "kind": kinds[kind], "id_code": code})
    if text and reader.ok and not any(p["role"] == PartyRole.CLIENT for p in parties):
        reader.error("parties", _("至少填写一名委托人。"))
    return parties


def _receipts(reader, intake_date):
    receipts, numbers = [], set()
    for item in (part.strip() for part in ITEM_SEPARATOR.split(reader.text("receipts"))):
        if not item:
            continue
        parts = [p.strip() for p in FIELD_SEPARATOR.split(item)] + ["", ""]
        number, amount, date = parts[0], parse_decimal(parts[1]), parse_date(parts[2])
        where = _("票据“%(item)s”：") % {"item": item[:40]}
        if not number or len(number) > 50 or number in numbers:
            reader.error("receipts", where + _("票据号须填写、不超过50字且不重复。"))
        elif amount is None or amount < 0 or amount >= 10**10:
            reader.error("receipts", where + _("金额应为不小于0的数字。"))
        elif date is None:
            reader.error("receipts", where + _("收费日期格式应为 2024-01-31。"))
        elif date > timezone.localdate():
            reader.error("receipts", where + _("收费日期不能晚于今天。"))
        elif intake_date and date < intake_date:
            reader.error("receipts", where + _("收费日期不能早于收案日期。"))
        else:
            numbers.add(number)
            receipts.append(FeeReceipt(receipt_no=number, amount=amount, received_on=date))
    return receipts


def _status(values):
    # Either archive column makes the case archived, so that the model asks for the other one.
    if values["archive_no"] or values["archived_on"]:
        return Case.Status.ARCHIVED
    if values["closed_on"]:
        return Case.Status.CLOSED
    return Case.Status.RECEIVED


def _check_row(number, texts, columns, result, *, firm, user, known_lawyers):
    """(case, parties, lawyers, receipts) for a good row, None after recording its errors."""
    reader = RowReader(number, texts, columns, result)
    values = {
        name: reader.value(name)
        for name in (
            "intake_no",
            "case_type",
            "cause",
            "intake_date",
            "authority",
            "contract_no",
            "contract_date",
            "agreed_fee",
            "is_legal_aid",
            "aid_body",
            "aid_notice_no",
            "is_pro_bono",
            "is_sensitive",
            "closed_on",
            "result",
            "archive_no",
            "archived_on",
        )
    }
    parties = _parties(reader)
    lawyers = lawyers_by_licence(reader, firm, known_lawyers)
    receipts = _receipts(reader, values["intake_date"])
    filing = _filing(reader, values, parties)
    if not reader.ok:
        return None
    values["agreed_fee"] = values["agreed_fee"] or 0
    values = {
        k: ("" if v is None and k not in ("contract_date", "closed_on", "archived_on") else v)
        for k, v in values.items()
    }
    case = Case(
        firm=firm,
        year=values["intake_date"].year,
        serial=1,
        registered_by=user,
        status=_status(values),
        **values,
    )
    try:
        # Uniqueness and the database's own checks are looked at for the whole file at once; the
        # firm and the user are known rows, so no query per row asks whether they exist.
        case.full_clean(
            exclude=["conflict_check", "firm", "registered_by"],
            validate_unique=False,
            validate_constraints=False,
        )
    except ValidationError as exc:
        model_errors(reader, exc, FIELD_COLUMNS)
        return None
    # The filing travels with its case; it is written once the case has its id.
    case.imported_filing = filing
    return case, parties, lawyers, receipts


def _filing(reader, values, parties):
    """The case's filing with the bureau (SensitiveFiling's fields), None when the row states none;
    the same rules as the filing form: a sensitive case, dated between intake and today (the date
    column refuses a future date), every text."""
    filed_on = reader.value("filed_on")
    texts = {name: reader.text(name) for name in ("filing_facts", "filing_issues", "filing_opinion")}
    if filed_on is None:
        # An empty date states no filing; a bad one (a future date among them) is already listed.
        if not reader.texts.get("filed_on"):
            for name, text in texts.items():
                if text:
                    reader.error(name, _("未填写备案日期的，不填写备案内容。"))
        return None
    if not values["is_sensitive"]:
        reader.error("filed_on", _("只有重大敏感案件才能备案。"))
    if values["intake_date"] and filed_on < values["intake_date"]:
        reader.error("filed_on", _("备案日期不能早于收案日期。"))
    if not values["authority"]:
        reader.error("authority", _("已备案的案件须填写受理法院或机关。"))
    for name, text in texts.items():
        if not text:
            reader.error(name, _("填写备案日期的须填写此项。"))
    clients = [p["name"] for p in parties if p["role"] == PartyRole.CLIENT]
    return {
        "filed_on": filed_on,
        "client": "、".join(clients)[:200],
        "authority": values["authority"] or "",
        "facts": texts["filing_facts"],
        "legal_issues": texts["filing_issues"],
        "lawyer_opinion": texts["filing_opinion"],
    }


def import_cases(upload, *, firm, user):
    """Check every row, then import all of them in one transaction, or none."""
    result = ImportResult()
    plan = new_rows(
        upload,
        case_columns(),
        result,
        firm=firm,
        user=user,
        key="intake_no",
        header="收案编号",
        registered=lambda numbers: set(
            Case.objects.filter(firm=firm, intake_no__in=numbers).values_list("intake_no", flat=True)
        ),
        check_row=_check_row,
    )
    if not result.errors and plan:
        _apply(plan, firm=firm, user=user, result=result)
    return result


def _reserve_serials(firm, year, count):
    """The first of `count` consecutive intake serials of the firm's year, taken under the counter's
    lock (bureau.numbering) so that a registration at the same time queues behind the import."""
    first = next_number(IntakeCounter, field="last_serial", firm=firm, year=year)
    IntakeCounter.objects.filter(firm=firm, year=year).update(last_serial=first + count - 1)
    return first


@transaction.atomic
def _apply(plan, *, firm, user, result):
    due_on = cache(sensitive_due)
    checks = ConflictCheck.objects.bulk_create(
        [
            ConflictCheck(
                firm=firm,
                kind=ConflictCheck.Kind.HISTORICAL_IMPORT,
                matter=case.cause[:200],
                decision=ConflictCheck.Decision.NO_CONFLICT,
                remarks=IMPORT_REMARKS,
                checked_by=user,
            )
            for case, _p, _l, _r in plan
        ]
    )
    by_year = {}
    for case, *_rest in plan:
        by_year.setdefault(case.year, []).append(case)
    for year, cases in by_year.items():
        first = _reserve_serials(firm, year, len(cases))
        for offset, case in enumerate(cases):
            case.serial = first + offset
    for check, (case, *_rest) in zip(checks, plan, strict=True):
        case.conflict_check = check
        if case.is_sensitive:
            case.sensitive_due_on = due_on(case.intake_date)
    Case.objects.bulk_create([case for case, *_rest in plan])
    CheckedParty.objects.bulk_create(
        [
            CheckedParty(conflict_check=check, **p)
            for check, (_c, parties, *_r) in zip(checks, plan, strict=True)
            for p in parties
        ]
    )
    Party.objects.bulk_create(
        [
            Party(firm=firm, case=case, name_key=party_name_key(p["name"]), **p)
            for case, parties, _l, _r in plan
            for p in parties
        ]
    )
    CaseLawyer.objects.bulk_create(
        [CaseLawyer(case=case, lawyer=lawyer) for case, _p, lawyers, _r in plan for lawyer in lawyers]
    )
    receipts = []
    for case, _p, _l, case_receipts in plan:
        for receipt in case_receipts:
            receipt.case = case
            receipts.append(receipt)
    FeeReceipt.objects.bulk_create(receipts)
    SensitiveFiling.objects.bulk_create(
        [
            SensitiveFiling(case=case, filed_by=user, **case.imported_filing)
            for case, *_rest in plan
            if case.imported_filing
        ]
    )
    # The search runs once every imported case is in the register, so two cases of the same file
    # find each other; a case's own parties are no hit.
    # Hundreds of parties were just added: fresh statistics keep the search on its indexes.
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE casework_party")
    found = search_conflicts_for_cases(firm=firm, cases=[(case.pk, parties) for case, parties, *_r in plan])
    for check, (case, *_rest) in zip(checks, plan, strict=True):
        check.hits = found[case.pk]
        result.imported.append({"case": case, "hits": check.hits})
    # One statement for all checks (bulk_update's CASE over a thousand JSON values is slow).
    with connection.cursor() as cursor:
        cursor.execute(
            "UPDATE casework_conflictcheck c SET hits = v.hits::jsonb"
            " FROM unnest(%s::bigint[], %s::text[]) AS v(id, hits) WHERE c.id = v.id",
            [
                [check.pk for check in checks],
                [json.dumps(check.hits, ensure_ascii=False) for check in checks],
            ],
        )
    result.created = len(plan)
