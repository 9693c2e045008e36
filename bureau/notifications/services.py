"""Writes of reminders: the daily run, reading, preferences and the calendar key."""

import dataclasses
import logging
import secrets

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Exists, OuterRef
from django.utils import timezone
from django.utils.translation import gettext as _

from bureau.contrib import registry
from bureau.permissions import Role, is_bureau

from .channels import configured_channels
from .models import Delivery, Notification
from .steps import StepClock

logger = logging.getLogger(__name__)

_INSERT_BATCH = 5_000


@dataclasses.dataclass
class RunResult:
    today: object
    skipped: bool = False
    users: int = 0
    deadlines: int = 0
    created: int = 0
    delivered: dict = dataclasses.field(default_factory=dict)


def _users_with_roles():
    """Active users, each with its roles primed (bureau.permissions.roles_of reads the cache), in
    two queries instead of one per user."""
    users = list(get_user_model().objects.filter(is_active=True).prefetch_related("groups").order_by("id"))
    for user in users:
        roles = frozenset(group.name for group in user.groups.all())
        user._portal_roles = roles | {Role.BUREAU_ADMIN} if user.is_superuser else roles
    return users


def _notification(user, deadline, step, today):
    return Notification(
        user=user,
        kind=deadline.kind,
        deadline_key=deadline.key,
        step=step,
        title=str(deadline.title)[:300],
        concerns=str(deadline.concerns)[:200],
        due_date=deadline.due_date,
        provisional=deadline.provisional,
        state=Notification.State.OVERDUE if deadline.due_date < today else Notification.State.OPEN,
        url=deadline.url,
        for_date=today,
    )


def due_for_everyone(users, today):
    """[(user, deadlines)] for `users`, each user's as selectors.due_for_user gives them, in few
    queries: bureau users all see the same (bureau.contrib), so theirs are computed once; a kind
    with an `audience` gives everyone else's at once; other kinds are asked user by user."""
    bureau_users = [u for u in users if is_bureau(u)]
    others = {u.pk: u for u in users if not is_bureau(u)}
    shared = registry.deadlines(bureau_users[0], today) if bureau_users else []
    due = {user_id: {} for user_id in others}
    for entry in registry.deadline_kinds():
        if entry.audience is not None:
            for user_id, deadline in entry.audience(today):
                if user_id in due:
                    due[user_id][deadline.key] = deadline
        else:
            for user in others.values():
                for deadline in entry.provider(user, today):
                    due[user.pk][deadline.key] = deadline
    return [(user, shared) for user in bureau_users] + [
        (others[user_id], list(deadlines.values())) for user_id, deadlines in due.items()
    ]


def run_daily(*, today=None):
    """Creates the day's notifications for every user and every registered deadline at the step
    that applies today, then hands them to each channel. Idempotent: a second run on the same day
    creates and sends nothing more (unique constraint, deliveries recorded). On a day that is not
    a working day nothing is reminded; the next working day catches up (the steps are ranges)."""
    today = today or timezone.localdate()
    clock = StepClock(today)
    result = RunResult(today=today)
    if not clock.is_workday():
        result.skipped = True
        return result
    users = _users_with_roles()
    result.users = len(users)
    rows = []
    for user, deadlines in due_for_everyone(users, today):
        for deadline in deadlines:
            result.deadlines += 1
            step = clock.step(deadline.due_date)
            if step is not None:
                rows.append(_notification(user, deadline, step, today))
    before = Notification.objects.filter(for_date=today).count()
    with transaction.atomic():
        for start in range(0, len(rows), _INSERT_BATCH):
            Notification.objects.bulk_create(rows[start : start + _INSERT_BATCH], ignore_conflicts=True)
    result.created = Notification.objects.filter(for_date=today).count() - before
    for channel in configured_channels():
        result.delivered[channel.name] = deliver(channel, today=today)
    return result


def deliver(channel, *, today):
    """Hands each user's notifications of `today` that `channel` has not delivered yet to it, and
    records what it delivered. Returns the number delivered."""
    users = channel.recipients(get_user_model().objects.filter(is_active=True))
    pending = (
        Notification.objects.filter(for_date=today, user__in=users)
        .exclude(Exists(Delivery.objects.filter(notification=OuterRef("pk"), channel=channel.name)))
        .select_related("user")
        .order_by("user_id", "due_date", "id")
    )
    by_user = {}
    for notification in pending:
        by_user.setdefault(notification.user_id, []).append(notification)
    if not by_user:
        return 0
    count = 0
    channel.open()
    try:
        for items in by_user.values():
            delivered = channel.deliver(items[0].user, items, today=today)
            Delivery.objects.bulk_create(
                [Delivery(notification=n, channel=channel.name) for n in delivered], ignore_conflicts=True
            )
            count += len(delivered)
    finally:
        channel.close()
    return count


# --- the user's own actions -------------------------------------------------------------------


def notification_open(*, user, notification_id):
    """Marks one of the user's notifications read and returns it (None when not theirs)."""
    notification = Notification.objects.filter(user=user, pk=notification_id).first()
    if notification is not None and notification.read_at is None:
        notification.read_at = timezone.now()
        notification.save(update_fields=["read_at"])
    return notification


def notifications_read_all(*, user):
    return Notification.objects.filter(user=user, read_at__isnull=True).update(read_at=timezone.now())


@transaction.atomic
def preferences_update(*, user, email, email_reminders):
    """The user's reminder e-mail address and preference; bad values raise ValidationError with
    Chinese messages and save nothing."""
    user = get_user_model().objects.select_for_update().get(pk=user.pk)
    user.email = (email or "").strip()
    user.email_reminders = email_reminders
    if user.email_reminders != user.EmailReminders.NONE and not user.email:
        raise ValidationError({"email": _("选择接收邮件提醒时，须填写电子邮箱。")})
    checked = ("email", "email_reminders")
    user.clean_fields(exclude=[f.name for f in user._meta.fields if f.name not in checked])
    user.save(update_fields=["email", "email_reminders"])
    return user


def calendar_issue(*, user):
    """A new calendar key: a new private feed address; the previous address stops working."""
    user.calendar_key = secrets.token_hex(16)
    user.save(update_fields=["calendar_key"])
    return user


def calendar_revoke(*, user):
    user.calendar_key = ""
    user.save(update_fields=["calendar_key"])
    return user
