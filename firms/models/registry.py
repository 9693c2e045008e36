"""The registry proper: firms (with their facilities), standardisation ratings, lawyers and their
practice history."""

import pghistory
from django.conf import settings
from django.contrib.postgres.indexes import GinIndex, OpClass
from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator, RegexValidator
from django.db import models
from django.db.models import Q
from django.db.models.functions import Collate, Upper
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from bureau.guardian_models import direct_permission_models
from bureau.validators import validate_id_number, validate_law_firm_credit_code

from ..search import pinyin_key

# Chinese names sort by pinyin under ICU's Chinese collation (李 before 王 before 张).
PINYIN = "zh-x-icu"

licence_no_validator = RegexValidator(r"^\d{17}$", _("律师执业证号应为17位数字。"))

# Messages of the date-order rules: the database constraint and the form say the same.
DEREGISTERED_BEFORE_FOUNDED = _("注销日期不能早于成立日期。")
VALID_UNTIL_NOT_AFTER_CONFERRED = _("有效期须晚于授予日期。")
ENDED_BEFORE_STARTED = _("结束日期不能早于起始日期。")


class PinyinNamed(models.Model):
    """Keeps `name_pinyin` (firms.search) in step with `name`: clean() sets it for the services,
    whose versioned update saves it with the name, and save() for every other path."""

    name_pinyin = models.CharField(
        _("名称拼音"), max_length=600, blank=True, editable=False, default="", db_default=""
    )

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        self.name_pinyin = pinyin_key(self.name)
        update_fields = kwargs.get("update_fields")
        if update_fields is not None and "name" in update_fields:
            kwargs["update_fields"] = {*update_fields, "name_pinyin"}
        super().save(*args, **kwargs)

    def clean(self):
        self.name_pinyin = pinyin_key(self.name)


class VersionedModel(models.Model):
    """Optimistic locking: an edit saves only if nobody saved the row since the form was opened."""

    version = models.PositiveIntegerField(default=1, editable=False)

    class Meta:
        abstract = True


