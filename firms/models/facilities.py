"""Facilities beyond the firm's own record: improvements made (with what they cost) and the service
stations a firm runs."""

import pghistory
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from .registry import Firm

STATION_UNTIL_BEFORE_SINCE = _("撤销日期不能早于设立日期。")


@pghistory.track()
class FirmImprovement(models.Model):
    """办公设施改善: e.g. a meeting room built, with its area and what it cost. Area and amount are
    whole numbers, so the report's tables and the summary print the same figures."""

    firm = models.ForeignKey(
        Firm, on_delete=models.CASCADE, related_name="improvements", verbose_name=_("律师事务所")
    )
    made_on = models.DateField(_("日期"))
    description = models.CharField(_("改善内容"), max_length=200)
    area = models.PositiveIntegerField(_("面积（㎡）"), null=True, blank=True)
    amount = models.PositiveIntegerField(_("投入金额（元）"), null=True, blank=True)

    class Meta:
        verbose_name = _("办公设施改善")
        verbose_name_plural = _("办公设施改善")
        ordering = ["-made_on", "-id"]
        indexes = [
            # The year's improvements (report) and a firm's list (firm page).
            models.Index(fields=["made_on"], name="firms_improvement_made_on_idx"),
            models.Index(fields=["firm", "-made_on"], name="firms_improvement_firm_idx"),
        ]

    def __str__(self):
        return f"{self.made_on} {self.description}"


@pghistory.track()
class ServiceStation(models.Model):
    """A service station run by a firm, in operation from `since` until `until` (if closed)."""

    class Kind(models.TextChoices):
        VETERANS = "veterans", _("退役军人法律服务站")
        LEGAL_AID = "legal_aid", _("法律援助工作站")

    kind = models.CharField(_("类别"), max_length=12, choices=Kind.choices)
    name = models.CharField(_("名称"), max_length=100)
    firm = models.ForeignKey(
        Firm, on_delete=models.PROTECT, related_name="stations", verbose_name=_("律师事务所")
    )
    since = models.DateField(_("设立日期"))
    until = models.DateField(_("撤销日期"), null=True, blank=True)

    class Meta:
        verbose_name = _("服务站点")
        verbose_name_plural = _("服务站点")
        ordering = ["kind", "since", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(until__isnull=True) | Q(until__gte=models.F("since")),
                name="firms_servicestation_until_after_since",
                violation_error_message=STATION_UNTIL_BEFORE_SINCE,
            ),
        ]
        indexes = [
            # Stations in operation at a date (report) and a firm's stations (firm page).
            models.Index(fields=["kind", "since"], name="firms_station_kind_since_idx"),
            models.Index(fields=["firm"], name="firms_station_firm_idx"),
        ]

    def __str__(self):
        return self.name

    def clean(self):
        if self.since and self.until and self.until < self.since:
            raise ValidationError({"until": STATION_UNTIL_BEFORE_SINCE})
