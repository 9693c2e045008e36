"""Facilities records: a firm's improvements and the service stations firms run."""

import django_filters
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Q
from django.db.models.functions import Collate
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from bureau.forms import apply_errors

from .. import facilities, selectors
from ..forms import ImprovementForm, StationForm
from ..models import PINYIN, ServiceStation
from .common import get_firm_for_user, page_of, querystring_without_page


def _firm_for_facilities(request, firm_id):
    """The firm if the user keeps its facilities (bureau staff, its own director): 404 when the
    firm is invisible, 403 when only readable."""
    firm = get_firm_for_user(request, firm_id)
    if not selectors.can_edit_facilities(request.user, firm):
        raise PermissionDenied
    return firm


def improvement_add(request, firm_id):
    firm = _firm_for_facilities(request, firm_id)
    form = ImprovementForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            facilities.improvement_add(firm=firm, **form.cleaned_data)
        except ValidationError as exc:
            apply_errors(form, exc)
        else:
            messages.success(request, _("已记录办公设施改善。"))
            return redirect("firms:firm_detail", firm_id=firm.pk)
    return render(
        request, "firms/simple_form.html", {"form": form, "firm": firm, "title": _("记录办公设施改善")}
    )


def station_add(request, firm_id):
    firm = _firm_for_facilities(request, firm_id)
    form = StationForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            facilities.station_add(firm=firm, **form.cleaned_data)
        except ValidationError as exc:
            apply_errors(form, exc)
        else:
            messages.success(request, _("已登记服务站点。"))
            return redirect("firms:firm_detail", firm_id=firm.pk)
    return render(request, "firms/simple_form.html", {"form": form, "firm": firm, "title": _("登记服务站点")})


def station_edit(request, station_id):
    station = get_object_or_404(
        ServiceStation.objects.filter(firm__in=selectors.visible_firms(request.user)), pk=station_id
    )
    firm = _firm_for_facilities(request, station.firm_id)
    form = StationForm(request.POST or None, instance=station)
    if request.method == "POST" and form.is_valid():
        try:
            facilities.station_update(station=station, **form.cleaned_data)
        except ValidationError as exc:
            apply_errors(form, exc)
        else:
            messages.success(request, _("已保存。"))
            return redirect("firms:firm_detail", firm_id=firm.pk)
    return render(request, "firms/simple_form.html", {"form": form, "firm": firm, "title": _("编辑服务站点")})


class StationFilter(django_filters.FilterSet):
    kind = django_filters.ChoiceFilter(
        choices=ServiceStation.Kind.choices, label=gettext_lazy("类别"), empty_label=gettext_lazy("全部类别")
    )
    open = django_filters.ChoiceFilter(
        choices=[("yes", gettext_lazy("运行中")), ("no", gettext_lazy("已撤销"))],
        method="filter_open",
        label=gettext_lazy("状态"),
        empty_label=gettext_lazy("全部状态"),
    )

    class Meta:
        model = ServiceStation
        fields = ["kind", "open"]

    def filter_open(self, queryset, name, value):
        today = timezone.localdate()
        running = Q(until__isnull=True) | Q(until__gte=today)
        return queryset.filter(running) if value == "yes" else queryset.exclude(running)


def station_list(request):
    """Service stations of the firms the user may see (bureau and inspectors all, a director their own)."""
    stations = (
        ServiceStation.objects.filter(firm__in=selectors.visible_firms(request.user))
        .select_related("firm")
        .order_by("kind", Collate("firm__name", PINYIN), "since", "id")
    )
    filterset = StationFilter(request.GET, queryset=stations)
    return render(
        request,
        "firms/station_list.html",
        {
            "filter": filterset,
            "page": page_of(request, filterset.qs),
            "query": querystring_without_page(request),
            "today": timezone.localdate(),
        },
    )
