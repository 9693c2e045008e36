"""The rule checks the bureau is asked about, each one SQL query whatever the number of rows.

Rules (DESIGN.md §3; numbers in PartySettings):
- a firm with 3 or more full members must have a branch of its own;
- a joint branch covers at most 5 units; a branch has at most 50 members (probationary + full);
  a branch with 7 or more full members elects a committee;
- activists train at least 1 year before becoming development targets;
- the probationary period is 1 year: conversions due within the notice days, and overdue;
- 三会一课: members' meeting and lecture quarterly, committee and group monthly;
- the member archive holds the documents each stage needs.
"""

import datetime

from django.db import connection
from django.db.models import (
    Case,
    Count,
    DateField,
    Exists,
    F,
    Func,
    IntegerField,
    OuterRef,
    Q,
    Subquery,
    Sum,
    Value,
    When,
    Window,
)
from django.db.models.functions import Coalesce
from django.utils import timezone

from firms.models import Firm

from .models import DOC_REQUIRED_FROM, Branch, BranchFirm, CommitteeSeat, Meeting, Member, PartySettings


class PlusYears(Func):
    """date + n years in SQL (29 February + 1 year = 28 February, as in Python's relativedelta)."""

    output_field = DateField()

    def __init__(self, expression, years=1):
        super().__init__(expression, template=f"(%(expressions)s + interval '{int(years)} year')::date")


def _count(queryset, outer_field):
    """A correlated COUNT(*) subquery over `queryset` grouped by `outer_field`."""
    return Coalesce(
        Subquery(
            queryset.order_by().values(outer_field).annotate(n=Count("*")).values("n")[:1],
            output_field=IntegerField(),
        ),
        Value(0),
    )


def firms_needing_own_branch(settings=None):
    """Firms (not deregistered) with at least `own_branch_threshold` full members on the rolls and no
    active branch of their own. Probationary members do not count."""
    settings = settings or PartySettings.load()
    full = Member.objects.filter(firm=OuterRef("pk"), stage=Member.Stage.FULL, status=Member.Status.ACTIVE)
    own = BranchFirm.objects.filter(
        firm=OuterRef("pk"), branch__kind=Branch.Kind.OWN, branch__status=Branch.Status.ACTIVE
    )
    return (
        Firm.objects.exclude(status=Firm.Status.DEREGISTERED)
        .annotate(full_members=_count(full, "firm"), has_own_branch=Exists(own))
        .filter(full_members__gte=settings.own_branch_threshold, has_own_branch=False)
        .select_related("party_coverage__branch")
        .order_by("name")
    )


def _too_many_firms(settings):
    return Q(kind__in=[Branch.Kind.JOINT, Branch.Kind.SECTOR], firm_count__gt=settings.joint_branch_max_firms)


def _too_many_members(settings):
    return Q(party_member_count__gt=settings.branch_max_members)


def _needs_committee(settings):
    return Q(full_member_count__gte=settings.committee_threshold, has_committee=False)


def _flag_branches(rows, settings):
    for b in rows:
        b.too_many_firms = b.kind != Branch.Kind.OWN and b.firm_count > settings.joint_branch_max_firms
        b.too_many_members = b.party_member_count > settings.branch_max_members
        b.needs_committee = b.full_member_count >= settings.committee_threshold and not b.has_committee
    return rows


def branch_size_findings(settings=None, rows=True):
    """Active branches breaking a size rule, annotated with their counts and (as a list) one flag per
    rule: too_many_firms (joint branches), too_many_members, needs_committee."""
    settings = settings or PartySettings.load()
    active = Member.objects.filter(branch=OuterRef("pk"), status=Member.Status.ACTIVE)
    branches = Branch.objects.filter(status=Branch.Status.ACTIVE).annotate(
        firm_count=_count(BranchFirm.objects.filter(branch=OuterRef("pk")), "branch"),
        party_member_count=_count(active.filter(stage__gte=Member.Stage.PROBATIONARY), "branch"),
        full_member_count=_count(active.filter(stage=Member.Stage.FULL), "branch"),
        has_committee=Exists(CommitteeSeat.objects.filter(branch=OuterRef("pk"))),
    )
    found = branches.filter(
        _too_many_firms(settings) | _too_many_members(settings) | _needs_committee(settings)
    ).order_by("name")
    return _flag_branches(list(found), settings) if rows else found


def development_too_early():
    """Members made development targets less than a year after becoming activists. The form refuses
    this; it can only come from an import, and is listed here."""
    return (
        Member.objects.filter(activist_on__isnull=False, target_on__isnull=False, status=Member.Status.ACTIVE)
        .annotate(earliest_target_on=PlusYears(F("activist_on")))
        .filter(target_on__lt=F("earliest_target_on"))
        .select_related("branch")
        .order_by("name", "id")
    )


