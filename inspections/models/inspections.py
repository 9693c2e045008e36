"""One drawn firm's inspection: its inspectors (Assignment), findings and evidence."""

import pghistory
from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from firms.models import Firm

from .plans import Draw, Plan
from .registers import ChecklistItem, Inspector
from .uploads import evidence_upload_to


def _statement_level_trackers():
    """The default insert, update and delete events (settings.PGHISTORY_DEFAULT_TRACKERS), written
    by statement-level triggers. A draw inserts and a re-draw deletes thousands of inspections and
    assignments in one statement each: the events are still one per row, but the request's audit
    context is looked up once per statement instead of once per row. The trackers are made here
    rather than copied from the settings: a copied tracker loses pgtrigger's operation constants,
    which pgtrigger compares by identity to set up the transition tables."""
    return (pghistory.InsertEvent(), pghistory.UpdateEvent(), pghistory.DeleteEvent())


@pghistory.track(*_statement_level_trackers(), level=pghistory.Statement)
class Inspection(models.Model):
    """One drawn firm of a plan, with its inspectors (Assignment) and findings."""

    class Status(models.TextChoices):
        SCHEDULED = "scheduled", _("待检查")
        SIGNING = "signing", _("待签字")
        RECTIFYING = "rectifying", _("整改中")
        CLOSED = "closed", _("已办结")

    class Result(models.TextChoices):
        PASS = "pass", _("合格")
        RECTIFY = "rectify", _("责令整改")

    class Rectification(models.TextChoices):
        NONE = "none", _("无需整改")
        AWAITING_NOTICE = "awaiting_notice", _("待下发整改通知")
        PENDING = "pending", _("整改中")
        RESPONDED = "responded", _("已报送待核查")
        COMPLETED = "completed", _("整改完成")

    plan = models.ForeignKey(Plan, on_delete=models.PROTECT, related_name="inspections")
    draw = models.ForeignKey(Draw, on_delete=models.PROTECT, related_name="inspections")
    firm = models.ForeignKey(
        Firm, on_delete=models.PROTECT, related_name="inspections", verbose_name=_("律所")
    )
    scheduled_on = models.DateField(_("检查日期"))
    notice_number = models.CharField(_("检查通知书文号"), max_length=40, blank=True)
    # The 成文日期 printed on the 检查通知书 is the day it was issued, which is usually days before
    # the inspection itself.
    notice_issued_on = models.DateField(_("检查通知书签发日期"), null=True, blank=True)
    status = models.CharField(_("状态"), max_length=12, choices=Status.choices, default=Status.SCHEDULED)
    result = models.CharField(_("检查结论"), max_length=8, choices=Result.choices, blank=True)
    summary = models.TextField(_("检查情况"), blank=True)
    concluded_on = models.DateField(_("检查结束日期"), null=True, blank=True)
    rectification = models.CharField(
        _("整改状态"), max_length=16, choices=Rectification.choices, default=Rectification.NONE
    )
    rectification_deadline = models.DateField(_("整改期限"), null=True, blank=True)
    publish_due = models.DateField(_("应公开日期"), null=True, blank=True)
    # The day the result went public, as the clerk states it; published_at is when it was recorded.
    published_on = models.DateField(_("公开日期"), null=True, blank=True)
    published_at = models.DateTimeField(_("公开时间"), null=True, blank=True)
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    class Meta:
        verbose_name = _("检查")
        verbose_name_plural = _("检查")
        ordering = ["-scheduled_on", "-id"]
        constraints = [
            models.UniqueConstraint(fields=["draw", "firm"], name="inspections_inspection_once_per_draw"),
            models.CheckConstraint(
                condition=Q(concluded_on__isnull=True) | Q(concluded_on__gte=models.F("scheduled_on")),
                name="inspections_inspection_concluded_after_scheduled",
                violation_error_message=_("检查结束日期不能早于检查日期。"),
            ),
            models.CheckConstraint(
                condition=Q(publish_due__isnull=True)
                | Q(concluded_on__isnull=False, publish_due__gte=models.F("concluded_on")),
                name="inspections_inspection_publish_due_after_concluded",
                violation_error_message=_("应公开日期不能早于检查结束日期。"),
            ),
            models.CheckConstraint(
                condition=Q(published_on__isnull=True)
                | Q(concluded_on__isnull=False, published_on__gte=models.F("concluded_on")),
                name="inspections_inspection_published_after_concluded",
                violation_error_message=_("公开日期不能早于检查结束日期。"),
            ),
        ]
        indexes = [
            # Overdue rectifications on the dashboards.
            models.Index(
                fields=["rectification_deadline"],
                condition=Q(rectification="pending"),
                name="inspections_rect_pending_idx",
            ),
            # The publication queue: concluded and not yet published.
            models.Index(
                fields=["publish_due"],
                condition=Q(published_at__isnull=True, concluded_on__isnull=False),
                name="inspections_publish_queue_idx",
            ),
            # The public list, newest first.
            models.Index(
                fields=["-published_at"],
                condition=Q(published_at__isnull=False),
                name="inspections_public_idx",
            ),
            # A director's list: their firm's inspections.
            models.Index(fields=["firm", "-scheduled_on"], name="inspections_firm_date_idx"),
        ]

    def __str__(self):
        return f"{self.firm} · {self.plan}"

    @property
    def is_open_for_findings(self):
        return self.status == self.Status.SCHEDULED


