"""Party branches (党支部), the firms each covers, and the accounts that keep them."""

import pghistory
from dateutil.relativedelta import relativedelta
from django.contrib.postgres.fields import ArrayField
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from bureau.guardian_models import direct_permission_models
from firms.models import VersionedModel

from .liaison import LiaisonOfficer

COMMITTEE_TERM_YEARS = 3

# Messages of the date-order rules: the database constraint and the form say the same.
COMMITTEE_BEFORE_FOUNDED = _("支委会选举日期不能早于支部成立日期。")
RECOGNISED_BEFORE_FOUNDED = _("命名日期不能早于支部成立日期。")
DISSOLVED_BEFORE_FOUNDED = _("撤销日期不能早于支部成立日期。")


@pghistory.track()
class Branch(VersionedModel):
    """党支部: a firm's own branch, a joint branch of several small firms, or the sector's branch."""

    class Kind(models.TextChoices):
        OWN = "own", _("独立党支部")
        JOINT = "joint", _("联合党支部")
        SECTOR = "sector", _("行业联合党支部")

    class Status(models.TextChoices):
        ACTIVE = "active", _("正常")
        DISSOLVED = "dissolved", _("已撤销")

    class Standard(models.TextChoices):
        NONE = "none", _("未参与")
        IN_PROGRESS = "in_progress", _("创建中")
        RECOGNISED = "recognised", _("已命名")

    class Criterion(models.TextChoices):
        ORGANISATION = "organisation", _("组织设置规范")
        TEAM = "team", _("班子队伍过硬")
        MEETINGS = "meetings", _("组织生活正常")
        MEMBERS = "members", _("党员管理严格")
        VENUE = "venue", _("活动阵地达标")
        RECORDS = "records", _("工作台账齐全")
        ROLE = "role", _("作用发挥明显")

    name = models.CharField(_("支部名称"), max_length=100, unique=True)
    kind = models.CharField(_("类型"), max_length=10, choices=Kind.choices)
    firms = models.ManyToManyField(
        "firms.Firm", through="BranchFirm", related_name="party_branches", verbose_name=_("覆盖律所")
    )
    founded_on = models.DateField(_("成立日期"))
    status = models.CharField(_("状态"), max_length=10, choices=Status.choices, default=Status.ACTIVE)
    # The year-end figures count a branch from founded_on until this day. A branch dissolved before
    # the date was recorded has none, and counts in no year's figures.
    dissolved_on = models.DateField(_("撤销日期"), null=True, blank=True)
    secretary = models.ForeignKey(
        "Member",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("支部书记"),
    )
    committee_elected_on = models.DateField(_("支委会选举日期"), null=True, blank=True)
    has_party_groups = models.BooleanField(_("设有党小组"), default=False)
    liaison = models.ForeignKey(
        LiaisonOfficer,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="branches",
        verbose_name=_("党建联络员"),
    )
    standard_status = models.CharField(
        _("标准化示范党支部创建"), max_length=12, choices=Standard.choices, default=Standard.NONE
    )
    standard_criteria = ArrayField(
        models.CharField(max_length=20, choices=Criterion.choices),
        default=list,
        blank=True,
        verbose_name=_("已达标项目"),
    )
    standard_recognised_on = models.DateField(_("命名日期"), null=True, blank=True)

    class Meta:
        verbose_name = _("党支部")
        verbose_name_plural = _("党支部")
        ordering = ["name"]
        permissions = [("manage_branch", _("管理本支部党务"))]
        constraints = [
            models.CheckConstraint(
                condition=~Q(standard_status="recognised") | Q(standard_recognised_on__isnull=False),
                name="partybuild_branch_recognised_has_date",
                violation_error_message=_("已命名的示范党支部须填写命名日期。"),
            ),
            models.CheckConstraint(
                condition=Q(committee_elected_on__isnull=True)
                | Q(committee_elected_on__gte=models.F("founded_on")),
                name="partybuild_branch_committee_after_founded",
                violation_error_message=COMMITTEE_BEFORE_FOUNDED,
            ),
            models.CheckConstraint(
                condition=Q(dissolved_on__isnull=True) | Q(dissolved_on__gte=models.F("founded_on")),
                name="partybuild_branch_dissolved_after_founded",
                violation_error_message=DISSOLVED_BEFORE_FOUNDED,
            ),
            models.CheckConstraint(
                condition=Q(standard_recognised_on__isnull=True)
                | Q(standard_recognised_on__gte=models.F("founded_on")),
                name="partybuild_branch_recognised_after_founded",
                violation_error_message=RECOGNISED_BEFORE_FOUNDED,
            ),
        ]

    def __str__(self):
        return self.name

    def clean(self):
        errors = {}
        recognised_on = self.standard_recognised_on
        if self.standard_status == self.Standard.RECOGNISED and not recognised_on:
            errors["standard_recognised_on"] = _("已命名的示范党支部须填写命名日期。")
        elif recognised_on and self.founded_on and recognised_on < self.founded_on:
            errors["standard_recognised_on"] = RECOGNISED_BEFORE_FOUNDED
        if self.committee_elected_on and self.founded_on and self.committee_elected_on < self.founded_on:
            errors["committee_elected_on"] = COMMITTEE_BEFORE_FOUNDED
        if self.status == self.Status.DISSOLVED and not self.dissolved_on:
            errors["dissolved_on"] = _("撤销党支部须填写撤销日期。")
        elif self.status == self.Status.ACTIVE and self.dissolved_on:
            errors["dissolved_on"] = _("支部状态为正常时不应填写撤销日期。")
        elif self.dissolved_on and self.founded_on and self.dissolved_on < self.founded_on:
            errors["dissolved_on"] = DISSOLVED_BEFORE_FOUNDED
        today = timezone.localdate()
        for field in ("founded_on", "committee_elected_on", "standard_recognised_on", "dissolved_on"):
            day = getattr(self, field)
            if day and day > today and field not in errors:
                errors[field] = _("日期不能晚于今天。")
        if errors:
            raise ValidationError(errors)

    @property
    def committee_term_ends(self):
        if self.committee_elected_on:
            return self.committee_elected_on + relativedelta(years=COMMITTEE_TERM_YEARS)
        return None

    @property
    def standard_progress(self):
        return round(100 * len(set(self.standard_criteria)) / len(self.Criterion.choices))


# A branch secretary's account reaches the branch through these (partybuild.selectors).
BranchUserObjectPermission, BranchGroupObjectPermission = direct_permission_models(
    Branch, module=__name__, user_index_name="partybuild_branchuop_user_idx"
)


@pghistory.track()
class BranchFirm(models.Model):
    """A firm covered by a branch. A firm is covered by at most one branch."""

    branch = models.ForeignKey(Branch, on_delete=models.CASCADE, related_name="coverage")
    firm = models.OneToOneField(
        "firms.Firm", on_delete=models.PROTECT, related_name="party_coverage", verbose_name=_("律师事务所")
    )

    class Meta:
        verbose_name = _("支部覆盖律所")
        verbose_name_plural = _("支部覆盖律所")
        indexes = [
            # Firms covered by one branch (firm count per branch in the checks).
            models.Index(fields=["branch"], name="partybuild_branchfirm_br_idx"),
        ]

    def __str__(self):
        return f"{self.branch} · {self.firm}"
