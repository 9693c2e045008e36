"""Fee receipts (统一收费) entered on a case's page."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from bureau.forms import apply_errors

from .. import services
from ..forms import ReceiptForm
from .common import casework_reader, get_case_for_user


@require_POST
@casework_reader
def receipt_add(request, case_id):
    case = get_case_for_user(request, case_id, edit=True)
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
