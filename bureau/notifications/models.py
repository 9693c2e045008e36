"""Notifications, one per deadline, step and user, and their deliveries over each channel."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _


class Notification(models.Model):
    """A reminder of one registered deadline (bureau.contrib.Deadline) at one step of its lead
    times, for one user. What the deadline said is copied, so the reminder reads the same after
    the record changed; the link leads to the record as it is now."""

    class State(models.TextChoices):
        OPEN = "open", _("未到期")
        OVERDUE = "overdue", _("已逾期")

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="notifications",
        verbose_name=_("用户"),
    )
    kind = models.CharField(_("类型"), max_length=60)
    deadline_key = models.CharField(max_length=200)
    # "before:5", "before:1", "due", "overdue:1", "overdue:2", ... (bureau.notifications.steps)
    step = models.CharField(_("提醒节点"), max_length=20)
    title = models.CharField(_("事项"), max_length=300)
    concerns = models.CharField(_("涉及"), max_length=200, blank=True)
    due_date = models.DateField(_("截止日期"))
    provisional = models.BooleanField(_("截止日期待定"), default=False)
    state = models.CharField(_("状态"), max_length=8, choices=State.choices)
    url = models.CharField(_("链接"), max_length=500)
    # The day the daily task ran for (its `today`), not the clock time.
    for_date = models.DateField(_("提醒日期"))
    created_at = models.DateTimeField(_("创建时间"), auto_now_add=True)
    read_at = models.DateTimeField(_("阅读时间"), null=True, blank=True)

    class Meta:
        verbose_name = _("提醒")
        verbose_name_plural = _("提醒")
        constraints = [
            # However often the daily task runs, one notification per deadline, step and user.
            models.UniqueConstraint(
                fields=["user", "deadline_key", "step"], name="bureau_notification_once_per_step"
            ),
        ]
        indexes = [
            # The bell's unread count and the centre's "unread" filter.
            models.Index(fields=["user"], condition=Q(read_at__isnull=True), name="bureau_notif_unread_idx"),
            # The centre's list, newest first.
            models.Index(fields=["user", "-for_date", "-id"], name="bureau_notif_user_date_idx"),
            # The channels' pending work of one run.
            models.Index(fields=["for_date"], name="bureau_notif_for_date_idx"),
        ]

    def __str__(self):
        return f"{self.title} ({self.step})"

    @property
    def is_read(self):
        return self.read_at is not None


class Delivery(models.Model):
    """That a channel other than the portal itself (e-mail, SMS, ...) has delivered a
    notification: a rerun of the daily task sends nothing twice."""

    notification = models.ForeignKey(Notification, on_delete=models.CASCADE, related_name="deliveries")
    channel = models.CharField(max_length=40)
    delivered_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("提醒发送记录")
        verbose_name_plural = _("提醒发送记录")
        constraints = [
            models.UniqueConstraint(
                fields=["notification", "channel"], name="bureau_delivery_once_per_channel"
            )
        ]

    def __str__(self):
        return f"{self.notification_id} {self.channel}"
