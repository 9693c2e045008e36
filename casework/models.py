"""Case register (收案登记) under the 四统一 rules, conflict checks, sensitive case filings, public
legal service logs and quarterly statistics."""

import unicodedata

import pghistory
from django.conf import settings
from django.contrib.postgres.indexes import GinIndex, OpClass
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from bureau.validators import validate_credit_code, validate_id_number
from firms.models import Firm, Lawyer, VersionedModel


@pghistory.track()
class CaseworkSettings(models.Model):
    """The bureau's local rules for casework, one row edited in the admin."""

    sensitive_filing_days = models.PositiveSmallIntegerField(
        _("重大敏感案件备案期限（收案后工作日）"), default=3
    )
    quarterly_due_days = models.PositiveSmallIntegerField(
        _("季度统计报送期限（季度结束后工作日）"), default=10
    )
    completeness_days = models.PositiveSmallIntegerField(
        _("四统一材料补齐期限（天）"),
        default=30,
        help_text=_("收案后超过该天数仍无合同或收费票据、结案后超过该天数仍未归档的，标记为不完整"),
    )
    conflict_similarity = models.DecimalField(
        _("利益冲突名称相似度阈值"),
        max_digits=3,
        decimal_places=2,
        default=0.4,
        validators=[MinValueValidator(0.1), MaxValueValidator(1)],
        help_text=_("0.1–1.0，越小命中越多"),
    )

    class Meta:
        verbose_name = _("案件管理设置")
        verbose_name_plural = _("案件管理设置")
        constraints = [models.CheckConstraint(condition=Q(id=1), name="casework_settings_singleton")]

    def __str__(self):
        return str(self._meta.verbose_name)

    @classmethod
    def load(cls):
        obj, _created = cls.objects.get_or_create(id=1)
        return obj


class CaseType(models.TextChoices):
    CRIMINAL = "criminal", _("刑事")
    CIVIL = "civil", _("民事")
    ADMINISTRATIVE = "administrative", _("行政")
    NON_LITIGATION = "non_litigation", _("非诉讼")
    ARBITRATION = "arbitration", _("仲裁")
    OTHER = "other", _("其他")


@pghistory.track()
class FirmCaseSettings(models.Model):
    """A firm's own intake numbering: prefix and type letters, e.g. (2026)X律民字第12号."""

    firm = models.OneToOneField(
        Firm, on_delete=models.CASCADE, related_name="case_settings", verbose_name=_("律师事务所")
    )
    intake_prefix = models.CharField(_("收案编号代字"), max_length=10, default="律")
    letter_criminal = models.CharField(_("刑事案件字"), max_length=4, default="刑")
    letter_civil = models.CharField(_("民事案件字"), max_length=4, default="民")
    letter_administrative = models.CharField(_("行政案件字"), max_length=4, default="行")
    letter_non_litigation = models.CharField(_("非诉讼案件字"), max_length=4, default="非")
    letter_arbitration = models.CharField(_("仲裁案件字"), max_length=4, default="仲")
    letter_other = models.CharField(_("其他案件字"), max_length=4, default="其")

    class Meta:
        verbose_name = _("律所收案编号设置")
        verbose_name_plural = _("律所收案编号设置")

    def __str__(self):
        return str(self.firm)

    def letter(self, case_type):
        return getattr(self, f"letter_{case_type}")

    def format_number(self, *, year, case_type, serial):
        return f"({year}){self.intake_prefix}{self.letter(case_type)}字第{serial}号"


class IntakeCounter(models.Model):
    """The last intake serial issued by a firm in a year. Registration locks this row
    (select_for_update), so two people registering at once queue here and numbers never skip
    or repeat: the increment commits or rolls back together with the case."""

    firm = models.ForeignKey(Firm, on_delete=models.CASCADE, related_name="+")
    year = models.PositiveSmallIntegerField()
    last_serial = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["firm", "year"], name="casework_intakecounter_one_per_year")
        ]

    def __str__(self):
        return f"{self.firm_id}/{self.year}: {self.last_serial}"


