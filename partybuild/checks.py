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
    F,
    IntegerField,
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

from .meeting_checks import FREQUENCY, GapRows, MeetingGap, meeting_gaps
from .models import Branch, Member, PartySettings
from .models.members import PlusYears, archive_incomplete_q, development_too_early_q

# Read from here by year_end, deadlines and the tests.
__all__ = ["FREQUENCY", "GapRows", "MeetingGap", "PlusYears", "meeting_gaps"]


def _count(queryset, outer_field):
    """A correlated COUNT(*) subquery over `queryset` grouped by `outer_field`."""
    return Coalesce(
        Subquery(
            queryset.order_by().values(outer_field).annotate(n=Count("*")).values("n")[:1],
            output_field=IntegerField(),
        ),
        Value(0),
    )


# Firms (not deregistered) with at least `threshold` full members on the rolls and no active branch
# of their own: one GROUP BY over partybuild_member_fullfirm_idx, not a count per firm. MATERIALIZED
# so that a LIMIT does not lead the planner into joining the counts firm by firm in name order.
_FIRMS_SQL = """
WITH crowded AS (
    SELECT firm_id, count(*) AS full_members FROM partybuild_member
    WHERE stage = %(full)s AND status = 'active' AND firm_id IS NOT NULL
    GROUP BY firm_id HAVING count(*) >= %(threshold)s
),
found AS MATERIALIZED (
    SELECT f.id, f.name, c.full_members, b.name AS coverage_name
    FROM crowded c
    JOIN firms_firm f ON f.id = c.firm_id
    LEFT JOIN partybuild_branchfirm bf ON bf.firm_id = f.id
    LEFT JOIN partybuild_branch b ON b.id = bf.branch_id
    WHERE f.status <> %(deregistered)s
      AND NOT EXISTS (
          SELECT 1 FROM partybuild_branchfirm o JOIN partybuild_branch ob ON ob.id = o.branch_id
          WHERE o.firm_id = f.id AND ob.kind = 'own' AND ob.status = 'active'
      )
)
"""


class SqlRows:
    """The rows of a `found` CTE as model instances, in `order`: iterable, and a Paginator's object
    list (count() and slices in SQL)."""

    def __init__(self, model, sql, params, order):
        self.model, self.sql, self.params, self.order = model, sql, params, order

    def count(self):
        with connection.cursor() as cursor:
            cursor.execute(self.sql + "SELECT count(*) FROM found", self.params)
            return cursor.fetchone()[0]

    def __getitem__(self, window):
        tail = f"SELECT * FROM found ORDER BY {self.order} LIMIT %(limit)s OFFSET %(offset)s"
        params = {**self.params, "limit": window.stop - window.start, "offset": window.start}
        return list(self.model.objects.raw(self.sql + tail, params))

    def __iter__(self):
        tail = f"SELECT * FROM found ORDER BY {self.order}"
        return iter(self.model.objects.raw(self.sql + tail, self.params))

    def cut(self, limit):
        """(the first `limit` rows (None: all), how many there are), one query."""
        tail = f"SELECT *, count(*) OVER () AS total FROM found ORDER BY {self.order} LIMIT %(limit)s"
        rows = list(self.model.objects.raw(self.sql + tail, {**self.params, "limit": limit}))
        return rows, rows[0].total if rows else 0


def firms_needing_own_branch(settings=None):
    """Firms (not deregistered) with at least `own_branch_threshold` full members on the rolls and no
    active branch of their own, by name, with `full_members` and `coverage_name` (the branch now
    covering them). Probationary members do not count."""
    settings = settings or PartySettings.load()
    params = {
        "full": int(Member.Stage.FULL),
        "threshold": settings.own_branch_threshold,
        "deregistered": Firm.Status.DEREGISTERED.value,
    }
    return SqlRows(Firm, _FIRMS_SQL, params, "name, id")


# Active branches with their counts, each count one GROUP BY (not a subquery per branch), and the
# rows of each size rule (too_many_firms, too_many_members, needs_committee) a branch breaks.
_BRANCH_SIZES_SQL = """
WITH people AS (
    -- partybuild_member_active_idx: members on the rolls by branch and stage.
    SELECT branch_id, count(*) FILTER (WHERE stage >= %(probationary)s) AS party,
           count(*) FILTER (WHERE stage = %(full)s) AS full
    FROM partybuild_member WHERE status = 'active' AND branch_id IS NOT NULL GROUP BY branch_id
),
covered AS (SELECT branch_id, count(*) AS n FROM partybuild_branchfirm GROUP BY branch_id),
sized AS (
    SELECT b.id, b.name, b.kind, COALESCE(c.n, 0) AS firm_count, COALESCE(p.party, 0) AS party_member_count,
           COALESCE(p.full, 0) AS full_member_count,
           EXISTS (SELECT 1 FROM partybuild_committeeseat s WHERE s.branch_id = b.id) AS has_committee
    FROM partybuild_branch b
    LEFT JOIN people p ON p.branch_id = b.id
    LEFT JOIN covered c ON c.branch_id = b.id
    WHERE b.status = 'active'
),
found AS (
    SELECT 1 AS rule_order, 'too_many_firms' AS rule, * FROM sized
    WHERE kind IN ('joint', 'sector') AND firm_count > %(max_firms)s
    UNION ALL
    SELECT 2, 'too_many_members', * FROM sized WHERE party_member_count > %(max_members)s
    UNION ALL
    SELECT 3, 'needs_committee', * FROM sized WHERE full_member_count >= %(committee)s AND NOT has_committee
)
"""

_BRANCH_RANKED = """
SELECT * FROM (
    SELECT *, row_number() OVER (PARTITION BY rule ORDER BY name, id) AS position,
           count(*) OVER (PARTITION BY rule) AS total
    FROM found
) ranked
WHERE %(limit)s::int IS NULL OR position <= %(limit)s::int
ORDER BY rule_order, name, id
"""

