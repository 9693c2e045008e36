"""Rectification: the 责令限期整改通知书 (immutable once issued: a trigger refuses updates and
deletes; a correction is a new notice), the gapless counter of document numbers, the firm's
responses and the verification."""

import pghistory
import pgtrigger
from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from .inspections import Inspection
from .uploads import response_upload_to


class DocumentCounter(models.Model):
    """The last document number issued in a series and year: the counter row of
    bureau.numbering.next_number, which locks it so that numbers stay gapless."""

    series = models.CharField(max_length=10)
    year = models.PositiveSmallIntegerField()
    last = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["series", "year"], name="inspections_counter_one_per_series_year")
        ]

    def __str__(self):
        return f"{self.series} {self.year}: {self.last}"


@pghistory.track()
class RectificationNotice(models.Model):
    """责令限期整改通知书. Immutable once issued (a trigger refuses updates): a correction is a new
    notice that refers to the one it corrects."""

    class Kind(models.TextChoices):
        INITIAL = "initial", _("整改通知")
        CORRECTION = "correction", _("更正通知")
        FOLLOW_UP = "follow_up", _("再次整改通知")

    inspection = models.ForeignKey(Inspection, on_delete=models.PROTECT, related_name="notices")
    kind = models.CharField(_("类型"), max_length=10, choices=Kind.choices, default=Kind.INITIAL)
    refers_to = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("所涉通知书"),
    )
    year = models.PositiveSmallIntegerField(_("年度"))
    serial = models.PositiveIntegerField(_("序号"))
    doc_number = models.CharField(_("文号"), max_length=40, unique=True)
    firm_name = models.CharField(_("律所名称"), max_length=100)
    findings = models.JSONField(_("问题清单"))
    requirement = models.TextField(_("整改要求"))
    report_method = models.TextField(_("报送方式"))
    workdays = models.PositiveSmallIntegerField(_("整改期限（工作日）"))
    issued_on = models.DateField(_("签发日期"))
    deadline = models.DateField(_("整改期限"))
    deadline_provisional = models.BooleanField(_("期限暂定"), default=False)
    issued_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    issued_at = models.DateTimeField(_("签发时间"), auto_now_add=True)

    class Meta:
        verbose_name = _("责令限期整改通知书")
        verbose_name_plural = _("责令限期整改通知书")
        ordering = ["issued_at", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["year", "serial"], name="inspections_notice_serial_once_per_year"
            ),
            models.CheckConstraint(
                condition=Q(kind="initial") | Q(refers_to__isnull=False), name="inspections_notice_refers"
            ),
            models.CheckConstraint(
                condition=Q(deadline__gte=models.F("issued_on")),
                name="inspections_notice_deadline_after_issue",
                violation_error_message=_("整改期限不能早于签发日期。"),
            ),
        ]
        triggers = [
            pgtrigger.Protect(
                name="inspections_notice_immutable", operation=pgtrigger.Update | pgtrigger.Delete
            )
        ]

    def __str__(self):
        return self.doc_number


@pghistory.track()
class Response(models.Model):
    """The firm's rectification report for a notice."""

    notice = models.ForeignKey(RectificationNotice, on_delete=models.PROTECT, related_name="responses")
    file = models.FileField(_("整改报告"), upload_to=response_upload_to)
    note = models.TextField(_("整改情况说明"), blank=True)
    # The day the firm reported back, as stated (null only in history rows older than the field;
    # the service always sets it); uploaded_at is when it was recorded.
    responded_on = models.DateField(_("报送日期"), null=True)
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    uploaded_at = models.DateTimeField(_("报送时间"), auto_now_add=True)

    class Meta:
        verbose_name = _("整改报告")
        verbose_name_plural = _("整改报告")
        ordering = ["uploaded_at", "id"]

    def __str__(self):
        return self.file.name


@pghistory.track()
class Verification(models.Model):
    class Outcome(models.TextChoices):
        COMPLETED = "completed", _("整改完成")
        NOT_COMPLETED = "not_completed", _("未完成整改")

    notice = models.OneToOneField(RectificationNotice, on_delete=models.PROTECT, related_name="verification")
    outcome = models.CharField(_("核查结论"), max_length=15, choices=Outcome.choices)
    note = models.TextField(_("核查意见"), blank=True)
    # The day of the check, as stated (set by the service; see Response.responded_on);
    # verified_at is when it was recorded.
    verified_on = models.DateField(_("核查日期"), null=True)
    verified_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    verified_at = models.DateTimeField(_("核查时间"), auto_now_add=True)

    class Meta:
        verbose_name = _("整改核查")
        verbose_name_plural = _("整改核查")

    def __str__(self):
        return self.get_outcome_display()
