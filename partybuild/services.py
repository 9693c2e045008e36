"""Writes to Party-building records. Each runs in a transaction and validates before saving."""

import os

from dateutil.relativedelta import relativedelta
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from guardian.shortcuts import assign_perm, remove_perm

from bureau.concurrency import save_versioned
from bureau.uploads import PDF_AND_IMAGES, checked_extension

from .models import (
    ACTIVIST_TRAINING_YEARS,
    COMMITTEE_BEFORE_FOUNDED,
    Attachment,
    Attendance,
    Branch,
    BranchFirm,
    CommitteeSeat,
    LiaisonOfficer,
    LiaisonTraining,
    Meeting,
    Member,
    PartySettings,
    Transfer,
)
from .selectors import MANAGE_BRANCH

# ---------------------------------------------------------------- branches


def _check_coverage(*, branch, kind, firms):
    firms = list(firms)
    if kind == Branch.Kind.OWN and len(firms) != 1:
        raise ValidationError({"firms": _("独立党支部须且只能覆盖一家律师事务所。")})
    if kind == Branch.Kind.JOINT and len(firms) < 2:
        raise ValidationError({"firms": _("联合党支部须覆盖至少两家律师事务所。")})
    taken = BranchFirm.objects.filter(firm__in=firms).select_related("firm", "branch")
    if branch.pk:
        taken = taken.exclude(branch=branch)
    clashes = [f"{bf.firm}（{bf.branch}）" for bf in taken]
    if clashes:
        raise ValidationError(
            {
                "firms": _("以下律所已由其他支部覆盖：%(firms)s。一家律所只能属于一个支部。")
                % {"firms": "、".join(clashes)}
            }
        )
    return firms


@transaction.atomic
def branch_create(*, name, kind, founded_on, firms=(), secretary_account=None, **fields):
    """A new branch covering `firms`; `secretary_account`, if given, may keep it."""
    branch = Branch(name=name, kind=kind, founded_on=founded_on, **fields)
    branch.full_clean()
    firms = _check_coverage(branch=branch, kind=kind, firms=firms)
    branch.save()
    BranchFirm.objects.bulk_create([BranchFirm(branch=branch, firm=f) for f in firms])
    if secretary_account is not None:
        branch_grant_secretary(branch=branch, user=secretary_account)
    return branch


@transaction.atomic
def branch_update(*, branch, expected_version, fields, firms=None, secretary_account=None):
    branch.full_clean()
    if firms is not None:
        firms = _check_coverage(branch=branch, kind=branch.kind, firms=firms)
    save_versioned(branch, expected_version=expected_version, fields=fields)
    if firms is not None:
        wanted = {f.pk for f in firms}
        BranchFirm.objects.filter(branch=branch).exclude(firm_id__in=wanted).delete()
        have = set(BranchFirm.objects.filter(branch=branch).values_list("firm_id", flat=True))
        BranchFirm.objects.bulk_create([BranchFirm(branch=branch, firm_id=pk) for pk in wanted - have])
    if secretary_account is not None:
        branch_grant_secretary(branch=branch, user=secretary_account)
    return branch


@transaction.atomic
def branch_set_committee(*, branch, elected_on, seats):
    """Replace the committee: `seats` is a list of (member, position); 3 to 5 full members of the
    branch, or none (no committee)."""
    if seats and not 3 <= len(seats) <= 5:
        raise ValidationError({"members": _("支委会由3至5名委员组成。")})
    if seats and not elected_on:
        raise ValidationError({"elected_on": _("请填写支委会选举日期。")})
    if seats and elected_on < branch.founded_on:
        raise ValidationError({"elected_on": COMMITTEE_BEFORE_FOUNDED})
    for member, _position in seats:
        if member.branch_id != branch.pk or member.stage != Member.Stage.FULL:
            raise ValidationError({"members": _("%(name)s 不是本支部的正式党员。") % {"name": member.name}})
    CommitteeSeat.objects.filter(branch=branch).delete()
    CommitteeSeat.objects.bulk_create([CommitteeSeat(branch=branch, member=m, position=p) for m, p in seats])
    branch.committee_elected_on = elected_on if seats else None
    branch.full_clean()
    save_versioned(branch, expected_version=branch.version, fields=["committee_elected_on"])
    return branch


