"""Activity renews a session's idle timeout at most once a minute: the pages in between write
nothing, the renewal never gives more than the timeout, an ended session is not brought back and a
visitor who never signed in gets no session at all."""

import datetime

from django.conf import settings
from django.contrib.sessions.models import Session
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from bureau.security.middleware import RENEWED_AT_SESSION_KEY

IDLE = datetime.timedelta(seconds=30 * 60)


def _session_writes(queries):
    return [q["sql"] for q in queries if "django_session" in q["sql"] and not q["sql"].startswith("SELECT")]


def test_pages_within_the_minute_write_no_session(login, staff):
    client = login(staff)
    client.get("/")  # the first page after signing in renews the session
    expiry = Session.objects.get().expire_date
    with CaptureQueriesContext(connection) as queries:
        assert client.get("/firms/").status_code == 200
        assert client.get("/").status_code == 200
    assert _session_writes(queries) == []
    assert Session.objects.get().expire_date == expiry


def test_a_page_a_minute_later_renews_the_session_to_the_full_timeout(login, staff):
    client = login(staff)
    client.get("/")
    # A minute and a second of inactivity: the stamp is that old, and the row expires that much sooner.
    session = client.session
    session[RENEWED_AT_SESSION_KEY] -= 61
    session.save()
    Session.objects.update(expire_date=timezone.now() + IDLE - datetime.timedelta(seconds=61))
    client.get("/")
    remaining = Session.objects.get().expire_date - timezone.now()
    assert IDLE - datetime.timedelta(seconds=5) < remaining <= IDLE


def test_an_idle_session_ends_at_the_timeout_however_often_it_was_used(login, staff):
    client = login(staff)
    for _ in range(3):
        client.get("/")
    assert Session.objects.get().expire_date <= timezone.now() + IDLE
    Session.objects.update(expire_date=timezone.now() - datetime.timedelta(seconds=1))
    response = client.get("/")
    assert response.status_code == 302 and response["Location"].startswith("/accounts/login/")


def test_an_ended_session_is_not_brought_back(login, staff):
    client = login(staff)
    client.get("/")
    Session.objects.all().delete()  # ended by the administrator, or by the user elsewhere
    response = client.get("/")
    assert response.status_code == 302 and response["Location"].startswith("/accounts/login/")
    assert not Session.objects.exists()


def test_a_visitor_gets_no_session(client, db):
    for path in ("/public/", "/accounts/login/"):
        response = client.get(path)
        assert response.status_code == 200
        assert settings.SESSION_COOKIE_NAME not in response.cookies
    assert not Session.objects.exists()
