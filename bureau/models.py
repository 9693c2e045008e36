"""Foundation models: accounts, the settings singletons' base, jobs, the working-day calendar.

Switching an app's settings model to the one singleton base (:class:`SingletonModel`):
  1. ``class CaseworkSettings(SingletonModel):`` and delete its own ``load()``;
  2. ``class Meta(SingletonModel.Meta):`` (keeps the ``<app>_settings_singleton`` check) or keep the
     model's own identical ``CheckConstraint``; ``makemigrations`` then finds no schema change;
  3. ``load()`` never writes (a GET must not): add a ``RunPython`` creating row 1 if callers
     ``update()`` it, or just ``obj = X.load(); obj.field = v; obj.save()``, which inserts row 1.
"""

import datetime
import os
import socket

import pghistory
from django.conf import settings
from django.contrib.auth.models import AbstractUser
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


# The sign-in bookkeeping fields change at every sign-in attempt; the sign-in log records them.
@pghistory.track(
    exclude=[
        "password",
        "last_login",
        "password_changed_at",
        "otp_failures",
        "otp_locked_until",
        "calendar_key",
    ]
)
class User(AbstractUser):
    """A portal account. Its role is the Django group it belongs to (see bureau.permissions)."""

    full_name = models.CharField(_("姓名"), max_length=50, blank=True)
    phone = models.CharField(_("联系电话"), max_length=30, blank=True)
    # Kept on the user row, which every request loads anyway, so that the checks of the sign-in
    # middleware (bureau.security.middleware) cost no query.
    password_changed_at = models.DateTimeField(_("密码修改时间"), null=True, blank=True)
    must_change_password = models.BooleanField(
        _("下次登录须修改密码"), default=False, help_text=_("管理员创建或重置的账号首次登录时须修改密码")
    )
    otp_failures = models.PositiveSmallIntegerField(_("动态口令连续错误次数"), default=0)
    otp_locked_until = models.DateTimeField(_("动态口令锁定至"), null=True, blank=True)

    class EmailReminders(models.TextChoices):
        NONE = "none", _("不接收邮件")
        DIGEST = "digest", _("每日汇总一封")
        INSTANT = "instant", _("每条提醒即时发送")

    # Reminders by e-mail go to `email`; the notification centre shows them whatever this says.
    email_reminders = models.CharField(
        _("邮件提醒"), max_length=8, choices=EmailReminders.choices, default=EmailReminders.DIGEST
    )
    # The calendar feed's secret is derived from this key and the password hash
    # (bureau.notifications.calendar): empty means no feed, a new key revokes the old address.
    calendar_key = models.CharField(max_length=32, blank=True)

    class Meta(AbstractUser.Meta):
        verbose_name = _("用户")
        verbose_name_plural = _("用户")

    def __str__(self):
        return self.full_name or self.username

    @property
    def display_name(self):
        return self.full_name or self.username


class SingletonModel(models.Model):
    """A model with exactly one row (id 1): local settings that an administrator edits.

    ``load()`` reads the row, or gives an unsaved instance with the field defaults when the row is
    missing, so reading settings never writes (GET requests stay read-only); ``save()`` always
    writes row 1. The check constraint keeps a second row out of the table whatever writes to it.
    """

    SINGLETON_ID = 1

    class Meta:
        abstract = True
        constraints = [models.CheckConstraint(condition=Q(id=1), name="%(app_label)s_settings_singleton")]

    def save(self, *args, **kwargs):
        self.pk = self.SINGLETON_ID
        super().save(*args, **kwargs)

    @classmethod
    def load(cls):
        return cls.objects.filter(pk=cls.SINGLETON_ID).first() or cls(pk=cls.SINGLETON_ID)


