"""Writes of an inspection's life after the draw: findings, sign-off, rectification notices with
gapless document numbers, the firm's response and the inspector's verification."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from bureau.models import BureauSettings
from bureau.numbering import next_number
from bureau.permissions import is_bureau
from bureau.workdays import deadline_after

from .dates import stated
from .models import (
    Assignment,
    DocumentCounter,
    Evidence,
    Finding,
    Inspection,
    InspectionSettings,
    RectificationNotice,
    Response,
    Verification,
)

NOTICE_SERIES = "rectify"
INSPECTION_NOTICE_SERIES = "inspect"


def next_serial(series, year):
    """The next number of a series in a year; gapless (see bureau.numbering)."""
    return next_number(DocumentCounter, series=series, year=year)


def doc_number(code, year, serial):
    return f"{BureauSettings.load().doc_prefix}{code}〔{year}〕{serial}号"


def _assignment_for(inspection, user):
    assignment = Assignment.objects.filter(inspection=inspection, inspector__user=user).first()
    if assignment is None:
        raise PermissionDenied
    return assignment


def _locked(inspection):
    return Inspection.objects.select_for_update().select_related("plan", "firm").get(pk=inspection.pk)


@transaction.atomic
def inspection_notice_issue(*, inspection, user, issued_on=None):
    """签发 the 检查通知书: give it its number. Bureau staff or an inspector drawn for the
    inspection may, once, before the inspection is concluded. The number fixes the date (see
    services.inspection_schedule) and keeps the plan from being drawn again."""
    inspection = _locked(inspection)
    drawn = Assignment.objects.filter(inspection=inspection, inspector__user=user).exists()
    if not (drawn or is_bureau(user)):
        raise PermissionDenied
    if inspection.notice_number:
        raise ValidationError(_("检查通知书已签发（%(number)s）。") % {"number": inspection.notice_number})
    if inspection.status != Inspection.Status.SCHEDULED:
        raise ValidationError(_("检查结论已作出，不能再签发检查通知书。"))
    issued_on = stated(issued_on, field="issued_on", label=_("签发日期"))
    year = inspection.scheduled_on.year
    code = InspectionSettings.load().inspection_notice_code
    inspection.notice_number = doc_number(code, year, next_serial(INSPECTION_NOTICE_SERIES, year))
    inspection.notice_issued_on = issued_on
    inspection.save(update_fields=["notice_number", "notice_issued_on"])
    return inspection.notice_number


@transaction.atomic
def findings_save(*, inspection, user, entries):
    """Record checklist findings: `entries` maps item id to (outcome, note); an empty outcome
    leaves the item unrecorded."""
    inspection = _locked(inspection)
    _assignment_for(inspection, user)
    if not inspection.is_open_for_findings:
        raise ValidationError(_("检查结论已作出，不能再修改检查记录。"))
    valid_items = set(inspection.plan.checklist.items.values_list("id", flat=True))
    for item_id, (outcome, note) in entries.items():
        if item_id not in valid_items:
            raise ValidationError(_("检查项目不属于本计划的检查表。"))
        if not outcome:
            continue
        if outcome == Finding.Outcome.NONCONFORMING and not note.strip():
            raise ValidationError(_("“不符合”的项目须写明存在的问题。"))
        finding = Finding.objects.filter(inspection=inspection, item_id=item_id).first() or Finding(
            inspection=inspection, item_id=item_id
        )
        finding.outcome, finding.note, finding.recorded_by = outcome, note.strip(), user
        finding.full_clean()
        finding.save()


@transaction.atomic
def evidence_add(*, finding, user, file):
    _assignment_for(finding.inspection, user)
    if not finding.inspection.is_open_for_findings:
        raise ValidationError(_("检查结论已作出，不能再上传证据。"))
    evidence = Evidence(finding=finding, file=file, uploaded_by=user)
    evidence.full_clean()
    evidence.save()
    return evidence


@transaction.atomic
def inspection_conclude(*, inspection, user, result, summary="", concluded_on=None):
    """An inspector states the result; it is signed by them, and waits for the others' signature.
    `concluded_on` (default today) is the day the inspection ended if this is the last signature."""
    inspection = _locked(inspection)
    assignment = _assignment_for(inspection, user)
    if not inspection.is_open_for_findings:
        raise ValidationError(_("检查结论已作出。"))
    items = inspection.plan.checklist.items.count()
    findings = inspection.findings.all()
    if findings.count() < items:
        raise ValidationError(_("还有检查项目未记录，不能作出结论。"))
    nonconforming = findings.filter(outcome="nonconforming").exists()
    if result == Inspection.Result.RECTIFY and not nonconforming:
        raise ValidationError({"result": _("没有“不符合”的项目，不能责令整改。")})
    if result == Inspection.Result.PASS and nonconforming:
        raise ValidationError({"result": _("存在“不符合”的项目，结论应为责令整改。")})
    if result not in Inspection.Result.values:
        raise ValidationError({"result": _("请选择检查结论。")})
    concluded_on = _concluded_on(inspection, concluded_on)
    inspection.result, inspection.summary, inspection.status = (
        result,
        summary.strip(),
        Inspection.Status.SIGNING,
    )
    inspection.save(update_fields=["result", "summary", "status"])
    return _sign(inspection, assignment, concluded_on)


def _concluded_on(inspection, value):
    return stated(
        value,
        field="concluded_on",
        label=_("检查结束日期"),
        after=inspection.scheduled_on,
        after_label=_("检查日期"),
    )


@transaction.atomic
def inspection_sign(*, inspection, user, concluded_on=None):
    """`concluded_on` is the date the inspection ends when this is the last signature (default: today)."""
    inspection = _locked(inspection)
    assignment = _assignment_for(inspection, user)
    if inspection.status != Inspection.Status.SIGNING:
        raise ValidationError(_("当前不需要签字。"))
    if assignment.signed_at:
        raise ValidationError(_("您已签字。"))
    return _sign(inspection, assignment, _concluded_on(inspection, concluded_on))


def _sign(inspection, assignment, today):
    assignment.signed_at = timezone.now()
    assignment.save(update_fields=["signed_at"])
    if inspection.assignments.filter(signed_at__isnull=True).exists():
        return inspection
    inspection.concluded_on = today
    inspection.publish_due = deadline_after(today, InspectionSettings.load().publish_workdays).date
    if inspection.result == Inspection.Result.PASS:
        inspection.status, inspection.rectification = Inspection.Status.CLOSED, Inspection.Rectification.NONE
    else:
        inspection.status = Inspection.Status.RECTIFYING
        inspection.rectification = Inspection.Rectification.AWAITING_NOTICE
    inspection.save(update_fields=["concluded_on", "publish_due", "status", "rectification"])
    return inspection


def _findings_snapshot(inspection):
    return [
        {
            "section": f.item.get_section_display(),
            "item": f.item.text,
            "problem": f.note,
            "rule": f.item.rule,
            "requirement": f.item.requirement,
        }
        for f in inspection.findings.filter(outcome="nonconforming")
        .select_related("item")
        .order_by("item__position", "item_id")
    ]


def current_notice(inspection):
    return inspection.notices.order_by("-issued_at", "-id").first()


def _issue(*, inspection, user, kind, requirement, workdays, issued_on, refers_to=None, findings=None):
    """`issued_on` is already checked by the caller; the deadline counts working days from it."""
    config = InspectionSettings.load()
    today = issued_on
    workdays = workdays or config.rectification_workdays
    if not requirement.strip():
        raise ValidationError({"requirement": _("请写明整改要求。")})
    deadline = deadline_after(today, workdays)
    serial = next_serial(NOTICE_SERIES, today.year)
    notice = RectificationNotice(
        inspection=inspection,
        kind=kind,
        refers_to=refers_to,
        year=today.year,
        serial=serial,
        doc_number=doc_number(config.notice_code, today.year, serial),
        firm_name=inspection.firm.name,
        findings=findings if findings is not None else _findings_snapshot(inspection),
        requirement=requirement.strip(),
        report_method=config.report_method,
        workdays=workdays,
        issued_on=today,
        deadline=deadline.date,
        deadline_provisional=deadline.provisional,
        issued_by=user,
    )
    notice.full_clean()
    notice.save()
    inspection.rectification = Inspection.Rectification.PENDING
    inspection.rectification_deadline = deadline.date
    inspection.save(update_fields=["rectification", "rectification_deadline"])
    return notice


@transaction.atomic
def notice_issue(*, inspection, user, requirement, workdays=None, issued_on=None):
    """Issue the 责令限期整改通知书 of a concluded inspection whose result is 责令整改."""
    inspection = _locked(inspection)
    _assignment_for(inspection, user)
    if inspection.status != Inspection.Status.RECTIFYING:
        raise ValidationError(_("只有结论为责令整改且已签字的检查才能下发整改通知书。"))
    if inspection.notices.exists():
        raise ValidationError(_("整改通知书已下发；如需更正，请下发更正通知。"))
    issued_on = stated(
        issued_on,
        field="issued_on",
        label=_("签发日期"),
        after=inspection.concluded_on,
        after_label=_("检查结束日期"),
    )
    return _issue(
        inspection=inspection,
        user=user,
        kind=RectificationNotice.Kind.INITIAL,
        requirement=requirement,
        workdays=workdays,
        issued_on=issued_on,
    )


@transaction.atomic
def notice_correct(*, notice, user, requirement, workdays=None, issued_on=None):
    """A correction is a new notice that refers to the one it corrects; the old one stays."""
    inspection = _locked(notice.inspection)
    _assignment_for(inspection, user)
    if (
        current_notice(inspection).pk != notice.pk
        or hasattr(notice, "verification")
        or inspection.rectification != Inspection.Rectification.PENDING
    ):
        raise ValidationError(_("只能更正当前有效、尚未报送整改情况且尚未核查的通知书。"))
    issued_on = stated(
        issued_on,
        field="issued_on",
        label=_("签发日期"),
        after=notice.issued_on,
        after_label=_("原通知书签发日期"),
    )
    return _issue(
        inspection=inspection,
        user=user,
        kind=RectificationNotice.Kind.CORRECTION,
        requirement=requirement,
        workdays=workdays,
        refers_to=notice,
        findings=notice.findings,
        issued_on=issued_on,
    )


@transaction.atomic
def response_submit(*, inspection, user, file, note="", responded_on=None):
    """The director reports back on the inspection's current notice."""
    inspection = _locked(inspection)
    notice = current_notice(inspection)
    if notice is None or inspection.rectification not in (
        Inspection.Rectification.PENDING,
        Inspection.Rectification.RESPONDED,
    ):
        raise ValidationError(_("当前没有需要报送整改情况的通知书。"))
    responded_on = stated(
        responded_on,
        field="responded_on",
        label=_("报送日期"),
        after=notice.issued_on,
        after_label=_("通知书签发日期"),
    )
    response = Response(
        notice=notice, file=file, note=note.strip(), responded_on=responded_on, uploaded_by=user
    )
    response.full_clean()
    response.save()
    inspection.rectification = Inspection.Rectification.RESPONDED
    inspection.save(update_fields=["rectification"])
    return response


