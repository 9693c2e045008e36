"""The yearly report through a real Celery worker: produced, survives a killed pool process, and
a request made while Redis is down is not lost."""

import os
import signal
import subprocess
import time

import pytest

from bureau.models import Job, YearlyReport
from bureau.report.views import report_request
from tests.celery_worker import Worker, wait_for_job
from tests.factories import FirmFactory, LawyerFactory
from tests.job_kinds import SLOW_SECTION_STEP


@pytest.fixture
def slow_worker(transactional_db, tmp_path):
    worker = Worker(tmp_path / "worker.log").start(extra_env={"PORTAL_TEST_SLOW_REPORT": "1"})
    yield worker
    worker.stop()


def test_report_survives_a_killed_pool_process_and_finishes_once(slow_worker, staff):
    for firm in FirmFactory.create_batch(3):
        LawyerFactory.create_batch(2, firm=firm)
    report, _ = report_request(year=2026, user=staff)
    # Poll the job row until the slow section says it has started: the kill then lands in the
    # middle of the report, whatever the machine's speed.
    job = wait_for_job(
        report.job,
        lambda j: j.status == Job.Status.RUNNING and j.worker_pid and j.step == SLOW_SECTION_STEP,
        timeout=60,
    )
    first_pid = job.worker_pid
    os.kill(first_pid, signal.SIGKILL)
    job = wait_for_job(job, lambda j: j.status == Job.Status.DONE, timeout=120)
    assert job.attempts == 2, slow_worker.output()
    report.refresh_from_db()
    assert report.pdf and report.xlsx and report.figures["lawyers_total"] == 6
    assert YearlyReport.objects.count() == 1 and Job.objects.count() == 1
    folder = os.path.dirname(report.pdf.path)
    mine = sorted(n for n in os.listdir(folder) if f"-{report.pk}." in n)
    assert mine == [f"yearly-report-2026-{report.pk}.pdf", f"yearly-report-2026-{report.pk}.xlsx"]
    assert not [n for n in os.listdir(folder) if n.startswith(".tmp-")]


def _wait_for_redis(port, timeout=10):
    """Poll the private Redis until it answers PING (instead of sleeping a guessed while)."""
    import redis

    client = redis.Redis(host="127.0.0.1", port=port, socket_connect_timeout=0.2, socket_timeout=0.2)
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            if client.ping():
                return
        except redis.exceptions.ConnectionError:
            time.sleep(0.05)
    raise AssertionError(f"redis on port {port} did not start within {timeout}s")


def _use_broker(app, url):
    """Point the app at another broker, dropping pooled connections to the old one."""
    import kombu.pools

    app.conf.broker_url = url
    kombu.pools.reset()  # kombu keeps producer pools per connection, process-wide
    app._pool = None
    app.amqp._producer_pool = None


def test_request_while_redis_is_down_is_kept_and_runs_when_it_returns(
    transactional_db, tmp_path, login, staff
):
    """A private Redis on another port plays the broker; it is stopped while the clerk asks."""
    from bureau.celery import app

    port = 63899
    server = subprocess.Popen(
        ["redis-server", "--port", str(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"],
        stdout=subprocess.DEVNULL,
    )
    url = f"redis://127.0.0.1:{port}/0"
    old_url = app.conf.broker_url
    try:
        _wait_for_redis(port)
        server.terminate()
        server.wait()
        _use_broker(app, url)
        from django.test import override_settings

        with override_settings(CELERY_BROKER_URL=url):
            response = login(staff).post("/reports/", {"year": 2026}, follow=True)
        html = response.content.decode()
        assert "后台任务服务暂时不可用" in html and "请求已记录" in html
        report = YearlyReport.objects.get()
        assert report.job.status == Job.Status.QUEUED  # kept, not lost

        # Redis returns; beat's watch re-sends the job the broker never got to a real worker.
        server = subprocess.Popen(
            ["redis-server", "--port", str(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"],
            stdout=subprocess.DEVNULL,
        )
        _wait_for_redis(port)
        _use_broker(app, url)
        worker = Worker(tmp_path / "worker.log")
        worker.start(extra_env={"CELERY_BROKER_URL": url}, purge=False)  # a fresh, empty Redis
        try:
            from bureau.jobs import resend_queued_jobs

            resend_queued_jobs()  # what beat's watch_jobs does
            try:
                job = wait_for_job(report.job, lambda j: j.status == Job.Status.DONE, timeout=40)
            except AssertionError as exc:
                raise AssertionError(worker.output()[-3000:]) from exc
            assert job.attempts == 1
        finally:
            worker.stop()
    finally:
        _use_broker(app, old_url)
        server.terminate()
        server.wait()
