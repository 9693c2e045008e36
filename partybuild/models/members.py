"""Members and their development (入党申请人 to 正式党员), transfers and committee seats."""

import functools
import operator

import pghistory
from dateutil.relativedelta import relativedelta
from django.contrib.postgres.fields import ArrayField
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import DateField, F, Func, Q
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from firms.models import VersionedModel

from .branches import Branch

PROBATION_YEARS = 1
ACTIVIST_TRAINING_YEARS = 1


class PlusYears(Func):
    """date + n years in SQL (29 February + 1 year = 28 February, as in Python's relativedelta)."""

    output_field = DateField()

    def __init__(self, expression, years=1):
        super().__init__(expression, template=f"(%(expressions)s + interval '{int(years)} year')::date")


# The stage (Member.Stage value) from which each archive document (Member.Doc value) is required;
# spelled in values here so that the partial index below can state the archive check.
_DOC_FROM_STAGE = {
    "application": 1,
    "autobiography": 2,
    "activist_record": 3,
    "political_review": 3,
    "public_notice": 4,
    "volunteer_form": 4,
    "conversion_application": 5,
}


def archive_incomplete_q():
    """Members on the rolls whose archive lacks a document their stage needs (the archive check)."""
    by_stage = [
        Q(stage=stage) & ~Q(archive_docs__contains=[doc for doc, s in _DOC_FROM_STAGE.items() if stage >= s])
        for stage in sorted(set(_DOC_FROM_STAGE.values()))
    ]
    return Q(status="active") & functools.reduce(operator.or_, by_stage)


def development_too_early_q():
    """Members on the rolls made development targets less than a year after becoming activists."""
    return Q(
        status="active",
        activist_on__isnull=False,
        target_on__isnull=False,
        target_on__lt=PlusYears(F("activist_on"), ACTIVIST_TRAINING_YEARS),
    )


# Development steps in the order they are taken: the date field of each and its label.
STEP_FIELDS = {
    "applied_on": _("递交入党申请日期"),
    "activist_on": _("确定为积极分子日期"),
    "target_on": _("确定为发展对象日期"),
    "probationary_on": _("接收为预备党员日期"),
    "full_on": _("转为正式党员日期"),
}


def _steps_in_order():
    """One constraint per pair of consecutive steps: the later step's date is not before the earlier's."""
    fields = list(STEP_FIELDS)
    return [
        models.CheckConstraint(
            condition=Q(**{f"{earlier}__isnull": True})
            | Q(**{f"{later}__isnull": True})
            | Q(**{f"{later}__gte": models.F(earlier)}),
            name=f"partybuild_member_{later.removesuffix('_on')}_after_{earlier.removesuffix('_on')}",
            violation_error_message=format_lazy(
                _("“{later}”不能早于“{earlier}”。"), later=STEP_FIELDS[later], earlier=STEP_FIELDS[earlier]
            ),
        )
        for earlier, later in zip(fields, fields[1:], strict=False)
    ]


