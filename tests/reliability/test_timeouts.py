"""No dependency can hang a request. A listener that accepts and never answers stands in for Redis
and then for PostgreSQL: /healthz answers 503 within a second naming it, and the page that queues
the yearly report answers within three seconds."""

import time

import pytest
from django.test import override_settings

from bureau.models import Job, YearlyReport
from tests.celery_worker import database_url

from .processes import HungListener, gunicorn, http_get, warm_up
from .test_broker_outage import use_broker


@pytest.fixture
def hung():
    listener = HungListener()
    yield listener
    listener.close()


def test_healthz_names_a_hung_redis_within_a_second(client, db, settings, hung):
    assert client.get("/healthz").status_code == 200  # loads the URLconf and views once
    settings.REDIS_URL = f"redis://127.0.0.1:{hung.port}/0"
    started = time.monotonic()
    response = client.get("/healthz")
    assert time.monotonic() - started < 1
    assert response.status_code == 503
    assert response.json()["failed"] == {"redis": "timeout"}


def test_report_request_answers_within_three_seconds_with_a_hung_redis(transactional_db, login, staff, hung):
    from bureau.celery import app

    url = f"redis://127.0.0.1:{hung.port}/0"
    old = app.conf.broker_url
    use_broker(app, url)
    try:
        with override_settings(CELERY_BROKER_URL=url, REDIS_URL=url):
            client = login(staff)
            started = time.monotonic()
            response = client.post("/reports/", {"year": 2026}, follow=True)
            elapsed = time.monotonic() - started
    finally:
        use_broker(app, old)
    assert elapsed < 3, elapsed
    assert "后台任务服务暂时不可用" in response.content.decode()
    job = YearlyReport.objects.get().job
    assert job.status == Job.Status.QUEUED and job.sent_at is None  # kept for beat's re-send


@pytest.fixture
def server_on_hung_database(transactional_db, tmp_path, hung):
    """gunicorn, as in production, whose DATABASE_URL points at the hung listener."""
    real = database_url()
    fake = real.rsplit("@", 1)[0] + f"@127.0.0.1:{hung.port}/" + real.rsplit("/", 1)[1]
    server = gunicorn(tmp_path / "gunicorn.log", env={"DATABASE_URL": fake, "DATABASE_CONN_MAX_AGE": "60"})
    warm_up(server)
    yield server
    server.stop()


def test_healthz_names_a_hung_database_within_a_second(server_on_hung_database):
    for _ in range(3):  # also while earlier checks are still stuck on the hung server
        status, body, seconds = http_get(server_on_hung_database.base_url + "/healthz")
        assert seconds < 1, seconds
        assert status == 503 and b'"database": "timeout"' in body


def test_report_page_answers_within_three_seconds_with_a_hung_database(server_on_hung_database):
    # A signed-in clerk's session lives in the database: the page needs it, and gives up in time.
    status, body, seconds = http_get(
        server_on_hung_database.base_url + "/reports/", headers={"Cookie": "sessionid=abc"}
    )
    assert seconds < 3, seconds
    # A plain page saying the database cannot be reached, not a server error.
    assert status == 503, (status, body[:300])
    assert "数据库暂时无法连接" in body.decode()
