import django_filters
from django.db.models.functions import Collate
from django.utils.translation import gettext_lazy as _

from .models import PINYIN, Firm, Lawyer, StandardisationRating, TrainingSession
from .search import firm_search_q, lawyer_search_q

FIRM_SORTS = {
    "name": (Collate("name", PINYIN), "id"),
    "-founded_on": ("-founded_on", "id"),
    "-lawyer_count": ("-lawyer_count", Collate("name", PINYIN)),
}
LAWYER_SORTS = {
    "name": (Collate("name", PINYIN), "id"),
    "-licence_date": ("-licence_date", "id"),
    "firm": (Collate("firm__name", PINYIN), Collate("name", PINYIN)),
}


class FirmFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(method="search", label=_("名称、拼音、代码、许可证号或主任"))
    status = django_filters.ChoiceFilter(
        choices=Firm.Status.choices, label=_("状态"), empty_label=_("全部状态")
    )
    organisation_form = django_filters.ChoiceFilter(
        choices=Firm.Form.choices, label=_("组织形式"), empty_label=_("全部组织形式")
    )
    rating = django_filters.ChoiceFilter(
        choices=[*StandardisationRating.Level.choices, ("none", _("未评定"))],
        method="filter_rating",
        label=_("规范化评定"),
        empty_label=_("全部评定"),
    )
    sort = django_filters.ChoiceFilter(
        choices=[
            ("name", _("按名称拼音")),
            ("-founded_on", _("按成立日期")),
            ("-lawyer_count", _("按律师人数")),
        ],
        method="sort_by",
        label=_("排序"),
        empty_label=None,
    )

    class Meta:
        model = Firm
        fields = ["q", "status", "organisation_form", "rating", "sort"]

    def search(self, queryset, name, value):
        value = value.strip()
        return queryset.filter(firm_search_q(value)) if value else queryset

    def filter_rating(self, queryset, name, value):
        if value == "none":
            return queryset.filter(rating_level__isnull=True)
        return queryset.filter(rating_level=value)

    def sort_by(self, queryset, name, value):
        return queryset.order_by(*FIRM_SORTS.get(value, FIRM_SORTS["name"]))

    @property
    def qs(self):
        qs = super().qs
        if not self.form.cleaned_data.get("sort"):
            qs = qs.order_by(*FIRM_SORTS["name"])
        return qs


class LawyerFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(method="search", label=_("姓名、拼音或执业证号"))
    category = django_filters.ChoiceFilter(
        choices=Lawyer.Category.choices, label=_("执业类别"), empty_label=_("全部类别")
    )
    status = django_filters.ChoiceFilter(
        choices=Lawyer.Status.choices, label=_("执业状态"), empty_label=_("全部状态")
    )
    firm = django_filters.ModelChoiceFilter(
        queryset=Firm.objects.none(), label=_("律所"), empty_label=_("全部律所")
    )
    sort = django_filters.ChoiceFilter(
        choices=[("name", _("按姓名拼音")), ("-licence_date", _("按执业日期")), ("firm", _("按律所"))],
        method="sort_by",
        label=_("排序"),
        empty_label=None,
    )

    class Meta:
        model = Lawyer
        fields = ["q", "category", "status", "firm", "sort"]

    # Above this many firms a drop-down is no help (and slow to draw): the firm is typed instead.
    FIRM_CHOICES_LIMIT = 200

    def __init__(self, *args, firms, can_search_id=False, **kwargs):
        super().__init__(*args, **kwargs)
        if firms.count() > self.FIRM_CHOICES_LIMIT:
            self.filters["firm"] = django_filters.CharFilter(
                field_name="firm__name", lookup_expr="icontains", label=_("律所名称")
            )
        else:
            self.filters["firm"].queryset = firms.order_by(Collate("name", PINYIN))
        self.can_search_id = can_search_id

    def search(self, queryset, name, value):
        value = value.strip()
        # A whole licence or identity number is looked up exactly (by its unique index); anything
        # else by part of the name, the licence number or the pinyin.
        if value.isdigit() and len(value) == 17:
            return queryset.filter(licence_no=value)
        if self.can_search_id and len(value) == 18 and value[:17].isdigit():
            return queryset.filter(id_number=value.upper())
        return queryset.filter(lawyer_search_q(value)) if value else queryset

    def sort_by(self, queryset, name, value):
        return queryset.order_by(*LAWYER_SORTS.get(value, LAWYER_SORTS["name"]))

    @property
    def qs(self):
        qs = super().qs
        if not self.form.cleaned_data.get("sort"):
            qs = qs.order_by(*LAWYER_SORTS["name"])
        return qs


class TrainingSessionFilter(django_filters.FilterSet):
    """The training list's filters beside the year (which every yearly page reads the same way)."""

    kind = django_filters.ChoiceFilter(
        choices=TrainingSession.Kind.choices, label=_("培训类别"), empty_label=_("全部类别")
    )

    class Meta:
        model = TrainingSession
        fields = ["kind"]
