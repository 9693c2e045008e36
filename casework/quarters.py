"""The quarters statistics are filed for: their bounds, which one a director files now, when its
report is due and how late a report came. Pure reads, shared by services, selectors and views."""

import datetime

from django.utils import timezone

from bureau.workdays import deadline_after, working_days_between

from .models import CaseworkSettings

QUARTERS = (1, 2, 3, 4)


def quarter_bounds(year, quarter):
    """The first and last day of a quarter."""
    start = datetime.date(year, 3 * quarter - 2, 1)
    end = datetime.date(
        year + (quarter == 4), 1 if quarter == 4 else 3 * quarter + 1, 1
    ) - datetime.timedelta(1)
    return start, end


def current_quarter(today=None):
    """The quarter a director files now: the last one that has ended."""
    today = today or timezone.localdate()
    q = (today.month - 1) // 3
    return (today.year - 1, 4) if q == 0 else (today.year, q)


def quarter_due(year, quarter):
    """The filing deadline (bureau.workdays.Deadline): a number of working days, a setting, after
    the quarter's last day."""
    _start, end = quarter_bounds(year, quarter)
    return deadline_after(end, CaseworkSettings.load().quarterly_due_days)


def late_working_days(report, today=None):
    """Working days between the due date and the first submission (or today if unfiled)."""
    day = report.first_submitted_on or today or timezone.localdate()
    return working_days_between(report.due_on, day) if day > report.due_on else 0
