"""Writes of conflict-of-interest checks (利益冲突审查)."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from ..conflict_search import search_conflicts
from ..models import CheckedParty, ConflictCheck, PartyRole


@transaction.atomic
def conflict_check_record(*, firm, user, matter, parties, decision, remarks="", hits=None):
    """Record the reviewer's decision with the entered parties and the hits of the search run on
    the server: `hits` when the caller ran it on these parties in this same request (the page
    checks the decision against them), otherwise run here (never hits a browser sent)."""
    parties = [p for p in parties if (p.get("name") or "").strip()]
    if not any(p.get("role") == PartyRole.CLIENT for p in parties):
        raise ValidationError(_("至少填写一名委托人。"))
    check = ConflictCheck(
        firm=firm,
        matter=matter,
        decision=decision,
        remarks=remarks,
        checked_by=user,
        hits=search_conflicts(firm=firm, parties=parties) if hits is None else hits,
    )
    check.full_clean()
    check.save()
    checked = [
        CheckedParty(
            conflict_check=check,
            role=entered.get("role"),
            kind=entered.get("kind"),
            name=entered.get("name", ""),
            id_code=entered.get("id_code", ""),
        )
        for entered in parties
    ]
    for party in checked:
        # The check was saved just above: no query to prove it exists, one per party.
        party.full_clean(exclude=["conflict_check"])
    # One INSERT for all of them (the audit triggers fire per row all the same).
    CheckedParty.objects.bulk_create(checked)
    return check
