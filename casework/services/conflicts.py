"""Writes of conflict-of-interest checks (利益冲突审查)."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from ..conflict_search import search_conflicts
from ..models import CheckedParty, ConflictCheck, PartyRole


@transaction.atomic
def conflict_check_record(*, firm, user, matter, parties, decision, remarks=""):
    """Run the search again on the server (so the hits kept are what the database holds now)
    and record the reviewer's decision with the entered parties."""
    parties = [p for p in parties if (p.get("name") or "").strip()]
    if not any(p.get("role") == PartyRole.CLIENT for p in parties):
        raise ValidationError(_("至少填写一名委托人。"))
    check = ConflictCheck(
        firm=firm,
        matter=matter,
        decision=decision,
        remarks=remarks,
        checked_by=user,
        hits=search_conflicts(firm=firm, parties=parties),
    )
    check.full_clean()
    check.save()
    for entered in parties:
        party = CheckedParty(
            conflict_check=check,
            role=entered.get("role"),
            kind=entered.get("kind"),
            name=entered.get("name", ""),
            id_code=entered.get("id_code", ""),
        )
        party.full_clean()
        party.save()
    return check
