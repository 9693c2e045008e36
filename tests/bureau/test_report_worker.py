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


@pytest.fixture
def slow_worker(transactional_db, tmp_path):
    worker = Worker(tmp_path / "worker.log").start(extra_env={"PORTAL_TEST_SLOW_REPORT": "1"})
    yield worker
    worker.stop()


def test_report_survives_a_killed_pool_process_and_finishes_once(slow_worker, staff):
    for firm in FirmFactory.create_batch(3):
        LawyerFactory.create_batch(2, firm=firm)
    report, _ = report_request(year=2026, user=staff)
    job = wait_for_job(
        report.job, lambda j: j.status == Job.Status.RUNNING and j.worker_pid and "测试" not in j.step
    )
    # The slow section is under way: kill the pool process in the middle of the report.
    time.sleep(1)
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
        time.sleep(0.5)
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

        # Redis returns; beat's requeue sends the waiting job to a real worker.
        server = subprocess.Popen(
            ["redis-server", "--port", str(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"],
            stdout=subprocess.DEVNULL,
        )
        time.sleep(0.5)
        _use_broker(app, url)
        worker = Worker(tmp_path / "worker.log")
        worker.start(extra_env={"CELERY_BROKER_URL": url}, purge=False)  # a fresh, empty Redis
        try:
            from bureau.tasks import requeue_stale_jobs

            requeue_stale_jobs(minutes=0)
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
