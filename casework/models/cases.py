"""The case register (收案登记) under the 四统一 rules: cases, their lawyers, parties and fee
receipts, and the counter that numbers them."""

import pghistory
from django.conf import settings
from django.contrib.postgres.indexes import GinIndex, OpClass
from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from firms.models import Firm, Lawyer, VersionedModel

from .conflicts import ConflictCheck
from .parties import PartyKind, PartyRole, party_name_key


class CaseType(models.TextChoices):
    CRIMINAL = "criminal", _("刑事")
    CIVIL = "civil", _("民事")
    ADMINISTRATIVE = "administrative", _("行政")
    NON_LITIGATION = "non_litigation", _("非诉讼")
    ARBITRATION = "arbitration", _("仲裁")
    OTHER = "other", _("其他")


class IntakeCounter(models.Model):
    """The last intake serial issued by a firm in a year: a counter of bureau.numbering, which
    registration locks, so two people registering at once queue here and numbers never skip or
    repeat: the increment commits or rolls back together with the case."""

    firm = models.ForeignKey(Firm, on_delete=models.CASCADE, related_name="+")
    year = models.PositiveSmallIntegerField()
    last_serial = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["firm", "year"], name="casework_intakecounter_one_per_year")
        ]

    def __str__(self):
        return f"{self.firm_id}/{self.year}: {self.last_serial}"


# has_receipt and sensitive_filed are derived by the database from the receipts and the filing, so
# they are no change of the case.
@pghistory.track(exclude=["has_receipt", "sensitive_filed"])
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
    # Pro bono (公益案件): taken without a fee, so, like legal aid, it carries no fee receipt.
    is_pro_bono = models.BooleanField(_("公益（免费）案件"), default=False, db_default=False)

    # Unified contract and fees (统一收费)
    contract_no = models.CharField(_("委托合同编号"), max_length=50, blank=True)
    contract_date = models.DateField(_("合同签订日期"), null=True, blank=True)
    agreed_fee = models.DecimalField(
        _("约定律师费（元）"), max_digits=12, decimal_places=2, default=0, validators=[MinValueValidator(0)]
    )
    # Whether any fee receipt exists: kept by database triggers (migration 0011) whatever writes the
    # receipts or the case, so the 四统一 gaps are read from the case row and an index, not by
    # probing the receipts of every case a count covers.
    has_receipt = models.BooleanField(_("已开具收费票据"), default=False, db_default=False, editable=False)

    status = models.CharField(_("状态"), max_length=12, choices=Status.choices, default=Status.RECEIVED)
    closed_on = models.DateField(_("结案日期"), null=True, blank=True)
    result = models.CharField(_("结案结果"), max_length=200, blank=True)
    archive_no = models.CharField(_("归档号"), max_length=50, blank=True)
    archived_on = models.DateField(_("归档日期"), null=True, blank=True)

    # Major sensitive case (重大敏感案件): due date fixed when the mark is set.
    is_sensitive = models.BooleanField(_("重大敏感案件"), default=False)
    sensitive_due_on = models.DateField(_("备案截止日期"), null=True, blank=True)
    # Whether its filing exists: kept by database triggers (migration 0012) like has_receipt, so the
    # queue of sensitive cases awaiting their filing is an index of those cases only.
    sensitive_filed = models.BooleanField(_("已备案"), default=False, db_default=False, editable=False)

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
            # The dates a case carries follow each other: intake, contract, closing, archiving;
            # the filing deadline of a sensitive case runs from the intake.
            models.CheckConstraint(
                condition=Q(contract_date__isnull=True) | Q(contract_date__gte=F("intake_date")),
                name="casework_case_contract_after_intake",
                violation_error_message=_("合同签订日期不能早于收案日期。"),
            ),
            models.CheckConstraint(
                condition=Q(closed_on__isnull=True) | Q(closed_on__gte=F("intake_date")),
                name="casework_case_closed_after_intake",
                violation_error_message=_("结案日期不能早于收案日期。"),
            ),
            models.CheckConstraint(
                condition=Q(archived_on__isnull=True)
                | (Q(closed_on__isnull=False) & Q(archived_on__gte=F("closed_on"))),
                name="casework_case_archived_after_closed",
                violation_error_message=_("归档日期不能早于结案日期，且须先结案。"),
            ),
            models.CheckConstraint(
                condition=Q(sensitive_due_on__isnull=True) | Q(sensitive_due_on__gte=F("intake_date")),
                name="casework_case_sensitive_due_after_intake",
                violation_error_message=_("备案截止日期不能早于收案日期。"),
            ),
        ]
        indexes = [
            # Case list of one firm, newest first: the list page's keyset (year, serial, id) within
            # the firm, so a page is read in order and the scan stops at its end.
            models.Index(fields=["firm", "-year", "-serial", "-id"], name="casework_case_firm_list_idx"),
            # The bureau's case list of every firm, newest first: its keyset (year, serial, id)
            # starts an index scan at the cursor, and a year's cases are one range of it.
            models.Index(fields=["-year", "-serial", "-id"], name="casework_case_register_idx"),
            # Statistics: cases of a firm taken in a date range, by type.
            models.Index(fields=["firm", "intake_date", "case_type"], name="casework_case_firm_intake_idx"),
            # The 四统一 gaps (selectors.with_completeness): only the cases that lack a contract, a
            # receipt or an archive number are in it, so a firm's incomplete count reads its gaps,
            # not all its cases; the included columns answer the count from the index alone.
            models.Index(
                fields=["firm", "intake_date"],
                include=[
                    "closed_on", "contract_no", "archive_no", "has_receipt", "is_legal_aid", "is_pro_bono"
                ],
                condition=Q(contract_no="")
                | Q(archive_no="", closed_on__isnull=False)
                | Q(has_receipt=False, is_legal_aid=False, is_pro_bono=False),
                name="casework_case_gaps_idx",
            ),
            # Sensitive cases awaiting their filing, by due date (a small work queue, whatever the
            # number of sensitive cases filed over the years).
            models.Index(
                fields=["sensitive_due_on"],
                condition=Q(is_sensitive=True, sensitive_filed=False),
                name="casework_case_sens_queue_idx",
            ),
        ]

    def __str__(self):
        return self.intake_no

    def clean(self):
        errors = {}
        if self.agreed_fee is not None and self.agreed_fee < 0:
            errors["agreed_fee"] = _("律师费不能为负数。")
        if self.contract_date and self.intake_date and self.contract_date < self.intake_date:
            errors["contract_date"] = _("合同签订日期不能早于收案日期。")
        if self.sensitive_due_on and self.intake_date and self.sensitive_due_on < self.intake_date:
            errors["sensitive_due_on"] = _("备案截止日期不能早于收案日期。")
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

    # No index of its own: the two conflict-search indexes below lead with the firm and serve a
    # lookup by firm too. A plain firm index tempted the planner, for a busy firm, into testing
    # each of its thousands of names instead of reading the name's trigrams in the GIN index.
    firm = models.ForeignKey(Firm, on_delete=models.PROTECT, related_name="+", db_index=False)
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
            # Conflict search by similar name inside one firm (casework.conflict_search): the firm
            # (btree_gin) and pg_trgm `%` on the name without its legal-form ending in one GIN
            # index, so a search reads only the firm's entries of the name's trigrams, not every
            # firm's (the query compares firm_id with a bigint: btree_gin has no int8 = int4).
            GinIndex(
                F("firm"), OpClass("name_key", name="gin_trgm_ops"), name="casework_party_firm_key_trgm"
            ),
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
