"""The lead times are settings; the beat schedule runs the task daily."""

import pytest
from django.conf import settings as django_settings

from bureau.notifications.steps import StepClock
from bureau.notifications.tasks import send_daily_reminders

from .conftest import D

pytestmark = pytest.mark.django_db


def test_default_steps_on_the_working_day_calendar():
    due = D(2026, 10, 20)
    assert StepClock(D(2026, 10, 12)).step(due) is None  # six working days before
    assert StepClock(D(2026, 10, 13)).step(due) == "before:5"
    assert StepClock(D(2026, 10, 16)).step(due) == "before:5"
    assert StepClock(D(2026, 10, 19)).step(due) == "before:1"
    assert StepClock(D(2026, 10, 20)).step(due) == "due"
    assert StepClock(D(2026, 10, 27)).step(due) == "overdue:1"
    assert StepClock(D(2026, 10, 28)).step(due) == "overdue:2"
    # Across 国庆: after 30 September, only 8 and 9 October are working days up to the 9th.
    assert StepClock(D(2026, 9, 30)).working_days_until(D(2026, 10, 9)) == 2


def test_lead_times_and_overdue_interval_are_settings(settings):
    settings.NOTIFY_LEAD_WORKING_DAYS = [10, 3]
    settings.NOTIFY_OVERDUE_EVERY_DAYS = 2
    due = D(2026, 10, 20)
    assert StepClock(D(2026, 10, 9)).step(due) == "before:10"
    assert StepClock(D(2026, 10, 15)).step(due) == "before:3"
    assert StepClock(D(2026, 10, 22)).step(due) == "overdue:1"
    assert StepClock(D(2026, 10, 23)).step(due) == "overdue:2"


def test_beat_runs_the_daily_reminders():
    entry = django_settings.CELERY_BEAT_SCHEDULE["daily-reminders"]
    assert entry["task"] == send_daily_reminders.name == "bureau.notifications.tasks.send_daily_reminders"
    assert entry["schedule"].hour == {7} and entry["schedule"].minute == {30}


def test_the_task_runs_and_skips_a_holiday(firm, director):
    # The real clock decides the day; whatever it is, the task runs without error and says so.
    outcome = send_daily_reminders.apply().get()
    assert set(outcome) == {"created", "delivered", "skipped"}
