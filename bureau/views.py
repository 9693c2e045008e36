import redis
from django.apps import apps
from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.db import connection
from django.http import FileResponse, Http404, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from . import selectors
from .jobs import job_request, job_retry
from .models import Job
from .permissions import Role, bureau_required, is_bureau, primary_role, role_required
from .selfcheck import KIND as SELFCHECK


def dashboard(request):
    role = primary_role(request.user)
    if role in (Role.BUREAU_ADMIN, Role.BUREAU_STAFF):
        context = selectors.bureau_dashboard(request.user)
        template = "bureau/dashboard_bureau.html"
    elif role == Role.INSPECTOR:
        context = selectors.inspector_dashboard(request.user)
        template = "bureau/dashboard_inspector.html"
    elif role == Role.FIRM_DIRECTOR:
        context = selectors.director_dashboard(request.user)
        template = "bureau/dashboard_director.html"
    else:
        context, template = {}, "bureau/dashboard_none.html"
    return render(request, template, context)


def _check_database():
    with connection.cursor() as cursor:
        cursor.execute("select 1")


def _check_redis():
    redis.Redis.from_url(settings.REDIS_URL, socket_connect_timeout=2, socket_timeout=2).ping()


@login_not_required
@never_cache
def healthz(request):
    failures = {}
    for name, check in (("database", _check_database), ("redis", _check_redis)):
        try:
            check()
        except Exception as exc:
            failures[name] = type(exc).__name__
    if failures:
        return JsonResponse({"status": "fail", "failed": failures}, status=503)
    return JsonResponse({"status": "ok"})


def _get_job_for_user(request, job_id):
    job = get_object_or_404(Job.objects.select_related("created_by"), pk=job_id)
    if not (is_bureau(request.user) or job.created_by_id == request.user.pk):
        raise Http404
    return job


def job_detail(request, job_id):
    job = _get_job_for_user(request, job_id)
    template = "bureau/_job_progress.html" if request.htmx else "bureau/job_detail.html"
    return render(request, template, {"job": job})


def job_download(request, job_id):
    job = _get_job_for_user(request, job_id)
    if job.status != Job.Status.DONE or not job.result_file:
        raise Http404
    return FileResponse(
        job.result_file.open("rb"), as_attachment=True, filename=job.result_file.name.rsplit("/", 1)[-1]
    )


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


@bureau_required
def history(request, app_label, model_name, object_id):
    """The audit trail of one record: who changed what, and when."""
    try:
        model = apps.get_model(app_label, model_name)
    except LookupError:
        raise Http404 from None
    if not selectors.is_audited(model):
        raise Http404
    obj = get_object_or_404(model, pk=object_id)
    return render(
        request,
        "bureau/history.html",
        {"object": obj, "model_name": model._meta.verbose_name, "events": selectors.audit_events(obj)},
    )
