"""A user's active sessions: listed from the session register (UserSession), ended by deleting
the session rows, so the next request of that browser is signed out."""

import datetime

from django.conf import settings
from django.contrib.sessions.models import Session
from django.db import transaction
from django.utils import timezone

from .models import UserSession


def active_sessions(user, now=None):
    """The user's sessions that have not expired, newest first, each with ``last_active``."""
    now = now or timezone.now()
    expiries = dict(
        Session.objects.filter(
            session_key__in=UserSession.objects.filter(user=user).values("session_key"), expire_date__gt=now
        ).values_list("session_key", "expire_date")
    )
    rows = list(UserSession.objects.filter(user=user, session_key__in=list(expiries)).order_by("-created_at"))
    idle = datetime.timedelta(seconds=settings.SESSION_COOKIE_AGE)
    for row in rows:
        # Activity renews the session (once a minute at most), so its expiry tells when it was last
        # used, to the minute.
        row.last_active = expiries[row.session_key] - idle
    return rows


@transaction.atomic
def end(*, user, session_keys):
    keys = list(
        UserSession.objects.filter(user=user, session_key__in=session_keys).values_list(
            "session_key", flat=True
        )
    )
    Session.objects.filter(session_key__in=keys).delete()
    UserSession.objects.filter(session_key__in=keys).delete()
    return len(keys)


def end_others(*, user, current_key):
    keys = (
        UserSession.objects.filter(user=user)
        .exclude(session_key=current_key)
        .values_list("session_key", flat=True)
    )
    return end(user=user, session_keys=list(keys))


def end_all(*, user):
    keys = UserSession.objects.filter(user=user).values_list("session_key", flat=True)
    return end(user=user, session_keys=list(keys))
