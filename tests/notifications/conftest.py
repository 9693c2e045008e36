import datetime

import pytest

from bureau.notifications import services
from bureau.notifications.models import Notification
from tests.factories import UserFactory

# The inspections' own fixtures: a plan, 甲所's inspection (inspector, inspector3) and 乙所's
# (inspector2, inspector3).
from tests.inspections.conftest import (  # noqa: F401
    checklist,
    inspection,
    inspector2_entry,
    inspector3_entry,
    inspector_entry,
    other_inspection,
    plan,
)

D = datetime.date


@pytest.fixture(autouse=True)
def chinese_and_in_memory_mail(settings):
    """Chinese messages; e-mail into Django's outbox unless a test points it at the SMTP sink."""
    from django.utils import translation

    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    with translation.override("zh-hans"):
        yield


def run(day):
    """Runs the daily task for `day` twice (the second run must change nothing) and returns the
    first run's result."""
    first = services.run_daily(today=day)
    second = services.run_daily(today=day)
    assert second.created == 0, f"second run on {day} created {second.created}"
    return first


def run_days(days):
    for day in days:
        run(day)


def steps(user, kind=None):
    """[(deadline key, step)] of the user's notifications in order of creation."""
    notifications = Notification.objects.filter(user=user)
    if kind:
        notifications = notifications.filter(kind=kind)
    return list(notifications.order_by("id").values_list("deadline_key", "step"))


def step_days(user, kind=None):
    """[(for_date, step)] of the user's notifications."""
    notifications = Notification.objects.filter(user=user)
    if kind:
        notifications = notifications.filter(kind=kind)
    return list(notifications.order_by("id").values_list("for_date", "step"))


@pytest.fixture
def secretary_of():
    def make(branch, username):
        from partybuild.services import branch_grant_secretary

        user = UserFactory(username=username, full_name=f"{username}书记")
        branch_grant_secretary(branch=branch, user=user)
        return user

    return make
