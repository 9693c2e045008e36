"""Writes to the registry. Each runs in a transaction and validates with full_clean()."""

import secrets

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from bureau.concurrency import save_versioned
from bureau.models import User
from bureau.permissions import Role, assign_role, grant_firm, revoke_firm

from .models import Firm, FirmAssessment, Lawyer, LawyerAssessment, PracticeRecord

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
    save_versioned(firm, expected_version=expected_version, fields=fields)
    if "director" in fields and firm.director_id != old_director_id:
        _move_director_access(firm, old_director_id)
    return firm


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
    user = User(username=username, full_name=director.name, phone=director.phone)
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
    save_versioned(lawyer, expected_version=expected_version, fields=fields)
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
def firm_assessments_save(*, year, results):
    """Record a whole year's firm assessments at once. `results` maps firm id to
    (result, remarks); an empty result removes that year's entry."""
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
