"""The registry through which every app shows itself in the foundation.

An app contributes in its own `<app>/contrib.py` (as `admin.py` is for the Django admin), built from
that app's own selectors; `BureauConfig.ready()` imports every installed app's `contrib` module, and
bureau then builds the yearly report, the dashboards, the firm page's app sections and the list of
deadlines from what was registered, without importing any app.

What an app may contribute:

- a yearly-report section: `register_report_section(key, builder, order=...)`, where
  `builder(year)` returns {"key", "title", "tables": [{"title", "headers", "rows"}],
  "charts": [svg], "facts": {name: number}, "summary": [(topic, sentence)]}; `facts` are the key
  figures, and `summary` the section's sentences of the drafted summary, every number in them one
  that its tables show (see bureau.report.summary for the topics and the helpers). A table with a
  row per firm says "annex": True (and "totals": n for its last n rows, the totals): the PDF shows
  its first rows and a note, the spreadsheet every row (bureau.report.build.pdf_table);
- dashboard cards: `register_dashboard_cards(builder, dashboards=(...))`, where `builder(user, today)`
  returns cards {"label", "count", "url" (with the list's filter), "warn": bool, "note" (optional)}
  for the named dashboards ("bureau", "director", "inspector");
- dashboard charts: `register_dashboard_charts(builder)`, where `builder(year)` returns SVG strings;
- a dashboard panel: `register_dashboard_panel(builder, template=..., dashboards=(...))`, where
  `builder(user, today)` returns the template's `panel` dict, or None to show nothing;
- a firm-page section: `register_firm_section(builder, template=...)`, where `builder(user, firm)`
  returns the template's `section` dict, or None to show nothing (`user` may see `firm`);
- deadlines of one kind: `register_deadlines(kind, provider, label=..., audience=None)`, where
  `provider(user, today)` returns the `Deadline`s that concern `user`, scoped to what they may see;
  it gives every bureau user (administrators and staff) the same deadlines. `audience(today)`,
  optional, returns the same for all other users at once, as (user id, Deadline) pairs.
"""

import dataclasses
import datetime
from collections.abc import Callable

from django.utils.module_loading import autodiscover_modules

DASHBOARDS = ("bureau", "director", "inspector")


@dataclasses.dataclass(frozen=True)
class Deadline:
    """Something due for a user on a date.

    `key` names the record and the due date's occasion (for example
    "casework.quarterly:firm=3:2026Q3"); it stays the same however often the provider runs, so a
    reminder can be sent once per deadline and step. `concerns` says whom the deadline is about,
    as the user reads it (a firm's name, a branch); `firm_id` is that firm, when there is one.
    `provisional` is the working-day calendar's flag: some day on the way lies in a year whose
    official holidays are not yet known. `url` links to the record (or the list that holds it)."""

    kind: str
    key: str
    title: str
    due_date: datetime.date
    url: str
    state: str = "open"  # "open" or "overdue"
    provisional: bool = False
    firm_id: int | None = None
    # Whom or what the deadline is about, as the reminder names it (a firm, a member).
    concerns: str = ""

    OPEN = "open"
    OVERDUE = "overdue"

    @staticmethod
    def state_on(due_date, today):
        return Deadline.OVERDUE if due_date < today else Deadline.OPEN


@dataclasses.dataclass(frozen=True)
class ReportSection:
    key: str
    builder: Callable
    order: int


@dataclasses.dataclass(frozen=True)
class DashboardCards:
    key: str
    builder: Callable
    dashboards: tuple
    order: int


@dataclasses.dataclass(frozen=True)
class DashboardCharts:
    key: str
    builder: Callable
    order: int


@dataclasses.dataclass(frozen=True)
class DashboardPanel:
    key: str
    builder: Callable
    template: str
    dashboards: tuple
    order: int


@dataclasses.dataclass(frozen=True)
class FirmSection:
    key: str
    builder: Callable
    template: str
    order: int


@dataclasses.dataclass(frozen=True)
class DeadlineKind:
    kind: str
    provider: Callable
    label: str
    # Optional: audience(today) gives every (user id, Deadline) that provider(user, today) gives
    # for each user who is not bureau staff, in a few queries for everyone at once, so the daily
    # reminders need not ask thousands of directors one by one (tests check both agree).
    audience: Callable | None = None


