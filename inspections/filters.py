"""Filters of inspections' lists (django-filter). Each takes a queryset already scoped to the user."""

import django_filters
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .models import Inspection, Plan, Visit


class SmallFilterSet(django_filters.FilterSet):
    """Small Bootstrap widgets, as the lists' filter bars use."""

    @property
    def form(self):
        form = super().form
        for field in form.fields.values():
            css = "form-select" if hasattr(field, "choices") else "form-control"
            field.widget.attrs["class"] = f"{css} {css}-sm"
        return form


# What each dashboard card counts (inspections/contrib.py), as the filter its link carries.
TASKS = {
    "open": lambda today: Q(status__in=[Inspection.Status.SCHEDULED, Inspection.Status.SIGNING]),
    "pending": lambda today: Q(rectification=Inspection.Rectification.PENDING),
    "overdue": lambda today: Q(
        rectification=Inspection.Rectification.PENDING, rectification_deadline__lt=today
    ),
    "to_verify": lambda today: Q(rectification=Inspection.Rectification.RESPONDED),
}


class InspectionFilter(SmallFilterSet):
    status = django_filters.ChoiceFilter(
        choices=Inspection.Status.choices, label=_("状态"), empty_label=_("全部状态")
    )
    year = django_filters.NumberFilter(
        field_name="plan__year", label=_("年度"), min_value=2000, max_value=9999
    )
    task = django_filters.ChoiceFilter(
        choices=[
            ("open", _("待完成的检查")),
            ("pending", _("待报送的整改")),
            ("overdue", _("逾期未整改")),
            ("to_verify", _("待核查的整改报告")),
        ],
        method="filter_task",
        label=_("待办"),
        empty_label=_("全部待办"),
    )

    class Meta:
        model = Inspection
        fields = ["status", "year", "task"]

    def filter_task(self, queryset, name, value):
        return queryset.filter(TASKS[value](timezone.localdate()))


class PublicationFilter(SmallFilterSet):
    """The publication queue: due (still in time) or overdue, as the dashboard cards count them."""

    due = django_filters.ChoiceFilter(
        choices=[("open", _("待公开")), ("overdue", _("逾期未公开"))],
        method="filter_due",
        label=_("期限"),
        empty_label=_("全部"),
    )

    class Meta:
        model = Inspection
        fields = ["due"]

    def filter_due(self, queryset, name, value):
        today = timezone.localdate()
        if value == "overdue":
            return queryset.filter(publish_due__lt=today)
        return queryset.filter(publish_due__gte=today)


class PlanFilter(SmallFilterSet):
    year = django_filters.NumberFilter(label=_("年度"), min_value=2000, max_value=9999)
    kind = django_filters.ChoiceFilter(choices=Plan.Kind.choices, label=_("类型"), empty_label=_("全部类型"))

    class Meta:
        model = Plan
        fields = ["year", "kind"]


class VisitFilter(SmallFilterSet):
    """`firms`: the firms whose visits the user may see, offered in the drop-down."""

    firm = django_filters.ModelChoiceFilter(queryset=None, label=_("律所"), empty_label=_("全部律所"))
    year = django_filters.NumberFilter(
        field_name="visited_on__year", label=_("年度"), min_value=2000, max_value=9999
    )

    class Meta:
        model = Visit
        fields = ["firm", "year"]

    def __init__(self, *args, firms, **kwargs):
        super().__init__(*args, **kwargs)
        self.filters["firm"].queryset = firms.order_by("name")
