"""The private calendar feed (ICS) of a user's deadlines, for Outlook, WPS or a phone.

The address carries a secret derived from the user's calendar key and password hash, so it is
regenerated whenever the password changes (whatever way it is changed) and revoked by a new key or
none; nothing but the key is stored."""

import datetime
import hashlib

from django.conf import settings
from django.contrib.auth import get_user_model
from django.urls import reverse
from django.utils.crypto import constant_time_compare, salted_hmac
from django.utils.translation import gettext as _
from icalendar import Alarm, Calendar, Event

from .selectors import due_for_user

# The alarm rings at 09:00 the day before an all-day event (which starts at midnight).
ALARM_BEFORE = datetime.timedelta(hours=-15)


def feed_token(user):
    if not user.calendar_key:
        return ""
    value = f"{user.pk}:{user.calendar_key}:{user.password}"
    return salted_hmac("bureau.notifications.calendar", value, algorithm="sha256").hexdigest()[:40]


def feed_path(user):
    token = feed_token(user)
    return reverse("notifications:calendar_feed", args=[user.pk, token]) if token else ""


def feed_url(user):
    path = feed_path(user)
    return settings.PORTAL_BASE_URL + path if path else ""


def user_for_token(user_id, token):
    """The active user whose feed `token` opens, or None."""
    user = get_user_model().objects.filter(pk=user_id, is_active=True).exclude(calendar_key="").first()
    if user is None or not constant_time_compare(feed_token(user), token):
        return None
    return user


def _uid(deadline):
    digest = hashlib.sha256(deadline.key.encode()).hexdigest()[:32]
    return f"{digest}@{settings.PORTAL_BASE_URL.split('://')[-1]}"


def build_feed(user, today):
    """The ICS text: one all-day event per deadline due for the user, each with an alarm."""
    calendar = Calendar()
    calendar.add("prodid", "-//county-bar-portal//reminders//ZH")
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("x-wr-calname", _("%(portal)s：我的期限") % {"portal": settings.PORTAL_NAME})
    calendar.add("x-wr-timezone", settings.TIME_ZONE)
    stamp = datetime.datetime.now(datetime.UTC)
    for deadline in due_for_user(user, today):
        event = Event()
        event.add("uid", _uid(deadline))
        event.add("dtstamp", stamp)
        event.add("dtstart", deadline.due_date)
        event.add("dtend", deadline.due_date + datetime.timedelta(days=1))
        event.add("summary", str(deadline.title))
        url = settings.PORTAL_BASE_URL + deadline.url
        lines = [str(deadline.concerns)] if deadline.concerns else []
        if deadline.provisional:
            lines.append(_("截止日期为暂定：当年法定节假日安排尚未公布，按周末计算。"))
        lines.append(url)
        event.add("description", "\n".join(lines))
        event.add("url", url)
        event.add("transp", "TRANSPARENT")
        alarm = Alarm()
        alarm.add("action", "DISPLAY")
        alarm.add("description", str(deadline.title))
        alarm.add("trigger", ALARM_BEFORE)
        event.add_component(alarm)
        calendar.add_component(event)
    return calendar.to_ical()
