"""重大敏感案件备案: what the bureau asks to know about a major sensitive case."""

import pghistory
from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .cases import Case


@pghistory.track()
class SensitiveFiling(models.Model):
    """重大敏感案件备案: what the bureau asks to know about a major sensitive case."""

    class Status(models.TextChoices):
        FILED = "filed", _("已备案待审阅")
        ACKNOWLEDGED = "acknowledged", _("已知悉")
        COMMENTED = "commented", _("已提出意见")

    case = models.OneToOneField(Case, on_delete=models.PROTECT, related_name="sensitive_filing")
    client = models.CharField(_("委托人"), max_length=200)
    authority = models.CharField(_("受理机关"), max_length=200)
    facts = models.TextField(_("基本案情"))
    legal_issues = models.TextField(_("主要法律问题"))
    lawyer_opinion = models.TextField(_("律师意见"))
    filed_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    filed_on = models.DateField(_("备案日期"), default=timezone.localdate)
    status = models.CharField(_("状态"), max_length=14, choices=Status.choices, default=Status.FILED)
    bureau_comment = models.TextField(_("司法局意见"), blank=True)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", null=True, blank=True
    )
    reviewed_at = models.DateTimeField(_("审阅时间"), null=True, blank=True)

    class Meta:
        verbose_name = _("重大敏感案件备案")
        verbose_name_plural = _("重大敏感案件备案")
        ordering = ["-filed_on"]
        indexes = [
            # The filings awaiting the bureau's reading (the bureau dashboard's count and its list).
            models.Index(fields=["filed_on"], condition=Q(status="filed"), name="casework_filing_queue_idx"),
        ]

    def __str__(self):
        return str(self.case)

    @property
    def is_late(self):
        return bool(self.case.sensitive_due_on and self.filed_on > self.case.sensitive_due_on)