def conversions_due(today=None, settings=None):
    """Probationary members whose year ends within the notice days, or has ended (overdue)."""
    today = today or timezone.localdate()
    settings = settings or PartySettings.load()
    horizon = today + datetime.timedelta(days=settings.conversion_notice_days)
    return (
        Member.objects.filter(stage=Member.Stage.PROBATIONARY, status=Member.Status.ACTIVE)
        .annotate(due_on=PlusYears(F("probationary_on")))
        .filter(due_on__lte=horizon)
        .select_related("branch")
        .order_by("due_on", "id")
    )


def _archive_incomplete_q():
    by_stage = {}
    for stage in Member.Stage:
        by_stage[stage] = [doc for doc, from_stage in DOC_REQUIRED_FROM.items() if stage >= from_stage]
    q = Q(pk__in=[])
    for stage, docs in by_stage.items():
        q |= Q(stage=stage) & ~Q(archive_docs__contains=docs)
    return q


def incomplete_archives():
    return (
        Member.objects.filter(status=Member.Status.ACTIVE)
        .filter(_archive_incomplete_q())
        .select_related("branch")
        .order_by("branch__name", "name", "id")
    )


# Required frequency of each kind of 三会一课 meeting.
FREQUENCY = [
    (Meeting.Kind.MEMBERS, "quarter"),
    (Meeting.Kind.LECTURE, "quarter"),
    (Meeting.Kind.COMMITTEE, "month"),
    (Meeting.Kind.GROUP, "month"),
]

_GAPS_SQL = """
WITH req(kind, unit, step) AS (VALUES {values}),
branches AS (
    SELECT b.id, b.name, b.founded_on, b.dissolved_on, b.has_party_groups,
           EXISTS (SELECT 1 FROM partybuild_committeeseat c WHERE c.branch_id = b.id) AS has_committee
    FROM partybuild_branch b
    WHERE {branch_filter}
),
periods AS (
    SELECT r.kind, r.unit, p::date AS start, (p + r.step)::date AS stop
    FROM req r
    CROSS JOIN LATERAL generate_series(%(year_start)s::timestamp, %(year_end)s::timestamp, r.step) AS p
)
SELECT b.id, b.name, p.kind, p.unit, p.start, p.stop, count(*) OVER () AS total
FROM branches b
JOIN periods p ON p.stop <= %(today)s AND p.start >= b.founded_on
    AND (b.dissolved_on IS NULL OR p.stop <= b.dissolved_on)
WHERE (p.kind <> 'committee' OR b.has_committee)
  AND (p.kind <> 'group' OR b.has_party_groups)
  AND NOT EXISTS (
      SELECT 1 FROM partybuild_meeting m
      WHERE m.branch_id = b.id AND m.kind = p.kind AND m.held_on >= p.start AND m.held_on < p.stop
  )
ORDER BY b.name, b.id, p.start, p.kind
LIMIT %(limit)s
"""


class MeetingGap:
    def __init__(self, branch_id, branch_name, kind, unit, start, stop):
        self.branch_id, self.branch_name, self.kind, self.unit = branch_id, branch_name, kind, unit
        self.start, self.stop = start, stop

    @property
    def kind_label(self):
        return Meeting.Kind(self.kind).label

    @property
    def period_label(self):
        if self.unit == "month":
            return f"{self.start:%Y-%m}"
        return f"{self.start.year} Q{(self.start.month - 1) // 3 + 1}"

    def __repr__(self):
        return f"MeetingGap({self.branch_name}, {self.kind}, {self.period_label})"


class Gaps(list):
    """The gaps found, and (as `total`) how many there are in all when the list is cut short."""

    total = 0


def meeting_gaps(year, today=None, limit=None, as_at=None):
    """Periods of `year` that have ended by `today` in which an active branch held no meeting of a
    required kind. Periods before the branch was founded (or ending after it was dissolved) are not
    counted; committee meetings are required of branches with a committee, Party-group meetings of
    branches with Party groups. With `as_at` (a day), the branches are those that existed on that
    day or were dissolved in the year (year_end.branches_at), not those active now."""
    today = today or timezone.localdate()
    if as_at is None:
        branch_filter = "b.status = 'active'"
    else:
        branch_filter = (
            "b.founded_on <= %(as_at)s AND ((b.dissolved_on IS NULL AND b.status = 'active')"
            " OR b.dissolved_on > %(year_start)s)"
        )
    units = {"month": "1 month", "quarter": "3 months"}
    values = ", ".join(f"('{kind}', '{unit}', interval '{units[unit]}')" for kind, unit in FREQUENCY)
    params = {
        "year_start": datetime.date(year, 1, 1),
        "year_end": datetime.date(year, 12, 1),
        "today": today,
        "limit": limit,
        "as_at": as_at,
    }
    with connection.cursor() as cursor:
        cursor.execute(_GAPS_SQL.format(values=values, branch_filter=branch_filter), params)
        rows = cursor.fetchall()
    gaps = Gaps(MeetingGap(*row[:6]) for row in rows)
    gaps.total = rows[0][6] if rows else 0
    return gaps