@pghistory.track()
class BureauSettings(SingletonModel):
    """The bureau's local rules and names, kept as one row that the administrator edits."""

    bureau_name = models.CharField(_("司法局名称"), max_length=100, default="示范县司法局")
    county_name = models.CharField(_("行政区划名称"), max_length=50, default="示范县")
    doc_prefix = models.CharField(
        _("文号机关代字"),
        max_length=20,
        default="示",
        help_text=_("用于文书编号，如“示司律整〔2026〕3号”中的“示”"),
    )
    training_hours_required = models.DecimalField(
        _("律师年度继续教育学时要求"),
        max_digits=5,
        decimal_places=1,
        default=40,
        validators=[MinValueValidator(0)],
    )

    class Meta(SingletonModel.Meta):
        verbose_name = _("系统设置")
        verbose_name_plural = _("系统设置")

    def __str__(self):
        return str(self.bureau_name)


class Job(models.Model):
    """A background job whose state lives in the database, so a page can show its progress
    and a lost worker never loses the request."""

    class Status(models.TextChoices):
        QUEUED = "queued", _("排队中")
        RUNNING = "running", _("进行中")
        DONE = "done", _("已完成")
        FAILED = "failed", _("失败")

    kind = models.CharField(_("任务类型"), max_length=50)
    params = models.JSONField(_("参数"), default=dict, blank=True)
    # Same key while queued or running means "the same request": a second ask joins the first.
    dedupe_key = models.CharField(max_length=200, blank=True)
    status = models.CharField(_("状态"), max_length=10, choices=Status.choices, default=Status.QUEUED)
    progress = models.PositiveSmallIntegerField(_("进度"), default=0)
    step = models.CharField(_("当前步骤"), max_length=200, blank=True)
    result_file = models.FileField(_("结果文件"), upload_to="jobs/%Y/", blank=True)
    error = models.TextField(_("错误信息"), blank=True)
    attempts = models.PositiveSmallIntegerField(_("执行次数"), default=0)
    worker_pid = models.IntegerField(null=True, blank=True)
    worker_host = models.CharField(max_length=255, blank=True)
    # The lease: the run that claimed the job writes only while the row carries its token, and
    # renews heartbeat_at; beat reclaims a RUNNING job whose heartbeat is older than the lease.
    run_token = models.CharField(max_length=32, blank=True)
    heartbeat_at = models.DateTimeField(_("最近心跳"), null=True, blank=True)
    # When the broker last accepted the job's message; empty while the broker could not be reached.
    sent_at = models.DateTimeField(null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, verbose_name=_("申请人")
    )
    created_at = models.DateTimeField(_("申请时间"), auto_now_add=True)
    started_at = models.DateTimeField(_("开始时间"), null=True, blank=True)
    finished_at = models.DateTimeField(_("完成时间"), null=True, blank=True)

    class Meta:
        verbose_name = _("后台任务")
        verbose_name_plural = _("后台任务")
        constraints = [
            models.UniqueConstraint(
                fields=["kind", "dedupe_key"],
                condition=Q(status__in=["queued", "running"]) & ~Q(dedupe_key=""),
                name="bureau_job_one_active_per_key",
            ),
            models.CheckConstraint(condition=Q(progress__lte=100), name="bureau_job_progress_max_100"),
        ]
        indexes = [
            # resend_queued_jobs: queued jobs never sent, or sent long ago.
            models.Index(fields=["created_at"], condition=Q(status="queued"), name="bureau_job_queued_idx"),
            # reclaim_stalled_jobs: running jobs whose heartbeat is older than the lease.
            models.Index(
                fields=["heartbeat_at"], condition=Q(status="running"), name="bureau_job_running_idx"
            ),
            # The job list of one kind, newest first.
            models.Index(fields=["kind", "-created_at"], name="bureau_job_kind_created_idx"),
        ]

    def __str__(self):
        return f"{self.kind} #{self.pk}"

    @property
    def is_finished(self):
        return self.status in (self.Status.DONE, self.Status.FAILED)

    @property
    def is_stalled(self):
        """RUNNING, but its run is gone: no heartbeat within the lease, or its worker process on
        this host no longer exists."""
        if self.status != self.Status.RUNNING:
            return False
        if self.heartbeat_at is None:
            return True
        if timezone.now() - self.heartbeat_at > datetime.timedelta(seconds=settings.JOB_LEASE_SECONDS):
            return True
        if self.worker_pid and self.worker_host == socket.gethostname() and self.worker_pid != os.getpid():
            try:
                os.kill(self.worker_pid, 0)
            except ProcessLookupError:
                return True
            except PermissionError:
                pass  # alive, under another user
        return False


