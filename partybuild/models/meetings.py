"""三会一课 meeting records, attendance and attachments."""

import datetime

import pghistory
from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from .branches import Branch
from .members import Member


@pghistory.track()
class Meeting(models.Model):
    """三会一课 (and 主题党日) records."""

    class Kind(models.TextChoices):
        MEMBERS = "members", _("支部党员大会")
        COMMITTEE = "committee", _("支部委员会")
        GROUP = "group", _("党小组会")
        LECTURE = "lecture", _("党课")
        THEME_DAY = "theme_day", _("主题党日")

    branch = models.ForeignKey(
        Branch, on_delete=models.PROTECT, related_name="meetings", verbose_name=_("支部")
    )
    kind = models.CharField(_("类型"), max_length=10, choices=Kind.choices)
    held_on = models.DateField(_("日期"))
    topic = models.CharField(_("主题"), max_length=200)
    host = models.CharField(_("主持人"), max_length=50)
    minutes = models.TextField(_("会议记录"), blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+", editable=False
    )
    created_at = models.DateTimeField(_("登记时间"), auto_now_add=True)

    class Meta:
        verbose_name = _("三会一课记录")
        verbose_name_plural = _("三会一课记录")
        ordering = ["-held_on", "-id"]
        indexes = [
            # Meeting-frequency check and a branch's meeting list: meetings of a branch by kind and date.
            models.Index(fields=["branch", "kind", "held_on"], name="partybuild_meeting_freq_idx"),
            # Meeting list and year figures filtered by date; with branch and kind, the year's meetings
            # the meeting-frequency check reads in one pass (meeting_checks._GAPS_SQL, "held").
            models.Index(fields=["held_on"], include=["branch", "kind"], name="partybuild_meeting_year_idx"),
        ]

    def __str__(self):
        return f"{self.held_on:%Y-%m-%d} {self.get_kind_display()} {self.topic}"


@pghistory.track()
class Attendance(models.Model):
    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="attendance")
    member = models.ForeignKey(Member, on_delete=models.PROTECT, related_name="+", verbose_name=_("党员"))
    present = models.BooleanField(_("出席"), default=True)
    absence_reason = models.CharField(_("缺席原因"), max_length=100, blank=True)

    class Meta:
        verbose_name = _("参会情况")
        verbose_name_plural = _("参会情况")
        constraints = [
            models.UniqueConstraint(fields=["meeting", "member"], name="partybuild_attendance_once"),
        ]

    def __str__(self):
        return f"{self.member} {self.present}"


def attachment_upload_to(instance, filename):
    return f"partybuild/meetings/{datetime.date.today():%Y/%m}/{filename}"


@pghistory.track()
class Attachment(models.Model):
    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="attachments")
    file = models.FileField(_("文件"), upload_to=attachment_upload_to)
    original_name = models.CharField(_("文件名"), max_length=200)
    content_type = models.CharField(max_length=50)
    size = models.PositiveIntegerField()
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    uploaded_at = models.DateTimeField(_("上传时间"), auto_now_add=True)

    class Meta:
        verbose_name = _("会议附件")
        verbose_name_plural = _("会议附件")
        ordering = ["uploaded_at"]

    def __str__(self):
        return self.original_name
