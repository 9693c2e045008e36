"""Redis stopped while a clerk asks for the yearly report: the request is kept, the page says so,
and the job runs within two minutes of Redis's return (beat's watch, every JOB_WATCH_SECONDS,
the default 30 s here). A private Redis plays the broker, so stopping it disturbs nobody."""

import time

import pytest
from django.test import override_settings

from bureau.models import Job, YearlyReport
from tests.celery_worker import wait_for_job

from .processes import Redis, celery_beat, celery_worker


def use_broker(app, url):
    """Point this process's Celery app at another broker, dropping pooled connections."""
    import kombu.pools

    app.conf.broker_url = url
    kombu.pools.reset()
    app._pool = None
    app.amqp._producer_pool = None


@pytest.fixture
def private_broker(transactional_db):
    from bureau.celery import app

    redis = Redis().start()
    old = app.conf.broker_url
    use_broker(app, redis.url)
    with override_settings(CELERY_BROKER_URL=redis.url):
        yield redis
    use_broker(app, old)
    redis.stop()


def test_request_while_redis_is_down_runs_within_two_minutes_of_its_return(
    private_broker, tmp_path, login, staff
):
    env = {"CELERY_BROKER_URL": private_broker.url, "REDIS_URL": private_broker.url}
    worker = celery_worker(tmp_path / "worker.log", env=env)
    beat = celery_beat(tmp_path / "beat.log", tmp_path, env=env)
    try:
        private_broker.stop()
        started = time.monotonic()
        response = login(staff).post("/reports/", {"year": 2026}, follow=True)
        assert time.monotonic() - started < 3
        html = response.content.decode()
        assert "后台任务服务暂时不可用" in html and "请求已记录" in html
        job = YearlyReport.objects.get().job
        assert job.status == Job.Status.QUEUED and job.sent_at is None  # kept, not sent

        time.sleep(5)  # an outage of a few seconds
        private_broker.start()
        returned = time.monotonic()
        try:
            job = wait_for_job(job, lambda j: j.status == Job.Status.DONE, timeout=120)
        except AssertionError as exc:
            raise AssertionError(worker.output()[-2000:] + beat.output()[-2000:]) from exc
        assert time.monotonic() - returned < 120
        assert job.attempts == 1
    finally:
        beat.stop()
        worker.stop()