class Registry:
    """Contributions by kind, each keyed so that registering a key again replaces the entry (an
    app's contrib module imported twice registers nothing twice)."""

    KINDS = (
        "report_sections",
        "dashboard_cards",
        "dashboard_charts",
        "dashboard_panels",
        "firm_sections",
        "deadlines",
    )

    def __init__(self):
        for kind in self.KINDS:
            setattr(self, f"_{kind}", {})

    # --- registration ------------------------------------------------------------------------

    def register_report_section(self, key, builder, *, order=100):
        self._report_sections[key] = ReportSection(key, builder, order)

    @staticmethod
    def _check_dashboards(dashboards):
        unknown = set(dashboards) - set(DASHBOARDS)
        if unknown:
            raise ValueError(f"unknown dashboards: {sorted(unknown)}")

    def register_dashboard_cards(self, builder, *, dashboards, key=None, order=100):
        self._check_dashboards(dashboards)
        key = key or f"{builder.__module__}.{builder.__qualname__}"
        self._dashboard_cards[key] = DashboardCards(key, builder, tuple(dashboards), order)

    def register_dashboard_charts(self, builder, *, key=None, order=100):
        key = key or f"{builder.__module__}.{builder.__qualname__}"
        self._dashboard_charts[key] = DashboardCharts(key, builder, order)

    def register_dashboard_panel(self, builder, *, template, dashboards, key=None, order=100):
        self._check_dashboards(dashboards)
        key = key or template
        self._dashboard_panels[key] = DashboardPanel(key, builder, template, tuple(dashboards), order)

    def register_firm_section(self, builder, *, template, key=None, order=100):
        key = key or template
        self._firm_sections[key] = FirmSection(key, builder, template, order)

    def register_deadlines(self, kind, provider, *, label, audience=None):
        self._deadlines[kind] = DeadlineKind(kind, provider, label, audience)

    # --- reading -------------------------------------------------------------------------------

    @staticmethod
    def _ordered(entries):
        return sorted(entries.values(), key=lambda entry: (entry.order, entry.key))

    def report_sections(self):
        return self._ordered(self._report_sections)

    def dashboard_cards(self, dashboard, user, today):
        cards = []
        for entry in self._ordered(self._dashboard_cards):
            if dashboard in entry.dashboards:
                cards.extend(entry.builder(user, today))
        return cards

    def dashboard_charts(self, year):
        charts = []
        for entry in self._ordered(self._dashboard_charts):
            charts.extend(entry.builder(year))
        return charts

    def dashboard_panels(self, dashboard, user, today):
        """[(template name, panel dict)] for one dashboard, skipping apps that show nothing."""
        panels = []
        for entry in self._ordered(self._dashboard_panels):
            if dashboard in entry.dashboards:
                panel = entry.builder(user, today)
                if panel is not None:
                    panels.append((entry.template, panel))
        return panels

    def firm_sections(self, user, firm):
        """[(template name, section dict)] for the firm page, skipping apps that show nothing."""
        sections = []
        for entry in self._ordered(self._firm_sections):
            section = entry.builder(user, firm)
            if section is not None:
                sections.append((entry.template, section))
        return sections

    def deadline_kinds(self):
        return sorted(self._deadlines.values(), key=lambda entry: entry.kind)

    def deadlines(self, user, today, *, kinds=None):
        """Every registered deadline that concerns `user`, soonest first."""
        items = []
        for entry in self.deadline_kinds():
            if kinds is None or entry.kind in kinds:
                items.extend(entry.provider(user, today))
        return sorted(items, key=lambda item: (item.due_date, item.kind, item.key))

    # --- filling -------------------------------------------------------------------------------

    def autodiscover(self):
        # Each app's contrib module registers on import; a module that fails to import raises.
        # Like the admin's autodiscovery this imports every installed app's `contrib`, third-party
        # ones too (pgtrigger.contrib, csp.contrib): they register nothing, and importing them
        # has no side effect.
        autodiscover_modules("contrib")

    def snapshot(self):
        return {kind: dict(getattr(self, f"_{kind}")) for kind in self.KINDS}

    def restore(self, snapshot):
        for kind in self.KINDS:
            setattr(self, f"_{kind}", dict(snapshot[kind]))


registry = Registry()

register_report_section = registry.register_report_section
register_dashboard_cards = registry.register_dashboard_cards
register_dashboard_charts = registry.register_dashboard_charts
register_dashboard_panel = registry.register_dashboard_panel
register_firm_section = registry.register_firm_section
register_deadlines = registry.register_deadlines