def _window_total(condition=None):
    """COUNT(*) OVER () of the whole filtered result (or of the rows meeting `condition`), so that a
    list cut to its first rows still knows its size, in the same query."""
    if condition is None:
        return Window(Count("*"))
    return Window(Sum(Case(When(condition, then=Value(1)), default=Value(0), output_field=IntegerField())))


def _cut(queryset, limit, **totals):
    """(rows, {name: total}) of a queryset cut to `limit` rows (None: all), one query."""
    totals = totals or {"total": None}
    queryset = queryset.annotate(**{f"_{name}": _window_total(cond) for name, cond in totals.items()})
    rows = list(queryset if limit is None else queryset[:limit])
    counts = {name: getattr(rows[0], f"_{name}") if rows else 0 for name in totals}
    return rows, counts


def all_findings(year, today=None, limit=None):
    """Every check, one query each (plus the settings row). Each list holds at most `limit` rows
    (None: all); "counts" has the full number of findings of each check."""
    today = today or timezone.localdate()
    settings = PartySettings.load()
    firms, c_firms = _cut(firms_needing_own_branch(settings), limit)
    branches, c_branches = _cut(
        branch_size_findings(settings, rows=False),
        limit,
        too_many_firms=_too_many_firms(settings),
        too_many_members=_too_many_members(settings),
        needs_committee=_needs_committee(settings),
    )
    _flag_branches(branches, settings)
    early, c_early = _cut(development_too_early(), limit)
    due, c_due = _cut(
        conversions_due(today, settings), limit, due=Q(due_on__gte=today), overdue=Q(due_on__lt=today)
    )
    gaps = meeting_gaps(year, today, limit=limit)
    archives, c_archives = _cut(incomplete_archives(), limit)
    found = {
        "firms_without_branch": firms,
        "branches_too_many_firms": [b for b in branches if b.too_many_firms],
        "branches_too_many_members": [b for b in branches if b.too_many_members],
        "branches_without_committee": [b for b in branches if b.needs_committee],
        "development_too_early": early,
        "conversions_due": [m for m in due if m.due_on >= today],
        "conversions_overdue": [m for m in due if m.due_on < today],
        "meeting_gaps": gaps,
        "incomplete_archives": archives,
    }
    counts = {
        "firms_without_branch": c_firms["total"],
        "branches_too_many_firms": c_branches["too_many_firms"],
        "branches_too_many_members": c_branches["too_many_members"],
        "branches_without_committee": c_branches["needs_committee"],
        "development_too_early": c_early["total"],
        "conversions_due": c_due["due"],
        "conversions_overdue": c_due["overdue"],
        "meeting_gaps": gaps.total,
        "incomplete_archives": c_archives["total"],
    }
    return {**found, "counts": counts, "settings": settings, "limit": limit}


def findings_counts(year, today=None):
    """The number of findings of each check (and "total"), each check fetching one row at most."""
    counts = dict(all_findings(year, today, limit=1)["counts"])
    counts["total"] = sum(counts.values())
    return counts


def _row_counts(**querysets):
    """{name: number of rows} of several querysets, in one query. A SELECT of scalar subqueries
    needs no table to hang on, so it does not depend on any row (such as the settings row) existing."""
    parts, params = [], []
    for queryset in querysets.values():
        sql, sql_params = queryset.values("pk").query.sql_with_params()
        parts.append(f"(SELECT count(*) FROM ({sql}) AS _rows)")
        params.extend(sql_params)
    with connection.cursor() as cursor:
        cursor.execute("SELECT " + ", ".join(parts), params)
        return dict(zip(querysets, cursor.fetchone(), strict=True))


def dashboard_counts(today=None, settings=None):
    """{"firms": firms that should form their own branch, "due": conversions due}, in one query."""
    settings = settings or PartySettings.load()
    return _row_counts(
        firms=firms_needing_own_branch(settings), due=conversions_due(today or timezone.localdate(), settings)
    )