@pghistory.track(*_statement_level_trackers(), level=pghistory.Statement)  # as Inspection
class Assignment(models.Model):
    inspection = models.ForeignKey(Inspection, on_delete=models.CASCADE, related_name="assignments")
    inspector = models.ForeignKey(
        Inspector, on_delete=models.PROTECT, related_name="assignments", verbose_name=_("检查人员")
    )
    signed_at = models.DateTimeField(_("签字时间"), null=True, blank=True)

    class Meta:
        verbose_name = _("检查分工")
        verbose_name_plural = _("检查分工")
        ordering = ["id"]
        constraints = [
            models.UniqueConstraint(
                fields=["inspection", "inspector"], name="inspections_assignment_once_per_inspector"
            )
        ]
        indexes = [
            # visible_inspections() for an inspector.
            models.Index(fields=["inspector", "inspection"], name="inspections_assign_insp_idx"),
        ]

    def __str__(self):
        return f"{self.inspector} · {self.inspection_id}"


@pghistory.track()
class Finding(models.Model):
    class Outcome(models.TextChoices):
        CONFORMING = "conforming", _("符合")
        NONCONFORMING = "nonconforming", _("不符合")
        NOT_APPLICABLE = "na", _("不适用")

    inspection = models.ForeignKey(Inspection, on_delete=models.CASCADE, related_name="findings")
    item = models.ForeignKey(ChecklistItem, on_delete=models.PROTECT, related_name="+")
    outcome = models.CharField(_("检查结果"), max_length=15, choices=Outcome.choices)
    note = models.CharField(_("说明"), max_length=500, blank=True)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    recorded_at = models.DateTimeField(_("记录时间"), auto_now=True)

    class Meta:
        verbose_name = _("检查记录")
        verbose_name_plural = _("检查记录")
        constraints = [
            models.UniqueConstraint(fields=["inspection", "item"], name="inspections_finding_once_per_item")
        ]

    def __str__(self):
        return f"{self.item} · {self.get_outcome_display()}"


@pghistory.track()
class Evidence(models.Model):
    finding = models.ForeignKey(Finding, on_delete=models.CASCADE, related_name="evidence")
    file = models.FileField(_("证据文件"), upload_to=evidence_upload_to)
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    uploaded_at = models.DateTimeField(_("上传时间"), auto_now_add=True)

    class Meta:
        verbose_name = _("证据材料")
        verbose_name_plural = _("证据材料")

    def __str__(self):
        return self.file.name
