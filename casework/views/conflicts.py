"""Conflict-of-interest check (利益冲突审查) and the registration of the case it clears."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from bureau.forms import apply_errors

from .. import selectors, services
from ..causes import CATALOGUE
from ..conflict_search import search_conflicts
from ..forms import (
    DEFAULT_PARTY_ROWS,
    CaseRegisterForm,
    CheckDecisionForm,
    CheckMatterForm,
    PartyFormSet,
)
from ..models import ConflictCheck, PartyRole
from .common import director_firm_or_403, director_only


@director_only
def case_new(request):
    """Step 1: enter the parties, search, choose a decision, confirm it. Step 2 is case_register.

    The buttons say what a POST does: `search` runs the search (and keeps a chosen decision as
    initial values), `review` checks the decision and shows it back for confirmation with the
    entries frozen, `record` records it. Without JavaScript the confirmation is a page of its own."""
    firm = director_firm_or_403(request.user)
    hits = None
    confirming = False
    if request.method == "POST":
        action = request.POST.get("action")
        matter_form = CheckMatterForm(request.POST)
        formset = PartyFormSet(request.POST, prefix="party")
        decision_form = CheckDecisionForm(
            initial={"decision": request.POST.get("decision", ""), "remarks": request.POST.get("remarks", "")}
        )
        if matter_form.is_valid() and formset.is_valid():
            parties = formset.parties()
            hits = search_conflicts(firm=firm, parties=parties)
            if action in ("review", "record"):
                decision_form = CheckDecisionForm(request.POST, hits=hits)
            if action == "review" and decision_form.is_valid():
                confirming = True
            elif action == "record" and decision_form.is_valid():
                try:
                    check = services.conflict_check_record(
                        firm=firm,
                        user=request.user,
                        matter=matter_form.cleaned_data["matter"],
                        parties=parties,
                        hits=hits,  # searched above, one search per request
                        **decision_form.cleaned_data,
                    )
                except ValidationError as exc:
                    apply_errors(decision_form, exc)
                else:
                    if check.decision == ConflictCheck.Decision.REFUSED:
                        messages.warning(request, _("审查结论为不予受理，已记录审查结果。"))
                        return redirect("casework:case_list")
                    messages.success(request, _("利益冲突审查已记录，请继续登记收案。"))
                    return redirect("casework:case_register", check_id=check.pk)
    else:
        matter_form = CheckMatterForm()
        formset = PartyFormSet(prefix="party", initial=[{"role": role} for role in DEFAULT_PARTY_ROWS])
        decision_form = CheckDecisionForm()
    roles = dict(PartyRole.choices)
    hits = (
        None
        if hits is None
        else [
            {
                **hit,
                "role_label": roles.get(hit["role"], ""),
                "entered_role_label": roles.get(hit["entered_role"], ""),
            }
            for hit in hits
        ]
    )
    conflicts = [hit for hit in hits or [] if hit["conflict"]]
    return render(
        request,
        "casework/case_new.html",
        {
            "firm": firm,
            "matter_form": matter_form,
            "formset": formset,
            "decision_form": decision_form,
            "hits": hits,
            "conflicts": conflicts,
            "notes": [hit for hit in hits or [] if not hit["conflict"]],
            "confirming": confirming,
        },
    )


@director_only
def case_register(request, check_id):
    firm = director_firm_or_403(request.user)
    check = get_object_or_404(
        ConflictCheck.objects.filter(firm=firm).prefetch_related("parties"), pk=check_id
    )
    if check.decision == ConflictCheck.Decision.REFUSED or hasattr(check, "case"):
        raise Http404
    form = CaseRegisterForm(
        request.POST or None,
        lawyers=selectors.firm_lawyers(firm),
        # The matter reviewed is usually the cause; the intake is usually today.
        initial={"cause": check.matter, "intake_date": timezone.localdate()},
    )
    if request.method == "POST" and form.is_valid():
        try:
            case = services.case_register(check=check, user=request.user, **form.cleaned_data)
        except ValidationError as exc:
            apply_errors(form, exc)
        else:
            messages.success(request, _("已登记收案，收案编号 %(no)s。") % {"no": case.intake_no})
            return redirect("casework:case_detail", case_id=case.pk)
    return render(
        request,
        "casework/case_register.html",
        {"check": check, "form": form, "firm": firm, "cause_options": cause_options()},
    )


def cause_options():
    """The catalogue as datalists: one per case type and one of all causes (before a type is chosen)."""
    everything = sorted({cause for causes in CATALOGUE.values() for cause in causes})
    return [(str(case_type), causes) for case_type, causes in CATALOGUE.items()] + [("all", everything)]
