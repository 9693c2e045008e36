"""Dual-random inspections (双随机一公开): registers, plans, draws, inspections, rectification notices,
responses, verification, publication and visits.

Draws and issued notices are append-only: database triggers refuse updates and deletes, so a draw
that anyone verified stays the draw, and a notice once printed stays what was printed."""

import pghistory
import pgtrigger
from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from firms.models import Firm


@pghistory.track()
class InspectionSettings(models.Model):
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

    class Meta:
        verbose_name = _("检查设置")
        verbose_name_plural = _("检查设置")
        constraints = [models.CheckConstraint(condition=Q(id=1), name="inspections_settings_singleton")]

    def __str__(self):
        return str(_("检查设置"))

    @classmethod
    def load(cls):
        obj, _created = cls.objects.get_or_create(id=1)
        return obj


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
        ]
        triggers = [
            pgtrigger.Protect(
                name="inspections_draw_append_only", operation=pgtrigger.Update | pgtrigger.Delete
            )
        ]

    def __str__(self):
        return f"{self.plan} #{self.pk}"


@pghistory.track()
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
    status = models.CharField(_("状态"), max_length=12, choices=Status.choices, default=Status.SCHEDULED)
    result = models.CharField(_("检查结论"), max_length=8, choices=Result.choices, blank=True)
    summary = models.TextField(_("检查情况"), blank=True)
    concluded_on = models.DateField(_("检查结束日期"), null=True, blank=True)
    rectification = models.CharField(
        _("整改状态"), max_length=16, choices=Rectification.choices, default=Rectification.NONE
    )
    rectification_deadline = models.DateField(_("整改期限"), null=True, blank=True)
    publish_due = models.DateField(_("应公开日期"), null=True, blank=True)
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


@pghistory.track()
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


def evidence_upload_to(instance, filename):
    return f"inspections/evidence/{instance.finding.inspection_id}/{filename}"


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


class DocumentCounter(models.Model):
    """The last document number issued in a series and year. Issuing locks the row
    (select_for_update), so concurrent issuers queue and numbers stay gapless."""

    series = models.CharField(max_length=10)
    year = models.PositiveSmallIntegerField()
    last = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["series", "year"], name="inspections_counter_one_per_series_year")
        ]

    def __str__(self):
        return f"{self.series} {self.year}: {self.last}"


@pghistory.track()
class RectificationNotice(models.Model):
    """责令限期整改通知书. Immutable once issued (a trigger refuses updates): a correction is a new
    notice that refers to the one it corrects."""

    class Kind(models.TextChoices):
        INITIAL = "initial", _("整改通知")
        CORRECTION = "correction", _("更正通知")
        FOLLOW_UP = "follow_up", _("再次整改通知")

    inspection = models.ForeignKey(Inspection, on_delete=models.PROTECT, related_name="notices")
    kind = models.CharField(_("类型"), max_length=10, choices=Kind.choices, default=Kind.INITIAL)
    refers_to = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("所涉通知书"),
    )
    year = models.PositiveSmallIntegerField(_("年度"))
    serial = models.PositiveIntegerField(_("序号"))
    doc_number = models.CharField(_("文号"), max_length=40, unique=True)
    firm_name = models.CharField(_("律所名称"), max_length=100)
    findings = models.JSONField(_("问题清单"))
    requirement = models.TextField(_("整改要求"))
    report_method = models.TextField(_("报送方式"))
    workdays = models.PositiveSmallIntegerField(_("整改期限（工作日）"))
    issued_on = models.DateField(_("签发日期"))
    deadline = models.DateField(_("整改期限"))
    deadline_provisional = models.BooleanField(_("期限暂定"), default=False)
    issued_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    issued_at = models.DateTimeField(_("签发时间"), auto_now_add=True)

    class Meta:
        verbose_name = _("责令限期整改通知书")
        verbose_name_plural = _("责令限期整改通知书")
        ordering = ["issued_at", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["year", "serial"], name="inspections_notice_serial_once_per_year"
            ),
            models.CheckConstraint(
                condition=Q(kind="initial") | Q(refers_to__isnull=False), name="inspections_notice_refers"
            ),
        ]
        triggers = [
            pgtrigger.Protect(
                name="inspections_notice_immutable", operation=pgtrigger.Update | pgtrigger.Delete
            )
        ]

    def __str__(self):
        return self.doc_number


def response_upload_to(instance, filename):
    return f"inspections/responses/{instance.notice.inspection_id}/{filename}"


@pghistory.track()
class Response(models.Model):
    """The firm's rectification report for a notice."""

    notice = models.ForeignKey(RectificationNotice, on_delete=models.PROTECT, related_name="responses")
    file = models.FileField(_("整改报告"), upload_to=response_upload_to)
    note = models.TextField(_("整改情况说明"), blank=True)
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    uploaded_at = models.DateTimeField(_("报送时间"), auto_now_add=True)

    class Meta:
        verbose_name = _("整改报告")
        verbose_name_plural = _("整改报告")
        ordering = ["uploaded_at", "id"]

    def __str__(self):
        return self.file.name


@pghistory.track()
class Verification(models.Model):
    class Outcome(models.TextChoices):
        COMPLETED = "completed", _("整改完成")
        NOT_COMPLETED = "not_completed", _("未完成整改")

    notice = models.OneToOneField(RectificationNotice, on_delete=models.PROTECT, related_name="verification")
    outcome = models.CharField(_("核查结论"), max_length=15, choices=Outcome.choices)
    note = models.TextField(_("核查意见"), blank=True)
    verified_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    verified_at = models.DateTimeField(_("核查时间"), auto_now_add=True)

    class Meta:
        verbose_name = _("整改核查")
        verbose_name_plural = _("整改核查")

    def __str__(self):
        return self.get_outcome_display()


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
