"""Major sensitive case filings (重大敏感案件备案): directors file, bureau staff review."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from bureau.forms import apply_errors
from bureau.permissions import bureau_required, is_bureau

from .. import selectors, services
from ..filters import SensitiveFilingFilter
from ..forms import SensitiveFilingForm, SensitiveReviewForm
from ..models import SensitiveFiling
from .common import casework_reader, filter_value, get_case_for_user

SENSITIVE_SECTIONS = ("overdue", "pending", "filings")


@casework_reader
def sensitive_list(request):
    filterset = SensitiveFilingFilter(
        request.GET,
        queryset=selectors.visible_filings(request.user)
        .select_related("case", "case__firm", "filed_by")
        .order_by("status", "-filed_on", "-id"),
    )
    # ?show= opens one of the page's three lists alone, as a dashboard card counts it.
    show = request.GET.get("show", "")
    if show not in SENSITIVE_SECTIONS:
        show = ""
    return render(
        request,
        "casework/sensitive_list.html",
        {
            "show": show,
            "overdue": selectors.overdue_sensitive_cases(request.user)[:200],
            "pending": selectors.pending_sensitive_cases(request.user)[:200],
            "filings": filterset.qs[:200],
            "filing_statuses": SensitiveFiling.Status.choices,
            "status": filter_value(filterset, "status"),
            "show_firm": is_bureau(request.user),
            "is_director": selectors.is_director(request.user),
        },
    )


@casework_reader
def sensitive_file(request, case_id):
    case = get_case_for_user(request, case_id, edit=True)
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