class PartyRole(models.TextChoices):
    CLIENT = "client", _("委托人")
    OPPOSING = "opposing", _("对方当事人")
    OTHER = "other", _("其他当事人")


class PartyKind(models.TextChoices):
    PERSON = "person", _("自然人")
    ORGANISATION = "organisation", _("单位")


# Legal-form endings that nearly every company name shares. Left in, their trigrams match half the
# table and drown the distinctive part of the name; the conflict search compares what is left.
LEGAL_FORM_ENDINGS = ("股份有限公司", "有限责任公司", "有限公司", "集团", "公司")


def party_name_key(name):
    """The part of a party's name the conflict search compares: NFKC-normalised (full-width to
    half-width), without spaces, and without a legal-form ending."""
    key = unicodedata.normalize("NFKC", name or "")
    key = "".join(key.split())
    for ending in LEGAL_FORM_ENDINGS:
        if key.endswith(ending) and len(key) > len(ending):
            key = key[: -len(ending)]
            break
    return key


def validate_party_identity(kind, id_code):
    """An identity number for a person, a credit code for an organisation."""
    if not id_code:
        return
    if kind == PartyKind.PERSON:
        validate_id_number(id_code)
    else:
        validate_credit_code(id_code)


@pghistory.track()
class ConflictCheck(models.Model):
    """利益冲突审查: the search made before a case is registered, its hits and the decision."""

    class Decision(models.TextChoices):
        NO_CONFLICT = "no_conflict", _("无冲突")
        CONSENTED = "consented", _("存在冲突但已取得各方书面同意")
        REFUSED = "refused", _("不予受理")

    firm = models.ForeignKey(
        Firm, on_delete=models.PROTECT, related_name="conflict_checks", verbose_name=_("律师事务所")
    )
    matter = models.CharField(_("拟受理事项"), max_length=200)
    # A snapshot of what was found, as shown to the reviewer: list of dicts with party, case, role.
    hits = models.JSONField(_("命中记录"), default=list, blank=True)
    decision = models.CharField(_("审查结论"), max_length=12, choices=Decision.choices)
    remarks = models.TextField(_("审查意见"), blank=True)
    checked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("审查人")
    )
    checked_at = models.DateTimeField(_("审查时间"), default=timezone.now)

    class Meta:
        verbose_name = _("利益冲突审查")
        verbose_name_plural = _("利益冲突审查")
        ordering = ["-checked_at"]
        indexes = [
            # A firm's recent checks.
            models.Index(fields=["firm", "-checked_at"], name="casework_check_firm_idx"),
        ]

    def __str__(self):
        return f"{self.matter} · {self.get_decision_display()}"

    def clean(self):
        if self.decision == self.Decision.CONSENTED and not self.remarks.strip():
            raise ValidationError({"remarks": _("存在冲突但已取得书面同意的，须在审查意见中说明。")})


@pghistory.track()
class CheckedParty(models.Model):
    """A party as entered for a conflict check; becomes a case party when the case is registered."""

    conflict_check = models.ForeignKey(ConflictCheck, on_delete=models.CASCADE, related_name="parties")
    role = models.CharField(_("诉讼地位"), max_length=10, choices=PartyRole.choices)
    kind = models.CharField(_("类型"), max_length=12, choices=PartyKind.choices)
    name = models.CharField(_("名称/姓名"), max_length=100)
    id_code = models.CharField(_("身份证号码/统一社会信用代码"), max_length=18, blank=True)

    class Meta:
        verbose_name = _("审查当事人")
        verbose_name_plural = _("审查当事人")
        ordering = ["id"]

    def __str__(self):
        return self.name

    def clean(self):
        self.name = (self.name or "").strip()
        self.id_code = (self.id_code or "").strip().upper()
        try:
            validate_party_identity(self.kind, self.id_code)
        except ValidationError as exc:
            raise ValidationError({"id_code": exc.messages}) from None