@transaction.atomic
def branch_grant_secretary(*, branch, user):
    """The user's account may record this branch's meetings and see its members."""
    assign_perm(MANAGE_BRANCH, user, branch)


@transaction.atomic
def branch_revoke_secretary(*, branch, user):
    remove_perm(MANAGE_BRANCH, user, branch)


# ---------------------------------------------------------------- members


def _check_steps(member, *, enforce_training_period):
    """Each step up to the member's stage has a date, in order, none in the future, and (for entries
    made through the forms) an activist trains a full year before becoming a development target."""
    today = timezone.localdate()
    for stage, field in Member.STEP_DATE_FIELDS.items():
        day = getattr(member, field)
        if stage > member.stage:
            if day is not None:
                raise ValidationError({field: _("尚未到该发展阶段，不应填写此日期。")})
            continue
        if day is None:
            raise ValidationError({field: _("请填写“%(step)s”的日期。") % {"step": stage.label}})
        if day > today:
            raise ValidationError({field: _("日期不能晚于今天。")})
    problem = member.step_out_of_order()
    if problem:
        raise ValidationError(dict([problem]))
    if enforce_training_period and member.stage >= Member.Stage.TARGET:
        earliest = member.activist_on + relativedelta(years=ACTIVIST_TRAINING_YEARS)
        if member.target_on < earliest:
            raise ValidationError(
                {
                    "target_on": _("入党积极分子须经一年以上培养考察，最早可于 %(date)s 确定为发展对象。")
                    % {"date": earliest.isoformat()}
                }
            )


def _prepare_member(member):
    if member.lawyer_id:
        member.name = member.lawyer.name
        member.firm_id = member.lawyer.firm_id
    if member.branch_id and member.firm_id and member.branch.kind != Branch.Kind.SECTOR:
        covered = BranchFirm.objects.filter(branch_id=member.branch_id, firm_id=member.firm_id).exists()
        if not covered:
            raise ValidationError({"branch": _("该党员所在律所不在此支部覆盖范围内。")})


@transaction.atomic
def member_create(
    *,
    branch,
    stage,
    name="",
    lawyer=None,
    firm=None,
    archive_docs=(),
    transfer_from="",
    transfer_on=None,
    enforce_training_period=True,
    imported=False,
    **dates,
):
    """Register a member (or applicant). With `transfer_from`, their membership was transferred in
    from another Party organisation on `transfer_on`."""
    member = Member(
        branch=branch,
        stage=stage,
        name=name,
        lawyer=lawyer,
        firm=firm,
        archive_docs=list(archive_docs),
        imported=imported,
        **dates,
    )
    _prepare_member(member)
    member.full_clean()
    _check_steps(member, enforce_training_period=enforce_training_period)
    member.save()
    if transfer_from:
        if not transfer_on:
            raise ValidationError({"transfer_on": _("请填写转入日期。")})
        if transfer_on > timezone.localdate():
            raise ValidationError({"transfer_on": _("转入日期不能晚于今天。")})
        if transfer_on < branch.founded_on:
            raise ValidationError({"transfer_on": _("转入日期不能早于支部成立日期。")})
        Transfer.objects.create(
            member=member,
            direction=Transfer.Direction.IN,
            branch=branch,
            other_organisation=transfer_from,
            on_date=transfer_on,
        )
    return member


@transaction.atomic
def members_import(*, branch, rows, first_line=1):
    """Bulk registration from an earlier register: the dates are kept as recorded even where an
    activist became a development target too early (the checks list those). Every row is checked and
    one bad row refuses them all; `first_line` numbers the rows in the messages (2 for a CSV file
    under its header)."""
    members, errors = [], []
    for line, row in enumerate(rows, start=first_line):
        try:
            members.append(member_create(branch=branch, enforce_training_period=False, imported=True, **row))
        except ValidationError as exc:
            label = row.get("name") or getattr(row.get("lawyer"), "name", "")
            errors.append(
                _("第 %(line)s 行（%(name)s）：%(problems)s")
                % {"line": line, "name": label, "problems": "；".join(exc.messages)}
            )
    if errors:
        raise ValidationError({"file": errors})
    return members


