"""Public legal service logs (公共法律服务记录)."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db.models import Prefetch
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from bureau.forms import apply_errors
from bureau.permissions import is_bureau
from firms.models import Lawyer

from . import selectors, services
from .forms import ServiceLogForm
from .models import ServiceLog
from .views import _director_firm_or_403, casework_reader, director_only


@casework_reader
def service_list(request):
    logs = (
        selectors.visible_logs(request.user)
        .select_related("firm")
        .prefetch_related(Prefetch("lawyers", queryset=Lawyer.objects.only("id", "name")))
        .order_by("-date", "-id")
    )
    kind = request.GET.get("kind")
    if kind in ServiceLog.Kind.values:
        logs = logs.filter(kind=kind)
    else:
        kind = None
    page = Paginator(logs, 50).get_page(request.GET.get("page"))
    return render(
        request,
        "casework/service_list.html",
        {
            "page": page,
            "kinds": ServiceLog.Kind.choices,
            "kind": kind,
            "query": f"kind={kind}" if kind else "",
            "can_add": selectors.director_firm(request.user) is not None,
            "show_firm": is_bureau(request.user),
        },
    )


@director_only
def service_new(request):
    firm = _director_firm_or_403(request.user)
    initial = {"kind": request.GET.get("kind")} if request.GET.get("kind") in ServiceLog.Kind.values else {}
    form = ServiceLogForm(request.POST or None, initial=initial, lawyers=selectors.firm_lawyers(firm))
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
