"""Writes to the registry. Each runs in a transaction and validates with full_clean()."""

import secrets

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from bureau.concurrency import save_versioned
from bureau.models import User
from bureau.permissions import Role, assign_role

from .dates import check_stated_dates
from .models import (
    Firm,
    FirmAssessment,
    FirmStatusChange,
    Lawyer,
    LawyerAssessment,
    PracticeRecord,
    Restructuring,
    RestructuringDocument,
    RestructuringStep,
    StandardisationRating,
    TrainingAttendance,
    TrainingSession,
)
from .permissions import grant_firm, revoke_firm

# What a firm director may change on their own firm's record.
DIRECTOR_EDITABLE_FIELDS = (
    "phone",
    "email",
    "address",
    "office_area",
    "has_reception",
    "reception_area",
    "office_rooms",
    "has_meeting_room",
    "meeting_room_area",
    "has_archive_room",
    "archive_room_area",
    "computers",
    "printers",
    "copiers",
    "projectors",
    "scanners",
    "av_recorders",
)


@transaction.atomic
def firm_create(**fields):
    """Register a firm and open its status history: practising from its founding (or today when the
    founding date is not known), then deregistered on its deregistration date if it is."""
    firm = Firm(**fields)
    firm.full_clean()
    check_stated_dates(
        ("founded_on", firm.founded_on, {"label": _("成立日期")}),
        ("deregistered_on", firm.deregistered_on, {"label": _("注销日期")}),
    )
    firm.save()
    start = firm.founded_on or timezone.localdate()
    first = Firm.Status.PRACTISING if firm.status == Firm.Status.DEREGISTERED else firm.status
    changes = [FirmStatusChange(firm=firm, status=first, changed_on=start, note=_("登记"))]
    if firm.status == Firm.Status.DEREGISTERED:
        changes.append(
            FirmStatusChange(firm=firm, status=firm.status, changed_on=firm.deregistered_on, note=_("登记"))
        )
    FirmStatusChange.objects.bulk_create(changes)
    return firm


@transaction.atomic
def firm_update(*, firm, expected_version, fields, status_changed_on=None):
    """Save the named fields of an edited firm, refusing a stale edit. A change of status is
    recorded in the status history on the date the user states (a deregistration on its
    deregistration date), never in the future nor before the firm's last change."""
    old = Firm.objects.filter(pk=firm.pk).values("director_id", "status").get()
    firm.full_clean()
    status_changed = "status" in fields and firm.status != old["status"]
    if status_changed:
        if firm.status == Firm.Status.DEREGISTERED:
            field, on_date = "deregistered_on", firm.deregistered_on
        else:
            field, on_date = "status_changed_on", status_changed_on or timezone.localdate()
        last = firm.status_changes.order_by("-changed_on").values_list("changed_on", flat=True).first()
        check_stated_dates(
            (
                field,
                on_date,
                {
                    "label": _("状态变更日期"),
                    "after": last or firm.founded_on,
                    "after_label": _("上次状态变更"),
                },
            )
        )
    save_versioned(firm, expected_version=expected_version, fields=_with_search_keys(fields))
    if status_changed:
        FirmStatusChange.objects.create(firm=firm, status=firm.status, changed_on=on_date)
    if "director" in fields and firm.director_id != old["director_id"]:
        _move_director_access(firm, old["director_id"])
    return firm


def _with_search_keys(fields):
    """The fields to save, with the name's pinyin (set by full_clean) whenever the name is one."""
    return [*fields, "name_pinyin"] if "name" in fields else list(fields)


def _move_director_access(firm, old_director_id):
    """The access that goes with the director's chair moves to the new director's account."""
    if old_director_id:
        old = Lawyer.objects.filter(pk=old_director_id).select_related("user").first()
        if old and old.user:
            revoke_firm(old.user, firm)
    if firm.director_id:
        new = Lawyer.objects.select_related("user").get(pk=firm.director_id)
        if new.user:
            grant_firm(new.user, firm)
            assign_role(new.user, Role.FIRM_DIRECTOR)


@transaction.atomic
def director_account_create(*, firm, username):
    """Create the platform account of the firm's director and grant it the firm.
    Returns (user, initial password), the password to be handed over once."""
    director = firm.director
    if director is None:
        raise ValidationError(_("请先为该所指定主任。"))
    if director.user_id:
        raise ValidationError(_("该主任已有平台账号：%(username)s。") % {"username": director.user.username})
    if User.objects.filter(username=username).exists():
        raise ValidationError({"username": _("用户名已被使用。")})
    password = secrets.token_urlsafe(9)
    # An account made for someone else: its first sign-in forces a password change.
    user = User(username=username, full_name=director.name, phone=director.phone, must_change_password=True)
    user.full_clean(exclude=["password"])
    user.set_password(password)
    user.save()
    assign_role(user, Role.FIRM_DIRECTOR)
    director.user = user
    director.save(update_fields=["user"])
    grant_firm(user, firm)
    return user, password