@transaction.atomic
def member_advance(*, member, on_date):
    """Take the next development step on `on_date`."""
    member = Member.objects.select_for_update().get(pk=member.pk)
    if member.status != Member.Status.ACTIVE:
        raise ValidationError(_("已转出的党员不能在本县登记发展步骤。"))
    if member.stage == Member.Stage.FULL:
        raise ValidationError(_("已是正式党员。"))
    next_stage = Member.Stage(member.stage + 1)
    field = Member.STEP_DATE_FIELDS[next_stage]
    member.stage = next_stage
    setattr(member, field, on_date)
    try:
        # The one-year training rule binds the step being taken now; an earlier step imported as
        # recorded (and listed by the checks) must not block the later ones.
        _check_steps(member, enforce_training_period=next_stage == Member.Stage.TARGET)
    except ValidationError as exc:
        raise ValidationError({"on_date": exc.message_dict.get(field) or exc.messages}) from None
    member.version += 1
    member.save(update_fields=["stage", field, "version"])
    return member


@transaction.atomic
def member_set_archive(*, member, expected_version, docs):
    member.archive_docs = sorted(set(docs))
    member.full_clean()
    save_versioned(member, expected_version=expected_version, fields=["archive_docs"])
    return member


@transaction.atomic
def member_transfer(*, member, on_date, to_branch=None, to_organisation="", note=""):
    """组织关系转出: to another branch of the county (`to_branch`) or out of it (`to_organisation`)."""
    member = Member.objects.select_for_update(of=("self",)).select_related("branch").get(pk=member.pk)
    if member.status != Member.Status.ACTIVE:
        raise ValidationError(_("该党员的组织关系已转出。"))
    if not to_branch and not to_organisation:
        raise ValidationError({"to_organisation": _("请选择转入的本县支部，或填写转入的党组织。")})
    if to_branch and to_branch.pk == member.branch_id:
        raise ValidationError({"to_branch": _("转入支部与当前支部相同。")})
    last = member.transfers.order_by("-on_date").first()
    if on_date > timezone.localdate() or (last and on_date < last.on_date):
        raise ValidationError({"on_date": _("转接日期不合理：不能晚于今天，也不能早于上次转接。")})
    joined = member.applied_on or member.probationary_on or member.full_on
    if not last and joined and on_date < joined:
        message = _("转接日期不能早于该党员的入党申请日期（%(date)s）。")
        raise ValidationError({"on_date": message % {"date": joined.isoformat()}})
    if to_branch and on_date < to_branch.founded_on:
        raise ValidationError({"on_date": _("转接日期不能早于转入支部的成立日期。")})
    old = member.branch
    Transfer.objects.create(
        member=member,
        direction=Transfer.Direction.OUT,
        branch=old,
        other_organisation=str(to_branch) if to_branch else to_organisation,
        on_date=on_date,
        note=note,
    )
    CommitteeSeat.objects.filter(member=member).delete()  # a seat belongs to the old branch
    if to_branch:
        member.branch = to_branch
        _prepare_member(member)
        Transfer.objects.create(
            member=member,
            direction=Transfer.Direction.IN,
            branch=to_branch,
            other_organisation=str(old),
            on_date=on_date,
            note=note,
        )
    else:
        member.branch = None
        member.status = Member.Status.TRANSFERRED_OUT
    Branch.objects.filter(secretary=member).exclude(pk=member.branch_id).update(secretary=None)
    member.version += 1
    member.save(update_fields=["branch", "status", "version"])
    return member


# ---------------------------------------------------------------- meetings

