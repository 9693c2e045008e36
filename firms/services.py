"""Writes to the registry. Each runs in a transaction and validates with full_clean()."""

import secrets

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from bureau.concurrency import save_versioned
from bureau.models import User
from bureau.permissions import Role, assign_role

from .models import (
    Firm,
    FirmAssessment,
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
    firm = Firm(**fields)
    firm.full_clean()
    firm.save()
    return firm


@transaction.atomic
def firm_update(*, firm, expected_version, fields):
    """Save the named fields of an edited firm, refusing a stale edit."""
    old_director_id = Firm.objects.filter(pk=firm.pk).values_list("director_id", flat=True).get()
    firm.full_clean()
    save_versioned(firm, expected_version=expected_version, fields=_with_search_keys(fields))
    if "director" in fields and firm.director_id != old_director_id:
        _move_director_access(firm, old_director_id)
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
def lawyer_update(*, lawyer, expected_version, fields):
    lawyer.full_clean()
    save_versioned(lawyer, expected_version=expected_version, fields=_with_search_keys(fields))
    return lawyer


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
    if current:
        current.ended_on = on_date
        current.save(update_fields=["ended_on"])
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
    session.save()
    return session


@transaction.atomic
def training_attendance_set(*, session, lawyer_ids):
    """Who of the practising lawyers attended `session`: those in `lawyer_ids`, each credited with
    the session's hours. Returns the ids recorded. Attendance of lawyers no longer in practice is
    left as recorded: the page that ticks the names lists only practising lawyers."""
    roll = Lawyer.objects.filter(status=Lawyer.Status.PRACTISING)
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
    """Open the restructuring of a state-funded firm with every step pending."""
    if firm.organisation_form != Firm.Form.STATE:
        raise ValidationError(_("只有国资律师事务所可以启动改制。"))
    if target_form == Firm.Form.STATE:
        raise ValidationError({"target_form": _("改制后的组织形式不能仍为国资。")})
    restructuring = Restructuring(
        firm=firm, target_form=target_form, started_on=started_on or timezone.localdate()
    )
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
    step.save(update_fields=["status", "started_on", "completed_on", "responsible", "note"])
    return step


@transaction.atomic
def restructuring_document_add(*, step, title, file, user):
    document = RestructuringDocument(step=step, title=title, file=file, uploaded_by=user)
    document.full_clean()
    document.save()
    return document
