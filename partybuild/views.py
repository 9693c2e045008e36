from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Count, Prefetch, Sum
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from bureau.permissions import bureau_required

from . import checks, selectors, services
from .forms import (
    AdvanceForm,
    ArchiveForm,
    BranchForm,
    CommitteeForm,
    ImportForm,
    LiaisonForm,
    MeetingForm,
    MemberForm,
    TrainingForm,
    TransferForm,
)
from .imports import IMPORT_COLUMNS, parse_members_csv
from .models import Attachment, Branch, CommitteeSeat, LiaisonOfficer, LiaisonTraining, Meeting, Member


def _is_id(text):
    """ASCII digits only: str.isdigit() also accepts "²", which int() refuses."""
    return text.isascii() and text.isdecimal()


def _apply_errors(form, exc):
    """Put a service's ValidationError on the form: on the named fields where the form has them."""
    if hasattr(exc, "error_dict"):
        for field, errors in exc.message_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, exc.messages)


def _year(request):
    try:
        year = int(request.GET.get("year", ""))
    except ValueError:
        year = timezone.localdate().year
    return year if 2000 <= year <= 2100 else timezone.localdate().year


def _get_branch_for_user(request, branch_id, *, edit=False):
    branch = get_object_or_404(selectors.visible_branches(request.user), pk=branch_id)
    if edit and not selectors.can_edit_party(request.user):
        raise PermissionDenied
    return branch


def _get_member_for_user(request, member_id, *, edit=False):
    member = get_object_or_404(selectors.member_detail_queryset(request.user), pk=member_id)
    if edit and not selectors.can_edit_party(request.user):
        raise PermissionDenied
    return member


def _get_meeting_for_user(request, meeting_id):
    return get_object_or_404(selectors.meeting_detail_queryset(request.user), pk=meeting_id)


# ---------------------------------------------------------------- overview and branches


def index(request):
    if not selectors.may_use_party(request.user):
        raise PermissionDenied
    branches = list(selectors.branch_list(request.user))
    context = {"branches": branches, "can_edit": selectors.can_edit_party(request.user)}
    if context["can_edit"]:
        year = _year(request)
        context.update(year=year, figures=selectors.year_figures(year))
    return render(request, "partybuild/index.html", context)


@bureau_required
def branch_create(request):
    initial = {"founded_on": timezone.localdate()}
    if request.GET.get("firm"):
        initial.update(firms=[request.GET["firm"]], kind=Branch.Kind.OWN)
    form = BranchForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        fields = {k: v for k, v in data.items() if k not in ("firms", "secretary_account", "version")}
        try:
            branch = services.branch_create(firms=data["firms"], **fields)
            if data["secretary_account"]:
                services.branch_grant_secretary(branch=branch, user=data["secretary_account"])
        except ValidationError as exc:
            _apply_errors(form, exc)
        else:
            messages.success(request, _("党支部已建立。"))
            return redirect("partybuild:branch_detail", branch_id=branch.pk)
    return render(request, "partybuild/branch_form.html", {"form": form})


def branch_detail(request, branch_id):
    branch = get_object_or_404(
        selectors.visible_branches(request.user)
        .select_related("liaison", "secretary")
        .prefetch_related(
            "firms", Prefetch("committee", queryset=CommitteeSeat.objects.select_related("member"))
        ),
        pk=branch_id,
    )
    members = list(selectors.branch_members(request.user, branch).filter(status=Member.Status.ACTIVE))
    meetings = list(selectors.meeting_list(request.user, branch=branch)[:20])
    for m in meetings:
        m.rate = selectors.attendance_rate(m.present_count, m.invited_count)
    can_edit = selectors.can_edit_party(request.user)
    return render(
        request,
        "partybuild/branch_detail.html",
        {
            "branch": branch,
            "accounts": list(selectors.secretary_accounts(branch)) if can_edit else [],
            "members": members,
            "meetings": meetings,
            "can_edit": selectors.can_edit_party(request.user),
            "can_record": selectors.can_record_meetings(request.user, branch),
            "criteria": [(c, label, c in branch.standard_criteria) for c, label in Branch.Criterion.choices],
        },
    )


