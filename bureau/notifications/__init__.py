"""Reminders: every deadline the apps register (bureau.contrib) reaches the people it concerns as
notifications in the portal, by e-mail and in a calendar feed.

- `selectors.due_for_user(user, today)`: what is due for a user, over the registered deadlines;
- `steps`: the lead times (working days before, on the day, weekly while overdue);
- `services.run_daily(today)`: the daily beat task's work, idempotent;
- `channels`: where notifications go besides the portal (e-mail; SMS or WeCom by setting);
- `calendar`: the private ICS feed.
"""
