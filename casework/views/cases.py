"""The case register: list, detail and edit."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from bureau.forms import apply_errors
from bureau.permissions import is_bureau

from .. import selectors, services
from ..filters import CaseFilter
from ..forms import CaseEditForm, ReceiptForm
from ..models import Case, CaseType
from .common import casework_reader, get_case_for_user, page_of, querystring_without_page


@casework_reader
def case_list(request):
    filterset = CaseFilter(request.GET, queryset=selectors.case_list(request.user))
    filters = filterset.values()
    summary_year = filters["year"] or timezone.localdate().year
    bureau = is_bureau(request.user)
    return render(
        request,
        "casework/case_list.html",
        {
            "page": page_of(request, filterset.qs),
            "filters": filters,
            "filter_errors": filterset.form.errors,
            "query": querystring_without_page(request),
            "case_types": CaseType.choices,
            "statuses": Case.Status.choices,
            "can_register": selectors.director_firm(request.user) is not None,
            "show_firm": bureau,
            "firm_summary": selectors.firm_case_summary(summary_year) if bureau else None,
            "summary_year": summary_year,
        },
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