class CalendarYear(models.Model):
    """A year whose official holidays and 调休 days the bureau entered itself from the State
    Council's notice, for years the chinesecalendar package does not know yet."""

    year = models.PositiveSmallIntegerField(_("年度"), unique=True)
    notice = models.CharField(_("依据"), max_length=200, blank=True, help_text=_("如国务院办公厅通知文号"))
    entered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, verbose_name=_("录入人")
    )
    entered_at = models.DateTimeField(_("录入时间"), auto_now_add=True)

    class Meta:
        verbose_name = _("节假日年度")
        verbose_name_plural = _("节假日年度")
        ordering = ["-year"]

    def __str__(self):
        return str(self.year)


class CalendarDay(models.Model):
    """One exception to the Monday-to-Friday week: a holiday on a weekday, or a 调休 working
    Saturday/Sunday."""

    calendar_year = models.ForeignKey(CalendarYear, on_delete=models.CASCADE, related_name="days")
    date = models.DateField(_("日期"), unique=True)
    is_workday = models.BooleanField(_("是否工作日"))
    name = models.CharField(_("名称"), max_length=50, blank=True, help_text=_("如“春节”“调休上班”"))

    class Meta:
        verbose_name = _("节假日调整")
        verbose_name_plural = _("节假日调整")
        ordering = ["date"]

    def __str__(self):
        return f"{self.date} {'班' if self.is_workday else '休'}"


# The clerk's edits of the drafted summary are the regulated part of a report version: every saved
# edit is an audit event (who, when, the text).
@pghistory.track(
    fields=["summary_edited", "summary_edited_by", "summary_revision"], model_name="YearlyReportSummaryEvent"
)
class YearlyReport(models.Model):
    """One requested version of the yearly statistical report. Versions are kept, each with the
    summary as drafted from its figures and the clerk's edited text."""

    year = models.PositiveSmallIntegerField(_("年度"))
    job = models.OneToOneField(Job, on_delete=models.PROTECT, related_name="yearly_report")
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("申请人")
    )
    requested_at = models.DateTimeField(_("申请时间"), auto_now_add=True)
    pdf = models.FileField(_("PDF"), upload_to="reports/", blank=True)
    xlsx = models.FileField(_("Excel"), upload_to="reports/", blank=True)
    summary = models.TextField(_("工作总结（草稿）"), blank=True)
    figures = models.JSONField(_("数据"), default=dict, blank=True)
    summary_edited = models.TextField(_("工作总结（修改稿）"), blank=True)
    summary_edited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("修改人"),
    )
    summary_edited_at = models.DateTimeField(_("修改时间"), null=True, blank=True)
    # Counts saved edits; a save that started from an older revision is refused (stale edit).
    summary_revision = models.PositiveIntegerField(_("修改次数"), default=0)

    class Meta:
        verbose_name = _("年度统计报告")
        verbose_name_plural = _("年度统计报告")
        ordering = ["-requested_at"]
        indexes = [
            # The report list, newest first.
            models.Index(fields=["-requested_at"], name="bureau_report_requested_idx"),
        ]

    def __str__(self):
        return f"{self.year} #{self.pk}"

    @property
    def summary_text(self):
        """The summary as the bureau has it now: the clerk's edit, or else the draft."""
        return self.summary_edited or self.summary

