from django.contrib import messages
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from ..downloads import file_response
from ..jobs import job_request, job_retry, kind_label
from ..models import Job
from ..permissions import Role, is_bureau, role_required
from ..selfcheck import KIND as SELFCHECK


def _get_job_for_user(request, job_id):
    job = get_object_or_404(Job.objects.select_related("created_by"), pk=job_id)
    if not (is_bureau(request.user) or job.created_by_id == request.user.pk):
        raise Http404
    return job


def job_detail(request, job_id):
    job = _get_job_for_user(request, job_id)
    template = "bureau/_job_progress.html" if request.htmx else "bureau/job_detail.html"
    return render(request, template, {"job": job, "kind_label": kind_label(job.kind)})


def job_download(request, job_id):
    job = _get_job_for_user(request, job_id)
    if job.status != Job.Status.DONE or not job.result_file:
        raise Http404
    return file_response(request, job.result_file, record=job)


@require_POST
def job_retry_view(request, job_id):
    job = _get_job_for_user(request, job_id)
    job_retry(job=job)
    return redirect("job_detail", job_id=job.pk)


@require_POST
@role_required(Role.BUREAU_ADMIN)
def selfcheck_request(request):
    job, created = job_request(kind=SELFCHECK, user=request.user, dedupe_key="system")
    if not created:
        messages.info(request, _("系统自检正在进行，已为您打开该任务。"))
    return redirect("job_detail", job_id=job.pk)
