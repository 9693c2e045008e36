"""Public legal service logs (公共法律服务记录)."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import Prefetch
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from bureau.forms import apply_errors
from bureau.permissions import is_bureau
from firms.models import Lawyer

from .. import selectors, services
from ..filters import ServiceLogFilter
from ..forms import ServiceLogForm
from ..models import ServiceLog
from .common import (
    casework_reader,
    director_firm_or_403,
    director_only,
    filter_value,
    page_of,
    querystring_without_page,
)


@casework_reader
def service_list(request):
    logs = (
        selectors.visible_logs(request.user)
        .select_related("firm")
        .prefetch_related(Prefetch("lawyers", queryset=Lawyer.objects.only("id", "name")))
        .order_by("-date", "-id")
    )
    filterset = ServiceLogFilter(request.GET, queryset=logs)
    return render(
        request,
        "casework/service_list.html",
        {
            "page": page_of(request, filterset.qs),
            "kinds": ServiceLog.Kind.choices,
            "kind": filter_value(filterset, "kind"),
            "query": querystring_without_page(request),
            "can_add": selectors.director_firm(request.user) is not None,
            "show_firm": is_bureau(request.user),
        },
    )


@director_only
def service_new(request):
    """A log of one kind. Changing the kind swaps in that kind's fields (htmx asks for
    ?partial=1 with the kind); without JavaScript the "显示栏目" button reloads the page by GET with
    the kind and date chosen. GET never writes."""
    firm = director_firm_or_403(request.user)
    initial = {"date": request.GET.get("date") or timezone.localdate()}
    if request.GET.get("kind") in ServiceLog.Kind.values:
        initial["kind"] = request.GET["kind"]
    form = ServiceLogForm(request.POST or None, initial=initial, lawyers=selectors.firm_lawyers(firm))
    if request.method == "GET" and request.GET.get("partial") == "1":
        return render(request, "casework/_service_kind_fields.html", {"form": form})
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        try:
            services.service_log_create(
                firm=firm,
                user=request.user,
                kind=data.pop("kind"),
                date=data.pop("date"),
                lawyers=data.pop("lawyers"),
                **data,
            )
        except ValidationError as exc:
            apply_errors(form, exc)
        else:
            messages.success(request, _("服务记录已保存。"))
            return redirect("casework:service_list")
    return render(request, "casework/service_form.html", {"form": form, "firm": firm})
