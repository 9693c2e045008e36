"""The filters of casework's lists (django-filter), under the query parameter names the pages
and the dashboard links use. A value that does not validate (a word for a year, an unknown type, a
NUL byte in the search) leaves its filter out, so a hand-edited URL shows the list instead of
failing; the form keeps the error for the page to show."""

import re

import django_filters
from django import forms
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from .models import Case, CaseType, SensitiveFiling, ServiceLog
from .selectors import incomplete_filter

SEARCH_MAX_LENGTH = 50

# A year typed in ASCII or full-width round brackets, as people type it, finds numbers written
# with the year in 〔〕 as the register writes them.
TYPED_YEAR = re.compile(r"[(（\[【]\s*(\d{4})\s*[)）\]】]")


def normalise_number_query(value):
    return TYPED_YEAR.sub(r"〔\1〕", value)


class IntegerFilter(django_filters.NumberFilter):
    field_class = forms.IntegerField


class FlagFilter(django_filters.Filter):
    """A checkbox sent as `name=1`; anything else means "not asked for"."""

    field_class = forms.CharField

    def __init__(self, *args, lookup=None, **kwargs):
        self.lookup = lookup
        super().__init__(*args, **kwargs)

    def filter(self, qs, value):
        if value != "1":
            return qs
        return qs.filter(self.lookup())


class CaseFilter(django_filters.FilterSet):
    """The case register's filters. `incomplete` needs the queryset annotated by
    selectors.with_completeness (as selectors.case_list returns it)."""

    year = IntegerFilter(field_name="year", label=_("年度"), min_value=1900, max_value=9999)
    # By id, without loading the firm: a director's list is already scoped to their firm.
    firm = IntegerFilter(field_name="firm_id", label=_("律师事务所"), min_value=1, max_value=2**62)
    type = django_filters.ChoiceFilter(field_name="case_type", choices=CaseType.choices, label=_("类型"))
    status = django_filters.ChoiceFilter(field_name="status", choices=Case.Status.choices, label=_("状态"))
    aid = FlagFilter(lookup=lambda: Q(is_legal_aid=True), label=_("法律援助"))
    incomplete = FlagFilter(lookup=incomplete_filter, label=_("四统一不完整"))
    q = django_filters.CharFilter(method="search", label=_("收案编号或案由"))

    class Meta:
        model = Case
        fields = ["year", "firm", "type", "status", "aid", "incomplete", "q"]

    def search(self, queryset, name, value):
        # Longer input is cut rather than refused: the search is a convenience, not a record.
        value = normalise_number_query(value.strip()[:SEARCH_MAX_LENGTH])
        if not value:
            return queryset
        return queryset.filter(Q(intake_no__icontains=value) | Q(cause__icontains=value))

    def values(self):
        """What the page's filter form shows: each valid value, None (or "") for the rest."""
        self.form.is_valid()  # fills cleaned_data with the fields that validated
        data = getattr(self.form, "cleaned_data", {})
        return {
            "year": data.get("year"),
            "firm": data.get("firm"),
            "case_type": data.get("type") or None,
            "status": data.get("status") or None,
            "legal_aid": data.get("aid") == "1",
            "incomplete": data.get("incomplete") == "1",
            "q": (data.get("q") or "").strip()[:SEARCH_MAX_LENGTH],
        }


class ServiceLogFilter(django_filters.FilterSet):
    kind = django_filters.ChoiceFilter(
        field_name="kind", choices=ServiceLog.Kind.choices, label=_("服务类型")
    )

    class Meta:
        model = ServiceLog
        fields = ["kind"]


class SensitiveFilingFilter(django_filters.FilterSet):
    status = django_filters.ChoiceFilter(
        field_name="status", choices=SensitiveFiling.Status.choices, label=_("状态")
    )

    class Meta:
        model = SensitiveFiling
        fields = ["status"]
