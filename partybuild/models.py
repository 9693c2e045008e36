"""Party building (党建): branches, members and their development, 三会一课 meetings, liaison officers."""

import datetime

import pghistory
from dateutil.relativedelta import relativedelta
from django.conf import settings
from django.contrib.postgres.fields import ArrayField
from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from guardian.models import GroupObjectPermissionBase, UserObjectPermissionBase

from firms.models import VersionedModel

COMMITTEE_TERM_YEARS = 3
PROBATION_YEARS = 1
ACTIVIST_TRAINING_YEARS = 1


@pghistory.track()
class PartySettings(models.Model):
    """The bureau's local numbers for Party-building records, kept as one row."""

    attachment_max_mb = models.PositiveSmallIntegerField(
        _("会议附件大小上限（MB）"), default=10, validators=[MinValueValidator(1)]
    )
    conversion_notice_days = models.PositiveSmallIntegerField(_("预备党员转正提前提醒天数"), default=30)
    joint_branch_max_firms = models.PositiveSmallIntegerField(_("联合党支部覆盖单位上限"), default=5)
    branch_max_members = models.PositiveSmallIntegerField(_("党支部党员人数上限"), default=50)
    committee_threshold = models.PositiveSmallIntegerField(_("应设支委会的正式党员人数"), default=7)
    own_branch_threshold = models.PositiveSmallIntegerField(_("应单独建支部的正式党员人数"), default=3)

    class Meta:
        verbose_name = _("党建设置")
        verbose_name_plural = _("党建设置")
        constraints = [models.CheckConstraint(condition=Q(id=1), name="partybuild_settings_singleton")]

    def __str__(self):
        return str(_("党建设置"))

    @classmethod
    def load(cls):
        obj, _created = cls.objects.get_or_create(id=1)
        return obj

    @property
    def attachment_max_bytes(self):
        return self.attachment_max_mb * 1024 * 1024


@pghistory.track()
class LiaisonOfficer(models.Model):
    """党建联络员: a bureau-appointed contact for the Party work of one or more firms."""

    name = models.CharField(_("姓名"), max_length=50)
    phone = models.CharField(_("联系电话"), max_length=30, blank=True)
    position = models.CharField(_("职务"), max_length=50, blank=True)
    firms = models.ManyToManyField("firms.Firm", related_name="+", blank=True, verbose_name=_("联系律所"))

    class Meta:
        verbose_name = _("党建联络员")
        verbose_name_plural = _("党建联络员")
        ordering = ["name"]

    def __str__(self):
        return self.name


@pghistory.track()
class LiaisonTraining(models.Model):
    title = models.CharField(_("培训主题"), max_length=200)
    held_on = models.DateField(_("培训日期"))
    organiser = models.CharField(_("主办单位"), max_length=100, blank=True)
    hours = models.DecimalField(
        _("学时"), max_digits=4, decimal_places=1, validators=[MinValueValidator(0.5)]
    )
    attendees = models.ManyToManyField(
        LiaisonOfficer, related_name="trainings", blank=True, verbose_name=_("参训联络员")
    )

    class Meta:
        verbose_name = _("联络员培训")
        verbose_name_plural = _("联络员培训")
        ordering = ["-held_on"]
        constraints = [
            models.CheckConstraint(condition=Q(hours__gt=0), name="partybuild_liaisontraining_hours_positive")
        ]

    def __str__(self):
        return f"{self.held_on:%Y-%m-%d} {self.title}"


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
        ]

    def __str__(self):
        return self.name

    def clean(self):
        if self.standard_status == self.Standard.RECOGNISED and not self.standard_recognised_on:
            raise ValidationError({"standard_recognised_on": _("已命名的示范党支部须填写命名日期。")})
        if self.committee_elected_on and self.founded_on and self.committee_elected_on < self.founded_on:
            raise ValidationError({"committee_elected_on": _("支委会选举日期不能早于支部成立日期。")})

    @property
    def committee_term_ends(self):
        if self.committee_elected_on:
            return self.committee_elected_on + relativedelta(years=COMMITTEE_TERM_YEARS)
        return None

    @property
    def standard_progress(self):
        return round(100 * len(set(self.standard_criteria)) / len(self.Criterion.choices))


@pghistory.track()
class BranchUserObjectPermission(UserObjectPermissionBase):
    """Direct foreign-key object permissions: a branch secretary's account reaches the branch."""

    content_object = models.ForeignKey(Branch, on_delete=models.CASCADE)

    class Meta(UserObjectPermissionBase.Meta):
        indexes = [
            # secretary_branch_ids(): the branches one user keeps.
            models.Index(fields=["user", "permission"], name="partybuild_branchuop_user_idx"),
        ]


