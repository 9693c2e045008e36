"""Member pages: registration, a member's page and its development, archive and transfer forms."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from bureau.forms import apply_errors
from bureau.permissions import bureau_required

from .. import selectors, services
from ..forms import AdvanceForm, ArchiveForm, MemberForm, TransferForm
from ..models import Member
from .common import get_member_for_user


@bureau_required
def member_create(request):
    initial = {"stage": Member.Stage.APPLICANT, "applied_on": timezone.localdate()}
    if request.GET.get("branch"):
        initial["branch"] = request.GET["branch"]
    form = MemberForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        try:
            member = services.member_create(**data)
        except ValidationError as exc:
            apply_errors(form, exc)
        else:
            messages.success(request, _("已登记：%(name)s。") % {"name": member.name})
            if "another" in request.POST:
                return redirect(f"{request.path}?branch={member.branch_id}")
            return redirect("partybuild:member_detail", member_id=member.pk)
    return render(request, "partybuild/member_form.html", {"form": form})


def member_detail(request, member_id, forms=None):
    member = get_member_for_user(request, member_id)
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
    member = get_member_for_user(request, member_id, edit=True)
    form = AdvanceForm(request.POST)
    if form.is_valid():
        try:
            member = services.member_advance(member=member, on_date=form.cleaned_data["on_date"])
        except ValidationError as exc:
            apply_errors(form, exc)
        else:
            messages.success(request, _("已登记为%(stage)s。") % {"stage": member.get_stage_display()})
            return redirect("partybuild:member_detail", member_id=member.pk)
    return member_detail(request, member_id, forms={"advance": form})


@require_POST
def member_archive(request, member_id):
    member = get_member_for_user(request, member_id, edit=True)
    form = ArchiveForm(request.POST)
    if form.is_valid():
        try:
            services.member_set_archive(
                member=member, expected_version=form.cleaned_data["version"], docs=form.cleaned_data["docs"]
            )
        except ValidationError as exc:
            apply_errors(form, exc)
        else:
            messages.success(request, _("档案材料已更新。"))
            return redirect("partybuild:member_detail", member_id=member.pk)
    return member_detail(request, member_id, forms={"archive": form})


@require_POST
def member_transfer(request, member_id):
    member = get_member_for_user(request, member_id, edit=True)
    form = TransferForm(request.POST)
    if form.is_valid():
        try:
            services.member_transfer(member=member, **form.cleaned_data)
        except ValidationError as exc:
            apply_errors(form, exc)
        else:
            messages.success(request, _("组织关系转接已登记。"))
            return redirect("partybuild:member_detail", member_id=member.pk)
    return member_detail(request, member_id, forms={"transfer": form})
