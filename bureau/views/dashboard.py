from django.shortcuts import render

from .. import selectors
from ..permissions import Role, primary_role


def dashboard(request):
    role = primary_role(request.user)
    if role in (Role.BUREAU_ADMIN, Role.BUREAU_STAFF):
        context = selectors.bureau_dashboard(request.user)
        template = "bureau/dashboard_bureau.html"
    elif role == Role.INSPECTOR:
        context = selectors.inspector_dashboard(request.user)
        template = "bureau/dashboard_inspector.html"
    elif role == Role.FIRM_DIRECTOR:
        context = selectors.director_dashboard(request.user)
        template = "bureau/dashboard_director.html"
    else:
        context, template = {}, "bureau/dashboard_none.html"
    return render(request, template, context)
