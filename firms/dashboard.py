"""Items this app adds to the dashboards: dicts with label, count, url and warn (bool)."""

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from bureau.permissions import Role, has_role

from . import selectors


def bureau_items(user):
    year = timezone.localdate().year
    short = selectors.lawyers_short_of_training(year).count()
    return [
        {
            "label": _("%(year)s年继续教育学时不足的律师") % {"year": year},
            "count": short,
            "url": reverse("firms:training_shortfall") + f"?year={year}",
            "warn": True,
        }
    ]


def director_items(user):
    if not has_role(user, Role.FIRM_DIRECTOR):
        return []
    year = timezone.localdate().year
    short = selectors.lawyers_short_of_training(year, selectors.visible_lawyers(user)).count()
    return [
        {
            "label": _("本所%(year)s年学时不足的律师") % {"year": year},
            "count": short,
            "url": reverse("firms:training_shortfall") + f"?year={year}",
            "warn": True,
        }
    ]


def inspector_items(user):
    return []


def firm_section(user, firm):
    """What the firm page shows of this app for `firm`: a dict for the template
    "<app>/_firm_section.html" (as `section`), or None for nothing. `user` may see `firm`."""
    return None


def bureau_charts(year):
    """SVG charts of the year so far for the bureau dashboard (two small aggregate queries)."""
    from django.db.models import Count

    from bureau.report.charts import bar_chart

    from .models import Firm, Lawyer

    forms = dict(
        Firm.objects.exclude(status=Firm.Status.DEREGISTERED)
        .values_list("organisation_form")
        .annotate(n=Count("id"))
        .order_by()
    )
    categories = dict(
        Lawyer.objects.filter(status=Lawyer.Status.PRACTISING)
        .values_list("category")
        .annotate(n=Count("id"))
        .order_by()
    )
    return [
        bar_chart(
            _("律师事务所（按组织形式）"),
            [(label, forms.get(v, 0)) for v, label in Firm.Form.choices],
            width=460,
            bar_height=20,
        ),
        bar_chart(
            _("执业律师（按执业类别）"),
            [(label, categories.get(v, 0)) for v, label in Lawyer.Category.choices],
            width=460,
            bar_height=20,
        ),
    ]
