"""Writes of major sensitive case filings (重大敏感案件备案) and the bureau's review of them."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from ..models import SensitiveFiling


@transaction.atomic
def sensitive_file(*, case, user, client, authority, facts, legal_issues, lawyer_opinion, filed_on=None):
    """备案: the date is the one the firm states (default today), never in the future nor before
    the case's intake; the yearly report counts filings by it."""
    filed_on = filed_on or timezone.localdate()
    if filed_on > timezone.localdate():
        raise ValidationError({"filed_on": _("备案日期不能晚于今天。")})
    if filed_on < case.intake_date:
        raise ValidationError({"filed_on": _("备案日期不能早于收案日期。")})
    if not case.is_sensitive:
        raise ValidationError(_("该案件未标记为重大敏感案件。"))
    if SensitiveFiling.objects.filter(case=case).exists():
        raise ValidationError(_("该案件已经备案，不能重复备案。"))
    filing = SensitiveFiling(
        case=case,
        client=client,
        authority=authority,
        facts=facts,
        legal_issues=legal_issues,
        lawyer_opinion=lawyer_opinion,
        filed_by=user,
        filed_on=filed_on,
    )
    filing.full_clean()
    filing.save()
    return filing


@transaction.atomic
def sensitive_review(*, filing, user, comment=""):
    """Bureau staff acknowledge a filing, or comment on it."""
    comment = comment.strip()
    filing.status = SensitiveFiling.Status.COMMENTED if comment else SensitiveFiling.Status.ACKNOWLEDGED
    filing.bureau_comment = comment
    filing.reviewed_by = user
    filing.reviewed_at = timezone.now()
    filing.save(update_fields=["status", "bureau_comment", "reviewed_by", "reviewed_at"])
    return filing