@pghistory.track()
class Case(VersionedModel):
    """收案登记: one mandate accepted by a firm."""

    class Status(models.TextChoices):
        RECEIVED = "received", _("收案")
        IN_PROGRESS = "in_progress", _("办理中")
        CLOSED = "closed", _("结案")
        ARCHIVED = "archived", _("归档")

    STATUS_ORDER = [Status.RECEIVED, Status.IN_PROGRESS, Status.CLOSED, Status.ARCHIVED]

    firm = models.ForeignKey(
        Firm, on_delete=models.PROTECT, related_name="cases", verbose_name=_("律师事务所")
    )
    year = models.PositiveSmallIntegerField(_("收案年度"))
    serial = models.PositiveIntegerField(_("年度序号"))
    intake_no = models.CharField(_("收案编号"), max_length=50)
    case_type = models.CharField(_("案件类型"), max_length=15, choices=CaseType.choices)
    cause = models.CharField(_("案由"), max_length=100)
    intake_date = models.DateField(_("收案日期"))
    authority = models.CharField(_("受理法院或机关"), max_length=100, blank=True)
    conflict_check = models.OneToOneField(
        ConflictCheck, on_delete=models.PROTECT, related_name="case", verbose_name=_("利益冲突审查")
    )
    lawyers = models.ManyToManyField(
        Lawyer, through="CaseLawyer", related_name="cases", verbose_name=_("承办律师")
    )

    # Legal aid (法律援助)
    is_legal_aid = models.BooleanField(_("法律援助案件"), default=False)
    aid_body = models.CharField(_("指派机构"), max_length=100, blank=True)
    aid_notice_no = models.CharField(_("指派通知书编号"), max_length=50, blank=True)

    # Unified contract and fees (统一收费)
    contract_no = models.CharField(_("委托合同编号"), max_length=50, blank=True)
    contract_date = models.DateField(_("合同签订日期"), null=True, blank=True)
    agreed_fee = models.DecimalField(
        _("约定律师费（元）"), max_digits=12, decimal_places=2, default=0, validators=[MinValueValidator(0)]
    )

    status = models.CharField(_("状态"), max_length=12, choices=Status.choices, default=Status.RECEIVED)
    closed_on = models.DateField(_("结案日期"), null=True, blank=True)
    result = models.CharField(_("结案结果"), max_length=200, blank=True)
    archive_no = models.CharField(_("归档号"), max_length=50, blank=True)
    archived_on = models.DateField(_("归档日期"), null=True, blank=True)

    # Major sensitive case (重大敏感案件): due date fixed when the mark is set.
    is_sensitive = models.BooleanField(_("重大敏感案件"), default=False)
    sensitive_due_on = models.DateField(_("备案截止日期"), null=True, blank=True)

    registered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("登记人")
    )
    registered_at = models.DateTimeField(_("登记时间"), default=timezone.now)

    class Meta:
        verbose_name = _("案件")
        verbose_name_plural = _("案件")
        ordering = ["-year", "-serial"]
        constraints = [
            models.UniqueConstraint(fields=["firm", "year", "serial"], name="casework_case_serial_unique"),
            models.UniqueConstraint(fields=["firm", "intake_no"], name="casework_case_intake_no_unique"),
            models.CheckConstraint(condition=Q(agreed_fee__gte=0), name="casework_case_fee_not_negative"),
            models.CheckConstraint(
                condition=Q(closed_on__isnull=True) | Q(closed_on__gte=F("intake_date")),
                name="casework_case_closed_after_intake",
            ),
            models.CheckConstraint(
                condition=Q(archived_on__isnull=True)
                | (Q(closed_on__isnull=False) & Q(archived_on__gte=F("closed_on"))),
                name="casework_case_archived_after_closed",
            ),
        ]
        indexes = [
            # Case list of one firm, newest first (the list page's keyset).
            models.Index(fields=["firm", "-year", "-serial"], name="casework_case_firm_list_idx"),
            # Statistics: cases of a firm taken in a date range, by type.
            models.Index(fields=["firm", "intake_date", "case_type"], name="casework_case_firm_intake_idx"),
            # Overdue sensitive filings (a small work queue).
            models.Index(
                fields=["sensitive_due_on"], condition=Q(is_sensitive=True), name="casework_case_sens_idx"
            ),
        ]

    def __str__(self):
        return self.intake_no

    def clean(self):
        errors = {}
        if self.agreed_fee is not None and self.agreed_fee < 0:
            errors["agreed_fee"] = _("律师费不能为负数。")
        if self.closed_on and self.intake_date and self.closed_on < self.intake_date:
            errors["closed_on"] = _("结案日期不能早于收案日期。")
        if self.archived_on and not self.closed_on:
            errors["archived_on"] = _("尚未结案的案件不能归档。")
        elif self.archived_on and self.closed_on and self.archived_on < self.closed_on:
            errors["archived_on"] = _("归档日期不能早于结案日期。")
        if self.status in (self.Status.CLOSED, self.Status.ARCHIVED):
            if not self.closed_on:
                errors["closed_on"] = _("结案须填写结案日期。")
            if not self.result.strip():
                errors["result"] = _("结案须填写结案结果。")
        if self.status == self.Status.ARCHIVED:
            if not self.archive_no.strip():
                errors["archive_no"] = _("归档须填写归档号。")
            if not self.archived_on:
                errors["archived_on"] = _("归档须填写归档日期。")
        if self.is_legal_aid and not self.aid_body.strip():
            errors["aid_body"] = _("法律援助案件须填写指派机构。")
        if self.is_legal_aid and not self.aid_notice_no.strip():
            errors["aid_notice_no"] = _("法律援助案件须填写指派通知书编号。")
        if errors:
            raise ValidationError(errors)

    def status_rank(self, status=None):
        return self.STATUS_ORDER.index(status or self.status)