@pghistory.track()
class Firm(PinyinNamed, VersionedModel):
    class Status(models.TextChoices):
        PRACTISING = "practising", _("执业")
        SUSPENDED = "suspended", _("停业整顿")
        RESTRUCTURING = "restructuring", _("改制中")
        DEREGISTERED = "deregistered", _("注销")

    class Form(models.TextChoices):
        PARTNERSHIP = "partnership", _("普通合伙")
        SPECIAL_PARTNERSHIP = "special_partnership", _("特殊普通合伙")
        SOLE = "sole", _("个人")
        STATE = "state", _("国资")

    name = models.CharField(_("名称"), max_length=100, unique=True)
    short_name = models.CharField(_("简称"), max_length=30, blank=True)
    credit_code = models.CharField(
        _("统一社会信用代码"), max_length=18, unique=True, validators=[validate_law_firm_credit_code]
    )
    licence_no = models.CharField(_("执业许可证号"), max_length=30, unique=True, null=True, blank=True)
    organisation_form = models.CharField(
        _("组织形式"), max_length=20, choices=Form.choices, default=Form.PARTNERSHIP
    )
    founded_on = models.DateField(_("成立日期"), null=True, blank=True)
    address = models.CharField(_("地址"), max_length=200, blank=True)
    phone = models.CharField(_("联系电话"), max_length=30, blank=True)
    email = models.EmailField(_("电子邮箱"), blank=True)
    director = models.ForeignKey(
        "Lawyer", on_delete=models.SET_NULL, null=True, blank=True, related_name="+", verbose_name=_("主任")
    )
    status = models.CharField(_("状态"), max_length=15, choices=Status.choices, default=Status.PRACTISING)
    deregistered_on = models.DateField(_("注销日期"), null=True, blank=True)

    # Facilities (办公场所与设施)
    office_area = models.DecimalField(
        _("办公面积（㎡）"),
        max_digits=8,
        decimal_places=1,
        null=True,
        blank=True,
        validators=[MinValueValidator(0)],
    )
    has_reception = models.BooleanField(_("接待室"), default=False)
    reception_area = models.DecimalField(
        _("接待室面积（㎡）"),
        max_digits=7,
        decimal_places=1,
        null=True,
        blank=True,
        validators=[MinValueValidator(0)],
    )
    office_rooms = models.PositiveSmallIntegerField(_("办公室间数"), default=0)
    has_meeting_room = models.BooleanField(_("会议室"), default=False)
    meeting_room_area = models.DecimalField(
        _("会议室面积（㎡）"),
        max_digits=7,
        decimal_places=1,
        null=True,
        blank=True,
        validators=[MinValueValidator(0)],
    )
    has_archive_room = models.BooleanField(_("档案室"), default=False)
    archive_room_area = models.DecimalField(
        _("档案室面积（㎡）"),
        max_digits=7,
        decimal_places=1,
        null=True,
        blank=True,
        validators=[MinValueValidator(0)],
    )
    computers = models.PositiveSmallIntegerField(_("电脑（台）"), default=0)
    printers = models.PositiveSmallIntegerField(_("打印机（台）"), default=0)
    copiers = models.PositiveSmallIntegerField(_("复印机（台）"), default=0)
    projectors = models.PositiveSmallIntegerField(_("投影仪（台）"), default=0)
    scanners = models.PositiveSmallIntegerField(_("扫描仪（台）"), default=0)
    av_recorders = models.PositiveSmallIntegerField(_("录音录像设备（套）"), default=0)

    created_at = models.DateTimeField(_("登记时间"), default=timezone.now, editable=False)

    class Meta:
        verbose_name = _("律师事务所")
        verbose_name_plural = _("律师事务所")
        ordering = [Collate("name", PINYIN)]
        permissions = [("manage_firm", _("管理本所信息"))]
        indexes = [
            # Firm list sorted by name in pinyin order.
            models.Index(Collate("name", PINYIN), name="firms_firm_name_pinyin_idx"),
            # Firm list filtered by status and form.
            models.Index(fields=["status", "organisation_form"], name="firms_firm_status_form_idx"),
            # Firm search (firms.search.firm_search_q) by part of the name: UPPER(name) LIKE '%…%'.
            GinIndex(OpClass(Upper("name"), name="gin_trgm_ops"), name="firms_firm_name_trgm"),
            # Firm search by part of the credit code: credit_code LIKE '%…%'.
            GinIndex(OpClass("credit_code", name="gin_trgm_ops"), name="firms_firm_code_trgm"),
            # Firm search by part of the licence number: UPPER(licence_no) LIKE '%…%'.
            GinIndex(OpClass(Upper("licence_no"), name="gin_trgm_ops"), name="firms_firm_licence_trgm"),
            # Firm search by pinyin initials or spelling: name_pinyin LIKE '%…%'.
            GinIndex(OpClass("name_pinyin", name="gin_trgm_ops"), name="firms_firm_pinyin_trgm"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(office_area__gte=0) | Q(office_area__isnull=True),
                name="firms_firm_office_area_not_negative",
            ),
            models.CheckConstraint(
                condition=Q(founded_on__isnull=True)
                | Q(deregistered_on__isnull=True)
                | Q(deregistered_on__gte=models.F("founded_on")),
                name="firms_firm_deregistered_after_founded",
                violation_error_message=DEREGISTERED_BEFORE_FOUNDED,
            ),
        ]

    def __str__(self):
        return self.name

    def clean(self):
        super().clean()
        if self.credit_code:
            self.credit_code = self.credit_code.strip().upper()
        errors = {}
        if self.director_id and self.pk and self.director.firm_id != self.pk:
            errors["director"] = _("主任必须是本所的律师。")
        if self.status == self.Status.DEREGISTERED and not self.deregistered_on:
            errors["deregistered_on"] = _("注销的律师事务所须填写注销日期。")
        elif self.founded_on and self.deregistered_on and self.deregistered_on < self.founded_on:
            errors["deregistered_on"] = DEREGISTERED_BEFORE_FOUNDED
        if errors:
            raise ValidationError(errors)

    def current_rating(self, today=None):
        today = today or timezone.localdate()
        return (
            self.ratings.filter(conferred_on__lte=today)
            .filter(Q(valid_until__isnull=True) | Q(valid_until__gte=today))
            .order_by("-conferred_on")
            .first()
        )


