"""Annual assessment (年度检查考核) of firms and lawyers."""

import pghistory
from django.db import models
from django.utils.translation import gettext_lazy as _

from .registry import Firm, Lawyer


@pghistory.track()
class FirmAssessment(models.Model):
    """年度检查考核 of a firm."""

    class Result(models.TextChoices):
        PASS = "pass", _("合格")
        FAIL = "fail", _("不合格")

    firm = models.ForeignKey(
        Firm, on_delete=models.CASCADE, related_name="assessments", verbose_name=_("律师事务所")
    )
    year = models.PositiveSmallIntegerField(_("年度"))
    result = models.CharField(_("考核结果"), max_length=5, choices=Result.choices)
    remarks = models.CharField(_("备注"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("律所年度考核")
        verbose_name_plural = _("律所年度考核")
        ordering = ["-year"]
        constraints = [
            models.UniqueConstraint(fields=["firm", "year"], name="firms_firmassessment_one_per_year")
        ]

    def __str__(self):
        return f"{self.year} {self.get_result_display()}"


@pghistory.track()
class LawyerAssessment(models.Model):
    """年度考核 of a lawyer."""

    class Result(models.TextChoices):
        COMPETENT = "competent", _("称职")
        BASIC = "basic", _("基本称职")
        INCOMPETENT = "incompetent", _("不称职")

    lawyer = models.ForeignKey(
        Lawyer, on_delete=models.CASCADE, related_name="assessments", verbose_name=_("律师")
    )
    year = models.PositiveSmallIntegerField(_("年度"))
    result = models.CharField(_("考核结果"), max_length=12, choices=Result.choices)
    remarks = models.CharField(_("备注"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("律师年度考核")
        verbose_name_plural = _("律师年度考核")
        ordering = ["-year"]
        constraints = [
            models.UniqueConstraint(fields=["lawyer", "year"], name="firms_lawyerassessment_one_per_year")
        ]

    def __str__(self):
        return f"{self.year} {self.get_result_display()}"
