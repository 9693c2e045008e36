"""Items this app adds to the dashboards: dicts with label, count, url and warn (bool)."""

from django.db.models import Count, IntegerField, Subquery
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from bureau.permissions import is_bureau

from . import checks, selectors
from .models import Branch, Member, PartySettings


class SubqueryCount(Subquery):
    """COUNT(*) of a queryset, as a scalar subquery."""

    template = "(SELECT count(*) FROM (%(subquery)s) _count)"
    output_field = IntegerField()


def bureau_items(user):
    """Two checks counted in one query (plus the settings row)."""
    if not is_bureau(user):
        return []
    settings = PartySettings.load()
    counts = (
        PartySettings.objects.filter(pk=settings.pk)
        .annotate(
            firms=SubqueryCount(checks.firms_needing_own_branch(settings).values("pk")),
            due=SubqueryCount(checks.conversions_due(timezone.localdate(), settings).values("pk")),
        )
        .values("firms", "due")
        .get()
    )
    url = reverse("partybuild:check_list")
    return [
        {
            "label": _("应单独建立党支部的律所"),
            "count": counts["firms"],
            "url": url + "#check-firms",
            "warn": True,
        },
        {
            "label": _("预备党员30日内待转正或逾期"),
            "count": counts["due"],
            "url": url + "#check-conversion",
            "warn": True,
        },
    ]


def director_items(user):
    """The director's firm's branch, if any (one query)."""
    branch = selectors.visible_branches(user).filter(status=Branch.Status.ACTIVE).order_by("name").first()
    if branch is None:
        return []
    return [
        {
            "label": _("本所所在党支部：%(name)s") % {"name": branch.name},
            "count": branch.meetings.filter(held_on__year=timezone.localdate().year).count(),
            "note": _("本年三会一课记录"),
            "url": reverse("partybuild:branch_detail", args=[branch.pk]),
            "warn": False,
        }
    ]


def inspector_items(user):
    return []


def firm_section(user, firm):
    """What the firm page shows of this app for `firm`: a dict for the template
    "<app>/_firm_section.html" (as `section`), or None for nothing. `user` may see `firm`.
    Member data is for bureau staff and the firm's director only."""
    coverage = (
        selectors.visible_branches(user)
        .filter(coverage__firm=firm)
        .select_related("secretary", "liaison")
        .first()
    )
    if coverage is None and not is_bureau(user):
        return None
    counts = {int(s): 0 for s in Member.Stage.values}
    rows = (
        selectors.visible_members(user)
        .filter(firm=firm, status=Member.Status.ACTIVE)
        .values_list("stage")
        .order_by()
        .annotate(n=Count("id"))
    )
    for stage, n in rows:
        counts[stage] = n
    return {
        "branch": coverage,
        "full": counts[Member.Stage.FULL],
        "probationary": counts[Member.Stage.PROBATIONARY],
        "pipeline": sum(
            counts[s] for s in (Member.Stage.APPLICANT, Member.Stage.ACTIVIST, Member.Stage.TARGET)
        ),
        "needs_own_branch": counts[Member.Stage.FULL] >= PartySettings.load().own_branch_threshold
        and (coverage is None or coverage.kind != Branch.Kind.OWN),
    }
