"""走访 records."""

import pghistory
from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from firms.models import Firm


@pghistory.track()
class Visit(models.Model):
    """走访: a visit to a firm, the problems it raised and the help given."""

    firm = models.ForeignKey(Firm, on_delete=models.PROTECT, related_name="+", verbose_name=_("律师事务所"))
    visited_on = models.DateField(_("走访日期"))
    visitors = models.CharField(_("走访人员"), max_length=200)
    problems = models.TextField(_("反映的问题"), blank=True)
    help_given = models.TextField(_("帮助解决情况"), blank=True)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    recorded_at = models.DateTimeField(_("记录时间"), auto_now_add=True)

    class Meta:
        verbose_name = _("走访记录")
        verbose_name_plural = _("走访记录")
        ordering = ["-visited_on", "-id"]
        indexes = [
            # The visit log, newest first, and one firm's visits.
            models.Index(fields=["firm", "-visited_on"], name="inspections_visit_firm_idx"),
        ]

    def __str__(self):
        return f"{self.firm} {self.visited_on}"
