"""List filters of the Party-building pages (django-filter). A value that does not fit a filter is
ignored: the page shows the unfiltered list rather than an error."""

import django_filters
from django.utils.translation import gettext_lazy as _

from .models import Branch, Meeting


class MeetingFilter(django_filters.FilterSet):
    branch = django_filters.ModelChoiceFilter(
        queryset=Branch.objects.none(), label=_("支部"), empty_label=_("全部")
    )
    kind = django_filters.ChoiceFilter(choices=Meeting.Kind.choices, label=_("类型"), empty_label=_("全部"))

    class Meta:
        model = Meeting
        fields = ["branch", "kind"]

    def __init__(self, *args, branches, **kwargs):
        super().__init__(*args, **kwargs)
        # Only the branches the user may see can be chosen: another branch's id is not a filter.
        self.filters["branch"].queryset = branches
