"""Party building as it stood at the end of a year, from dated records only, so that a year's
figures stay the same whatever is recorded later:

- a branch exists from its founding day until the day it was dissolved;
- a person's stage is the last development step dated on or before the day;
- a person is on the county's rolls unless transferred out by then: one who came in by a transfer
  counts from that transfer, and the net of the transfers in and out up to the day says the rest
  (a move between two county branches is one out and one in on the same day);
- a person's branch then is the branch of their first transfer out after the day, or their
  present branch when they have not left one since.

The rule checks that rest on dated records are judged as at the day: firms that should have their
own branch, branches above the member limit, development targets made too early, conversions
overdue, and the 三会一课 periods of the year without a meeting. Checks on undated records
(committees, joint-branch coverage, archive documents) describe the present, and are on the checks
page rather than in a past year's figures."""

import datetime

from django.db.models import (
    Case,
    CharField,
    Count,
    F,
    IntegerField,
    OuterRef,
    Q,
    Subquery,
    Value,
    When,
)
from django.db.models.functions import Coalesce
from django.utils import timezone

from .models import Branch, BranchFirm, Member, PartySettings, Transfer

# The checks judged as at the year's end, in the order the report lists them.
YEAR_END_CHECKS = (
    "firms_without_branch",
    "branches_too_many_members",
    "development_too_early",
    "conversions_overdue",
    "meeting_gaps",
)


def stage_at(day):
    """SQL expression: a member's development stage on `day` (0: no step yet), from the step dates."""
    whens = [
        When(**{f"{field}__lte": day}, then=Value(int(stage)))
        for stage, field in sorted(Member.STEP_DATE_FIELDS.items(), reverse=True)
    ]
    return Case(*whens, default=Value(0), output_field=IntegerField())


def _count(queryset):
    return Coalesce(
        Subquery(
            queryset.order_by().values("member").annotate(n=Count("*")).values("n")[:1],
            output_field=IntegerField(),
        ),
        Value(0),
    )


def members_at(day):
    """Members on the county's rolls on `day` with a step taken by then, annotated with
    `stage_then` and `branch_then` (see the module's rules). One query when evaluated."""
    transfers = Transfer.objects.filter(member=OuterRef("pk"))
    first_direction = Subquery(
        transfers.order_by("on_date", "id").values("direction")[:1], output_field=CharField()
    )
    ins = _count(transfers.filter(direction=Transfer.Direction.IN, on_date__lte=day))
    outs = _count(transfers.filter(direction=Transfer.Direction.OUT, on_date__lte=day))
    left_branch_after = Subquery(
        transfers.filter(direction=Transfer.Direction.OUT, on_date__gt=day)
        .order_by("on_date", "id")
        .values("branch_id")[:1],
        output_field=IntegerField(),
    )
    base = Case(
        When(Q(first_direction=Transfer.Direction.IN), then=Value(0)),
        default=Value(1),
        output_field=IntegerField(),
    )
    return (
        Member.objects.annotate(first_direction=first_direction)
        .annotate(
            stage_then=stage_at(day),
            on_rolls=base + ins - outs,
            branch_then=Coalesce(left_branch_after, F("branch_id"), output_field=IntegerField()),
        )
        .filter(stage_then__gt=0, on_rolls__gt=0)
    )


def branches_at(day):
    """Branches that existed on `day`: founded by then, and not dissolved by then (a branch marked
    dissolved without a date counts nowhere)."""
    return Branch.objects.filter(founded_on__lte=day).filter(
        Q(dissolved_on__isnull=True, status=Branch.Status.ACTIVE) | Q(dissolved_on__gt=day)
    )


def year_end_findings(year, settings=None, today=None):
    """{check: number of findings as at 31 December of `year`} for YEAR_END_CHECKS, and "total".
    A year not yet over is judged as at `today` (default: today), so that nothing counts as missed
    or overdue before its time."""
    from .checks import PlusYears, meeting_gaps

    settings = settings or PartySettings.load()
    end = min(datetime.date(year, 12, 31), today or timezone.localdate())
    members = members_at(end)
    branches = branches_at(end)

    full_by_firm = {
        row["firm_id"]: row["n"]
        for row in members.filter(stage_then=Member.Stage.FULL, firm__isnull=False)
        .values("firm_id")
        .annotate(n=Count("id"))
        .order_by()
    }
    own_covered = set(
        BranchFirm.objects.filter(branch__in=branches.filter(kind=Branch.Kind.OWN)).values_list(
            "firm_id", flat=True
        )
    )
    crowded = [
        pk for pk, n in full_by_firm.items() if n >= settings.own_branch_threshold and pk not in own_covered
    ]
    firms_without_branch = len(crowded)

    per_branch = (
        members.filter(stage_then__gte=Member.Stage.PROBATIONARY)
        .values("branch_then")
        .annotate(n=Count("id"))
        .order_by()
    )
    existing = set(branches.values_list("pk", flat=True))
    too_many_members = sum(
        1 for row in per_branch if row["branch_then"] in existing and row["n"] > settings.branch_max_members
    )

    too_early = (
        members.filter(activist_on__isnull=False, target_on__lte=end)
        .annotate(earliest_target_on=PlusYears(F("activist_on")))
        .filter(target_on__lt=F("earliest_target_on"))
        .count()
    )
    overdue = (
        members.filter(stage_then=Member.Stage.PROBATIONARY)
        .annotate(due_on=PlusYears(F("probationary_on")))
        .filter(due_on__lt=end)
        .count()
    )
    # Periods that have ended: all of the year's once it is over, else those ended before today.
    cutoff = datetime.date(year + 1, 1, 1) if end.year == year and end.month == 12 and end.day == 31 else end
    gaps = meeting_gaps(year, cutoff, limit=1, as_at=end).total
    counts = {
        "firms_without_branch": firms_without_branch,
        "branches_too_many_members": too_many_members,
        "development_too_early": too_early,
        "conversions_overdue": overdue,
        "meeting_gaps": gaps,
    }
    counts["total"] = sum(counts.values())
    return counts
