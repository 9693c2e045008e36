"""The bureau's casework settings and each firm's own intake numbering."""

import pghistory
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from bureau.models import SingletonModel
from firms.models import Firm


@pghistory.track()
class CaseworkSettings(SingletonModel):
    """The bureau's local rules for casework, one row edited in the admin. Until the row is saved,
    load() gives the defaults below without writing."""

    sensitive_filing_days = models.PositiveSmallIntegerField(
        _("重大敏感案件备案期限（收案后工作日）"), default=3
    )
    quarterly_due_days = models.PositiveSmallIntegerField(
        _("季度统计报送期限（季度结束后工作日）"), default=10
    )
    completeness_days = models.PositiveSmallIntegerField(
        _("四统一材料补齐期限（天）"),
        default=30,
        help_text=_("收案后超过该天数仍无合同或收费票据、结案后超过该天数仍未归档的，标记为不完整"),
    )
    conflict_similarity = models.DecimalField(
        _("利益冲突名称相似度阈值"),
        max_digits=3,
        decimal_places=2,
        default=0.4,
        validators=[MinValueValidator(0.1), MaxValueValidator(1)],
        help_text=_("0.1–1.0，越小命中越多"),
    )

    class Meta(SingletonModel.Meta):
        verbose_name = _("案件管理设置")
        verbose_name_plural = _("案件管理设置")

    def __str__(self):
        return str(self._meta.verbose_name)


@pghistory.track()
class FirmCaseSettings(models.Model):
    """A firm's own intake numbering: prefix and type letters, e.g. 〔2026〕X律民字第12号
    (the year in 六角括号 〔〕, as official documents write it)."""

    firm = models.OneToOneField(
        Firm, on_delete=models.CASCADE, related_name="case_settings", verbose_name=_("律师事务所")
    )
    intake_prefix = models.CharField(_("收案编号代字"), max_length=10, default="律")
    letter_criminal = models.CharField(_("刑事案件字"), max_length=4, default="刑")
    letter_civil = models.CharField(_("民事案件字"), max_length=4, default="民")
    letter_administrative = models.CharField(_("行政案件字"), max_length=4, default="行")
    letter_non_litigation = models.CharField(_("非诉讼案件字"), max_length=4, default="非")
    letter_arbitration = models.CharField(_("仲裁案件字"), max_length=4, default="仲")
    letter_other = models.CharField(_("其他案件字"), max_length=4, default="其")

    class Meta:
        verbose_name = _("律所收案编号设置")
        verbose_name_plural = _("律所收案编号设置")

    def __str__(self):
        return str(self.firm)

    def letter(self, case_type):
        return getattr(self, f"letter_{case_type}")

    def format_number(self, *, year, case_type, serial):
        return f"〔{year}〕{self.intake_prefix}{self.letter(case_type)}字第{serial}号"
