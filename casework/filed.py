"""The yearly report's filed figures: what the directors filed in their quarterly reports and the
bureau accepted, set beside what the register holds, and the figures the report's headline takes.

A firm whose four quarters of the year are all accepted speaks for itself: the headline takes its
filed figures (each the sum of the four accepted versions). Any other firm's figures come from the
register. Where a firm's filed figure differs from its register, both are shown and the difference
is listed."""

import dataclasses

from firms.models import Firm

from .models import QuarterlyReport, QuarterlyReportVersion
from .statistics import FIGURES, firm_year_figures

FIGURE_KEYS = [key for key, _label in FIGURES]


@dataclasses.dataclass
class FiledYear:
    year: int
    # {firm id: {figure: sum of the accepted versions}} of firms with four accepted quarters.
    filed: dict
    # {firm id: {figure: register count}} of every firm with a record in the year.
    register: dict
    # {firm id: number of accepted quarters} of every firm with an accepted quarter.
    accepted_quarters: dict
    # {firm id: name} of every firm named above.
    names: dict

    @property
    def filed_firm_ids(self):
        return sorted(self.filed, key=lambda pk: (self.names.get(pk, ""), pk))

    def register_of(self, firm_id):
        return self.register.get(firm_id, {})

    def headline(self):
        """{figure: county total}: filed figures for the firms with four accepted quarters, the
        register's for every other firm."""
        totals = {key: 0 for key in FIGURE_KEYS}
        for firm_id, figures in self.register.items():
            if firm_id not in self.filed:
                for key in FIGURE_KEYS:
                    totals[key] += figures.get(key, 0)
        for figures in self.filed.values():
            for key in FIGURE_KEYS:
                totals[key] += figures[key]
        return totals

    def comparison(self):
        """[(figure, filed total, register total of the same firms)] over the firms that filed."""
        rows = []
        for key, label in FIGURES:
            filed = sum(figures[key] for figures in self.filed.values())
            register = sum(self.register_of(pk).get(key, 0) for pk in self.filed)
            rows.append((key, label, filed, register))
        return rows

    def differences(self):
        """[(firm name, figure label (text), filed, register)] of every figure a firm filed otherwise than
        its register shows, firm by firm in name order."""
        rows = []
        # Each label's text once: a province's differences run to tens of thousands of rows.
        labels = [(key, str(label)) for key, label in FIGURES]
        for firm_id in self.filed_firm_ids:
            register = self.register_of(firm_id)
            for key, label in labels:
                filed = self.filed[firm_id][key]
                if filed != register.get(key, 0):
                    rows.append((self.names[firm_id], label, filed, register.get(key, 0)))
        return rows

    def sources(self):
        """[(firm name, accepted quarters, filed: bool)] of every firm with a record or an accepted
        quarter in the year, in name order."""
        ids = set(self.register) | set(self.accepted_quarters)
        ordered = sorted(ids, key=lambda pk: (self.names.get(pk, ""), pk))
        return [
            (self.names.get(pk, ""), self.accepted_quarters.get(pk, 0), pk in self.filed) for pk in ordered
        ]


def filed_year(year):
    """The filed and register figures of `year` (see FiledYear): five queries."""
    # Each accepted report's latest version (the one accepted), one query.
    versions = (
        QuarterlyReportVersion.objects.filter(
            report__year=year,
            report__status=QuarterlyReport.Status.ACCEPTED,
            decision=QuarterlyReportVersion.Decision.ACCEPTED,
        )
        .order_by("report_id", "-number")
        .distinct("report_id")
        .values_list("report__firm_id", "figures")
    )
    accepted_quarters, sums = {}, {}
    for firm_id, figures in versions:
        accepted_quarters[firm_id] = accepted_quarters.get(firm_id, 0) + 1
        firm_sums = sums.setdefault(firm_id, {key: 0 for key in FIGURE_KEYS})
        for key in FIGURE_KEYS:
            entry = figures.get(key)
            # A figure an older form did not ask for counts as the register's: marked None here.
            if entry is None or firm_sums[key] is None:
                firm_sums[key] = None
            else:
                firm_sums[key] += int(entry.get("value", 0))
    register = firm_year_figures(year)
    filed = {}
    for firm_id, quarters in accepted_quarters.items():
        if quarters == 4:
            own = register.get(firm_id, {})
            filed[firm_id] = {
                key: own.get(key, 0) if value is None else value for key, value in sums[firm_id].items()
            }
    names = dict(Firm.objects.filter(pk__in=set(register) | set(accepted_quarters)).values_list("pk", "name"))
    return FiledYear(
        year=year, filed=filed, register=register, accepted_quarters=accepted_quarters, names=names
    )