@pghistory.track()
class Member(VersionedModel):
    """党员 (or a person on the way to becoming one), with the dates of each development step."""

    class Stage(models.IntegerChoices):
        APPLICANT = 1, _("入党申请人")
        ACTIVIST = 2, _("入党积极分子")
        TARGET = 3, _("发展对象")
        PROBATIONARY = 4, _("预备党员")
        FULL = 5, _("正式党员")

    class Status(models.TextChoices):
        ACTIVE = "active", _("在册")
        TRANSFERRED_OUT = "out", _("已转出")

    class Doc(models.TextChoices):
        APPLICATION = "application", _("入党申请书")
        AUTOBIOGRAPHY = "autobiography", _("自传")
        ACTIVIST_RECORD = "activist_record", _("积极分子培养考察登记表")
        POLITICAL_REVIEW = "political_review", _("政审材料")
        PUBLIC_NOTICE = "public_notice", _("发展公示材料")
        VOLUNTEER_FORM = "volunteer_form", _("入党志愿书")
        CONVERSION_APPLICATION = "conversion_application", _("转正申请")

    # Stage field name of each step's date.
    STEP_DATE_FIELDS = {
        Stage.APPLICANT: "applied_on",
        Stage.ACTIVIST: "activist_on",
        Stage.TARGET: "target_on",
        Stage.PROBATIONARY: "probationary_on",
        Stage.FULL: "full_on",
    }

    name = models.CharField(_("姓名"), max_length=50)
    lawyer = models.OneToOneField(
        "firms.Lawyer",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="party_member",
        verbose_name=_("对应律师"),
    )
    firm = models.ForeignKey(
        "firms.Firm",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("所在单位"),
        help_text=_("律师党员自动取其执业律所；行政人员等请选择所在律所。"),
    )
    branch = models.ForeignKey(
        Branch,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="members",
        verbose_name=_("所在支部"),
    )
    status = models.CharField(_("组织关系"), max_length=8, choices=Status.choices, default=Status.ACTIVE)
    stage = models.PositiveSmallIntegerField(_("发展阶段"), choices=Stage.choices)
    applied_on = models.DateField(STEP_FIELDS["applied_on"], null=True, blank=True)
    activist_on = models.DateField(STEP_FIELDS["activist_on"], null=True, blank=True)
    target_on = models.DateField(STEP_FIELDS["target_on"], null=True, blank=True)
    probationary_on = models.DateField(STEP_FIELDS["probationary_on"], null=True, blank=True)
    full_on = models.DateField(STEP_FIELDS["full_on"], null=True, blank=True)
    archive_docs = ArrayField(
        models.CharField(max_length=30, choices=Doc.choices),
        default=list,
        blank=True,
        verbose_name=_("档案材料"),
    )
    imported = models.BooleanField(_("批量导入"), default=False, editable=False)
    created_at = models.DateTimeField(_("登记时间"), auto_now_add=True)

    class Meta:
        verbose_name = _("党员")
        verbose_name_plural = _("党员")
        ordering = ["name", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(status="out") | Q(branch__isnull=False),
                name="partybuild_member_active_has_branch",
            ),
            *_steps_in_order(),
        ]
        indexes = [
            # Members of a branch by stage (branch page, member counts in the checks).
            models.Index(fields=["branch", "stage"], name="partybuild_member_branch_idx"),
            # Full members per firm (the own-branch check).
            models.Index(fields=["firm", "stage"], name="partybuild_member_firm_idx"),
            # The own-branch check's GROUP BY firm over full members on the rolls
            # (checks._full_members_by_firm).
            models.Index(
                fields=["firm"], condition=Q(stage=5, status="active"), name="partybuild_member_fullfirm_idx"
            ),
            # The branch-size checks' GROUP BY branch over members on the rolls (checks._BRANCH_SIZES_SQL).
            models.Index(
                fields=["branch", "stage"], condition=Q(status="active"), name="partybuild_member_active_idx"
            ),
            # The development-too-early check: only the members it finds, by name
            # (checks.development_too_early).
            models.Index(
                fields=["name", "id"], condition=development_too_early_q(), name="partybuild_member_early_idx"
            ),
            # The archive check: only the members it finds (checks.incomplete_archives).
            models.Index(
                fields=["branch"], condition=archive_incomplete_q(), name="partybuild_member_docs_idx"
            ),
        ]

    def __str__(self):
        return self.name

    def clean(self):
        problem = self.step_out_of_order()
        if problem:
            raise ValidationError(dict([problem]))

    def step_out_of_order(self):
        """(field, message) of the first step dated before the step it follows, or None."""
        previous = None
        for stage, field in self.STEP_DATE_FIELDS.items():
            day = getattr(self, field)
            if day is None:
                continue
            if previous is not None and day < previous[1]:
                return field, _("“%(step)s”的日期不能早于上一步“%(prev)s”（%(date)s）。") % {
                    "step": stage.label,
                    "prev": previous[0].label,
                    "date": previous[1].isoformat(),
                }
            previous = (stage, day)
        return None

    def step_dates(self):
        """[(stage, label, date)] for every step up to the current stage."""
        return [
            (stage, stage.label, getattr(self, field))
            for stage, field in self.STEP_DATE_FIELDS.items()
            if stage <= self.stage
        ]

    @property
    def conversion_due_on(self):
        if self.stage == self.Stage.PROBATIONARY and self.probationary_on:
            return self.probationary_on + relativedelta(years=PROBATION_YEARS)
        return None

    def required_docs(self):
        return required_docs(self.stage)

    def missing_docs(self):
        held = set(self.archive_docs)
        return [doc for doc in self.required_docs() if doc not in held]


# The stage from which each archive document is required.
DOC_REQUIRED_FROM = {Member.Doc(doc): Member.Stage(stage) for doc, stage in _DOC_FROM_STAGE.items()}


def required_docs(stage):
    return [doc for doc, from_stage in DOC_REQUIRED_FROM.items() if stage >= from_stage]


@pghistory.track()
class Transfer(models.Model):
    """组织关系转接: membership moved into or out of a branch."""

    class Direction(models.TextChoices):
        IN = "in", _("转入")
        OUT = "out", _("转出")

    member = models.ForeignKey(Member, on_delete=models.CASCADE, related_name="transfers")
    direction = models.CharField(_("方向"), max_length=3, choices=Direction.choices)
    branch = models.ForeignKey(
        Branch, on_delete=models.PROTECT, related_name="transfers", verbose_name=_("本县支部")
    )
    other_organisation = models.CharField(_("转出/转入党组织"), max_length=100)
    on_date = models.DateField(_("转接日期"))
    note = models.CharField(_("备注"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("组织关系转接")
        verbose_name_plural = _("组织关系转接")
        ordering = ["on_date", "id"]

    def __str__(self):
        return f"{self.get_direction_display()} {self.on_date}"


@pghistory.track()
class CommitteeSeat(models.Model):
    """A member of the branch committee (支委会), elected for a term of three years."""

    class Position(models.TextChoices):
        SECRETARY = "secretary", _("书记")
        DEPUTY = "deputy", _("副书记")
        ORGANISATION = "organisation", _("组织委员")
        PROPAGANDA = "propaganda", _("宣传委员")
        DISCIPLINE = "discipline", _("纪检委员")
        MEMBER = "member", _("委员")

    branch = models.ForeignKey(Branch, on_delete=models.CASCADE, related_name="committee")
    member = models.ForeignKey(Member, on_delete=models.CASCADE, related_name="+", verbose_name=_("委员"))
    position = models.CharField(_("职务"), max_length=15, choices=Position.choices, default=Position.MEMBER)

    class Meta:
        verbose_name = _("支委会委员")
        verbose_name_plural = _("支委会委员")
        constraints = [
            models.UniqueConstraint(fields=["branch", "member"], name="partybuild_committeeseat_once"),
        ]

    def __str__(self):
        return f"{self.member} {self.get_position_display()}"
