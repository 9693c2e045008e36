"""Dated status history of firms: what a year-end figure is computed from."""

import pghistory
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .registry import Firm


@pghistory.track()
class FirmStatusChange(models.Model):
    """A firm's status from `changed_on` (the date the user states) until its next change. The
    recorded-at time is the audit trail's."""

    firm = models.ForeignKey(
        Firm, on_delete=models.CASCADE, related_name="status_changes", verbose_name=_("律师事务所")
    )
    status = models.CharField(_("状态"), max_length=15, choices=Firm.Status.choices)
    changed_on = models.DateField(_("变更日期"))
    note = models.CharField(_("备注"), max_length=200, blank=True)
    recorded_at = models.DateTimeField(_("记录时间"), default=timezone.now, editable=False)

    class Meta:
        verbose_name = _("律所状态变更")
        verbose_name_plural = _("律所状态变更")
        ordering = ["changed_on", "id"]
        indexes = [
            # A firm's status at a date (firms.yearly.status_at): latest change on or before it.
            models.Index(fields=["firm", "-changed_on", "-id"], name="firms_statuschange_firm_idx"),
        ]

    def __str__(self):
        return f"{self.changed_on} {self.get_status_display()}"