@transaction.atomic
def lawyer_create(*, firm, **fields):
    lawyer = Lawyer(firm=firm, **fields)
    lawyer.full_clean()
    lawyer.save()
    PracticeRecord.objects.create(lawyer=lawyer, firm=firm, started_on=lawyer.licence_date)
    return lawyer


@transaction.atomic
def lawyer_update(*, lawyer, expected_version, fields, changed_on=None):
    """Save an edited lawyer, refusing a stale edit, and keep the practice history dated by
    `changed_on` (the date the user states, default today): leaving practice (suspended or
    deregistered) closes the open record on it, a return to practice opens one; a change of
    category or partnership closes the open record (keeping what the lawyer was) and opens the
    next, so earlier years keep their figures."""
    old = Lawyer.objects.filter(pk=lawyer.pk).values("status", "category", "is_partner").get()
    lawyer.full_clean()
    practising = Lawyer.Status.PRACTISING
    on_date = changed_on or timezone.localdate()
    current = PracticeRecord.objects.filter(lawyer=lawyer, ended_on__isnull=True).first()
    leaving = "status" in fields and old["status"] == practising and lawyer.status != practising
    returning = "status" in fields and old["status"] != practising and lawyer.status == practising
    regraded = (
        current is not None
        and not leaving
        and (
            ("category" in fields and lawyer.category != old["category"])
            or ("is_partner" in fields and lawyer.is_partner != old["is_partner"])
        )
    )
    if leaving or returning or regraded:
        last = current.started_on if current else _last_ended(lawyer)
        check_stated_dates(
            (
                "changed_on",
                on_date,
                {"label": _("变更生效日期"), "after": last, "after_label": _("执业经历的上一个日期")},
            )
        )
    save_versioned(lawyer, expected_version=expected_version, fields=_with_search_keys(fields))
    if (leaving or regraded) and current:
        _close_practice(current, on_date, category=old["category"], is_partner=old["is_partner"])
    if regraded or (returning and current is None):
        PracticeRecord.objects.create(lawyer=lawyer, firm_id=lawyer.firm_id, started_on=on_date)
    return lawyer


def _last_ended(lawyer):
    return (
        PracticeRecord.objects.filter(lawyer=lawyer)
        .order_by("-ended_on")
        .values_list("ended_on", flat=True)
        .first()
    )


def _close_practice(record, on_date, *, category, is_partner):
    """Close a practice record, keeping what the lawyer was while it ran."""
    record.ended_on, record.category, record.is_partner = on_date, category, is_partner
    record.full_clean()
    record.save(update_fields=["ended_on", "category", "is_partner"])


@transaction.atomic
def lawyer_transfer(*, lawyer, to_firm, on_date, note=""):
    """Move a lawyer to another firm on a date, keeping the practice history."""
    lawyer = Lawyer.objects.select_for_update().get(pk=lawyer.pk)
    if to_firm.pk == lawyer.firm_id:
        raise ValidationError({"to_firm": _("调入律所与当前律所相同。")})
    current = PracticeRecord.objects.filter(lawyer=lawyer, ended_on__isnull=True).first()
    if current and on_date < current.started_on:
        raise ValidationError(
            {
                "on_date": _("转所日期不能早于在当前律所的执业起始日期（%(date)s）。")
                % {"date": current.started_on.isoformat()}
            }
        )
    check_stated_dates(("on_date", on_date, {"label": _("转所日期")}))
    if current:
        _close_practice(current, on_date, category=lawyer.category, is_partner=lawyer.is_partner)
    PracticeRecord.objects.create(lawyer=lawyer, firm=to_firm, started_on=on_date, note=note)
    old_firm = lawyer.firm
    if old_firm.director_id == lawyer.pk:
        old_firm.director = None
        save_versioned(old_firm, expected_version=old_firm.version, fields=["director"])
        _move_director_access(old_firm, lawyer.pk)
    lawyer.firm = to_firm
    lawyer.is_partner = False
    lawyer.version += 1
    lawyer.save(update_fields=["firm", "is_partner", "version"])
    return lawyer


@transaction.atomic
def rating_add(*, firm, level, conferred_by, conferred_on, valid_until=None):
    rating = StandardisationRating(
        firm=firm, level=level, conferred_by=conferred_by, conferred_on=conferred_on, valid_until=valid_until
    )
    rating.full_clean()
    check_stated_dates(
        (
            "conferred_on",
            conferred_on,
            {"label": _("授予日期"), "after": firm.founded_on, "after_label": _("律所成立日期")},
        )
    )
    rating.save()
    return rating


