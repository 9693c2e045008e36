"""走访: the visit log, one visit, and recording a visit."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from bureau.forms import apply_errors
from bureau.permissions import Role, has_role, is_bureau

from .. import selectors, services
from ..filters import VisitFilter
from ..forms import VisitForm
from .common import PAGE_SIZE, querystring_without_page


def _require_visit_reader(user):
    if not (is_bureau(user) or has_role(user, Role.INSPECTOR, Role.FIRM_DIRECTOR)):
        raise PermissionDenied


def visit_list(request):
    """The list, and on POST a new visit. Only bureau staff and inspectors record visits; an
    inspector only to a firm they were drawn for (the form offers no other)."""
    user = request.user
    _require_visit_reader(user)
    firms = selectors.firms_open_to_visit(user)
    can_record = is_bureau(user) or has_role(user, Role.INSPECTOR)
    form = VisitForm(request.POST or None, firms=firms) if can_record else None
    if request.method == "POST":
        if not can_record:
            raise PermissionDenied
        if form.is_valid():
            try:
                services.visit_record(recorded_by=user, **form.cleaned_data)
            except ValidationError as exc:
                apply_errors(form, exc)
            else:
                messages.success(request, _("走访记录已保存。"))
                return redirect("inspections:visit_list")
    filterset = VisitFilter(
        request.GET, queryset=selectors.visit_list(user), firms=selectors.firms_with_visible_visits(user)
    )
    page = Paginator(filterset.qs, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "inspections/visit_list.html",
        {"page": page, "form": form, "filter": filterset, "query": querystring_without_page(request)},
        status=400 if form is not None and form.errors else 200,
    )


def visit_detail(request, visit_id):
    _require_visit_reader(request.user)
    visit = get_object_or_404(
        selectors.visible_visits(request.user).select_related("firm", "recorded_by"), pk=visit_id
    )
    return render(request, "inspections/visit_detail.html", {"visit": visit})