@pghistory.track()
class CaseLawyer(models.Model):
    """统一指派: a lawyer the firm assigned to the case."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="assignments")
    lawyer = models.ForeignKey(Lawyer, on_delete=models.PROTECT, related_name="case_assignments")

    class Meta:
        verbose_name = _("承办律师")
        verbose_name_plural = _("承办律师")
        constraints = [models.UniqueConstraint(fields=["case", "lawyer"], name="casework_caselawyer_once")]

    def __str__(self):
        return f"{self.case_id}: {self.lawyer_id}"


@pghistory.track()
class Party(models.Model):
    """A party of a registered case. `firm` repeats the case's firm so that the conflict search
    stays inside one firm's index range."""

    firm = models.ForeignKey(Firm, on_delete=models.PROTECT, related_name="+")
    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="parties")
    role = models.CharField(_("诉讼地位"), max_length=10, choices=PartyRole.choices)
    kind = models.CharField(_("类型"), max_length=12, choices=PartyKind.choices)
    name = models.CharField(_("名称/姓名"), max_length=100)
    name_key = models.CharField(max_length=100, blank=True, default="", editable=False)
    id_code = models.CharField(_("身份证号码/统一社会信用代码"), max_length=18, blank=True)

    class Meta:
        verbose_name = _("当事人")
        verbose_name_plural = _("当事人")
        ordering = ["case", "id"]
        indexes = [
            # Conflict search by similar name (pg_trgm `%` on the name without its legal-form
            # ending), ANDed with the firm's rows from the firm_id index.
            GinIndex(OpClass("name_key", name="gin_trgm_ops"), name="casework_party_key_trgm"),
            # Conflict search by exact identity number / credit code inside one firm.
            models.Index(
                fields=["firm", "id_code"], condition=~Q(id_code=""), name="casework_party_id_code_idx"
            ),
        ]

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        self.name_key = party_name_key(self.name)
        super().save(*args, **kwargs)

    @property
    def masked_id_code(self):
        """Identity numbers of people are masked for everyone but bureau staff; an organisation's
        credit code is public."""
        from bureau.validators import mask_id_number

        return mask_id_number(self.id_code) if self.kind == PartyKind.PERSON else self.id_code