BRANCH_RULES = ("too_many_firms", "too_many_members", "needs_committee")


def _branch_params(settings, **more):
    return {
        "probationary": int(Member.Stage.PROBATIONARY),
        "full": int(Member.Stage.FULL),
        "max_firms": settings.joint_branch_max_firms,
        "max_members": settings.branch_max_members,
        "committee": settings.committee_threshold,
        **more,
    }


def _flag_branches(rows, settings):
    for b in rows:
        b.too_many_firms = b.kind != Branch.Kind.OWN and b.firm_count > settings.joint_branch_max_firms
        b.too_many_members = b.party_member_count > settings.branch_max_members
        b.needs_committee = b.full_member_count >= settings.committee_threshold and not b.has_committee
    return rows


def branch_size_findings(settings=None):
    """Active branches breaking a size rule, once each, by name, annotated with their counts and
    one flag per rule: too_many_firms (joint branches), too_many_members, needs_committee."""
    settings = settings or PartySettings.load()
    sql = _BRANCH_SIZES_SQL + "SELECT DISTINCT ON (name, id) * FROM found ORDER BY name, id"
    return _flag_branches(list(Branch.objects.raw(sql, _branch_params(settings))), settings)


def branch_rule_rows(settings, limit_each):
    """({rule: the first `limit_each` branches breaking it, by name}, {rule: how many}), one query."""
    rows = list(
        Branch.objects.raw(_BRANCH_SIZES_SQL + _BRANCH_RANKED, _branch_params(settings, limit=limit_each))
    )
    found = {rule: [b for b in rows if b.rule == rule] for rule in BRANCH_RULES}
    return found, {rule: found[rule][0].total if found[rule] else 0 for rule in BRANCH_RULES}


def branch_rule_pages(settings):
    """Every (branch, rule broken) row, rule by rule and then by name."""
    return SqlRows(Branch, _BRANCH_SIZES_SQL, _branch_params(settings), "rule_order, name, id")


def development_too_early():
    """Members made development targets less than a year after becoming activists. The form refuses
    this; it can only come from an import, and is listed here."""
    return (
        # partybuild_member_early_idx holds exactly these rows.
        Member.objects.filter(development_too_early_q()).select_related("branch").order_by("name", "id")
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


def incomplete_archives():
    return (
        # partybuild_member_docs_idx holds exactly these rows.
        Member.objects.filter(archive_incomplete_q())
        .select_related("branch")
        .order_by("branch__name", "name", "id")
    )


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
    firms, c_firms = firms_needing_own_branch(settings).cut(limit)
    branches, c_branches = branch_rule_rows(settings, limit)
    early, c_early = _cut(development_too_early(), limit)
    due, c_due = _cut(
        conversions_due(today, settings), limit, due=Q(due_on__gte=today), overdue=Q(due_on__lt=today)
    )
    gaps = meeting_gaps(year, today, limit=limit)
    archives, c_archives = _cut(incomplete_archives(), limit)
    found = {
        "firms_without_branch": firms,
        "branches_too_many_firms": branches["too_many_firms"],
        "branches_too_many_members": branches["too_many_members"],
        "branches_without_committee": branches["needs_committee"],
        "development_too_early": early,
        "conversions_due": [m for m in due if m.due_on >= today],
        "conversions_overdue": [m for m in due if m.due_on < today],
        "meeting_gaps": gaps,
        "incomplete_archives": archives,
    }
    counts = {
        "firms_without_branch": c_firms,
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


def dashboard_counts(today=None, settings=None):
    """{"firms": firms that should form their own branch, "due": conversions due or overdue}, in
    one query: the counts of the lists the dashboard cards open (check_section)."""
    settings = settings or PartySettings.load()
    firms = firms_needing_own_branch(settings)
    due = conversions_due(today or timezone.localdate(), settings)
    due_sql, due_params = due.values("pk").query.sql_with_params()
    # The firms' SQL takes named parameters; the conversions' placeholders are renamed to match.
    named = {f"due{i}": value for i, value in enumerate(due_params)}
    due_sql = due_sql % tuple(f"%({name})s" for name in named)
    sql = firms.sql + f"SELECT (SELECT count(*) FROM found), (SELECT count(*) FROM ({due_sql}) AS due)"
    with connection.cursor() as cursor:
        cursor.execute(sql, {**firms.params, **named})
        n_firms, n_due = cursor.fetchone()
    return {"firms": n_firms, "due": n_due}


# The sections of the checks page, in its order, and the checks each one shows. Each section has a
# page of its own listing all its rows (views.checks.check_section); its count is the sum of its
# checks' counts, and is what the dashboard cards linking to it show.
SECTIONS = {
    "firms": ("firms_without_branch",),
    "branches": ("branches_too_many_firms", "branches_too_many_members", "branches_without_committee"),
    "early": ("development_too_early",),
    "conversion": ("conversions_overdue", "conversions_due"),
    "meetings": ("meeting_gaps",),
    "archives": ("incomplete_archives",),
}


def section_counts(counts):
    """{section: number of rows} from {check: number of findings}."""
    return {section: sum(counts[name] for name in names) for section, names in SECTIONS.items()}


def section_rows(section, year, today, settings):
    """All the rows of a section, built in SQL and cut by whoever slices them (a Paginator): a
    queryset, or an object with count() and slicing."""
    if section == "firms":
        return firms_needing_own_branch(settings)
    if section == "branches":
        return branch_rule_pages(settings)
    if section == "early":
        return development_too_early()
    if section == "conversion":
        return conversions_due(today, settings)
    if section == "meetings":
        return GapRows(year, today)
    return incomplete_archives()
