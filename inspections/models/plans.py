"""Plans (抽查计划) and their draws. A draw is append-only: a database trigger refuses updates and
deletes, so a draw that anyone verified stays the draw."""

import pghistory
import pgtrigger
from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from .registers import ChecklistTemplate


@pghistory.track()
class Plan(models.Model):
    """抽查计划."""

    class Kind(models.TextChoices):
        RANDOM = "random", _("双随机抽查")
        ACCEPTANCE_MID = "acceptance_mid", _("规范化建设验收（年中）")
        ACCEPTANCE_END = "acceptance_end", _("规范化建设验收（年末）")
        SPECIAL = "special", _("专项检查")

    class Sampling(models.TextChoices):
        RATIO = "ratio", _("按比例")
        COUNT = "count", _("按数量")

    year = models.PositiveSmallIntegerField(_("年度"), validators=[MinValueValidator(2000)])
    batch = models.PositiveSmallIntegerField(_("批次"), default=1, validators=[MinValueValidator(1)])
    kind = models.CharField(_("类型"), max_length=15, choices=Kind.choices, default=Kind.RANDOM)
    title = models.CharField(_("名称"), max_length=200)
    checklist = models.ForeignKey(
        ChecklistTemplate, on_delete=models.PROTECT, related_name="+", verbose_name=_("检查表")
    )
    sampling = models.CharField(_("抽取方式"), max_length=5, choices=Sampling.choices, default=Sampling.RATIO)
    ratio_percent = models.PositiveSmallIntegerField(
        _("抽取比例（%）"), null=True, blank=True, validators=[MinValueValidator(1), MaxValueValidator(100)]
    )
    target_count = models.PositiveIntegerField(
        _("抽取数量"), null=True, blank=True, validators=[MinValueValidator(1)]
    )
    inspectors_per_target = models.PositiveSmallIntegerField(
        _("每所检查人员数"), default=2, validators=[MinValueValidator(2)]
    )
    # Whether firms 改制中 may be drawn. Acceptance checks cover every firm, one in restructuring
    # included; a dual-random round usually leaves it out while its form is changing. The service
    # fills the default by kind when the form leaves it open.
    restructuring_eligible = models.BooleanField(_("改制中的律所纳入抽取"), null=True, blank=True)
    starts_on = models.DateField(_("检查开始日期"))
    ends_on = models.DateField(_("检查结束日期"))
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(_("创建时间"), auto_now_add=True)

    class Meta:
        verbose_name = _("抽查计划")
        verbose_name_plural = _("抽查计划")
        ordering = ["-year", "-batch", "-id"]
        constraints = [
            models.UniqueConstraint(fields=["year", "kind", "batch"], name="inspections_plan_unique_batch"),
            models.CheckConstraint(
                condition=Q(ends_on__gte=models.F("starts_on")),
                name="inspections_plan_dates_in_order",
                violation_error_message=_("检查结束日期不能早于开始日期。"),
            ),
            models.CheckConstraint(
                condition=Q(inspectors_per_target__gte=2), name="inspections_plan_two_inspectors"
            ),
            models.CheckConstraint(
                condition=(Q(sampling="ratio") & Q(ratio_percent__gte=1) & Q(ratio_percent__lte=100))
                | (Q(sampling="count") & Q(target_count__gte=1)),
                name="inspections_plan_sampling_given",
                violation_error_message=_("按比例抽取须填写1至100的比例；按数量抽取须填写至少1家。"),
            ),
        ]

    def __str__(self):
        return self.title

    @property
    def is_random(self):
        return self.kind == self.Kind.RANDOM

    @classmethod
    def default_restructuring_eligible(cls, kind):
        return kind != cls.Kind.RANDOM


@pghistory.track()
class Draw(models.Model):
    """One run of the draw algorithm (see inspections.draw), with everything needed to recompute it.
    Append-only: a re-draw is a new row that supersedes this one, with a written reason."""

    plan = models.ForeignKey(Plan, on_delete=models.PROTECT, related_name="draws", verbose_name=_("抽查计划"))
    algorithm = models.CharField(_("算法版本"), max_length=30)
    seed = models.CharField(_("随机种子"), max_length=64)
    targets_listing = models.TextField(_("检查对象名录（规范文本）"))
    targets_hash = models.CharField(_("检查对象名录哈希"), max_length=64)
    inspectors_listing = models.TextField(_("检查人员名录（规范文本）"))
    inspectors_hash = models.CharField(_("检查人员名录哈希"), max_length=64)
    avoidance_listing = models.TextField(_("回避关系（规范文本）"), blank=True)
    avoidance_hash = models.CharField(_("回避关系哈希"), max_length=64)
    target_count = models.PositiveIntegerField(_("抽取数量"))
    inspectors_per_target = models.PositiveSmallIntegerField(_("每所检查人员数"))
    result = models.JSONField(_("抽取结果"))
    supersedes = models.OneToOneField(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="superseded_by",
        verbose_name=_("取代的抽取"),
    )
    reason = models.TextField(_("重新抽取理由"), blank=True)
    drawn_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    frozen_at = models.DateTimeField(_("名录冻结时间"))
    drawn_at = models.DateTimeField(_("抽取时间"))

    class Meta:
        verbose_name = _("抽取记录")
        verbose_name_plural = _("抽取记录")
        ordering = ["-drawn_at", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(supersedes__isnull=True) | ~Q(reason=""),
                name="inspections_draw_redraw_has_reason",
            ),
            models.CheckConstraint(
                condition=Q(drawn_at__gte=models.F("frozen_at")),
                name="inspections_draw_drawn_after_frozen",
                violation_error_message=_("抽取时间不能早于名录冻结时间。"),
            ),
        ]
        triggers = [
            pgtrigger.Protect(
                name="inspections_draw_append_only", operation=pgtrigger.Update | pgtrigger.Delete
            )
        ]

    def __str__(self):
        return f"{self.plan} #{self.pk}"
