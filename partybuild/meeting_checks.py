"""The 三会一课 check: the periods of a year in which a branch held no meeting of a kind it owes
(members' meeting and Party lecture each quarter, branch committee and Party group each month), in
one SQL query for a page of them and their number."""

import datetime

from django.db import connection
from django.utils import timezone

from .models import Meeting

# Required frequency of each kind of 三会一课 meeting.
FREQUENCY = [
    (Meeting.Kind.MEMBERS, "quarter"),
    (Meeting.Kind.LECTURE, "quarter"),
    (Meeting.Kind.COMMITTEE, "month"),
    (Meeting.Kind.GROUP, "month"),
]

# The year's ended periods each active branch owes a meeting of each kind in, less the periods in
# which it held one. The meetings of the year are read once (partybuild_meeting_year_idx) rather
# than probed period by period. Each (branch, kind, period) is matched by one integer, its slot:
# branch id * 64 + kind number * 16 + the period's number in the year, cheap to hash or sort.
# MATERIALIZED so that a LIMIT does not lead the planner back into probing them in name order.
_GAPS_SQL = """
WITH req(kind, unit, n) AS (VALUES {values}),
branches AS MATERIALIZED (
    SELECT b.id, b.name, b.founded_on, b.dissolved_on, b.has_party_groups,
           EXISTS (SELECT 1 FROM partybuild_committeeseat c WHERE c.branch_id = b.id) AS has_committee
    FROM partybuild_branch b
    WHERE {branch_filter}
),
periods(kind, unit, start, stop, slot) AS (VALUES {periods}),
held AS MATERIALIZED (
    SELECT m.branch_id * 64 + r.n * 16
           + CASE WHEN r.unit = 'month' THEN extract(month FROM m.held_on)::int - 1
                  ELSE (extract(month FROM m.held_on)::int - 1) / 3 END AS slot
    FROM partybuild_meeting m JOIN req r ON r.kind = m.kind
    WHERE m.held_on >= %(year_start)s AND m.held_on < %(next_year)s
),
gaps AS MATERIALIZED (
    SELECT b.id, b.name, p.kind, p.unit, p.start, p.stop
    FROM branches b
    JOIN periods p ON p.start >= b.founded_on AND (b.dissolved_on IS NULL OR p.stop <= b.dissolved_on)
    WHERE (p.kind <> 'committee' OR b.has_committee)
      AND (p.kind <> 'group' OR b.has_party_groups)
      AND NOT EXISTS (SELECT 1 FROM held h WHERE h.slot = b.id * 64 + p.slot)
)
"""

_GAP_ROWS = """
SELECT id, name, kind, unit, start, stop, count(*) OVER () AS total FROM gaps
ORDER BY name, id, start, kind
LIMIT %(limit)s OFFSET %(offset)s
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


def _gaps_query(year, today, as_at):
    if as_at is None:
        branch_filter = "b.status = 'active'"
    else:
        branch_filter = (
            "b.founded_on <= %(as_at)s AND ((b.dissolved_on IS NULL AND b.status = 'active')"
            " OR b.dissolved_on > %(year_start)s)"
        )
    values = ", ".join(f"('{kind}', '{unit}', {n})" for n, (kind, unit) in enumerate(FREQUENCY))
    # The periods are spelled out (a few dozen rows) rather than generated in SQL, so that the
    # planner knows how many there are.
    periods = ", ".join(
        f"('{kind}', '{unit}', date '{start:%Y-%m-%d}', date '{stop:%Y-%m-%d}', {slot})"
        for kind, unit, start, stop, slot in _ended_periods(year, today)
    )
    params = {"year_start": datetime.date(year, 1, 1), "next_year": datetime.date(year + 1, 1, 1)}
    params["as_at"] = as_at
    sql = _GAPS_SQL.format(values=values, periods=periods or _NO_PERIOD, branch_filter=branch_filter)
    return sql, params


_NO_PERIOD = "(NULL::text, NULL::text, NULL::date, NULL::date, NULL::int)"


def _ended_periods(year, today):
    """[(kind, unit, first day, day after the last, slot)] of the periods of `year` ended by `today`;
    slot: kind number * 16 + the period's number in the year (_GAPS_SQL)."""
    periods = []
    for n, (kind, unit) in enumerate(FREQUENCY):
        step = 1 if unit == "month" else 3
        for number, month in enumerate(range(1, 13, step)):
            start = datetime.date(year, month, 1)
            stop = datetime.date(year + (month + step > 12), (month + step - 1) % 12 + 1, 1)
            if stop <= today:
                periods.append((kind, unit, start, stop, n * 16 + number))
    return periods


def meeting_gaps(year, today=None, limit=None, as_at=None, offset=0):
    """Periods of `year` that have ended by `today` in which an active branch held no meeting of a
    required kind. Periods before the branch was founded (or ending after it was dissolved) are not
    counted; committee meetings are required of branches with a committee, Party-group meetings of
    branches with Party groups. With `as_at` (a day), the branches are those that existed on that
    day or were dissolved in the year (year_end.branches_at), not those active now. The rows from
    `offset`, at most `limit` of them, and (as `total`) how many there are in all."""
    today = today or timezone.localdate()
    sql, params = _gaps_query(year, today, as_at)
    with connection.cursor() as cursor:
        cursor.execute(sql + _GAP_ROWS, {**params, "limit": limit, "offset": offset})
        rows = cursor.fetchall()
    gaps = Gaps(MeetingGap(*row[:6]) for row in rows)
    gaps.total = rows[0][6] if rows else 0
    return gaps


class GapRows:
    """The gaps of a year as a Paginator's object list (count() and slices in SQL)."""

    def __init__(self, year, today):
        self.year, self.today = year, today

    def count(self):
        sql, params = _gaps_query(self.year, self.today, None)
        with connection.cursor() as cursor:
            cursor.execute(sql + "SELECT count(*) FROM gaps", params)
            return cursor.fetchone()[0]

    def __getitem__(self, window):
        return meeting_gaps(self.year, self.today, limit=window.stop - window.start, offset=window.start)
