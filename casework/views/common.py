"""What casework's pages share: who may open them and the visible-object lookups."""

from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404

from bureau.permissions import BUREAU_ROLES, Role, role_required

from .. import selectors

casework_reader = role_required(*BUREAU_ROLES, Role.FIRM_DIRECTOR)
director_only = role_required(Role.FIRM_DIRECTOR)

PAGE_SIZE = 50


def director_firm_or_403(user):
    firm = selectors.director_firm(user)
    if firm is None:
        raise PermissionDenied
    return firm


def get_case_for_user(request, case_id, *, edit=False):
    """404 when the case is not visible to the user, 403 when visible but read-only."""
    case = get_object_or_404(selectors.case_detail_queryset(request.user), pk=case_id)
    if edit and not selectors.can_edit_firm_records(request.user, case.firm_id):
        raise PermissionDenied
    return case


def page_of(request, queryset, size=PAGE_SIZE):
    return Paginator(queryset, size).get_page(request.GET.get("page"))


def querystring_without_page(request, name="page"):
    params = request.GET.copy()
    params.pop(name, None)
    return params.urlencode()


def filter_value(filterset, name):
    """The value a filter was given if it validated, else None (the filter was left out)."""
    filterset.form.is_valid()
    return getattr(filterset.form, "cleaned_data", {}).get(name) or None
