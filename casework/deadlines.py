"""casework's deadlines (bureau.contrib.register_deadlines), built from its own selectors and scoped
to what each user may see: the quarterly statistics of the last quarter (due, then late), major
sensitive cases to file, and filings the bureau has to acknowledge.

A director gets one deadline per firm or case they keep; the bureau gets the county's count of
unfiled quarterly reports as one deadline, and each filing to acknowledge."""

from django.conf import settings
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from bureau.contrib import Deadline, registry
from bureau.permissions import is_bureau
from bureau.workdays import deadline_after
from firms.deadlines import directors_by_firm
from firms.models import Firm

from . import selectors
from .models import Case, QuarterlyReport, SensitiveFiling
from .quarters import current_quarter, quarter_due

COUNTY = gettext_lazy("全县（区）")


def quarterly_deadlines(user, today):
    """The report of the last quarter that ended, due on its filing day (working days after the
    quarter, provisional while the next year's holidays are unknown) and late after it, until
    first submitted. A director: per firm kept, linking to the quarterly form; the bureau: the
    number of practising firms that have not submitted, linking to the quarter's overview. Two
    queries plus the settings row."""
    year, quarter = current_quarter(today)
    due = quarter_due(year, quarter)
    period = {"year": year, "quarter": quarter}
    if is_bureau(user):
        submitted = QuarterlyReport.objects.filter(
            year=year, quarter=quarter, first_submitted_on__isnull=False
        )
        missing = (
            Firm.objects.filter(status=Firm.Status.PRACTISING)
            .exclude(id__in=submitted.values("firm_id"))
            .count()
        )
        if not missing:
            return []
        return [
            Deadline(
                kind="casework.quarterly",
                key=f"casework.quarterly:county:{year}Q{quarter}",
                title=_("%(year)s年第%(quarter)s季度统计报表：%(n)s家律所尚未报送")
                % {**period, "n": missing},
                due_date=due.date,
                provisional=due.provisional,
                state=Deadline.state_on(due.date, today),
                url=reverse("casework:quarterly_list") + f"?year={year}&quarter={quarter}",
                concerns=str(COUNTY),
            )
        ]
    return _quarterly_for_firms(
        selectors.firms_without_report(user, year, quarter), year, quarter, due, today
    )


def _quarterly_for_firms(firms, year, quarter, due, today):
    period = {"year": year, "quarter": quarter}
    return [
        Deadline(
            kind="casework.quarterly",
            key=f"casework.quarterly:firm={firm.pk}:{year}Q{quarter}",
            title=_("%(firm)s：%(year)s年第%(quarter)s季度统计报表") % {**period, "firm": firm.name},
            due_date=due.date,
            provisional=due.provisional,
            state=Deadline.state_on(due.date, today),
            url=reverse("casework:quarterly_list"),
            firm_id=firm.pk,
            concerns=firm.name,
        )
        for firm in firms
    ]


def sensitive_filing_deadlines(user, today):
    """Each sensitive case the director keeps that still awaits its filing with the bureau, due on
    its filing day (one query). The filing is the director's; the bureau is reminded of filings
    to acknowledge instead."""
    if not selectors.is_director(user):
        return []
    return _sensitive(selectors.sensitive_cases_to_file(user), today)


def _sensitive(cases, today):
    return [
        Deadline(
            kind="casework.sensitive_filing",
            key=f"casework.sensitive_filing:case={case.pk}",
            title=_("重大敏感案件备案：%(firm)s %(no)s") % {"firm": case.firm.name, "no": case.intake_no},
            due_date=case.sensitive_due_on,
            state=Deadline.state_on(case.sensitive_due_on, today),
            url=reverse("casework:sensitive_file", args=[case.pk]),
            firm_id=case.firm_id,
            concerns=case.firm.name,
        )
        for case in cases
    ]


def filing_review_deadlines(user, today):
    """Sensitive case filings awaiting the bureau's acknowledgement, due SENSITIVE_REVIEW_WORKING_DAYS
    working days after filing (one query, and the calendar once per filing day)."""
    if not is_bureau(user):
        return []
    filings = (
        selectors.visible_filings(user)
        .filter(status=SensitiveFiling.Status.FILED)
        .select_related("case__firm")
        .order_by("filed_on", "id")
    )
    due_by_day = {}
    items = []
    for filing in filings:
        if filing.filed_on not in due_by_day:
            due_by_day[filing.filed_on] = deadline_after(
                filing.filed_on, settings.SENSITIVE_REVIEW_WORKING_DAYS
            )
        due = due_by_day[filing.filed_on]
        items.append(
            Deadline(
                kind="casework.filing_review",
                key=f"casework.filing_review:filing={filing.pk}",
                title=_("审阅重大敏感案件备案：%(firm)s %(no)s")
                % {"firm": filing.case.firm.name, "no": filing.case.intake_no},
                due_date=due.date,
                provisional=due.provisional,
                state=Deadline.state_on(due.date, today),
                url=reverse("casework:sensitive_detail", args=[filing.pk]),
                firm_id=filing.case.firm_id,
                concerns=filing.case.firm.name,
            )
        )
    return items


# --- everyone but the bureau at once (bureau.contrib: audience) ------------------------------


def quarterly_audience(today):
    keepers = directors_by_firm()
    year, quarter = current_quarter(today)
    submitted = QuarterlyReport.objects.filter(year=year, quarter=quarter, first_submitted_on__isnull=False)
    firms = (
        Firm.objects.filter(id__in=list(keepers)).exclude(id__in=submitted.values("firm_id")).order_by("name")
    )
    deadlines = _quarterly_for_firms(firms, year, quarter, quarter_due(year, quarter), today)
    return [(user_id, d) for d in deadlines for user_id in keepers[d.firm_id]]


def sensitive_filing_audience(today):
    keepers = directors_by_firm()
    cases = (
        Case.objects.filter(firm_id__in=list(keepers))
        .filter(is_sensitive=True, sensitive_filed=False, sensitive_due_on__isnull=False)
        .select_related("firm")
        .order_by("sensitive_due_on", "id")
    )
    return [(user_id, d) for d in _sensitive(cases, today) for user_id in keepers[d.firm_id]]


registry.register_deadlines(
    "casework.quarterly", quarterly_deadlines, label=gettext_lazy("季度统计报表"), audience=quarterly_audience
)
registry.register_deadlines(
    "casework.sensitive_filing",
    sensitive_filing_deadlines,
    label=gettext_lazy("重大敏感案件备案"),
    audience=sensitive_filing_audience,
)
registry.register_deadlines(
    "casework.filing_review", filing_review_deadlines, label=gettext_lazy("待审阅的敏感案件备案")
)