@pghistory.track()
class BranchGroupObjectPermission(GroupObjectPermissionBase):
    content_object = models.ForeignKey(Branch, on_delete=models.CASCADE)


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
    applied_on = models.DateField(_("递交入党申请日期"), null=True, blank=True)
    activist_on = models.DateField(_("确定为积极分子日期"), null=True, blank=True)
    target_on = models.DateField(_("确定为发展对象日期"), null=True, blank=True)
    probationary_on = models.DateField(_("接收为预备党员日期"), null=True, blank=True)
    full_on = models.DateField(_("转为正式党员日期"), null=True, blank=True)
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
        ]
        indexes = [
            # Members of a branch by stage (branch page, member counts in the checks).
            models.Index(fields=["branch", "stage"], name="partybuild_member_branch_idx"),
            # Full members per firm (the own-branch check).
            models.Index(fields=["firm", "stage"], name="partybuild_member_firm_idx"),
        ]

    def __str__(self):
        return self.name

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
DOC_REQUIRED_FROM = {
    Member.Doc.APPLICATION: Member.Stage.APPLICANT,
    Member.Doc.AUTOBIOGRAPHY: Member.Stage.ACTIVIST,
    Member.Doc.ACTIVIST_RECORD: Member.Stage.TARGET,
    Member.Doc.POLITICAL_REVIEW: Member.Stage.TARGET,
    Member.Doc.PUBLIC_NOTICE: Member.Stage.PROBATIONARY,
    Member.Doc.VOLUNTEER_FORM: Member.Stage.PROBATIONARY,
    Member.Doc.CONVERSION_APPLICATION: Member.Stage.FULL,
}


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


@pghistory.track()
class Meeting(models.Model):
    """三会一课 (and 主题党日) records."""

    class Kind(models.TextChoices):
        MEMBERS = "members", _("支部党员大会")
        COMMITTEE = "committee", _("支部委员会")
        GROUP = "group", _("党小组会")
        LECTURE = "lecture", _("党课")
        THEME_DAY = "theme_day", _("主题党日")

    branch = models.ForeignKey(
        Branch, on_delete=models.PROTECT, related_name="meetings", verbose_name=_("支部")
    )
    kind = models.CharField(_("类型"), max_length=10, choices=Kind.choices)
    held_on = models.DateField(_("日期"))
    topic = models.CharField(_("主题"), max_length=200)
    host = models.CharField(_("主持人"), max_length=50)
    minutes = models.TextField(_("会议记录"), blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+", editable=False
    )
    created_at = models.DateTimeField(_("登记时间"), auto_now_add=True)

    class Meta:
        verbose_name = _("三会一课记录")
        verbose_name_plural = _("三会一课记录")
        ordering = ["-held_on", "-id"]
        indexes = [
            # Meeting-frequency check and a branch's meeting list: meetings of a branch by kind and date.
            models.Index(fields=["branch", "kind", "held_on"], name="partybuild_meeting_freq_idx"),
            # Meeting list and year figures filtered by date.
            models.Index(fields=["held_on"], name="partybuild_meeting_date_idx"),
        ]

    def __str__(self):
        return f"{self.held_on:%Y-%m-%d} {self.get_kind_display()} {self.topic}"


@pghistory.track()
class Attendance(models.Model):
    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="attendance")
    member = models.ForeignKey(Member, on_delete=models.PROTECT, related_name="+", verbose_name=_("党员"))
    present = models.BooleanField(_("出席"), default=True)
    absence_reason = models.CharField(_("缺席原因"), max_length=100, blank=True)

    class Meta:
        verbose_name = _("参会情况")
        verbose_name_plural = _("参会情况")
        constraints = [
            models.UniqueConstraint(fields=["meeting", "member"], name="partybuild_attendance_once"),
        ]

    def __str__(self):
        return f"{self.member} {self.present}"


def attachment_upload_to(instance, filename):
    return f"partybuild/meetings/{datetime.date.today():%Y/%m}/{filename}"


@pghistory.track()
class Attachment(models.Model):
    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="attachments")
    file = models.FileField(_("文件"), upload_to=attachment_upload_to)
    original_name = models.CharField(_("文件名"), max_length=200)
    content_type = models.CharField(max_length=50)
    size = models.PositiveIntegerField()
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    uploaded_at = models.DateTimeField(_("上传时间"), auto_now_add=True)

    class Meta:
        verbose_name = _("会议附件")
        verbose_name_plural = _("会议附件")
        ordering = ["uploaded_at"]

    def __str__(self):
        return self.original_name
