"""Party building's deadlines (bureau.contrib.register_deadlines), built from this app's selectors
and rule checks, scoped to what each user may see: probationary members due for conversion, and
the "三会一课" meetings not yet held in the current period (members' meeting and Party lecture each
quarter, branch committee and Party group each month).

A branch secretary gets one deadline per branch they keep and meeting kind; the bureau gets the
county's count of branches per meeting kind (one reminder per branch would bury it)."""

import datetime

from django.db import connection
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from bureau.contrib import Deadline, registry
from bureau.permissions import is_bureau

from . import checks, selectors
from .models import BranchUserObjectPermission, Meeting

COUNTY = gettext_lazy("全县（区）")


def conversion_deadlines(user, today):
    """Probationary members whose year ends within the notice days or has ended, for the bureau
    (the county) and the secretaries of their branches (one query plus the settings row)."""
    members = checks.conversions_due(today)
    if not is_bureau(user):
        members = members.filter(branch_id__in=selectors.secretary_branch_ids(user))
    return _conversions(members, today)


def _conversions(members, today):
    return [
        Deadline(
            kind="partybuild.conversion",
            key=f"partybuild.conversion:member={member.pk}:{member.probationary_on:%Y-%m-%d}",
            title=_("预备党员转正：%(name)s（%(branch)s）")
            % {"name": member.name, "branch": member.branch.name if member.branch_id else "—"},
            due_date=member.due_on,
            state=Deadline.state_on(member.due_on, today),
            url=reverse("partybuild:member_detail", args=[member.pk]),
            firm_id=member.firm_id,
            concerns=member.branch.name if member.branch_id else member.name,
        )
        for member in members
    ]


def current_periods(today):
    """[(meeting kind, first day, day after the last)] of the periods running on `today`."""
    month_start = today.replace(day=1)
    month_stop = (month_start + datetime.timedelta(days=32)).replace(day=1)
    quarter_start = datetime.date(today.year, 3 * ((today.month - 1) // 3) + 1, 1)
    quarter_stop = (quarter_start + datetime.timedelta(days=93)).replace(day=1)
    periods = {"month": (month_start, month_stop), "quarter": (quarter_start, quarter_stop)}
    return [(kind, *periods[unit]) for kind, unit in checks.FREQUENCY]


# Active branches that existed when the period began and have held no meeting of the kind in it;
# committee meetings are asked of branches with a committee, Party-group meetings of branches
# with Party groups (as checks.meeting_gaps counts them).
_OPEN_MEETINGS_SQL = """
WITH req(kind, start, stop) AS (VALUES {values})
SELECT b.id, b.name, r.kind, r.start, r.stop
FROM partybuild_branch b CROSS JOIN req r
WHERE b.status = 'active' AND b.founded_on <= r.start {scope}
  AND (r.kind <> 'committee'
       OR EXISTS (SELECT 1 FROM partybuild_committeeseat c WHERE c.branch_id = b.id))
  AND (r.kind <> 'group' OR b.has_party_groups)
  AND NOT EXISTS (
      SELECT 1 FROM partybuild_meeting m
      WHERE m.branch_id = b.id AND m.kind = r.kind AND m.held_on >= r.start AND m.held_on < r.stop)
ORDER BY r.kind, b.name, b.id
"""


def _open_meetings(today, branch_ids=None):
    periods = current_periods(today)
    values = ", ".join(["(%s, %s::date, %s::date)"] * len(periods))
    params = [value for period in periods for value in period]
    scope = ""
    if branch_ids is not None:
        scope = "AND b.id = ANY(%s)"
        params.append(list(branch_ids))
    with connection.cursor() as cursor:
        cursor.execute(_OPEN_MEETINGS_SQL.format(values=values, scope=scope), params)
        return cursor.fetchall()


def _period_label(kind, start):
    if dict(checks.FREQUENCY)[kind] == "month":
        return _("%(year)s年%(month)s月") % {"year": start.year, "month": start.month}
    return _("%(year)s年第%(quarter)s季度") % {"year": start.year, "quarter": (start.month - 1) // 3 + 1}


def meeting_deadlines(user, today):
    """The meetings of the current month and quarter not yet held, due on the period's last day.
    A secretary: per branch kept and kind; the bureau: per kind, the number of branches. Two
    queries for a secretary, one for the bureau."""
    if is_bureau(user):
        rows = _open_meetings(today)
        counts = {}
        for _id, _name, kind, start, stop in rows:
            counts.setdefault((kind, start, stop), 0)
            counts[(kind, start, stop)] += 1
        return [
            Deadline(
                kind="partybuild.meetings",
                key=f"partybuild.meetings:county:{kind}:{start:%Y-%m-%d}",
                title=_("%(period)s%(meeting)s：%(n)s个支部尚未召开")
                % {"period": _period_label(kind, start), "meeting": Meeting.Kind(kind).label, "n": n},
                due_date=stop - datetime.timedelta(days=1),
                state=Deadline.state_on(stop - datetime.timedelta(days=1), today),
                url=reverse("partybuild:check_list") + "#check-meetings",
                concerns=str(COUNTY),
            )
            for (kind, start, stop), n in sorted(counts.items())
        ]
    branch_ids = list(selectors.secretary_branch_ids(user).values_list("content_object_id", flat=True))
    if not branch_ids:
        return []
    return _branch_meetings(_open_meetings(today, branch_ids), today)


def _branch_meetings(rows, today):
    return [
        Deadline(
            kind="partybuild.meetings",
            key=f"partybuild.meetings:branch={branch_id}:{kind}:{start:%Y-%m-%d}",
            title=_("%(branch)s：%(period)s%(meeting)s尚未召开")
            % {"branch": name, "period": _period_label(kind, start), "meeting": Meeting.Kind(kind).label},
            due_date=stop - datetime.timedelta(days=1),
            state=Deadline.state_on(stop - datetime.timedelta(days=1), today),
            url=reverse("partybuild:meeting_create") + f"?branch={branch_id}&kind={kind}",
            concerns=name,
        )
        for branch_id, name, kind, start, stop in rows
    ]


# --- everyone but the bureau at once (bureau.contrib: audience) ------------------------------


def secretaries_by_branch():
    """{branch id: [user ids]} of the active accounts keeping each branch (one query)."""
    grants = BranchUserObjectPermission.objects.filter(
        permission__codename="manage_branch",
        permission__content_type__app_label="partybuild",
        user__is_active=True,
    ).values_list("content_object_id", "user_id")
    keepers = {}
    for branch_id, user_id in grants.distinct():
        keepers.setdefault(branch_id, []).append(user_id)
    return keepers


def conversion_audience(today):
    keepers = secretaries_by_branch()
    members = list(checks.conversions_due(today).filter(branch_id__in=list(keepers)))
    return [
        (user_id, deadline)
        for member, deadline in zip(members, _conversions(members, today), strict=True)
        for user_id in keepers[member.branch_id]
    ]


def meeting_audience(today):
    keepers = secretaries_by_branch()
    rows = _open_meetings(today, list(keepers))
    return [
        (user_id, deadline)
        for row, deadline in zip(rows, _branch_meetings(rows, today), strict=True)
        for user_id in keepers[row[0]]
    ]


registry.register_deadlines(
    "partybuild.conversion",
    conversion_deadlines,
    label=gettext_lazy("预备党员转正"),
    audience=conversion_audience,
)
registry.register_deadlines(
    "partybuild.meetings", meeting_deadlines, label=gettext_lazy("三会一课"), audience=meeting_audience
)
