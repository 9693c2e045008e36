"""三会一课 pages: the meeting list, recording a meeting, a meeting and its attachments."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from bureau.downloads import file_response
from bureau.forms import apply_errors
from bureau.http import int_param, year_param

from .. import selectors, services
from ..filters import MeetingFilter
from ..forms import MeetingForm
from ..models import Attachment, Meeting, Member
from .common import get_branch_for_user, get_meeting_for_user


def meeting_list(request):
    if not selectors.may_use_party(request.user):
        raise PermissionDenied
    branches = selectors.visible_branches(request.user).order_by("name")
    year = year_param(request)
    filterset = MeetingFilter(
        request.GET, queryset=selectors.meeting_list(request.user, year=year), branches=branches
    )
    # Bounded: the newest 200 of the filter; a year of a county's meetings fits.
    meetings = list(filterset.qs[:200])
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
            "branch": filterset.form.cleaned_data.get("branch"),
            "year": year,
            "kind": filterset.form.cleaned_data.get("kind"),
            "kinds": Meeting.Kind.choices,
        },
    )


def meeting_create(request):
    # The branch comes in the query string when the form is opened and with the posted form.
    branch_id = int_param(request.GET, "branch", default=None) or int_param(
        request.POST, "branch", default=None
    )
    if branch_id is None:
        raise Http404
    branch = get_branch_for_user(request, branch_id)
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
            apply_errors(form, exc)
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
    meeting = get_meeting_for_user(request, meeting_id)
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
    meeting = get_meeting_for_user(request, meeting_id)
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
    return file_response(
        request,
        attachment.file,
        record=attachment,
        content_type=attachment.content_type,
        filename=attachment.original_name,
        as_attachment=attachment.content_type == "application/pdf",
    )
