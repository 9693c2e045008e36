"""Where reminders go besides the portal's own notification centre.

A channel is a class named in settings.NOTIFICATION_CHANNELS (dotted path); the daily task hands
it, per user, the notifications of the day it has not yet delivered, and records a Delivery for
each one it returns, so a rerun sends nothing twice. A bureau adds SMS or WeCom by writing one
subclass of `Channel` and naming it in the setting, without touching the apps:

    class WeComChannel(Channel):
        name = "wecom"

        def recipients(self, users):
            return users.exclude(phone="")

        def deliver(self, user, notifications, *, today):
            ...  # call the gateway; return the notifications it accepted
"""

import logging

from django.conf import settings
from django.core.mail import EmailMultiAlternatives, get_connection
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.module_loading import import_string
from django.utils.translation import gettext as _

from .steps import step_label

logger = logging.getLogger(__name__)


class Channel:
    """One way of reaching users. `name` keys its deliveries; keep it stable."""

    name = ""

    def recipients(self, users):
        """Narrows a queryset of users to those this channel can reach (default: all)."""
        return users

    def open(self):
        """Called once per run before the first delivery (connections, sessions)."""

    def close(self):
        """Called once per run after the last delivery."""

    def deliver(self, user, notifications, *, today):
        """Sends `notifications` (one user's, soonest due first); returns those delivered."""
        raise NotImplementedError


def absolute(path):
    return settings.PORTAL_BASE_URL + path


class EmailChannel(Channel):
    """E-mail to `user.email`, as the user chose: one daily digest, or one message per reminder.
    Chinese, HTML with a plain-text part, through Django's e-mail framework."""

    name = "email"

    def recipients(self, users):
        from bureau.models import User

        return users.exclude(email="").exclude(email_reminders=User.EmailReminders.NONE)

    def open(self):
        self.connection = get_connection(fail_silently=False)
        self.connection.open()

    def close(self):
        self.connection.close()

    def deliver(self, user, notifications, *, today):
        from bureau.models import User

        with translation.override(settings.LANGUAGE_CODE):
            if user.email_reminders == User.EmailReminders.INSTANT:
                messages = [(self._message(user, [n], today), [n]) for n in notifications]
            else:
                messages = [(self._message(user, notifications, today), list(notifications))]
        delivered = []
        for message, items in messages:
            try:
                message.send()
            except Exception:  # one unreachable address must not stop everyone else's mail
                logger.exception("reminder e-mail to user %s failed", user.pk)
                continue
            delivered.extend(items)
        return delivered

    def _message(self, user, notifications, today):
        items = [
            {
                "title": n.title,
                "concerns": n.concerns,
                "due_date": n.due_date,
                "provisional": n.provisional,
                "overdue": n.state == n.State.OVERDUE,
                "step": step_label(n.step),
                "url": absolute(n.url),
            }
            for n in notifications
        ]
        from django.urls import reverse

        context = {
            "user": user,
            "today": today,
            "items": items,
            "centre_url": absolute(reverse("notifications:list")),
            "settings_url": absolute(reverse("notifications:preferences")),
            "portal_name": settings.PORTAL_NAME,
        }
        if len(items) == 1:
            subject = _("【%(portal)s】提醒：%(title)s") % {
                "portal": settings.PORTAL_NAME,
                "title": items[0]["title"],
            }
        else:
            subject = _("【%(portal)s】%(date)s 待办提醒（%(n)s项）") % {
                "portal": settings.PORTAL_NAME,
                "date": f"{today.year}年{today.month}月{today.day}日",
                "n": len(items),
            }
        text = render_to_string("bureau/notifications/email/digest.txt", context)
        html = render_to_string("bureau/notifications/email/digest.html", context)
        message = EmailMultiAlternatives(
            subject=subject, body=text, to=[user.email], connection=self.connection
        )
        message.attach_alternative(html, "text/html")
        return message


def configured_channels():
    return [import_string(path)() for path in settings.NOTIFICATION_CHANNELS]
