"""Writes of casework records. Every function validates fully and saves all or nothing."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from bureau.concurrency import save_versioned
from bureau.workdays import deadline_after

from .models import (
    Case,
    CaseLawyer,
    CaseworkSettings,
    CheckedParty,
    ConflictCheck,
    FeeReceipt,
    FirmCaseSettings,
    IntakeCounter,
    Party,
    PartyRole,
    QuarterlyReport,
    QuarterlyReportVersion,
    SensitiveFiling,
    ServiceLog,
    ServiceLogLawyer,
    party_name_key,
)
from .selectors import period_figures, quarter_bounds, search_conflicts


def firm_case_settings(firm):
    settings, _created = FirmCaseSettings.objects.get_or_create(firm=firm)
    return settings


def _check_lawyers(firm, lawyers, *, field="lawyers", required=True):
    lawyers = list(lawyers)
    if required and not lawyers:
        raise ValidationError({field: _("至少指派一名承办律师。")})
    if any(lawyer.firm_id != firm.pk for lawyer in lawyers):
        raise ValidationError({field: _("只能指派本所律师。")})
    return lawyers


# --- conflict check -------------------------------------------------------------------------


@transaction.atomic
def conflict_check_record(*, firm, user, matter, parties, decision, remarks=""):
    """Run the search again on the server (so the hits kept are what the database holds now)
    and record the reviewer's decision with the entered parties."""
    parties = [p for p in parties if (p.get("name") or "").strip()]
    if not any(p.get("role") == PartyRole.CLIENT for p in parties):
        raise ValidationError(_("至少填写一名委托人。"))
    check = ConflictCheck(
        firm=firm,
        matter=matter,
        decision=decision,
        remarks=remarks,
        checked_by=user,
        hits=search_conflicts(firm=firm, parties=parties),
    )
    check.full_clean()
    check.save()
    for entered in parties:
        party = CheckedParty(
            conflict_check=check,
            role=entered.get("role"),
            kind=entered.get("kind"),
            name=entered.get("name", ""),
            id_code=entered.get("id_code", ""),
        )
        party.full_clean()
        party.save()
    return check


# --- register -------------------------------------------------------------------------------


def _next_serial(firm, year):
    """Lock the firm's counter for the year and take the next number. The lock is held until
    the surrounding transaction ends, so a rolled-back registration gives its number back."""
    IntakeCounter.objects.bulk_create([IntakeCounter(firm=firm, year=year)], ignore_conflicts=True)
    counter = IntakeCounter.objects.select_for_update().get(firm=firm, year=year)
    counter.last_serial += 1
    counter.save(update_fields=["last_serial"])
    return counter.last_serial


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
    lawyers = _check_lawyers(firm, lawyers)
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
        aid_body=aid_body,
        aid_notice_no=aid_notice_no,
        contract_no=contract_no,
        contract_date=contract_date,
        agreed_fee=agreed_fee,
        is_sensitive=is_sensitive,
        registered_by=user,
    )
    # Validate before taking a number, so that bad input never holds the counter lock.
    case.full_clean(exclude=["serial", "intake_no", "year", "conflict_check"])
    case.serial = _next_serial(firm, case.year)
    case.intake_no = firm_case_settings(firm).format_number(
        year=case.year, case_type=case_type, serial=case.serial
    )
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
    case.full_clean(exclude=["conflict_check"])
    if lawyers is not None:
        lawyers = _check_lawyers(case.firm, lawyers)
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
    if received_on and received_on < case.intake_date:
        raise ValidationError({"received_on": _("收费日期不能早于收案日期。")})
    receipt.save()
    return receipt


# --- sensitive filings ----------------------------------------------------------------------


@transaction.atomic
def sensitive_file(*, case, user, client, authority, facts, legal_issues, lawyer_opinion):
    if not case.is_sensitive:
        raise ValidationError(_("该案件未标记为重大敏感案件。"))
    if SensitiveFiling.objects.filter(case=case).exists():
        raise ValidationError(_("该案件已经备案，不能重复备案。"))
    filing = SensitiveFiling(
        case=case,
        client=client,
        authority=authority,
        facts=facts,
        legal_issues=legal_issues,
        lawyer_opinion=lawyer_opinion,
        filed_by=user,
        filed_on=timezone.localdate(),
    )
    filing.full_clean()
    filing.save()
    return filing


@transaction.atomic
def sensitive_review(*, filing, user, comment=""):
    """Bureau staff acknowledge a filing, or comment on it."""
    comment = comment.strip()
    filing.status = SensitiveFiling.Status.COMMENTED if comment else SensitiveFiling.Status.ACKNOWLEDGED
    filing.bureau_comment = comment
    filing.reviewed_by = user
    filing.reviewed_at = timezone.now()
    filing.save(update_fields=["status", "bureau_comment", "reviewed_by", "reviewed_at"])
    return filing


# --- public legal service logs --------------------------------------------------------------

LOG_FIELDS = [
    "counterpart",
    "org_kind",
    "term_start",
    "term_end",
    "contract_no",
    "duty_place",
    "dispute_category",
    "remarks",
    *ServiceLog.COUNT_FIELDS,
]