def branch_edit(request, branch_id):
    branch = _get_branch_for_user(request, branch_id, edit=True)
    form = BranchForm(request.POST or None, instance=branch, initial={"firms": list(branch.firms.all())})
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        fields = [f for f in BranchForm.Meta.fields if f != "firms"]
        try:
            services.branch_update(
                branch=form.instance,
                expected_version=data["version"] or 0,
                fields=fields,
                firms=data["firms"],
            )
            if data["secretary_account"]:
                services.branch_grant_secretary(branch=branch, user=data["secretary_account"])
        except ValidationError as exc:
            _apply_errors(form, exc)
        else:
            messages.success(request, _("已保存。"))
            return redirect("partybuild:branch_detail", branch_id=branch.pk)
    return render(request, "partybuild/branch_form.html", {"form": form, "branch": branch})


@require_POST
def branch_revoke_secretary(request, branch_id, user_id):
    branch = _get_branch_for_user(request, branch_id, edit=True)
    user = get_object_or_404(selectors.secretary_accounts(branch), pk=user_id)
    services.branch_revoke_secretary(branch=branch, user=user)
    messages.success(request, _("已收回 %(user)s 的支部管理权限。") % {"user": user.display_name})
    return redirect("partybuild:branch_detail", branch_id=branch.pk)


def members_import(request, branch_id):
    """CSV import of members from an earlier register (the bureau's spreadsheet). Every row is checked;
    one bad row refuses the whole file. Early development steps are kept and listed by the checks."""
    branch = _get_branch_for_user(request, branch_id, edit=True)
    form = ImportForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        try:
            rows = parse_members_csv(form.cleaned_data["file"], branch=branch)
            members = services.members_import(branch=branch, rows=rows, first_line=2)
        except ValidationError as exc:
            _apply_errors(form, exc)
        else:
            messages.success(request, _("已导入 %(n)s 名。") % {"n": len(members)})
            return redirect("partybuild:branch_detail", branch_id=branch.pk)
    return render(
        request,
        "partybuild/import_form.html",
        {"form": form, "branch": branch, "columns": IMPORT_COLUMNS},
        status=400 if request.method == "POST" else 200,
    )


def branch_committee(request, branch_id):
    branch = _get_branch_for_user(request, branch_id, edit=True)
    current = [seat.member for seat in branch.committee.select_related("member")]
    form = CommitteeForm(
        request.POST or None,
        branch=branch,
        initial={"elected_on": branch.committee_elected_on, "members": current},
    )
    if request.method == "POST" and form.is_valid():
        seats = [
            (
                m,
                CommitteeSeat.Position.SECRETARY
                if m.pk == branch.secretary_id
                else CommitteeSeat.Position.MEMBER,
            )
            for m in form.cleaned_data["members"]
        ]
        try:
            services.branch_set_committee(
                branch=branch, elected_on=form.cleaned_data["elected_on"], seats=seats
            )
        except ValidationError as exc:
            _apply_errors(form, exc)
        else:
            messages.success(request, _("支委会已保存。"))
            return redirect("partybuild:branch_detail", branch_id=branch.pk)
    return render(request, "partybuild/committee_form.html", {"form": form, "branch": branch})


# ---------------------------------------------------------------- members


@bureau_required
def member_create(request):
    initial = {"stage": Member.Stage.APPLICANT}
    if request.GET.get("branch"):
        initial["branch"] = request.GET["branch"]
    form = MemberForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        try:
            member = services.member_create(**data)
        except ValidationError as exc:
            _apply_errors(form, exc)
        else:
            messages.success(request, _("已登记：%(name)s。") % {"name": member.name})
            if "another" in request.POST:
                return redirect(f"{request.path}?branch={member.branch_id}")
            return redirect("partybuild:member_detail", member_id=member.pk)
    return render(request, "partybuild/member_form.html", {"form": form})


