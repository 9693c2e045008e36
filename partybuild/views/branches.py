"""Branch pages: the overview, a branch, its coverage, committee, secretaries and member import."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Prefetch
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from bureau.forms import apply_errors
from bureau.http import year_param
from bureau.permissions import bureau_required

from .. import selectors, services
from ..forms import BranchForm, CommitteeForm, ImportForm
from ..imports import IMPORT_COLUMNS, parse_members_csv
from ..models import Branch, CommitteeSeat, Member
from .common import get_branch_for_user


def index(request):
    if not selectors.may_use_party(request.user):
        raise PermissionDenied
    branches = list(selectors.branch_list(request.user))
    context = {"branches": branches, "can_edit": selectors.can_edit_party(request.user)}
    if context["can_edit"]:
        year = year_param(request)
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
            branch = services.branch_create(
                firms=data["firms"], secretary_account=data["secretary_account"], **fields
            )
        except ValidationError as exc:
            apply_errors(form, exc)
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
    branch = get_branch_for_user(request, branch_id, edit=True)
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
                secretary_account=data["secretary_account"],
            )
        except ValidationError as exc:
            apply_errors(form, exc)
        else:
            messages.success(request, _("已保存。"))
            return redirect("partybuild:branch_detail", branch_id=branch.pk)
    return render(request, "partybuild/branch_form.html", {"form": form, "branch": branch})


@require_POST
def branch_revoke_secretary(request, branch_id, user_id):
    branch = get_branch_for_user(request, branch_id, edit=True)
    user = get_object_or_404(selectors.secretary_accounts(branch), pk=user_id)
    services.branch_revoke_secretary(branch=branch, user=user)
    messages.success(request, _("已收回 %(user)s 的支部管理权限。") % {"user": user.display_name})
    return redirect("partybuild:branch_detail", branch_id=branch.pk)


def members_import(request, branch_id):
    """CSV import of members from an earlier register (the bureau's spreadsheet). Every row is checked;
    one bad row refuses the whole file. Early development steps are kept and listed by the checks."""
    branch = get_branch_for_user(request, branch_id, edit=True)
    form = ImportForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        try:
            rows = parse_members_csv(form.cleaned_data["file"], branch=branch)
            members = services.members_import(branch=branch, rows=rows, first_line=2)
        except ValidationError as exc:
            apply_errors(form, exc)
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
    branch = get_branch_for_user(request, branch_id, edit=True)
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
            apply_errors(form, exc)
        else:
            messages.success(request, _("支委会已保存。"))
            return redirect("partybuild:branch_detail", branch_id=branch.pk)
    return render(request, "partybuild/committee_form.html", {"form": form, "branch": branch})