@transaction.atomic
def service_log_create(*, firm, user, kind, date, lawyers, **fields):
    unknown = set(fields) - set(LOG_FIELDS)
    if unknown:
        raise TypeError(f"unknown fields: {sorted(unknown)}")
    log = ServiceLog(firm=firm, kind=kind, date=date, created_by=user, **fields)
    log.full_clean()
    lawyers = _check_lawyers(firm, lawyers)
    log.save()
    ServiceLogLawyer.objects.bulk_create([ServiceLogLawyer(log=log, lawyer=lawyer) for lawyer in lawyers])
    return log


# --- quarterly statistics -------------------------------------------------------------------


def quarter_due(year, quarter):
    _start, end = quarter_bounds(year, quarter)
    return deadline_after(end, CaseworkSettings.load().quarterly_due_days)


def current_quarter(today=None):
    """The quarter a director files now: the last one that has ended."""
    today = today or timezone.localdate()
    q = (today.month - 1) // 3
    return (today.year - 1, 4) if q == 0 else (today.year, q)


@transaction.atomic
def quarterly_create(*, firm, user, year, quarter, today=None):
    """Open the firm's report for a quarter, prefilled from the records. A second report for the
    same quarter is refused."""
    today = today or timezone.localdate()
    if quarter not in (1, 2, 3, 4):
        raise ValidationError({"quarter": _("季度须为1至4。")})
    start, end = quarter_bounds(year, quarter)
    if end >= today:
        raise ValidationError({"quarter": _("该季度尚未结束，不能报送。")})
    if QuarterlyReport.objects.filter(firm=firm, year=year, quarter=quarter).exists():
        raise ValidationError(
            {
                "quarter": _("本所%(year)s年第%(quarter)s季度的统计报表已经存在，不能重复报送。")
                % {"year": year, "quarter": quarter}
            }
        )
    prefilled = period_figures(start, end, [firm.pk])
    due = quarter_due(year, quarter)
    report = QuarterlyReport(
        firm=firm,
        year=year,
        quarter=quarter,
        figures={key: {"prefilled": n, "value": n, "reason": ""} for key, n in prefilled.items()},
        due_on=due.date,
        due_provisional=due.provisional,
        created_by=user,
    )
    report.full_clean()
    report.save()
    return report


EDITABLE_STATUSES = (QuarterlyReport.Status.DRAFT, QuarterlyReport.Status.RETURNED)


@transaction.atomic
def quarterly_save_figures(*, report, expected_version, values):
    """`values` maps figure keys to (value, reason). A value that differs from the prefilled
    one needs a reason; values are whole numbers, not negative."""
    if report.status not in EDITABLE_STATUSES:
        raise ValidationError(_("报表已报送，待审核期间不能修改。"))
    errors = {}
    figures = {key: dict(entry) for key, entry in report.figures.items()}
    for key, (value, reason) in values.items():
        if key not in figures:
            continue
        reason = (reason or "").strip()
        if value is None or value < 0:
            errors[key] = _("数值不能为负数。")
            continue
        if value != figures[key]["prefilled"] and not reason:
            errors[key] = _("修改了系统预填的数值，须说明理由。")
            continue
        figures[key]["value"] = int(value)
        figures[key]["reason"] = reason if value != figures[key]["prefilled"] else ""
    if errors:
        raise ValidationError(errors)
    report.figures = figures
    save_versioned(report, expected_version=expected_version, fields=["figures"])
    return report


@transaction.atomic
def quarterly_submit(*, report, user, today=None):
    report = QuarterlyReport.objects.select_for_update().get(pk=report.pk)
    if report.status not in EDITABLE_STATUSES:
        raise ValidationError(_("该季度报表已经报送，不能重复报送。"))
    number = report.versions.count() + 1
    QuarterlyReportVersion.objects.create(
        report=report, number=number, figures=report.figures, submitted_by=user
    )
    report.status = QuarterlyReport.Status.SUBMITTED
    if not report.first_submitted_on:
        report.first_submitted_on = today or timezone.localdate()
    report.version += 1
    report.save(update_fields=["status", "first_submitted_on", "version"])
    return report


@transaction.atomic
def quarterly_review(*, report, user, accept, comment=""):
    report = QuarterlyReport.objects.select_for_update().get(pk=report.pk)
    if report.status != QuarterlyReport.Status.SUBMITTED:
        raise ValidationError(_("只有已报送待审核的报表才能审核。"))
    comment = comment.strip()
    if not accept and not comment:
        raise ValidationError({"comment": _("退回须填写审核意见。")})
    version = report.versions.order_by("-number").first()
    version.decision = (
        QuarterlyReportVersion.Decision.ACCEPTED if accept else QuarterlyReportVersion.Decision.RETURNED
    )
    version.comment = comment
    version.reviewed_by = user
    version.reviewed_at = timezone.now()
    version.save(update_fields=["decision", "comment", "reviewed_by", "reviewed_at"])
    report.status = QuarterlyReport.Status.ACCEPTED if accept else QuarterlyReport.Status.RETURNED
    report.version += 1
    report.save(update_fields=["status", "version"])
    return report


def late_working_days(report, today=None):
    """Working days between the due date and the first submission (or today if unfiled)."""
    from bureau.workdays import working_days_between

    day = report.first_submitted_on or today or timezone.localdate()
    return working_days_between(report.due_on, day) if day > report.due_on else 0
