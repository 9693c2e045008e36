"""Public legal service logs (公共法律服务记录) and the lawyers who took part."""

import pghistory
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from firms.models import Firm, Lawyer


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
    # The firm's own number for a log entered from a spreadsheet: the key a re-import matches on.
    import_key = models.CharField(_("记录编号"), max_length=50, blank=True, default="", db_default="")

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
                name="casework_servicelog_term_end_after_start",
                violation_error_message=_("顾问期限止日不能早于起日。"),
            ),
            models.UniqueConstraint(
                fields=["firm", "import_key"],
                condition=~Q(import_key=""),
                name="casework_servicelog_import_key_unique",
                violation_error_message=_("本所已有该记录编号的服务记录。"),
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