def member_detail(request, member_id, forms=None):
    member = _get_member_for_user(request, member_id)
    forms = forms or {}
    can_edit = selectors.can_edit_party(request.user)
    held = set(member.archive_docs)
    archive = [(doc, label, doc in held, doc in member.required_docs()) for doc, label in Member.Doc.choices]
    next_stage = Member.Stage(member.stage + 1) if member.stage < Member.Stage.FULL else None
    context = {
        "member": member,
        "can_edit": can_edit and member.status == Member.Status.ACTIVE,
        "archive": archive,
        "missing": member.missing_docs(),
        "next_stage": next_stage,
        "advance_form": forms.get("advance") or AdvanceForm(initial={"on_date": timezone.localdate()}),
        "archive_form": forms.get("archive")
        or ArchiveForm(initial={"docs": member.archive_docs, "version": member.version}),
        "transfer_form": forms.get("transfer") or TransferForm(initial={"on_date": timezone.localdate()}),
    }
    return render(request, "partybuild/member_detail.html", context, status=400 if forms else 200)


@require_POST
def member_advance(request, member_id):
    member = _get_member_for_user(request, member_id, edit=True)
    form = AdvanceForm(request.POST)
    if form.is_valid():
        try:
            member = services.member_advance(member=member, on_date=form.cleaned_data["on_date"])
        except ValidationError as exc:
            _apply_errors(form, exc)
        else:
            messages.success(request, _("已登记为%(stage)s。") % {"stage": member.get_stage_display()})
            return redirect("partybuild:member_detail", member_id=member.pk)
    return member_detail(request, member_id, forms={"advance": form})


@require_POST
def member_archive(request, member_id):
    member = _get_member_for_user(request, member_id, edit=True)
    form = ArchiveForm(request.POST)
    if form.is_valid():
        try:
            services.member_set_archive(
                member=member, expected_version=form.cleaned_data["version"], docs=form.cleaned_data["docs"]
            )
        except ValidationError as exc:
            _apply_errors(form, exc)
        else:
            messages.success(request, _("档案材料已更新。"))
            return redirect("partybuild:member_detail", member_id=member.pk)
    return member_detail(request, member_id, forms={"archive": form})


@require_POST
def member_transfer(request, member_id):
    member = _get_member_for_user(request, member_id, edit=True)
    form = TransferForm(request.POST)
    if form.is_valid():
        try:
            services.member_transfer(member=member, **form.cleaned_data)
        except ValidationError as exc:
            _apply_errors(form, exc)
        else:
            messages.success(request, _("组织关系转接已登记。"))
            return redirect("partybuild:member_detail", member_id=member.pk)
    return member_detail(request, member_id, forms={"transfer": form})


# ---------------------------------------------------------------- meetings


def meeting_list(request):
    if not selectors.may_use_party(request.user):
        raise PermissionDenied
    branches = selectors.visible_branches(request.user).order_by("name")
    branch = None
    if request.GET.get("branch"):
        branch = (
            get_object_or_404(branches, pk=request.GET["branch"])
            if request.GET["branch"].isdecimal() and request.GET["branch"].isascii()
            else None
        )
    year = _year(request)
    kind = request.GET.get("kind") if request.GET.get("kind") in Meeting.Kind.values else None
    # Bounded: the newest 200 of the filter; a year of a county's meetings fits.
    meetings = list(selectors.meeting_list(request.user, branch=branch, year=year, kind=kind)[:200])
    for m in meetings:
        m.rate = selectors.attendance_rate(m.present_count, m.invited_count)
    recordable = (
        branches
        if selectors.can_edit_party(request.user)
        else branches.filter(id__in=selectors.secretary_branch_ids(request.user))
    )
    return render(
        request,
        "partybuild/meeting_list.html",
        {
            "meetings": meetings,
            "branches": list(branches),
            "recordable": list(recordable),
            "branch": branch,
            "year": year,
            "kind": kind,
            "kinds": Meeting.Kind.choices,
        },
    )


