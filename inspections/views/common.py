"""What every inspections page module needs: the scoped lookup of one inspection and the
page size and PDF response they share."""

from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import get_object_or_404

from bureau.permissions import Role, has_role
from firms.permissions import managed_firm_ids

from .. import selectors

PAGE_SIZE = 50


def get_inspection_for_user(request, inspection_id):
    """404 unless the user may see the inspection."""
    return get_object_or_404(selectors.inspection_detail_queryset(request.user), pk=inspection_id)


def require_assigned(request, inspection):
    if not selectors.is_assigned(inspection, request.user):
        raise PermissionDenied


def is_firm_director(user, inspection):
    return (
        has_role(user, Role.FIRM_DIRECTOR)
        and managed_firm_ids(user).filter(content_object_id=inspection.firm_id).exists()
    )


def pdf_response(pdf, filename):
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="{filename}"'
    return response


def querystring_without_page(request):
    """The list's filters, for the pager's links."""
    query = request.GET.copy()
    query.pop("page", None)
    return query.urlencode()
