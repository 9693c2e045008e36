"""Pages of the case register, conflict checks and sensitive filings. Service logs and quarterly
statistics are in views_services.py and views_quarterly.py."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from bureau.forms import apply_errors
from bureau.permissions import BUREAU_ROLES, Role, bureau_required, is_bureau, role_required

from . import selectors, services
from .forms import (
    DEFAULT_PARTY_ROWS,
    CaseEditForm,
    CaseRegisterForm,
    CheckDecisionForm,
    CheckMatterForm,
    NumberingForm,
    PartyFormSet,
    ReceiptForm,
    SensitiveFilingForm,
    SensitiveReviewForm,
)
from .models import Case, CaseType, ConflictCheck

casework_reader = role_required(*BUREAU_ROLES, Role.FIRM_DIRECTOR)
director_only = role_required(Role.FIRM_DIRECTOR)

PAGE_SIZE = 50


def _director_firm_or_403(user):
    firm = selectors.director_firm(user)
    if firm is None:
        raise PermissionDenied
    return firm


def _get_case_for_user(request, case_id, *, edit=False):
    """404 when the case is not visible to the user, 403 when visible but read-only."""
    case = get_object_or_404(selectors.case_detail_queryset(request.user), pk=case_id)
    if edit and not selectors.can_edit_firm_records(request.user, case.firm_id):
        raise PermissionDenied
    return case


# --- list and detail ------------------------------------------------------------------------


def _int_or_none(value):
    try:
        return int(value)
    except (TypeError, ValueError):
        return None


@casework_reader
def case_list(request):
    params = request.GET
    filters = {
        "year": _int_or_none(params.get("year")),
        "case_type": params.get("type") if params.get("type") in CaseType.values else None,
        "status": params.get("status") if params.get("status") in Case.Status.values else None,
        "legal_aid": params.get("aid") == "1",
        "incomplete": params.get("incomplete") == "1",
        "q": params.get("q", "").strip()[:50],
    }
    cases = selectors.case_list(request.user, **filters)
    summary_year = filters["year"] or timezone.localdate().year
    page = Paginator(cases, PAGE_SIZE).get_page(params.get("page"))
    query = params.copy()
    query.pop("page", None)
    return render(
        request,
        "casework/case_list.html",
        {
            "page": page,
            "filters": filters,
            "query": query.urlencode(),
            "case_types": CaseType.choices,
            "statuses": Case.Status.choices,
            "can_register": selectors.director_firm(request.user) is not None,
            "show_firm": is_bureau(request.user),
            "firm_summary": selectors.firm_case_summary(summary_year) if is_bureau(request.user) else None,
            "summary_year": summary_year,
        },
    )


@casework_reader
def case_detail(request, case_id):
    case = _get_case_for_user(request, case_id)
    can_edit = selectors.can_edit_firm_records(request.user, case.firm_id)
    return render(
        request,
        "casework/case_detail.html",
        {
            "case": case,
            "can_edit": can_edit,
            "receipt_form": ReceiptForm() if can_edit else None,
            "filing": getattr(case, "sensitive_filing", None),
            "full_ids": is_bureau(request.user),
        },
    )


@casework_reader
def case_edit(request, case_id):
    case = _get_case_for_user(request, case_id, edit=True)
    lawyers = selectors.firm_lawyers(case.firm)
    form = CaseEditForm(request.POST or None, instance=case, lawyers=lawyers)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        version, chosen = data.pop("version"), data.pop("lawyers")
        try:
            services.case_update(case=case, expected_version=version, lawyers=chosen, **data)
        except ValidationError as exc:
            apply_errors(form, exc)
        else:
            messages.success(request, _("案件信息已保存。"))
            return redirect("casework:case_detail", case_id=case.pk)
    return render(request, "casework/case_edit.html", {"case": case, "form": form})


@require_POST
@casework_reader
def receipt_add(request, case_id):
    case = _get_case_for_user(request, case_id, edit=True)
    form = ReceiptForm(request.POST)
    if form.is_valid():
        try:
            services.receipt_add(case=case, **form.cleaned_data)
        except ValidationError as exc:
            apply_errors(form, exc)
        else:
            messages.success(request, _("收费票据已登记。"))
            return redirect("casework:case_detail", case_id=case.pk)
    return render(
        request,
        "casework/case_detail.html",
        {
            "case": case,
            "can_edit": True,
            "receipt_form": form,
            "full_ids": False,
            "filing": getattr(case, "sensitive_filing", None),
        },
        status=400,
    )


# --- conflict check and registration --------------------------------------------------------


@director_only
def case_new(request):
    """Step 1: enter the parties, search, record the decision. Step 2 is case_register."""
    firm = _director_firm_or_403(request.user)
    hits = None
    if request.method == "POST":
        matter_form = CheckMatterForm(request.POST)
        formset = PartyFormSet(request.POST, prefix="party")
        decision_form = CheckDecisionForm(request.POST if request.POST.get("action") == "record" else None)
        if matter_form.is_valid() and formset.is_valid():
            parties = formset.parties()
            hits = selectors.search_conflicts(firm=firm, parties=parties)
            if request.POST.get("action") == "record" and decision_form.is_valid():
                try:
                    check = services.conflict_check_record(
                        firm=firm,
                        user=request.user,
                        matter=matter_form.cleaned_data["matter"],
                        parties=parties,
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
    return render(
        request,
        "casework/case_new.html",
        {
            "firm": firm,
            "matter_form": matter_form,
            "formset": formset,
            "decision_form": decision_form,
            "hits": hits,
        },
    )


@director_only
def case_register(request, check_id):
    firm = _director_firm_or_403(request.user)
    check = get_object_or_404(
        ConflictCheck.objects.filter(firm=firm).prefetch_related("parties"), pk=check_id
    )
    if check.decision == ConflictCheck.Decision.REFUSED or hasattr(check, "case"):
        raise Http404
    form = CaseRegisterForm(request.POST or None, lawyers=selectors.firm_lawyers(firm))
    if request.method == "POST" and form.is_valid():
        try:
            case = services.case_register(check=check, user=request.user, **form.cleaned_data)
        except ValidationError as exc:
            apply_errors(form, exc)
        else:
            messages.success(request, _("已登记收案，收案编号 %(no)s。") % {"no": case.intake_no})
            return redirect("casework:case_detail", case_id=case.pk)
    return render(request, "casework/case_register.html", {"check": check, "form": form, "firm": firm})


# --- sensitive filings ----------------------------------------------------------------------


@casework_reader
def sensitive_list(request):
    filings = (
        selectors.visible_filings(request.user)
        .select_related("case", "case__firm", "filed_by")
        .order_by("status", "-filed_on", "-id")[:200]
    )
    return render(
        request,
        "casework/sensitive_list.html",
        {
            "overdue": selectors.overdue_sensitive_cases(request.user)[:200],
            "pending": selectors.pending_sensitive_cases(request.user)[:200],
            "filings": filings,
            "show_firm": is_bureau(request.user),
            "is_director": selectors.is_director(request.user),
        },
    )


@casework_reader
def sensitive_file(request, case_id):
    case = _get_case_for_user(request, case_id, edit=True)
    if hasattr(case, "sensitive_filing"):
        return redirect("casework:sensitive_detail", filing_id=case.sensitive_filing.pk)
    initial = {
        "authority": case.authority,
        "client": "、".join(p.name for p in case.parties.all() if p.role == "client"),
    }
    form = SensitiveFilingForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            filing = services.sensitive_file(case=case, user=request.user, **form.cleaned_data)
        except ValidationError as exc:
            apply_errors(form, exc)
        else:
            messages.success(request, _("重大敏感案件已备案。"))
            return redirect("casework:sensitive_detail", filing_id=filing.pk)
    return render(request, "casework/sensitive_form.html", {"case": case, "form": form})


def _get_filing_for_user(request, filing_id):
    return get_object_or_404(
        selectors.visible_filings(request.user).select_related(
            "case", "case__firm", "filed_by", "reviewed_by"
        ),
        pk=filing_id,
    )


@casework_reader
def sensitive_detail(request, filing_id):
    filing = _get_filing_for_user(request, filing_id)
    return render(
        request,
        "casework/sensitive_detail.html",
        {"filing": filing, "review_form": SensitiveReviewForm() if is_bureau(request.user) else None},
    )


@require_POST
@bureau_required
def sensitive_review(request, filing_id):
    filing = _get_filing_for_user(request, filing_id)
    form = SensitiveReviewForm(request.POST)
    if form.is_valid():
        services.sensitive_review(filing=filing, user=request.user, comment=form.cleaned_data["comment"])
        messages.success(request, _("已记录审阅意见。"))
    return redirect("casework:sensitive_detail", filing_id=filing.pk)


@director_only
def numbering(request):
    """The firm's own intake numbering: prefix and type letters (e.g. (2026)X律民字第12号).
    Changing them affects numbers issued from now on; numbers already issued stay."""
    firm = _director_firm_or_403(request.user)
    settings_row = services.firm_case_settings(firm)
    form = NumberingForm(request.POST or None, instance=settings_row)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, _("收案编号规则已保存。"))
        return redirect("casework:numbering")
    example = settings_row.format_number(year=timezone.localdate().year, case_type="civil", serial=12)
    return render(request, "casework/numbering.html", {"firm": firm, "form": form, "example": example})
