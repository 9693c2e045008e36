"""The steps at which a deadline is reminded: NOTIFY_LEAD_WORKING_DAYS working days before it
(5 and 1 by default), on the day, and every NOTIFY_OVERDUE_EVERY_DAYS days while overdue.

A step has a name that stays the same on every day it applies ("before:5" from the fifth working
day before the due date until the first, "overdue:2" for the second week late), so that a daily
task that skipped a day, or ran twice, still reminds once per step (the unique constraint on
Notification does the rest)."""

import datetime

from django.conf import settings

from bureau import workdays

DUE = "due"


class StepClock:
    """Steps of many deadlines on one day, on one working-day calendar loaded once."""

    def __init__(self, today, *, leads=None, overdue_every=None):
        self.today = today
        self.leads = sorted(leads if leads is not None else settings.NOTIFY_LEAD_WORKING_DAYS)
        self.overdue_every = overdue_every or settings.NOTIFY_OVERDUE_EVERY_DAYS
        self.calendar = workdays.calendar(range(today.year - 1, today.year + 3))
        self._until = {}

    def is_workday(self):
        return self.calendar.is_workday(self.today)

    def working_days_until(self, due):
        """Working days after today up to and including `due`."""
        if due not in self._until:
            count, day = 0, self.today
            while day < due:
                day += datetime.timedelta(days=1)
                count += self.calendar.is_workday(day)
            self._until[due] = count
        return self._until[due]

    def step(self, due):
        """The step that applies today to a deadline due on `due`, or None (too early)."""
        today = self.today
        if today == due:
            return DUE
        if today > due:
            late = (today - due).days
            return f"overdue:{(late - 1) // self.overdue_every + 1}"
        if not self.leads or (due - today).days > 3 * max(self.leads) + 14:
            return None  # far off: no need to count working days
        left = self.working_days_until(due)
        eligible = [lead for lead in self.leads if left <= lead]
        return f"before:{eligible[0]}" if eligible else None


def step_label(step):
    """The step as the reminder says it, in Chinese."""
    from django.utils.translation import gettext as _

    if step == DUE:
        return _("今日到期")
    kind, _sep, n = step.partition(":")
    if kind == "before":
        return _("%(n)s个工作日内到期") % {"n": n}
    if kind == "overdue":
        return _("已逾期（第%(n)s次提醒）") % {"n": n}
    return step
