"""Reads of reminders, scoped to the user."""

from django.utils import timezone

from bureau.contrib import registry

from .models import Notification


def due_for_user(user, today=None, *, kinds=None):
    """What is due for `user`: every registered deadline (bureau.contrib) that concerns them and
    that they may see, soonest first. Each provider scopes its records to the user."""
    if not user.is_authenticated or not user.is_active:
        return []
    return registry.deadlines(user, today or timezone.localdate(), kinds=kinds)


def deadline_kinds():
    """[(kind, label)] of every registered deadline kind."""
    return [(entry.kind, entry.label) for entry in registry.deadline_kinds()]


def user_notifications(user):
    return Notification.objects.filter(user=user)


def unread_count(user):
    return Notification.objects.filter(user=user, read_at__isnull=True).count()


def notification_list(user, *, unread=False, kind="", state=""):
    notifications = user_notifications(user)
    if unread:
        notifications = notifications.filter(read_at__isnull=True)
    if kind:
        notifications = notifications.filter(kind=kind)
    if state:
        notifications = notifications.filter(state=state)
    return notifications.order_by("-for_date", "-id")
