"""季度统计报表: the quarterly statistics a firm files and the bureau reviews, with each submission."""

import pghistory
from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from firms.models import Firm, VersionedModel


def _after_the_quarter(field):
    """`field` (a date) falls after the report's quarter: a later year, or a later month of the
    same year than the quarter's last (3, 6, 9, 12)."""
    return Q(**{f"{field}__year__gt": F("year")}) | Q(
        **{f"{field}__year": F("year"), f"{field}__month__gt": F("quarter") * 3}
    )


@pghistory.track()
class QuarterlyReport(VersionedModel):
    """季度统计报表: one per firm and quarter. `figures` maps a figure key to
    {"prefilled": n, "value": n, "reason": "..."}; each submission is kept as a version."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("草稿")
        SUBMITTED = "submitted", _("已报送待审核")
        RETURNED = "returned", _("已退回")
        ACCEPTED = "accepted", _("已通过")

    firm = models.ForeignKey(
        Firm, on_delete=models.PROTECT, related_name="quarterly_reports", verbose_name=_("律师事务所")
    )
    year = models.PositiveSmallIntegerField(_("年度"))
    quarter = models.PositiveSmallIntegerField(_("季度"), choices=[(q, q) for q in (1, 2, 3, 4)])
    status = models.CharField(_("状态"), max_length=10, choices=Status.choices, default=Status.DRAFT)
    figures = models.JSONField(_("统计数据"), default=dict)
    due_on = models.DateField(_("报送截止日期"))
    due_provisional = models.BooleanField(default=False)
    first_submitted_on = models.DateField(_("首次报送日期"), null=True, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(default=timezone.now, editable=False)

    class Meta:
        verbose_name = _("季度统计报表")
        verbose_name_plural = _("季度统计报表")
        ordering = ["-year", "-quarter", "firm_id"]
        constraints = [
            models.UniqueConstraint(fields=["firm", "year", "quarter"], name="casework_quarterly_once"),
            models.CheckConstraint(
                condition=Q(quarter__gte=1, quarter__lte=4), name="casework_quarterly_q_1_4"
            ),
            # A quarter is filed once it has ended: both the deadline and the first submission
            # lie after its last day.
            models.CheckConstraint(
                condition=_after_the_quarter("due_on"),
                name="casework_quarterlyreport_due_after_quarter",
                violation_error_message=_("报送截止日期须在该季度结束之后。"),
            ),
            models.CheckConstraint(
                condition=Q(first_submitted_on__isnull=True) | _after_the_quarter("first_submitted_on"),
                name="casework_quarterlyreport_filed_after_quarter",
                violation_error_message=_("该季度尚未结束，不能报送。"),
            ),
        ]
        indexes = [
            # Bureau overview: every report of one quarter.
            models.Index(fields=["year", "quarter", "status"], name="casework_quarterly_period_idx"),
        ]

    def __str__(self):
        return f"{self.firm} {self.year}年第{self.quarter}季度"


@pghistory.track()
class QuarterlyReportVersion(models.Model):
    """One submission of a report, with the bureau's answer to it."""

    class Decision(models.TextChoices):
        ACCEPTED = "accepted", _("通过")
        RETURNED = "returned", _("退回")

    report = models.ForeignKey(QuarterlyReport, on_delete=models.CASCADE, related_name="versions")
    number = models.PositiveSmallIntegerField(_("版本"))
    figures = models.JSONField(_("统计数据"))
    submitted_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    submitted_at = models.DateTimeField(_("报送时间"), default=timezone.now)
    decision = models.CharField(_("审核结果"), max_length=10, choices=Decision.choices, blank=True)
    comment = models.TextField(_("审核意见"), blank=True)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", null=True, blank=True
    )
    reviewed_at = models.DateTimeField(_("审核时间"), null=True, blank=True)

    class Meta:
        verbose_name = _("季度统计报表版本")
        verbose_name_plural = _("季度统计报表版本")
        ordering = ["report", "number"]
        constraints = [
            models.UniqueConstraint(fields=["report", "number"], name="casework_quarterlyversion_once"),
            models.CheckConstraint(
                condition=Q(reviewed_at__isnull=True) | Q(reviewed_at__gte=F("submitted_at")),
                name="casework_quarterlyreportversion_reviewed_after_submitted",
                violation_error_message=_("审核时间不能早于报送时间。"),
            ),
        ]

    def __str__(self):
        return f"{self.report} v{self.number}"
