"""Working days on the official Chinese holiday calendar, 调休 included.

Sources, in order of precedence for a given date:
1. days the bureau entered itself for a year (CalendarYear / CalendarDay), from the State
   Council's notice;
2. the chinesecalendar package, for years it knows;
3. otherwise Monday to Friday, and any deadline that depends on such a date is provisional.
chinesecalendar raises NotImplementedError for years it does not know; we never let that escape.
"""

import datetime
from dataclasses import dataclass
from functools import cache

import chinese_calendar

_MAX_SPAN_DAYS = 3 * 366


@dataclass(frozen=True)
class Deadline:
    date: datetime.date
    provisional: bool  # True when some day on the way lies in a year whose holidays are unknown


@cache
def _package_knows(year):
    try:
        chinese_calendar.is_workday(datetime.date(year, 6, 1))
    except NotImplementedError:
        return False
    return True


class _Calendar:
    """Loads the bureau's own entries for the years touched, once per computation."""

    def __init__(self, years):
        from bureau.models import CalendarDay, CalendarYear

        self.entered_years = set(CalendarYear.objects.filter(year__in=years).values_list("year", flat=True))
        self.entered_days = dict(
            CalendarDay.objects.filter(calendar_year__year__in=self.entered_years).values_list(
                "date", "is_workday"
            )
        )
        self.provisional = False

    def is_workday(self, day):
        if day.year in self.entered_years:
            return self.entered_days.get(day, day.weekday() < 5)
        if _package_knows(day.year):
            return chinese_calendar.is_workday(day)
        self.provisional = True
        return day.weekday() < 5


def _years(start, end):
    return list(range(min(start, end).year, max(start, end).year + 1))


def deadline_after(start, days):
    """The date `days` working days after `start` (start itself not counted), with whether the
    result is provisional. days=0 gives start."""
    if days < 0:
        raise ValueError("days must not be negative")
    # One query covers every year the search can reach.
    calendar = _Calendar(range(start.year, start.year + _MAX_SPAN_DAYS // 365 + 2))
    current, remaining = start, days
    while remaining:
        current += datetime.timedelta(days=1)
        if (current - start).days > _MAX_SPAN_DAYS:
            raise ValueError("working-day span too long")
        if calendar.is_workday(current):
            remaining -= 1
    return Deadline(current, calendar.provisional)


def add_working_days(start, days):
    """The date `days` working days after `start`. See deadline_after() for the provisional flag."""
    return deadline_after(start, days).date


def working_days_between(start, end):
    """Working days after `start` up to and including `end` (0 when end <= start)."""
    if end <= start:
        return 0
    if (end - start).days > _MAX_SPAN_DAYS:
        raise ValueError("working-day span too long")
    calendar = _Calendar(_years(start, end))
    count, current = 0, start
    while current < end:
        current += datetime.timedelta(days=1)
        count += calendar.is_workday(current)
    return count


def is_workday(day):
    return _Calendar([day.year]).is_workday(day)


def is_provisional(start, end):
    """True when a date between start and end lies in a year nobody has announced holidays for."""
    calendar = _Calendar(_years(start, end))
    return any(not _package_knows(y) and y not in calendar.entered_years for y in _years(start, end))


def calendar(years):
    """One calendar loaded for `years` (one query each for the bureau's entries), for callers that
    ask about many days at once: `.is_workday(day)`, and `.provisional` once a day asked about lay
    in a year nobody announced holidays for."""
    return _Calendar(list(years))
