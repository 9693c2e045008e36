"""The notification centre's filters (django-filter). A value that does not validate leaves its
filter out, so a hand-edited URL shows the list instead of failing."""

import django_filters
from django import forms
from django.utils.translation import gettext_lazy as _

from .models import Notification
from .selectors import deadline_kinds


class NotificationFilter(django_filters.FilterSet):
    unread = django_filters.BooleanFilter(
        field_name="read_at", lookup_expr="isnull", label=_("仅未读"), widget=forms.CheckboxInput
    )
    kind = django_filters.ChoiceFilter(
        field_name="kind", choices=deadline_kinds, label=_("类型"), empty_label=_("全部类型")
    )
    state = django_filters.ChoiceFilter(
        field_name="state", choices=Notification.State.choices, label=_("状态"), empty_label=_("全部状态")
    )

    class Meta:
        model = Notification
        fields = ["unread", "kind", "state"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.form.fields.values():
            css = (
                "form-check-input"
                if isinstance(field.widget, forms.CheckboxInput)
                else "form-select form-select-sm"
            )
            field.widget.attrs["class"] = css

    def filter_queryset(self, queryset):
        # Only the fields that validated filter; the others are left out (see the module docstring).
        for name, value in self.form.cleaned_data.items():
            if name in self.form.errors:
                continue
            if name == "unread" and not value:
                continue
            queryset = self.filters[name].filter(queryset, value)
        return queryset

    @property
    def qs(self):
        if not hasattr(self, "_qs"):
            self.form.is_valid()
            self._qs = self.filter_queryset(self.queryset.all())
        return self._qs
