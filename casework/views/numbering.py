"""A firm's own intake numbering (收案编号规则)."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from bureau.forms import apply_errors

from .. import selectors, services
from ..forms import NumberingForm
from .common import director_firm_or_403, director_only


@director_only
def numbering(request):
    """The firm's own intake numbering: prefix and type letters (e.g. 〔2026〕X律民字第12号).
    Changing them affects numbers issued from now on; numbers already issued stay."""
    firm = director_firm_or_403(request.user)
    settings_row = selectors.firm_numbering(firm)
    form = NumberingForm(request.POST or None, instance=settings_row)
    if request.method == "POST" and form.is_valid():
        try:
            services.numbering_update(firm=firm, **form.cleaned_data)
        except ValidationError as exc:
            apply_errors(form, exc)
        else:
            messages.success(request, _("收案编号规则已保存。"))
            return redirect("casework:numbering")
    example = settings_row.format_number(year=timezone.localdate().year, case_type="civil", serial=12)
    return render(request, "casework/numbering.html", {"firm": firm, "form": form, "example": example})
