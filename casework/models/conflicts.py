"""利益冲突审查: the search made before a case is registered and the parties it was run for."""

import pghistory
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from firms.models import Firm

from .parties import PartyKind, PartyRole, validate_party_identity


@pghistory.track()
class ConflictCheck(models.Model):
    """利益冲突审查: the search made before a case is registered, its hits and the decision."""

    class Decision(models.TextChoices):
        NO_CONFLICT = "no_conflict", _("无冲突")
        CONSENTED = "consented", _("存在冲突但已取得各方书面同意")
        REFUSED = "refused", _("不予受理")

    class Kind(models.TextChoices):
        INTAKE = "intake", _("收案审查")
        # A case of a past year entered from a spreadsheet: the search is run at import time and
        # its hits kept, but it is no review made before the mandate was accepted.
        HISTORICAL_IMPORT = "historical_import", _("历史导入")

    firm = models.ForeignKey(
        Firm, on_delete=models.PROTECT, related_name="conflict_checks", verbose_name=_("律师事务所")
    )
    kind = models.CharField(
        _("审查类别"), max_length=20, choices=Kind.choices, default=Kind.INTAKE, db_default=Kind.INTAKE
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

    @property
    def conflicting_hits(self):
        return [hit for hit in self.hits or [] if hit.get("conflict")]

    def clean(self):
        remarks = (self.remarks or "").strip()
        if self.decision == self.Decision.CONSENTED and not remarks:
            raise ValidationError({"remarks": _("存在冲突但已取得书面同意的，须在审查意见中说明。")})
        # Concluding "no conflict" against a hit on the other side is a judgement the reviewer
        # must be able to defend later, so it is kept in words.
        if self.decision == self.Decision.NO_CONFLICT and self.conflicting_hits and not remarks:
            raise ValidationError(
                {
                    "remarks": _(
                        "检索发现%(n)s项利益冲突（当事人曾在本所案件中处于对方），"
                        "结论为无冲突的，须在审查意见中写明理由。"
                    )
                    % {"n": len(self.conflicting_hits)}
                }
            )


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