def meeting_create(request):
    branch_id = request.GET.get("branch") or request.POST.get("branch") or ""
    if not _is_id(branch_id):
        raise Http404
    branch = _get_branch_for_user(request, int(branch_id))
    if not selectors.can_record_meetings(request.user, branch):
        raise PermissionDenied
    members = list(
        Member.objects.filter(
            branch=branch, status=Member.Status.ACTIVE, stage__gte=Member.Stage.PROBATIONARY
        ).order_by("name")
    )
    initial = {"held_on": timezone.localdate()}
    if request.GET.get("kind") in Meeting.Kind.values:
        initial["kind"] = request.GET["kind"]
    form = MeetingForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        present, absent = form.attendance()
        try:
            meeting = services.meeting_record(
                branch=branch,
                user=request.user,
                present=present,
                absent=absent,
                files=request.FILES.getlist("attachments"),
                **form.cleaned_data,
            )
        except ValidationError as exc:
            _apply_errors(form, exc)
        else:
            messages.success(request, _("会议记录已保存。"))
            return redirect("partybuild:meeting_detail", meeting_id=meeting.pk)
    marks = {key[4:]: value for key, value in request.POST.items() if key.startswith("att_")}
    rows = [
        (
            m,
            marks.get(str(m.pk), "present" if request.method == "GET" else ""),
            request.POST.get(f"reason_{m.pk}", ""),
        )
        for m in members
    ]
    return render(
        request,
        "partybuild/meeting_form.html",
        {"form": form, "branch": branch, "rows": rows},
        status=400 if request.method == "POST" else 200,
    )


def meeting_detail(request, meeting_id):
    meeting = _get_meeting_for_user(request, meeting_id)
    attendance = list(meeting.attendance.all())
    present = sum(1 for a in attendance if a.present)
    return render(
        request,
        "partybuild/meeting_detail.html",
        {
            "meeting": meeting,
            "attendance": attendance,
            "present": present,
            "rate": selectors.attendance_rate(present, len(attendance)),
            "can_record": selectors.can_record_meetings(request.user, meeting.branch),
        },
    )


@require_POST
def attachment_upload(request, meeting_id):
    meeting = _get_meeting_for_user(request, meeting_id)
    if not selectors.can_record_meetings(request.user, meeting.branch):
        raise PermissionDenied
    upload = request.FILES.get("file")
    if upload is None:
        messages.error(request, _("请选择文件。"))
    else:
        try:
            services.attachment_add(meeting=meeting, upload=upload, user=request.user)
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
        else:
            messages.success(request, _("附件已上传。"))
    return redirect("partybuild:meeting_detail", meeting_id=meeting.pk)


def attachment_download(request, attachment_id):
    attachment = get_object_or_404(
        Attachment.objects.filter(meeting__in=selectors.visible_meetings(request.user)), pk=attachment_id
    )
    return FileResponse(
        attachment.file.open("rb"),
        content_type=attachment.content_type,
        filename=attachment.original_name,
        as_attachment=attachment.content_type == "application/pdf",
    )


# ---------------------------------------------------------------- checks and liaison officers


# Rows shown per check; the heading gives the full count. Keeps the page small at province scale.
CHECK_ROWS = 100


@bureau_required
def check_list(request):
    year = _year(request)
    findings = checks.all_findings(year, limit=CHECK_ROWS)
    counts = findings["counts"]
    return render(
        request,
        "partybuild/checks.html",
        {"year": year, "f": findings, "counts": counts, "total": sum(counts.values()), "limit": CHECK_ROWS},
    )


@bureau_required
def liaison_list(request):
    officers = (
        LiaisonOfficer.objects.prefetch_related("firms", "branches")
        .annotate(
            training_count=Count("trainings", distinct=True),
            training_hours=Sum("trainings__hours"),
        )
        .order_by("name")
    )
    trainings = LiaisonTraining.objects.prefetch_related("attendees").order_by("-held_on")[:50]
    liaison_form = LiaisonForm(request.POST if "liaison" in request.POST else None, prefix="l")
    training_form = TrainingForm(request.POST if "training" in request.POST else None, prefix="t")
    if request.method == "POST":
        try:
            if "liaison" in request.POST and liaison_form.is_valid():
                services.liaison_create(**liaison_form.cleaned_data)
                messages.success(request, _("联络员已登记。"))
                return redirect("partybuild:liaison_list")
            if "training" in request.POST and training_form.is_valid():
                services.liaison_training_record(**training_form.cleaned_data)
                messages.success(request, _("培训已登记。"))
                return redirect("partybuild:liaison_list")
        except ValidationError as exc:
            _apply_errors(liaison_form if "liaison" in request.POST else training_form, exc)
    return render(
        request,
        "partybuild/liaisons.html",
        {
            "officers": officers,
            "trainings": trainings,
            "liaison_form": liaison_form,
            "training_form": training_form,
        },
    )
