"""The case register: list, detail and edit."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from bureau.forms import apply_errors
from bureau.keyset import keyset_page
from bureau.permissions import BUREAU_ROLES, is_bureau, role_required

from .. import selectors, services
from ..filters import CaseFilter
from ..forms import CaseEditForm, ReceiptForm
from ..models import Case, CaseType
from .common import PAGE_SIZE, casework_reader, get_case_for_user, querystring_without_page

# The register's order, newest first: year, then the firm's serial, then the row (unique). An index
# on these columns serves the bureau's list; the firm's list index serves a firm's (selectors).
REGISTER_KEY = ("year", "serial", "id")


@casework_reader
def case_list(request):
    """The register, a page after a cursor (bureau.keyset): the same cost on every page, whatever
    the number of cases. The per-firm summary loads only when the clerk opens it."""
    filterset = CaseFilter(request.GET, queryset=selectors.case_list(request.user))
    filters = filterset.values()
    bureau = is_bureau(request.user)
    return render(
        request,
        "casework/case_list.html",
        {
            "page": keyset_page(filterset.qs, REGISTER_KEY, request.GET.get("after"), PAGE_SIZE),
            "filters": filters,
            "filter_errors": filterset.form.errors,
            "query": querystring_without_page(request, "after"),
            "case_types": CaseType.choices,
            "statuses": Case.Status.choices,
            "firms": selectors.register_firms() if bureau else None,
            "can_register": selectors.director_firm(request.user) is not None,
            "show_firm": bureau,
            "summary_year": filters["year"] or timezone.localdate().year,
        },
    )


@role_required(*BUREAU_ROLES)
def case_firm_summary(request):
    """Each firm's cases of a year, legal aid and incomplete among them: a fragment the case list
    loads when its summary is opened (it reads the year's cases of every firm)."""
    filterset = CaseFilter(request.GET, queryset=Case.objects.none())
    year = filterset.values()["year"] or timezone.localdate().year
    return render(
        request,
        "casework/_firm_summary.html",
        {"firm_summary": selectors.firm_case_summary(year), "summary_year": year},
    )


@casework_reader
def case_detail(request, case_id):
    case = get_case_for_user(request, case_id)
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
    case = get_case_for_user(request, case_id, edit=True)
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
