"""Jobs hold a lease: whatever kills a worker or its database connections, a job ends done once or
failed with its reason, never "running" for ever; a second delivery builds nothing. Real worker,
real beat, real broker; the lease is a few seconds here (JOB_LEASE_SECONDS) so the tests are quick."""

import os
import signal
import time
from pathlib import Path

import pytest
from django.db import connection

import tests.job_kinds  # noqa: F401  (the test job kinds, in this process too)
from bureau.jobs import enqueue, job_request
from bureau.models import Job, YearlyReport
from bureau.report.views import report_request
from tests.celery_worker import wait_for_job
from tests.factories import FirmFactory, LawyerFactory

from .processes import celery_beat, celery_worker

LEASE = 4
FAST = {"JOB_LEASE_SECONDS": str(LEASE), "JOB_WATCH_SECONDS": "1", "PORTAL_TEST_SLOW_REPORT": "1"}


@pytest.fixture
def lease(settings):
    settings.JOB_LEASE_SECONDS = LEASE
    settings.JOB_HEARTBEAT_SECONDS = 1


@pytest.fixture
def processes(transactional_db, tmp_path, lease):
    from bureau.celery import app

    app.control.purge()
    started = []

    def start(kind, **kwargs):
        if kind == "worker":
            p = celery_worker(tmp_path / f"worker-{len(started)}.log", env=FAST, **kwargs)
        else:
            p = celery_beat(tmp_path / "beat.log", tmp_path, env=FAST)
        started.append(p)
        return p

    yield start
    for p in reversed(started):
        p.stop()


def _report_files(report):
    folder = Path(report.pdf.path).parent
    return sorted(n for n in os.listdir(folder) if f"-{report.pk}." in n or n.startswith(".tmp-"))


def _settles_without_progress(job, seconds=3):
    """After done, nothing more is written to the job."""
    job.refresh_from_db()
    seen = (job.status, job.progress, job.step, job.attempts, job.finished_at)
    time.sleep(seconds)
    job.refresh_from_db()
    assert (job.status, job.progress, job.step, job.attempts, job.finished_at) == seen


def test_worker_main_process_killed_mid_report_ends_done_once_within_the_lease(processes, staff):
    for firm in FirmFactory.create_batch(2):
        LawyerFactory.create_batch(2, firm=firm)
    processes("beat")
    worker = processes("worker")
    report, _ = report_request(year=2026, user=staff)
    job = wait_for_job(report.job, lambda j: j.status == Job.Status.RUNNING and j.progress >= 5)
    time.sleep(1)  # inside the slow section
    os.kill(worker.pid, signal.SIGKILL)  # the main process: its message stays unacknowledged in Redis
    killed_at = time.monotonic()
    processes("worker")  # restarted
    job = wait_for_job(job, lambda j: j.status == Job.Status.DONE, timeout=LEASE + 60)
    assert time.monotonic() - killed_at < LEASE + 60
    # Done by the orphaned pool process while it kept its lease, or by the restarted worker
    # after beat reclaimed the lapsed lease: either way once.
    assert job.attempts in (1, 2)
    report.refresh_from_db()
    assert YearlyReport.objects.count() == 1 and Job.objects.count() == 1
    stem = f"yearly-report-2026-{report.pk}"
    assert _report_files(report) == [f"{stem}.pdf", f"{stem}.xlsx"]
    assert report.pdf.read().startswith(b"%PDF")
    _settles_without_progress(job)


def test_database_connections_terminated_mid_report_end_failed_with_reason_and_retry_works(
    processes, staff, login
):
    processes("beat")
    processes("worker")
    report, _ = report_request(year=2026, user=staff)
    job = wait_for_job(report.job, lambda j: j.status == Job.Status.RUNNING and j.progress >= 5)
    time.sleep(1)
    with connection.cursor() as cursor:
        cursor.execute(
            "select count(pg_terminate_backend(pid)) from pg_stat_activity "
            "where datname = current_database() and pid <> pg_backend_pid()"
        )
        assert cursor.fetchone()[0] >= 1  # the worker's connections (run and heartbeat)
    job = wait_for_job(job, lambda j: j.status in (Job.Status.DONE, Job.Status.FAILED), timeout=LEASE + 60)
    if job.status == Job.Status.FAILED:
        assert job.error  # with its reason
        page = login(staff).get(f"/reports/{report.pk}/").content.decode()
        assert "重试" in page
        login(staff).post(f"/reports/{report.pk}/retry")
        job = wait_for_job(job, lambda j: j.status == Job.Status.DONE, timeout=60)
    report.refresh_from_db()
    assert report.pdf.read().startswith(b"%PDF")
    _settles_without_progress(job)


def test_two_deliveries_of_one_job_build_once_and_write_nothing_after_done(processes, staff):
    processes("worker", concurrency=2)  # both deliveries are taken at once
    job, _ = job_request(kind="test_slow", user=staff, params={"steps": 8, "pause": 0.4})
    wait_for_job(job, lambda j: j.sent_at is not None)
    assert enqueue(job.pk)  # beat's re-send while the first message is still being worked on
    job = wait_for_job(job, lambda j: j.status == Job.Status.DONE, timeout=60)
    assert job.attempts == 1  # one claim, one build
    assert job.result_file.read() == b"done after 1 attempt(s)"
    _settles_without_progress(job, seconds=4)


def test_a_run_that_lost_its_lease_writes_nothing(transactional_db, staff, lease):
    """A paused run (its lease taken over meanwhile) finds its token gone and stops."""
    from bureau.jobs import JobLost, _claim, _Run

    job, _ = job_request(kind="test_slow", user=staff)
    first = _claim(job.pk)
    Job.objects.filter(pk=job.pk).update(heartbeat_at=first.heartbeat_at.replace(year=2000))
    second = _claim(job.pk)  # the lease lapsed: taken over
    assert second and second.run_token != first.run_token
    with pytest.raises(JobLost):
        _Run(job.pk, first.run_token)(50, "late")
    with pytest.raises(JobLost):
        with _Run(job.pk, first.run_token).holding():
            pass
    job.refresh_from_db()
    assert job.progress == 0 and job.attempts == 2 and job.run_token == second.run_token
    assert _claim(job.pk) is None  # the live run keeps it


