"""Background jobs: requesting, running and finishing them. Tasks take a job id and call
execute_job(); handlers are registered per kind with @job_handler."""

import logging
import os
import tempfile
from pathlib import Path

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone

from .models import Job

logger = logging.getLogger(__name__)

_HANDLERS = {}


def job_handler(kind):
    """Register `func(job, report)` as the handler of a job kind. `report(percent, step)` records
    progress; the handler returns None or (file name, bytes) for the job's result file."""

    def register(func):
        _HANDLERS[kind] = func
        return func

    return register


def job_request(*, kind, user=None, params=None, dedupe_key=""):
    """Create a job and queue it after commit. A request with the same dedupe key as a job still
    queued or running joins that job instead. Returns (job, created)."""
    if kind not in _HANDLERS:
        raise ValueError(f"unknown job kind {kind!r}")
    active = Job.objects.filter(
        kind=kind, dedupe_key=dedupe_key, status__in=[Job.Status.QUEUED, Job.Status.RUNNING]
    )
    if dedupe_key and (existing := active.first()):
        return existing, False
    try:
        with transaction.atomic():
            job = Job.objects.create(kind=kind, params=params or {}, dedupe_key=dedupe_key, created_by=user)
    except IntegrityError:
        # Another request with the same key won the race: join it.
        return active.get(), False
    transaction.on_commit(lambda: enqueue(job.id))
    return job, True


def enqueue(job_id):
    """Hand the job to the broker. If the broker is down the job stays queued in the database and
    requeue_stale_jobs sends it again later; the caller is told whether it went through."""
    from .tasks import run_job

    try:
        run_job.apply_async(
            (job_id,),
            retry=True,
            retry_policy={"max_retries": 2, "interval_start": 0.2, "interval_step": 0.5},
        )
    except Exception:  # kombu raises several connection errors; all mean "not sent now"
        logger.exception("could not queue job %s; it stays queued and will be sent again", job_id)
        return False
    return True


def _report(job_id):
    def report(percent, step=""):
        Job.objects.filter(pk=job_id).update(progress=max(0, min(100, int(percent))), step=str(step)[:200])

    return report


def _store_result(job, name, content):
    relative = Path("jobs") / timezone.localdate().strftime("%Y") / f"{job.kind}-{job.pk}-{name}"
    return store_file(relative, content)


def store_file(relative, content):
    """Write media file `relative` to a temporary name in its folder, then move it into place,
    so a reader never sees half a file. Returns the relative name for a FileField."""
    target = Path(settings.MEDIA_ROOT) / relative
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=target.parent, prefix=".tmp-")
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(content)
        os.replace(tmp, target)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return str(relative)


def execute_job(job_id):
    """Run a job once. Safe to call again for the same job: a finished job is left alone, and a
    job found RUNNING is one whose worker was lost (the broker only redelivers then)."""
    with transaction.atomic():
        job = Job.objects.select_for_update().filter(pk=job_id).first()
        if job is None or job.is_finished:
            return
        job.status = Job.Status.RUNNING
        job.attempts += 1
        job.started_at = timezone.now()
        job.worker_pid = os.getpid()
        job.progress = 0
        job.error = ""
        job.save(update_fields=["status", "attempts", "started_at", "worker_pid", "progress", "error"])

    handler = _HANDLERS[job.kind]
    try:
        result = handler(job, _report(job.pk))
        result_name = _store_result(job, *result) if result else ""
    except Exception as exc:
        logger.exception("job %s failed", job_id)
        Job.objects.filter(pk=job_id, status=Job.Status.RUNNING).update(
            status=Job.Status.FAILED, error=f"{type(exc).__name__}: {exc}"[:5000], finished_at=timezone.now()
        )
        return

    with transaction.atomic():
        job = Job.objects.select_for_update().get(pk=job_id)
        if job.is_finished:
            return
        job.status = Job.Status.DONE
        job.progress = 100
        job.finished_at = timezone.now()
        job.result_file.name = result_name
        job.save(update_fields=["status", "progress", "finished_at", "result_file"])


def job_retry(*, job):
    """Queue a failed job again."""
    with transaction.atomic():
        job = Job.objects.select_for_update().get(pk=job.pk)
        if job.status != Job.Status.FAILED:
            return job
        job.status = Job.Status.QUEUED
        job.progress = 0
        job.step = ""
        job.error = ""
        job.finished_at = None
        job.save(update_fields=["status", "progress", "step", "error", "finished_at"])
        transaction.on_commit(lambda: enqueue(job.pk))
    return job