@transaction.atomic
def verification_record(
    *, inspection, user, outcome, note="", requirement="", workdays=None, verified_on=None
):
    """An inspector checks the firm's report: completed closes the inspection; not completed
    issues a follow-up notice with a new deadline."""
    inspection = _locked(inspection)
    _assignment_for(inspection, user)
    notice = current_notice(inspection)
    if inspection.rectification != Inspection.Rectification.RESPONDED or notice is None:
        raise ValidationError(_("律所尚未报送整改情况，暂不能核查。"))
    if outcome not in Verification.Outcome.values:
        raise ValidationError({"outcome": _("请选择核查结论。")})
    if outcome == Verification.Outcome.NOT_COMPLETED and not requirement.strip():
        raise ValidationError({"requirement": _("未完成整改的，须写明再次整改的要求。")})
    last_response = notice.responses.order_by("-responded_on", "-id").first()
    verified_on = stated(
        verified_on,
        field="verified_on",
        label=_("核查日期"),
        after=last_response.responded_on if last_response else notice.issued_on,
        after_label=_("整改报告报送日期"),
    )
    verification = Verification(
        notice=notice, outcome=outcome, note=note.strip(), verified_on=verified_on, verified_by=user
    )
    verification.full_clean()
    verification.save()
    if outcome == Verification.Outcome.COMPLETED:
        inspection.rectification = Inspection.Rectification.COMPLETED
        inspection.status = Inspection.Status.CLOSED
        inspection.save(update_fields=["rectification", "status"])
        return verification
    _issue(
        inspection=inspection,
        user=user,
        kind=RectificationNotice.Kind.FOLLOW_UP,
        requirement=requirement,
        workdays=workdays,
        refers_to=notice,
        findings=notice.findings,
        issued_on=verified_on,
    )
    return verification
