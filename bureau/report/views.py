from django.contrib import messages
from django.db import transaction
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from bureau.downloads import file_response
from bureau.jobs import job_request, job_retry
from bureau.models import Job, YearlyReport
from bureau.permissions import bureau_required

from .build import KIND


def _sent(job):
    """Whether the broker has the job's message. The send ran on commit, with its own timeouts
    (bureau.jobs.enqueue); asking Redis again here would double the wait on a hung broker."""
    job.refresh_from_db(fields=["status", "sent_at"])
    return job.status != Job.Status.QUEUED or job.sent_at is not None


@transaction.atomic
def report_request(*, year, user):
    """Ask for the report of a year. While one for that year is queued or running, the request joins
    it. Returns (report, created)."""
    job, created = job_request(kind=KIND, user=user, params={"year": year}, dedupe_key=str(year))
    if created:
        return YearlyReport.objects.create(year=year, job=job, requested_by=user), True
    return YearlyReport.objects.get(job=job), False


class StaleSummaryEdit(Exception):
    """The summary was saved by someone else since this edit began."""


@transaction.atomic
def summary_save(*, report, text, revision, user):
    """Keep the clerk's edit of the drafted summary with this report version. An edit begun from an
    older revision is refused rather than overwriting the newer one."""
    locked = YearlyReport.objects.select_for_update().get(pk=report.pk)
    if locked.summary_revision != revision:
        raise StaleSummaryEdit
    locked.summary_edited = text.strip().replace("\r\n", "\n")
    locked.summary_edited_by = user
    locked.summary_edited_at = timezone.now()
    locked.summary_revision += 1
    locked.save(
        update_fields=["summary_edited", "summary_edited_by", "summary_edited_at", "summary_revision"]
    )
    return locked


def _years():
    this_year = timezone.localdate().year
    return list(range(this_year, this_year - 8, -1))


@bureau_required
def report_list(request):
    if request.method == "POST":
        try:
            year = int(request.POST.get("year", ""))
        except ValueError:
            year = 0
        if year not in _years():
            messages.error(request, _("请选择有效的年度。"))
            return redirect("reports:list")
        report, created = report_request(year=year, user=request.user)
        if not created:
            messages.info(request, _("%(year)s年度报告正在生成，已为您打开该任务。") % {"year": year})
        if not _sent(report.job):
            messages.warning(
                request, _("后台任务服务暂时不可用。您的请求已记录，服务恢复后将自动开始生成，无需重复提交。")
            )
        return redirect("reports:detail", report_id=report.pk)
    reports = YearlyReport.objects.select_related("job", "requested_by").order_by("-requested_at")[:50]
    return render(request, "bureau/report_list.html", {"reports": reports, "years": _years()})


def _get_report(report_id):
    return get_object_or_404(YearlyReport.objects.select_related("job", "requested_by"), pk=report_id)


@bureau_required
def report_detail(request, report_id):
    report = _get_report(report_id)
    template = "bureau/_report_progress.html" if request.htmx else "bureau/report_detail.html"
    return render(request, template, {"report": report, "job": report.job})


@require_POST
@bureau_required
def report_summary(request, report_id):
    report = _get_report(report_id)
    if report.job.status != Job.Status.DONE:
        raise Http404
    text = request.POST.get("summary", "")
    try:
        revision = int(request.POST.get("revision", ""))
    except ValueError:
        revision = -1
    if not text.strip():
        messages.error(request, _("工作总结不能为空；如需恢复草稿，请复制草稿后保存。"))
    elif len(text) > 20000:
        messages.error(request, _("工作总结不能超过20000字。"))
    else:
        try:
            summary_save(report=report, text=text, revision=revision, user=request.user)
        except StaleSummaryEdit:
            messages.error(request, _("该总结已被他人修改，请查看最新内容后再保存。"))
        else:
            messages.success(request, _("修改稿已保存到本版本报告。"))
    return redirect("reports:detail", report_id=report.pk)


@require_POST
@bureau_required
def report_retry(request, report_id):
    report = _get_report(report_id)
    job_retry(job=report.job)
    return redirect("reports:detail", report_id=report.pk)


def _download(request, report, field, filename):
    file = getattr(report, field)
    if report.job.status != Job.Status.DONE or not file:
        raise Http404
    return file_response(request, file, record=report, filename=filename)


@bureau_required
def report_pdf(request, report_id):
    report = _get_report(report_id)
    return _download(request, report, "pdf", f"yearly-report-{report.year}-{report.pk}.pdf")


@bureau_required
def report_xlsx(request, report_id):
    report = _get_report(report_id)
    return _download(request, report, "xlsx", f"yearly-report-{report.year}-{report.pk}.xlsx")
