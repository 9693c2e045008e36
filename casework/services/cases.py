"""Writes of the case register: registration with its gapless intake number, edits, fee receipts
and the firm's own numbering."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from bureau.concurrency import save_versioned
from bureau.numbering import next_number
from bureau.workdays import deadline_after

from ..models import (
    Case,
    CaseLawyer,
    CaseworkSettings,
    ConflictCheck,
    FeeReceipt,
    FirmCaseSettings,
    IntakeCounter,
    Party,
    party_name_key,
)
from .lawyers import check_lawyers

FUTURE_DATE_MESSAGES = {
    "intake_date": gettext_lazy("收案日期不能晚于今天。"),
    "contract_date": gettext_lazy("合同签订日期不能晚于今天。"),
    "closed_on": gettext_lazy("结案日期不能晚于今天。"),
    "archived_on": gettext_lazy("归档日期不能晚于今天。"),
    "received_on": gettext_lazy("收费日期不能晚于今天。"),
}


def refuse_future_dates(record, fields):
    """A date the user states records what has happened: never after today."""
    today = timezone.localdate()
    errors = {
        name: str(FUTURE_DATE_MESSAGES[name])
        for name in fields
        if getattr(record, name, None) and getattr(record, name) > today
    }
    if errors:
        raise ValidationError(errors)


def firm_case_settings(firm):
    settings, _created = FirmCaseSettings.objects.get_or_create(firm=firm)
    return settings


def sensitive_due(intake_date):
    return deadline_after(intake_date, CaseworkSettings.load().sensitive_filing_days).date


@transaction.atomic
def case_register(
    *,
    check,
    user,
    case_type,
    cause,
    intake_date,
    lawyers,
    authority="",
    is_legal_aid=False,
    is_pro_bono=False,
    aid_body="",
    aid_notice_no="",
    contract_no="",
    contract_date=None,
    agreed_fee=0,
    is_sensitive=False,
):
    """收案登记: a case needs a recorded conflict check that did not refuse the mandate and that
    no other case used; it gets the next intake number of its firm and year."""
    if check is None:
        raise ValidationError(_("收案前须先进行利益冲突审查。"))
    check = ConflictCheck.objects.select_for_update().get(pk=check.pk)
    if check.decision == ConflictCheck.Decision.REFUSED:
        raise ValidationError(_("利益冲突审查结论为不予受理，不能登记收案。"))
    if Case.objects.filter(conflict_check=check).exists():
        raise ValidationError(_("该利益冲突审查已用于登记其他案件，请重新审查。"))
    firm = check.firm
    lawyers = check_lawyers(firm, lawyers)
    case = Case(
        firm=firm,
        year=intake_date.year if intake_date else 0,
        serial=0,
        intake_no="-",
        case_type=case_type,
        cause=cause,
        intake_date=intake_date,
        authority=authority,
        conflict_check=check,
        is_legal_aid=is_legal_aid,
        is_pro_bono=is_pro_bono,
        aid_body=aid_body,
        aid_notice_no=aid_notice_no,
        contract_no=contract_no,
        contract_date=contract_date,
        agreed_fee=agreed_fee,
        is_sensitive=is_sensitive,
        registered_by=user,
    )
    # Validate before taking a number, so that bad input never holds the counter lock.
    refuse_future_dates(case, ["intake_date", "contract_date"])
    case.full_clean(exclude=["serial", "intake_no", "year", "conflict_check"])
    # The firm's counter for the year stays locked until this transaction ends, so a rolled-back
    # registration gives its number back and numbers never skip or repeat.
    numbering = firm_case_settings(firm)
    case.serial = next_number(IntakeCounter, field="last_serial", firm=firm, year=case.year)
    case.intake_no = numbering.format_number(year=case.year, case_type=case_type, serial=case.serial)
    # A case imported from a spreadsheet keeps the number the firm wrote, which may be the one the
    # counter would give now: that number is taken, so the next one is used.
    while Case.objects.filter(firm=firm, intake_no=case.intake_no).exists():
        case.serial = next_number(IntakeCounter, field="last_serial", firm=firm, year=case.year)
        case.intake_no = numbering.format_number(year=case.year, case_type=case_type, serial=case.serial)
    if is_sensitive:
        case.sensitive_due_on = sensitive_due(intake_date)
    case.full_clean(exclude=["conflict_check"])
    case.save()
    CaseLawyer.objects.bulk_create([CaseLawyer(case=case, lawyer=lawyer) for lawyer in lawyers])
    Party.objects.bulk_create(
        [
            Party(
                firm=firm,
                case=case,
                role=p.role,
                kind=p.kind,
                name=p.name,
                name_key=party_name_key(p.name),
                id_code=p.id_code,
            )
            for p in check.parties.all()
        ]
    )
    return case


CASE_EDIT_FIELDS = [
    "cause",
    "authority",
    "is_legal_aid",
    "is_pro_bono",
    "aid_body",
    "aid_notice_no",
    "contract_no",
    "contract_date",
    "agreed_fee",
    "status",
    "closed_on",
    "result",
    "archive_no",
    "archived_on",
    "is_sensitive",
    "sensitive_due_on",
]


@transaction.atomic
def case_update(*, case, expected_version, lawyers=None, **changes):
    """Edit a registered case. The status only moves forward (收案 → 办理中 → 结案 → 归档) and
    the dates it carries cannot go backwards."""
    unknown = set(changes) - set(CASE_EDIT_FIELDS)
    if unknown:
        raise TypeError(f"unknown fields: {sorted(unknown)}")
    old_status = Case.objects.values_list("status", flat=True).get(pk=case.pk)
    for name, value in changes.items():
        setattr(case, name, value)
    if case.status_rank() < case.status_rank(old_status):
        raise ValidationError({"status": _("案件状态不能回退。")})
    if case.is_sensitive and not case.sensitive_due_on:
        case.sensitive_due_on = sensitive_due(case.intake_date)
    if not case.is_sensitive and hasattr(case, "sensitive_filing"):
        raise ValidationError({"is_sensitive": _("已备案的案件不能取消重大敏感标记。")})
    if not case.is_sensitive:
        case.sensitive_due_on = None
    refuse_future_dates(case, ["contract_date", "closed_on", "archived_on"])
    case.full_clean(exclude=["conflict_check"])
    if lawyers is not None:
        lawyers = check_lawyers(case.firm, lawyers)
    save_versioned(case, expected_version=expected_version, fields=CASE_EDIT_FIELDS)
    if lawyers is not None:
        CaseLawyer.objects.filter(case=case).exclude(lawyer__in=lawyers).delete()
        existing = set(CaseLawyer.objects.filter(case=case).values_list("lawyer_id", flat=True))
        CaseLawyer.objects.bulk_create(
            [CaseLawyer(case=case, lawyer=lawyer) for lawyer in lawyers if lawyer.pk not in existing]
        )
    return case


@transaction.atomic
def receipt_add(*, case, receipt_no, amount, received_on):
    receipt = FeeReceipt(case=case, receipt_no=receipt_no, amount=amount, received_on=received_on)
    receipt.full_clean()
    refuse_future_dates(receipt, ["received_on"])
    if received_on and received_on < case.intake_date:
        raise ValidationError({"received_on": _("收费日期不能早于收案日期。")})
    receipt.save()
    return receipt


NUMBERING_FIELDS = [
    "intake_prefix",
    "letter_criminal",
    "letter_civil",
    "letter_administrative",
    "letter_non_litigation",
    "letter_arbitration",
    "letter_other",
]


@transaction.atomic
def numbering_update(*, firm, **changes):
    """The firm's own intake numbering (prefix and type letters). Numbers already issued keep
    their text; the change applies to cases registered from now on."""
    unknown = set(changes) - set(NUMBERING_FIELDS)
    if unknown:
        raise TypeError(f"unknown fields: {sorted(unknown)}")
    settings = FirmCaseSettings.objects.select_for_update().get(pk=firm_case_settings(firm).pk)
    for name, value in changes.items():
        setattr(settings, name, value)
    settings.full_clean()
    letters = [getattr(settings, name) for name in NUMBERING_FIELDS[1:]]
    if len(set(letters)) != len(letters):
        raise ValidationError(_("各类案件的代字不能重复。"))
    settings.save(update_fields=list(changes))
    return settings