@transaction.atomic
def firm_assessments_save(*, year, results):
    """Record a whole year's firm assessments at once. `results` maps firm id to
    (result, remarks); an empty result removes that year's entry. Every row is checked first and
    one bad row saves none: the ValidationError maps each bad firm's id (as text) to its problem."""
    choices = set(FirmAssessment.Result.values)
    problems = {}
    for firm_id, (result, remarks) in results.items():
        if result and result not in choices:
            problems[str(firm_id)] = _("考核结果无效。")
        elif result == FirmAssessment.Result.FAIL and not remarks:
            problems[str(firm_id)] = _("考核不合格须在备注中写明原因。")
        elif len(remarks) > 300:
            problems[str(firm_id)] = _("备注不能超过300字。")
    if problems:
        raise ValidationError(problems)
    for firm_id, (result, remarks) in results.items():
        if not result:
            FirmAssessment.objects.filter(firm_id=firm_id, year=year).delete()
            continue
        FirmAssessment.objects.update_or_create(
            firm_id=firm_id, year=year, defaults={"result": result, "remarks": remarks}
        )


@transaction.atomic
def lawyer_assessments_save(*, year, results):
    for lawyer_id, (result, remarks) in results.items():
        if not result:
            LawyerAssessment.objects.filter(lawyer_id=lawyer_id, year=year).delete()
            continue
        LawyerAssessment.objects.update_or_create(
            lawyer_id=lawyer_id, year=year, defaults={"result": result, "remarks": remarks}
        )


# Training ---------------------------------------------------------------------------------------


@transaction.atomic
def training_session_create(*, title, held_on, organiser, kind, hours):
    session = TrainingSession(title=title, held_on=held_on, organiser=organiser, kind=kind, hours=hours)
    session.full_clean()
    check_stated_dates(("held_on", held_on, {"label": _("培训日期")}))
    session.save()
    return session


@transaction.atomic
def training_attendance_set(*, session, lawyer_ids):
    """Who of the lawyers practising on the session's date attended it: those in `lawyer_ids`,
    each credited with the session's hours. Returns the ids recorded. Attendance of others is left
    as recorded: the page that ticks the names lists only that day's roll."""
    from .yearly import lawyers_at

    roll = lawyers_at(session.held_on)
    chosen = set(roll.filter(pk__in=lawyer_ids).values_list("pk", flat=True))
    recorded = set(session.attendances.values_list("lawyer_id", flat=True))
    session.attendances.filter(lawyer__in=roll).exclude(lawyer_id__in=chosen).delete()
    added = [
        TrainingAttendance(session=session, lawyer_id=pk, hours=session.hours) for pk in chosen - recorded
    ]
    for attendance in added:
        # The keys were just read from the tables they point at; checking them again costs a
        # query per row.
        attendance.full_clean(exclude=["session", "lawyer"], validate_unique=False)
    TrainingAttendance.objects.bulk_create(added)
    return chosen


# Restructuring ----------------------------------------------------------------------------------


@transaction.atomic
def restructuring_start(*, firm, target_form, started_on=None):
    """Open the restructuring of a state-funded firm on the date stated, with every step pending."""
    if firm.organisation_form != Firm.Form.STATE:
        raise ValidationError(_("只有国资律师事务所可以启动改制。"))
    if target_form == Firm.Form.STATE:
        raise ValidationError({"target_form": _("改制后的组织形式不能仍为国资。")})
    started_on = started_on or timezone.localdate()
    check_stated_dates(
        (
            "started_on",
            started_on,
            {"label": _("启动日期"), "after": firm.founded_on, "after_label": _("律所成立日期")},
        )
    )
    restructuring = Restructuring(firm=firm, target_form=target_form, started_on=started_on)
    restructuring.full_clean()
    restructuring.save()
    RestructuringStep.objects.bulk_create(
        [RestructuringStep(restructuring=restructuring, step=s) for s in RestructuringStep.Step]
    )
    return restructuring


@transaction.atomic
def restructuring_step_update(*, step, status, started_on=None, completed_on=None, responsible="", note=""):
    step.status, step.started_on, step.completed_on = status, started_on, completed_on
    step.responsible, step.note = responsible, note
    step.full_clean()
    restructuring = step.restructuring
    after = {"after": restructuring.started_on, "after_label": _("改制启动日期")}
    check_stated_dates(
        ("started_on", started_on, {"label": _("开始日期"), **after}),
        ("completed_on", completed_on, {"label": _("完成日期"), **after}),
    )
    step.save(update_fields=["status", "started_on", "completed_on", "responsible", "note"])
    # The restructuring is complete on the day its last step is.
    steps = list(restructuring.steps.values_list("status", "completed_on"))
    finished = all(status == RestructuringStep.Status.DONE for status, _d in steps)
    completed_on = max(d for _s, d in steps) if finished else None
    if restructuring.completed_on != completed_on:
        restructuring.completed_on = completed_on
        restructuring.save(update_fields=["completed_on"])
    return step


@transaction.atomic
def restructuring_document_add(*, step, title, file, user):
    document = RestructuringDocument(step=step, title=title, file=file, uploaded_by=user)
    document.full_clean()
    document.save()
    return document