# A director reaches their firm through these (firms.permissions).
FirmUserObjectPermission, FirmGroupObjectPermission = direct_permission_models(
    Firm, module=__name__, user_index_name="firms_firmuop_user_perm_idx"
)


@pghistory.track()
class StandardisationRating(models.Model):
    """规范化律师事务所: a rating conferred on a firm, with its validity."""

    class Level(models.TextChoices):
        COUNTY = "county", _("县级")
        CITY = "city", _("市级")
        PROVINCE = "province", _("省级")
        NATIONAL = "national", _("全国")

    firm = models.ForeignKey(
        Firm, on_delete=models.CASCADE, related_name="ratings", verbose_name=_("律师事务所")
    )
    level = models.CharField(_("等级"), max_length=10, choices=Level.choices)
    conferred_by = models.CharField(_("授予机关"), max_length=100)
    conferred_on = models.DateField(_("授予日期"))
    valid_until = models.DateField(_("有效期至"), null=True, blank=True)

    class Meta:
        verbose_name = _("规范化律师事务所评定")
        verbose_name_plural = _("规范化律师事务所评定")
        ordering = ["-conferred_on"]
        constraints = [
            models.CheckConstraint(
                condition=Q(valid_until__isnull=True) | Q(valid_until__gt=models.F("conferred_on")),
                name="firms_standardisationrating_valid_after_conferred",
                violation_error_message=VALID_UNTIL_NOT_AFTER_CONFERRED,
            ),
        ]
        indexes = [
            # current rating of a firm, and the list filter "rating".
            models.Index(fields=["firm", "-conferred_on"], name="firms_rating_firm_date_idx"),
        ]

    def __str__(self):
        return f"{self.get_level_display()} {self.conferred_on:%Y}"

    def clean(self):
        if self.conferred_on and self.valid_until and self.valid_until <= self.conferred_on:
            raise ValidationError({"valid_until": VALID_UNTIL_NOT_AFTER_CONFERRED})


