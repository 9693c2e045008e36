"""The inspector register (检查人员名录) with declared conflicts, and the checklists (检查表)."""

import pghistory
from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from firms.models import Firm


@pghistory.track()
class Inspector(models.Model):
    """检查人员名录: an inspector account with its enforcement certificate."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="inspector", verbose_name=_("账号")
    )
    certificate_no = models.CharField(_("执法证号"), max_length=30, unique=True)
    is_active = models.BooleanField(_("在册可抽取"), default=True)

    class Meta:
        verbose_name = _("检查人员")
        verbose_name_plural = _("检查人员名录")
        ordering = ["id"]

    def __str__(self):
        return self.user.display_name


@pghistory.track()
class Conflict(models.Model):
    """A declared interest of an inspector in a firm: the inspector is never drawn for it."""

    class Reason(models.TextChoices):
        RELATIVE = "relative", _("近亲属")
        FORMER = "former", _("曾在该所执业")
        OTHER = "other", _("其他")

    inspector = models.ForeignKey(
        Inspector, on_delete=models.CASCADE, related_name="conflicts", verbose_name=_("检查人员")
    )
    firm = models.ForeignKey(Firm, on_delete=models.CASCADE, related_name="+", verbose_name=_("律师事务所"))
    reason = models.CharField(_("回避事由"), max_length=10, choices=Reason.choices)
    note = models.CharField(_("说明"), max_length=200, blank=True)
    declared_at = models.DateTimeField(_("登记时间"), auto_now_add=True)

    class Meta:
        verbose_name = _("回避关系")
        verbose_name_plural = _("回避关系")
        constraints = [
            models.UniqueConstraint(
                fields=["inspector", "firm"],
                name="inspections_conflict_once_per_pair",
                violation_error_message=_("该检查人员与该律所的回避关系已登记。"),
            )
        ]

    def __str__(self):
        return f"{self.inspector} × {self.firm}"


@pghistory.track()
class ChecklistTemplate(models.Model):
    name = models.CharField(_("名称"), max_length=100, unique=True)
    is_active = models.BooleanField(_("启用"), default=True)

    class Meta:
        verbose_name = _("检查表模板")
        verbose_name_plural = _("检查表模板")
        ordering = ["name"]

    def __str__(self):
        return self.name


@pghistory.track()
class ChecklistItem(models.Model):
    class Section(models.TextChoices):
        ORGANISATION = "organisation", _("机构建设")
        TEAM = "team", _("队伍建设")
        PRACTICE = "practice", _("执业规范")
        PARTY = "party", _("党建工作")
        FOUR_UNIFIED = "four_unified", _("四统一管理")
        OTHER = "other", _("其他")

    template = models.ForeignKey(ChecklistTemplate, on_delete=models.CASCADE, related_name="items")
    section = models.CharField(_("类别"), max_length=15, choices=Section.choices)
    position = models.PositiveSmallIntegerField(_("序号"), default=0)
    text = models.CharField(_("检查内容"), max_length=300)
    rule = models.CharField(_("依据"), max_length=300, blank=True)
    requirement = models.CharField(_("整改要求"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("检查项目")
        verbose_name_plural = _("检查项目")
        ordering = ["template", "position", "id"]

    def __str__(self):
        return self.text
