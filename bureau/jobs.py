"""Background jobs: requesting, running and finishing them. Tasks take a job id and call
execute_job(); handlers are registered per kind with @job_handler.

A run holds a lease on its job: it claims the row with a fresh run token, a heartbeat thread
renews `heartbeat_at`, and every write it makes (progress, the result, done or failed) is made
only while the row still carries its token and is RUNNING. Beat's watch_jobs reclaims a job whose
heartbeat is older than JOB_LEASE_SECONDS, whatever happened to its worker or its connections, so
the broker's visibility timeout (hours) never decides how long a lost job stays "running".
"""

import datetime
import logging
import os
import socket
import tempfile
import threading
import time
import uuid
from contextlib import contextmanager
from pathlib import Path

from django.conf import settings
from django.db import IntegrityError, connection, transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from .models import Job

logger = logging.getLogger(__name__)

_HANDLERS = {}
# What each kind is called on the pages (a raw key such as "yearly_report" means nothing to a clerk).
_LABELS = {}
RUN_TASK = "bureau.tasks.run_job"


class JobLost(Exception):
    """The run no longer holds its job (reclaimed, finished or claimed by another run)."""


def job_handler(kind, *, label=None):
    """Register `func(job, report)` as the handler of a job kind, shown on the pages as `label`.
    `report(percent, step)` records progress; the handler returns None or (file name, bytes) for
    the job's result file. A handler that writes its own rows does so inside
    `with report.holding():`, so a run that lost its job writes nothing."""

    def register(func):
        _HANDLERS[kind] = func
        if label is not None:
            _LABELS[kind] = label
        return func

    return register


def kind_label(kind):
    """The name of a job kind as the pages show it; the key itself for a kind with no label."""
    return str(_LABELS.get(kind, kind))


def lease():
    return datetime.timedelta(seconds=settings.JOB_LEASE_SECONDS)


def stalled_q(now=None):
    """RUNNING jobs whose lease lapsed: no heartbeat for longer than JOB_LEASE_SECONDS."""
    cutoff = (now or timezone.now()) - lease()
    return Q(status=Job.Status.RUNNING) & (Q(heartbeat_at__lt=cutoff) | Q(heartbeat_at__isnull=True))


def job_request(*, kind, user=None, params=None, dedupe_key=""):
    """Create a job and queue it after commit. A request with the same dedupe key as a job still
    queued or running joins that job instead; a joined job whose lease lapsed is queued again
    first, so nobody joins a dead run. Returns (job, created)."""
    if kind not in _HANDLERS:
        raise ValueError(f"unknown job kind {kind!r}")
    active = Job.objects.filter(
        kind=kind, dedupe_key=dedupe_key, status__in=[Job.Status.QUEUED, Job.Status.RUNNING]
    )
    if dedupe_key and (existing := active.first()):
        if existing.is_stalled:
            existing = job_retry(job=existing)
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
    """Hand the job to the broker within about two seconds (socket timeouts in the broker
    transport options, one quick retry). If the broker is down or hung the job stays queued with
    no `sent_at`, and watch_jobs sends it again as soon as the broker answers. Returns whether it
    went through."""
    from .celery import app

    try:
        app.send_task(
            RUN_TASK,
            (job_id,),
            retry=True,
            retry_policy={"max_retries": 1, "interval_start": 0, "interval_step": 0.2},
        )
    except Exception:  # kombu raises several connection and timeout errors; all mean "not sent now"
        logger.warning("could not queue job %s; it stays queued and is sent again", job_id, exc_info=True)
        return False
    Job.objects.filter(pk=job_id, status=Job.Status.QUEUED).update(sent_at=timezone.now())
    return True


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


class _Run:
    """What a handler gets as `report`: progress, and the lease it runs under."""

    def __init__(self, job_id, token):
        self.job_id = job_id
        self.token = token

    def _mine(self):
        return Job.objects.filter(pk=self.job_id, run_token=self.token, status=Job.Status.RUNNING)

    def __call__(self, percent, step=""):
        updated = self._mine().update(
            progress=max(0, min(100, int(percent))), step=str(step)[:200], heartbeat_at=timezone.now()
        )
        if not updated:
            raise JobLost(self.job_id)

    @contextmanager
    def holding(self):
        """A transaction in which the run still holds its job; raises JobLost otherwise. The job
        row stays locked until the block ends, so nobody reclaims it halfway."""
        with transaction.atomic():
            if not self._mine().select_for_update().exists():
                raise JobLost(self.job_id)
            yield


class _Heartbeat(threading.Thread):
    """Renews the lease every JOB_HEARTBEAT_SECONDS while the handler works, on its own
    connection, so that a long step without progress calls keeps its lease and a dead worker
    process stops renewing it."""

    def __init__(self, job_id, token):
        super().__init__(daemon=True, name=f"job-{job_id}-heartbeat")
        self.job_id = job_id
        self.token = token
        self.stopped = threading.Event()

    def run(self):
        try:
            while not self.stopped.wait(settings.JOB_HEARTBEAT_SECONDS):
                try:
                    mine = Job.objects.filter(pk=self.job_id, run_token=self.token, status=Job.Status.RUNNING)
                    mine.update(heartbeat_at=timezone.now())
                except Exception:
                    # A broken connection: drop it; the next beat opens a fresh one.
                    logger.warning("heartbeat of job %s failed", self.job_id, exc_info=True)
                    _drop_connection()
        finally:
            connection.close()

    def stop(self):
        self.stopped.set()
        self.join(timeout=5)