@pghistory.track()
class FeeReceipt(models.Model):
    """统一收费: a fee receipt the firm issued for the case (zero allowed for aid and pro bono)."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="receipts")
    receipt_no = models.CharField(_("票据号"), max_length=50)
    amount = models.DecimalField(
        _("金额（元）"), max_digits=12, decimal_places=2, validators=[MinValueValidator(0)]
    )
    received_on = models.DateField(_("收费日期"))

    class Meta:
        verbose_name = _("收费票据")
        verbose_name_plural = _("收费票据")
        ordering = ["received_on", "id"]
        constraints = [
            models.CheckConstraint(condition=Q(amount__gte=0), name="casework_receipt_amount_not_negative"),
            models.UniqueConstraint(fields=["case", "receipt_no"], name="casework_receipt_no_unique"),
        ]

    def __str__(self):
        return self.receipt_no


@pghistory.track()
class SensitiveFiling(models.Model):
    """重大敏感案件备案: what the bureau asks to know about a major sensitive case."""

    class Status(models.TextChoices):
        FILED = "filed", _("已备案待审阅")
        ACKNOWLEDGED = "acknowledged", _("已知悉")
        COMMENTED = "commented", _("已提出意见")

    case = models.OneToOneField(Case, on_delete=models.PROTECT, related_name="sensitive_filing")
    client = models.CharField(_("委托人"), max_length=200)
    authority = models.CharField(_("受理机关"), max_length=200)
    facts = models.TextField(_("基本案情"))
    legal_issues = models.TextField(_("主要法律问题"))
    lawyer_opinion = models.TextField(_("律师意见"))
    filed_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    filed_on = models.DateField(_("备案日期"), default=timezone.localdate)
    status = models.CharField(_("状态"), max_length=14, choices=Status.choices, default=Status.FILED)
    bureau_comment = models.TextField(_("司法局意见"), blank=True)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", null=True, blank=True
    )
    reviewed_at = models.DateTimeField(_("审阅时间"), null=True, blank=True)

    class Meta:
        verbose_name = _("重大敏感案件备案")
        verbose_name_plural = _("重大敏感案件备案")
        ordering = ["-filed_on"]

    def __str__(self):
        return str(self.case)

    @property
    def is_late(self):
        return bool(self.case.sensitive_due_on and self.filed_on > self.case.sensitive_due_on)


@pghistory.track()
class ServiceLog(models.Model):
    """A public legal service record: legal help, consultations, petition duty, legal adviser
    engagements, mediation, legal health checks, military-civil and veterans' work, duty shifts.
    One table with the counts each kind needs; clean() says which are required."""

    class Kind(models.TextChoices):
        LEGAL_HELP = "legal_help", _("法律帮助")
        CONSULTATION = "consultation", _("法律咨询")
        PETITION = "petition", _("接访")
        ADVISER = "adviser", _("法律顾问")
        MEDIATION = "mediation", _("调解")
        HEALTH_CHECK = "health_check", _("法治体检")
        MILITARY = "military", _("军地法律服务")
        VETERANS = "veterans", _("退役军人法律服务站")
        DUTY = "duty", _("值班")

    class OrgKind(models.TextChoices):
        PARTY_GOVERNMENT = "party_government", _("党政机关")
        INSTITUTION = "institution", _("事业单位")
        ENTERPRISE = "enterprise", _("企业")
        TOWN = "town", _("镇")
        VILLAGE = "village", _("村（社区）")

    class DutyPlace(models.TextChoices):
        SERVICE_CENTRE = "service_centre", _("公共法律服务中心")
        AID_STATION = "aid_station", _("法律援助工作站")

    firm = models.ForeignKey(
        Firm, on_delete=models.PROTECT, related_name="service_logs", verbose_name=_("律师事务所")
    )
    kind = models.CharField(_("服务类型"), max_length=14, choices=Kind.choices)
    date = models.DateField(_("日期"))
    lawyers = models.ManyToManyField(
        Lawyer, through="ServiceLogLawyer", related_name="service_logs", verbose_name=_("参与律师")
    )
    counterpart = models.CharField(
        _("服务对象"),
        max_length=200,
        blank=True,
        help_text=_("顾问单位、调解委员会、体检企业、值班场所名称等"),
    )
    org_kind = models.CharField(_("顾问单位类型"), max_length=16, choices=OrgKind.choices, blank=True)
    term_start = models.DateField(_("顾问期限起"), null=True, blank=True)
    term_end = models.DateField(_("顾问期限止"), null=True, blank=True)
    contract_no = models.CharField(_("合同或协议编号"), max_length=50, blank=True)
    duty_place = models.CharField(_("值班场所类型"), max_length=16, choices=DutyPlace.choices, blank=True)
    dispute_category = models.CharField(
        _("纠纷类别"), max_length=50, blank=True, help_text=_("如道路交通事故纠纷")
    )

    person_times = models.PositiveIntegerField(_("人次"), default=0)
    disputes_taken = models.PositiveIntegerField(_("受理纠纷（件）"), default=0)
    disputes_settled = models.PositiveIntegerField(_("调解成功（件）"), default=0)
    publicity_sessions = models.PositiveIntegerField(_("法治宣传（场）"), default=0)
    consultations = models.PositiveIntegerField(_("解答咨询（次）"), default=0)
    opinion_letters = models.PositiveIntegerField(_("出具法律意见书（份）"), default=0)
    risk_points = models.PositiveIntegerField(_("发现风险点（个）"), default=0)
    matters_handled = models.PositiveIntegerField(_("办理企业法律事务（件）"), default=0)
    contracts_reviewed = models.PositiveIntegerField(_("审查劳动合同（份）"), default=0)
    problems_found = models.PositiveIntegerField(_("发现问题（个）"), default=0)
    remarks = models.CharField(_("备注"), max_length=300, blank=True)

    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(default=timezone.now, editable=False)

    COUNT_FIELDS = [
        "person_times",
        "disputes_taken",
        "disputes_settled",
        "publicity_sessions",
        "consultations",
        "opinion_letters",
        "risk_points",
        "matters_handled",
        "contracts_reviewed",
        "problems_found",
    ]

    class Meta:
        verbose_name = _("公共法律服务记录")
        verbose_name_plural = _("公共法律服务记录")
        ordering = ["-date", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(disputes_settled__lte=F("disputes_taken")), name="casework_log_settled_le_taken"
            ),
            models.CheckConstraint(
                condition=Q(term_end__isnull=True)
                | Q(term_start__isnull=True)
                | Q(term_end__gte=F("term_start")),
                name="casework_log_term_in_order",
            ),
        ]
        indexes = [
            # Log list of one firm, newest first; quarterly sums by firm, date range and kind.
            models.Index(fields=["firm", "date", "kind"], name="casework_log_firm_date_idx"),
        ]

    def __str__(self):
        return f"{self.date} {self.get_kind_display()}"

    def clean(self):
        errors = {}
        kind = self.Kind
        if self.kind in (kind.LEGAL_HELP, kind.PETITION, kind.CONSULTATION, kind.DUTY, kind.VETERANS):
            if not self.person_times:
                errors["person_times"] = _("请填写服务人次。")
        if self.kind == kind.ADVISER:
            if not self.counterpart.strip():
                errors["counterpart"] = _("请填写顾问单位名称。")
            if not self.org_kind:
                errors["org_kind"] = _("请选择顾问单位类型。")
            if not self.term_start:
                errors["term_start"] = _("请填写顾问期限。")
        if self.kind == kind.MEDIATION and not self.counterpart.strip():
            errors["counterpart"] = _("请填写调解委员会名称。")
        if self.kind == kind.HEALTH_CHECK and not self.counterpart.strip():
            errors["counterpart"] = _("请填写体检企业名称。")
        if self.kind == kind.MILITARY and not self.counterpart.strip():
            errors["counterpart"] = _("请填写协议对方单位。")
        if self.kind == kind.DUTY and not self.duty_place:
            errors["duty_place"] = _("请选择值班场所类型。")
        if self.disputes_settled > self.disputes_taken:
            errors["disputes_settled"] = _("调解成功数不能多于受理纠纷数。")
        if self.term_start and self.term_end and self.term_end < self.term_start:
            errors["term_end"] = _("顾问期限止日不能早于起日。")
        if errors:
            raise ValidationError(errors)


@pghistory.track()
class ServiceLogLawyer(models.Model):
    log = models.ForeignKey(ServiceLog, on_delete=models.CASCADE, related_name="participations")
    lawyer = models.ForeignKey(Lawyer, on_delete=models.PROTECT, related_name="+")

    class Meta:
        constraints = [models.UniqueConstraint(fields=["log", "lawyer"], name="casework_loglawyer_once")]

    def __str__(self):
        return f"{self.log_id}: {self.lawyer_id}"


@pghistory.track()
class QuarterlyReport(VersionedModel):
    """季度统计报表: one per firm and quarter. `figures` maps a figure key to
    {"prefilled": n, "value": n, "reason": "..."}; each submission is kept as a version."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("草稿")
        SUBMITTED = "submitted", _("已报送待审核")
        RETURNED = "returned", _("已退回")
        ACCEPTED = "accepted", _("已通过")

    firm = models.ForeignKey(
        Firm, on_delete=models.PROTECT, related_name="quarterly_reports", verbose_name=_("律师事务所")
    )
    year = models.PositiveSmallIntegerField(_("年度"))
    quarter = models.PositiveSmallIntegerField(_("季度"), choices=[(q, q) for q in (1, 2, 3, 4)])
    status = models.CharField(_("状态"), max_length=10, choices=Status.choices, default=Status.DRAFT)
    figures = models.JSONField(_("统计数据"), default=dict)
    due_on = models.DateField(_("报送截止日期"))
    due_provisional = models.BooleanField(default=False)
    first_submitted_on = models.DateField(_("首次报送日期"), null=True, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(default=timezone.now, editable=False)

    class Meta:
        verbose_name = _("季度统计报表")
        verbose_name_plural = _("季度统计报表")
        ordering = ["-year", "-quarter", "firm_id"]
        constraints = [
            models.UniqueConstraint(fields=["firm", "year", "quarter"], name="casework_quarterly_once"),
            models.CheckConstraint(
                condition=Q(quarter__gte=1, quarter__lte=4), name="casework_quarterly_q_1_4"
            ),
        ]
        indexes = [
            # Bureau overview: every report of one quarter.
            models.Index(fields=["year", "quarter", "status"], name="casework_quarterly_period_idx"),
        ]

    def __str__(self):
        return f"{self.firm} {self.year}年第{self.quarter}季度"


@pghistory.track()
class QuarterlyReportVersion(models.Model):
    """One submission of a report, with the bureau's answer to it."""

    class Decision(models.TextChoices):
        ACCEPTED = "accepted", _("通过")
        RETURNED = "returned", _("退回")

    report = models.ForeignKey(QuarterlyReport, on_delete=models.CASCADE, related_name="versions")
    number = models.PositiveSmallIntegerField(_("版本"))
    figures = models.JSONField(_("统计数据"))
    submitted_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    submitted_at = models.DateTimeField(_("报送时间"), default=timezone.now)
    decision = models.CharField(_("审核结果"), max_length=10, choices=Decision.choices, blank=True)
    comment = models.TextField(_("审核意见"), blank=True)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", null=True, blank=True
    )
    reviewed_at = models.DateTimeField(_("审核时间"), null=True, blank=True)

    class Meta:
        verbose_name = _("季度统计报表版本")
        verbose_name_plural = _("季度统计报表版本")
        ordering = ["report", "number"]
        constraints = [
            models.UniqueConstraint(fields=["report", "number"], name="casework_quarterlyversion_once")
        ]

    def __str__(self):
        return f"{self.report} v{self.number}"
