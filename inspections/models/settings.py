"""The local rules of inspections (ratios, deadlines, document codes)."""

import pghistory
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from bureau.models import SingletonModel


@pghistory.track()
class InspectionSettings(SingletonModel):
    """Local rules of inspections, kept as one row the administrator edits."""

    yearly_cap = models.PositiveSmallIntegerField(
        _("同一律所每年最多被抽中次数"), default=2, validators=[MinValueValidator(1)]
    )
    avoid_previous_round = models.BooleanField(_("回避上一轮检查过该所的检查人员"), default=True)
    rectification_workdays = models.PositiveSmallIntegerField(
        _("整改期限（工作日）"), default=20, validators=[MinValueValidator(1), MaxValueValidator(250)]
    )
    publish_workdays = models.PositiveSmallIntegerField(
        _("结果公开期限（工作日）"), default=20, validators=[MinValueValidator(1), MaxValueValidator(250)]
    )
    notice_code = models.CharField(
        _("整改通知书文号代字"),
        max_length=10,
        default="司律整",
        help_text=_("如“示司律整〔2026〕3号”中的“司律整”"),
    )
    inspection_notice_code = models.CharField(_("检查通知书文号代字"), max_length=10, default="司律检")
    report_method = models.TextField(
        _("整改情况报送方式"),
        default="请于整改期限届满前，将书面整改报告及相关佐证材料通过律师行业监管平台上传，"
        "或报送至司法局律师工作管理股。",
    )
    max_upload_mb = models.PositiveSmallIntegerField(
        _("上传文件大小上限（MB）"), default=10, validators=[MinValueValidator(1), MaxValueValidator(50)]
    )

    class Meta(SingletonModel.Meta):
        verbose_name = _("检查设置")
        verbose_name_plural = _("检查设置")

    def __str__(self):
        return str(_("检查设置"))