def _drop_connection():
    """Close this thread's database connection (it may be dead), so the next query opens a new
    one. Inside an outer transaction (a test's, say) the connection must stay."""
    if connection.in_atomic_block:
        return
    try:
        connection.close()
    except Exception:
        connection.connection = None


def _claim(job_id):
    """Take the job for this run, or return None when it is finished or held by a live run."""
    with transaction.atomic():
        job = Job.objects.select_for_update().filter(pk=job_id).first()
        if job is None or job.is_finished:
            return None
        if job.status == Job.Status.RUNNING and not job.is_stalled:
            return None  # a second delivery while the first run is alive: leave it to that run
        now = timezone.now()
        job.status = Job.Status.RUNNING
        job.run_token = uuid.uuid4().hex
        job.attempts += 1
        job.started_at = now
        job.heartbeat_at = now
        job.worker_pid = os.getpid()
        job.worker_host = socket.gethostname()
        job.progress = 0
        job.step = ""
        job.error = ""
        job.save(
            update_fields=[
                "status", "run_token", "attempts", "started_at", "heartbeat_at", "worker_pid", "worker_host",
                "progress", "step", "error",
            ]
        )
    return job


def _mark_failed(job_id, token, error):
    """Record the failure on a fresh connection: the run's own may be the thing that died."""
    for attempt in range(3):
        _drop_connection()
        try:
            Job.objects.filter(pk=job_id, run_token=token, status=Job.Status.RUNNING).update(
                status=Job.Status.FAILED, error=error[:5000], finished_at=timezone.now()
            )
            return
        except Exception:
            logger.warning("could not mark job %s failed (try %s)", job_id, attempt + 1, exc_info=True)
            time.sleep(0.5 * (attempt + 1))
    # Still unreachable: the lapsed lease lets watch_jobs settle the job later.


def execute_job(job_id):
    """Run a job once. Safe to call again for the same job: a finished job, or one held by a live
    run, is left alone; a job whose lease lapsed is taken over."""
    job = _claim(job_id)
    if job is None:
        return
    run = _Run(job.pk, job.run_token)
    heartbeat = _Heartbeat(job.pk, job.run_token)
    heartbeat.start()
    try:
        result = _HANDLERS[job.kind](job, run)
        with run.holding():
            updates = {"status": Job.Status.DONE, "progress": 100, "finished_at": timezone.now()}
            if result:
                name, content = result
                relative = Path("jobs") / timezone.localdate().strftime("%Y") / f"{job.kind}-{job.pk}-{name}"
                updates["result_file"] = store_file(relative, content)
            run._mine().update(**updates)
    except JobLost:
        logger.info("job %s was taken from this run; it stops without writing", job_id)
    except Exception as exc:
        logger.exception("job %s failed", job_id)
        _mark_failed(job.pk, job.run_token, f"{type(exc).__name__}: {exc}")
    finally:
        heartbeat.stop()


def job_retry(*, job):
    """Queue a failed job, or a running one whose lease lapsed, again."""
    with transaction.atomic():
        job = Job.objects.select_for_update().get(pk=job.pk)
        if not (job.status == Job.Status.FAILED or job.is_stalled):
            return job
        _requeue(job)
    return job


def _requeue(job):
    job.status = Job.Status.QUEUED
    job.run_token = ""
    job.progress = 0
    job.step = ""
    job.error = ""
    job.finished_at = None
    job.sent_at = None
    job.save(update_fields=["status", "run_token", "progress", "step", "error", "finished_at", "sent_at"])
    transaction.on_commit(lambda: enqueue(job.pk))


def reclaim_stalled_jobs():
    """Settle every job whose lease lapsed: queued again while it has attempts left, otherwise
    failed with the reason "worker lost". Returns the number settled."""
    settled = 0
    for job_id in Job.objects.filter(stalled_q()).values_list("id", flat=True)[:500]:
        with transaction.atomic():
            job = Job.objects.select_for_update(skip_locked=True).filter(stalled_q(), pk=job_id).first()
            if job is None:
                continue
            if job.attempts >= settings.JOB_MAX_ATTEMPTS:
                job.status = Job.Status.FAILED
                job.run_token = ""
                job.error = _("后台进程失去联系（已尝试 %(n)s 次）") % {"n": job.attempts}
                job.finished_at = timezone.now()
                job.save(update_fields=["status", "run_token", "error", "finished_at"])
            else:
                _requeue(job)
            settled += 1
    return settled


def resend_queued_jobs():
    """Send again the queued jobs whose send failed (broker down or hung at request time) or whose
    message was sent long ago and may be lost. A duplicate message is harmless: the second run
    finds the job claimed or finished and stops."""
    cutoff = timezone.now() - datetime.timedelta(seconds=settings.JOB_RESEND_SECONDS)
    pending = Job.objects.filter(Q(sent_at__isnull=True) | Q(sent_at__lt=cutoff), status=Job.Status.QUEUED)
    sent = 0
    for job_id in pending.order_by("created_at").values_list("id", flat=True)[:500]:
        if not enqueue(job_id):
            break  # the broker is still away; the next watch tries again
        sent += 1
    return sent
