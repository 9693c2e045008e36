"""The private calendar feed: parses back with icalendar, holds the user's deadlines with their
dates and alarms, and stops working when revoked or when the password changes."""

import datetime

import icalendar
import pytest
from django.test import Client
from django.utils import timezone

from bureau.notifications import calendar
from bureau.notifications.selectors import due_for_user
from tests.casework.conftest import make_case
from tests.factories import LawyerFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def sensitive_case(firm, director):
    case = make_case(firm, director, [LawyerFactory(firm=firm)], intake_date=timezone.localdate())
    due = timezone.localdate() + datetime.timedelta(days=3)
    type(case).objects.filter(pk=case.pk).update(is_sensitive=True, sensitive_due_on=due)
    case.sensitive_due_on = due
    return case


def _issue(login, user):
    client = login(user)
    assert client.post("/notifications/calendar/issue/").status_code == 302
    user.refresh_from_db()
    path = calendar.feed_path(user)
    assert path.startswith(f"/notifications/calendar/{user.pk}/") and path.endswith(".ics")
    return client, path


def test_feed_holds_the_users_deadlines_with_dates_and_alarms(login, director, director2, sensitive_case):
    _client, path = _issue(login, director)
    response = Client().get(path)  # calendar apps sign in to nothing
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/calendar")
    feed = icalendar.Calendar.from_ical(response.content)
    events = {str(e["summary"]): e for e in feed.walk("VEVENT")}
    expected = due_for_user(director, timezone.localdate())
    assert sorted(events) == sorted(str(d.title) for d in expected)
    event = events[f"重大敏感案件备案：甲律师事务所 {sensitive_case.intake_no}"]
    assert event.decoded("dtstart") == sensitive_case.sensitive_due_on
    assert event.decoded("dtend") == sensitive_case.sensitive_due_on + datetime.timedelta(days=1)
    assert str(event["url"]).endswith(f"/cases/{sensitive_case.pk}/sensitive/")
    alarms = event.walk("VALARM")
    assert len(alarms) == 1 and alarms[0].decoded("trigger") == datetime.timedelta(hours=-15)
    # Nothing of the other firm's.
    assert not any("乙律师事务所" in title for title in events)


def test_feed_stops_after_revoking_and_after_a_password_change(login, director, director2):
    client, path = _issue(login, director)
    assert Client().get(path).status_code == 200
    # A new address: the old one is dead, the new one works.
    client.post("/notifications/calendar/issue/")
    director.refresh_from_db()
    new_path = calendar.feed_path(director)
    assert new_path != path
    assert Client().get(path).status_code == 404
    assert Client().get(new_path).status_code == 200
    # A password change regenerates the address.
    director.set_password("Another-password-5678")
    director.save()
    assert Client().get(new_path).status_code == 404
    assert Client().get(calendar.feed_path(director)).status_code == 200
    # Revoked: no address at all.
    login(director).post("/notifications/calendar/revoke/")
    director.refresh_from_db()
    assert calendar.feed_path(director) == ""
    assert Client().get(new_path).status_code == 404


def test_one_users_token_opens_nobody_elses_feed(login, director, director2):
    _client, path = _issue(login, director)
    token = path.rsplit("/", 1)[1]
    assert Client().get(f"/notifications/calendar/{director2.pk}/{token}").status_code == 404
    assert Client().get(f"/notifications/calendar/{director.pk}/{'0' * 40}.ics").status_code == 404


def test_issuing_and_revoking_need_post(login, director):
    client = login(director)
    assert client.get("/notifications/calendar/issue/").status_code == 405
    assert client.get("/notifications/calendar/revoke/").status_code == 405
    director.refresh_from_db()
    assert director.calendar_key == ""
