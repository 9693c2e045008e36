"""Restructuring (改制) of a state-funded firm: its steps and their documents."""

import datetime

import pghistory
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from .registry import Firm

COMPLETED_BEFORE_STARTED = _("完成日期不能早于开始日期。")


@pghistory.track()
class Restructuring(models.Model):
    """改制 of a state-funded firm."""

    firm = models.OneToOneField(
        Firm, on_delete=models.CASCADE, related_name="restructuring", verbose_name=_("律师事务所")
    )
    target_form = models.CharField(_("拟改制为"), max_length=20, choices=Firm.Form.choices)
    started_on = models.DateField(_("启动日期"))
    completed_on = models.DateField(_("完成日期"), null=True, blank=True)
    remarks = models.TextField(_("备注"), blank=True)

    class Meta:
        verbose_name = _("改制")
        verbose_name_plural = _("改制")
        constraints = [
            models.CheckConstraint(
                condition=Q(completed_on__isnull=True) | Q(completed_on__gte=models.F("started_on")),
                name="firms_restructuring_completed_after_started",
                violation_error_message=COMPLETED_BEFORE_STARTED,
            ),
        ]

    def __str__(self):
        return str(self.firm)

    def clean(self):
        if self.started_on and self.completed_on and self.completed_on < self.started_on:
            raise ValidationError({"completed_on": COMPLETED_BEFORE_STARTED})


@pghistory.track()
class RestructuringStep(models.Model):
    class Step(models.IntegerChoices):
        PLAN_APPROVED = 1, _("方案审议通过")
        ASSET_CHECK = 2, _("清产核资")
        LIQUIDATION = 3, _("资产清算")
        STAFF = 4, _("人员安置")
        ARCHIVES = 5, _("档案管理")
        FORM_APPLICATION = 6, _("变更组织形式申请")
        APPROVED = 7, _("审批完成")

    class Status(models.TextChoices):
        PENDING = "pending", _("未开始")
        IN_PROGRESS = "in_progress", _("进行中")
        DONE = "done", _("已完成")

    restructuring = models.ForeignKey(Restructuring, on_delete=models.CASCADE, related_name="steps")
    step = models.PositiveSmallIntegerField(_("步骤"), choices=Step.choices)
    status = models.CharField(_("状态"), max_length=12, choices=Status.choices, default=Status.PENDING)
    started_on = models.DateField(_("开始日期"), null=True, blank=True)
    completed_on = models.DateField(_("完成日期"), null=True, blank=True)
    responsible = models.CharField(_("负责人"), max_length=50, blank=True)
    note = models.CharField(_("说明"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("改制步骤")
        verbose_name_plural = _("改制步骤")
        ordering = ["step"]
        constraints = [
            models.UniqueConstraint(fields=["restructuring", "step"], name="firms_restructuringstep_once"),
            models.CheckConstraint(
                condition=Q(completed_on__isnull=True)
                | Q(started_on__isnull=True)
                | Q(completed_on__gte=models.F("started_on")),
                name="firms_restructuringstep_dates_in_order",
                violation_error_message=COMPLETED_BEFORE_STARTED,
            ),
        ]

    def __str__(self):
        return self.get_step_display()

    def clean(self):
        errors = {}
        if self.status == self.Status.DONE and not self.completed_on:
            errors["completed_on"] = _("已完成的步骤须填写完成日期。")
        elif self.started_on and self.completed_on and self.completed_on < self.started_on:
            errors["completed_on"] = COMPLETED_BEFORE_STARTED
        if errors:
            raise ValidationError(errors)


def restructuring_upload_to(instance, filename):
    return f"restructuring/{instance.step.restructuring.firm_id}/{datetime.date.today():%Y}/{filename}"


@pghistory.track()
class RestructuringDocument(models.Model):
    step = models.ForeignKey(RestructuringStep, on_delete=models.CASCADE, related_name="documents")
    title = models.CharField(_("文件名称"), max_length=200)
    file = models.FileField(_("文件"), upload_to=restructuring_upload_to)
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    uploaded_at = models.DateTimeField(_("上传时间"), auto_now_add=True)

    class Meta:
        verbose_name = _("改制文件")
        verbose_name_plural = _("改制文件")
        ordering = ["uploaded_at"]

    def __str__(self):
        return self.title