@pghistory.track()
class Lawyer(PinyinNamed, VersionedModel):
    class Gender(models.TextChoices):
        MALE = "M", _("男")
        FEMALE = "F", _("女")

    class Category(models.TextChoices):
        FULL_TIME = "full_time", _("专职")
        PART_TIME = "part_time", _("兼职")
        PUBLIC = "public", _("公职")
        CORPORATE = "corporate", _("公司")
        LEGAL_AID = "legal_aid", _("法律援助")

    class Status(models.TextChoices):
        PRACTISING = "practising", _("执业")
        SUSPENDED = "suspended", _("暂停执业")
        DEREGISTERED = "deregistered", _("注销")

    class Education(models.TextChoices):
        DOCTORATE = "doctorate", _("博士研究生")
        MASTER = "master", _("硕士研究生")
        BACHELOR = "bachelor", _("大学本科")
        COLLEGE = "college", _("大学专科")
        OTHER = "other", _("其他")

    class Political(models.TextChoices):
        PARTY_MEMBER = "party_member", _("中共党员")
        PROBATIONARY = "probationary", _("中共预备党员")
        LEAGUE = "league", _("共青团员")
        DEMOCRATIC = "democratic", _("民主党派")
        MASSES = "masses", _("群众")

    firm = models.ForeignKey(
        Firm, on_delete=models.PROTECT, related_name="lawyers", verbose_name=_("所在律所")
    )
    name = models.CharField(_("姓名"), max_length=50)
    gender = models.CharField(_("性别"), max_length=1, choices=Gender.choices)
    id_number = models.CharField(_("身份证号码"), max_length=18, unique=True, validators=[validate_id_number])
    licence_no = models.CharField(
        _("执业证号"), max_length=17, unique=True, validators=[licence_no_validator]
    )
    licence_date = models.DateField(_("首次执业日期"))
    category = models.CharField(
        _("执业类别"), max_length=10, choices=Category.choices, default=Category.FULL_TIME
    )
    is_partner = models.BooleanField(_("合伙人"), default=False)
    status = models.CharField(_("执业状态"), max_length=15, choices=Status.choices, default=Status.PRACTISING)
    phone = models.CharField(_("手机号码"), max_length=30, blank=True)
    education = models.CharField(_("学历"), max_length=10, choices=Education.choices, blank=True)
    political_status = models.CharField(_("政治面貌"), max_length=15, choices=Political.choices, blank=True)
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="lawyer",
        verbose_name=_("平台账号"),
    )

    class Meta:
        verbose_name = _("律师")
        verbose_name_plural = _("律师")
        ordering = [Collate("name", PINYIN)]
        indexes = [
            # Lawyer list sorted by name in pinyin order.
            models.Index(Collate("name", PINYIN), name="firms_lawyer_name_pinyin_idx"),
            # A firm's roster.
            models.Index(fields=["firm", "status"], name="firms_lawyer_firm_status_idx"),
            # Lawyer list filtered by category and status.
            models.Index(fields=["category", "status"], name="firms_lawyer_cat_status_idx"),
            # Lawyer search and the firm search by director (firms.search) by part of the name:
            # UPPER(name) LIKE '%…%'.
            GinIndex(OpClass(Upper("name"), name="gin_trgm_ops"), name="firms_lawyer_name_trgm"),
            # Lawyer search by part of the licence number: licence_no LIKE '%…%'.
            GinIndex(OpClass("licence_no", name="gin_trgm_ops"), name="firms_lawyer_licence_trgm"),
            # Lawyer search by pinyin initials or spelling: name_pinyin LIKE '%…%'.
            GinIndex(OpClass("name_pinyin", name="gin_trgm_ops"), name="firms_lawyer_pinyin_trgm"),
        ]

    def __str__(self):
        return self.name

    def clean(self):
        super().clean()
        if self.id_number:
            self.id_number = self.id_number.strip().upper()

    @property
    def masked_id_number(self):
        from bureau.validators import mask_id_number

        return mask_id_number(self.id_number)


@pghistory.track()
class PracticeRecord(models.Model):
    """执业经历: which firm a lawyer practised at, from when to when. Transfers close one record
    and open the next."""

    lawyer = models.ForeignKey(Lawyer, on_delete=models.CASCADE, related_name="practice_records")
    firm = models.ForeignKey(Firm, on_delete=models.PROTECT, related_name="+", verbose_name=_("律师事务所"))
    started_on = models.DateField(_("起始日期"))
    ended_on = models.DateField(_("结束日期"), null=True, blank=True)
    note = models.CharField(_("备注"), max_length=200, blank=True)
    # What the lawyer was while this record ran, kept when it closes (a transfer resets the partner
    # flag, an edit changes the category); empty on an open record: the lawyer's current values.
    category = models.CharField(
        _("执业类别"), max_length=10, choices=Lawyer.Category.choices, blank=True, default=""
    )
    is_partner = models.BooleanField(_("合伙人"), null=True, blank=True)

    class Meta:
        verbose_name = _("执业经历")
        verbose_name_plural = _("执业经历")
        ordering = ["started_on", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["lawyer"], condition=Q(ended_on__isnull=True), name="firms_practicerecord_one_open"
            ),
            models.CheckConstraint(
                condition=Q(ended_on__isnull=True) | Q(ended_on__gte=models.F("started_on")),
                name="firms_practicerecord_dates_in_order",
                violation_error_message=ENDED_BEFORE_STARTED,
            ),
        ]
        indexes = [
            # Lawyers practising at a date (firms.yearly.lawyers_at).
            models.Index(fields=["started_on", "ended_on"], name="firms_practice_dates_idx"),
        ]

    def __str__(self):
        return f"{self.firm} {self.started_on}–{self.ended_on or ''}"

    def clean(self):
        if self.started_on and self.ended_on and self.ended_on < self.started_on:
            raise ValidationError({"ended_on": ENDED_BEFORE_STARTED})
