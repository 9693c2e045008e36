"""What the registry's pages share: the visible-object lookups and paging."""

from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404

from .. import selectors

PAGE_SIZE = 25


def get_firm_for_user(request, firm_id):
    """The firm if the user may see it; 404 otherwise (no hint that it exists)."""
    return get_object_or_404(selectors.visible_firms(request.user).select_related("director"), pk=firm_id)


def get_lawyer_for_user(request, lawyer_id):
    return get_object_or_404(selectors.visible_lawyers(request.user).select_related("firm"), pk=lawyer_id)


def page_of(request, queryset, size=PAGE_SIZE):
    return Paginator(queryset, size).get_page(request.GET.get("page"))


def querystring_without_page(request):
    params = request.GET.copy()
    params.pop("page", None)
    return params.urlencode()