# The content type stored with an accepted meeting attachment, by extension.
EXTENSIONS = {".jpg": "image/jpeg", ".jpeg": "image/jpeg", ".png": "image/png", ".pdf": "application/pdf"}


def check_attachment(upload, max_bytes=None):
    """The content type of an accepted upload, judged by its first bytes; ValidationError otherwise."""
    max_bytes = max_bytes or PartySettings.load().attachment_max_bytes
    if upload.size > max_bytes:
        raise ValidationError(
            _("文件“%(name)s”超过 %(mb)s MB 的大小上限。")
            % {"name": upload.name, "mb": max_bytes // (1024 * 1024)}
        )
    extension = checked_extension(upload, PDF_AND_IMAGES)
    if extension is None:
        raise ValidationError(
            _("文件“%(name)s”不是可接受的照片（JPEG、PNG）或 PDF 文件。") % {"name": upload.name}
        )
    return EXTENSIONS[extension]


@transaction.atomic
def meeting_record(
    *, branch, kind, held_on, topic, host, user, minutes="", present=(), absent=None, files=()
):
    """Record a meeting with its attendance. `present` is a list of members, `absent` maps members to
    the reason they gave. Every attendee must be on the branch's rolls."""
    absent = absent or {}
    if held_on > timezone.localdate():
        raise ValidationError({"held_on": _("会议日期不能晚于今天。")})
    if held_on < branch.founded_on:
        raise ValidationError({"held_on": _("会议日期不能早于支部成立日期。")})
    people = list(present) + list(absent)
    if len({m.pk for m in people}) != len(people):
        raise ValidationError({"present": _("同一党员不能既出席又缺席。")})
    strangers = [m for m in people if m.branch_id != branch.pk or m.status != Member.Status.ACTIVE]
    if strangers:
        # A count, not names: the secretary of one branch must not learn who is on another's rolls.
        raise ValidationError(
            {"present": _("参会人员中有%(n)s人不是本支部在册党员。") % {"n": len(strangers)}}
        )
    missing_reason = [m.name for m, reason in absent.items() if not (reason or "").strip()]
    if missing_reason:
        raise ValidationError(
            {"absent": _("请填写缺席原因：%(names)s。") % {"names": "、".join(missing_reason)}}
        )
    max_bytes = PartySettings.load().attachment_max_bytes
    types = [check_attachment(f, max_bytes) for f in files]
    meeting = Meeting(
        branch=branch, kind=kind, held_on=held_on, topic=topic, host=host, minutes=minutes, recorded_by=user
    )
    meeting.full_clean()
    meeting.save()
    Attendance.objects.bulk_create(
        [Attendance(meeting=meeting, member=m, present=True) for m in present]
        + [
            Attendance(meeting=meeting, member=m, present=False, absence_reason=r.strip())
            for m, r in absent.items()
        ]
    )
    for upload, content_type in zip(files, types, strict=True):
        _save_attachment(meeting, upload, content_type, user)
    return meeting


def _save_attachment(meeting, upload, content_type, user):
    attachment = Attachment(
        meeting=meeting,
        original_name=os.path.basename(upload.name)[:200],
        content_type=content_type,
        size=upload.size,
        uploaded_by=user,
    )
    attachment.file.save(upload.name, upload, save=False)
    attachment.save()
    return attachment


@transaction.atomic
def attachment_add(*, meeting, upload, user):
    content_type = check_attachment(upload)
    return _save_attachment(meeting, upload, content_type, user)


# ---------------------------------------------------------------- liaison officers


@transaction.atomic
def liaison_create(*, name, firms=(), phone="", position=""):
    officer = LiaisonOfficer(name=name, phone=phone, position=position)
    officer.full_clean()
    officer.save()
    officer.firms.set(firms)
    return officer


@transaction.atomic
def liaison_training_record(*, title, held_on, hours, organiser="", attendees=()):
    training = LiaisonTraining(title=title, held_on=held_on, hours=hours, organiser=organiser)
    training.full_clean()
    training.save()
    training.attendees.set(attendees)
    return training
