"""year_figures(year): the plain dict the yearly report reads, checked against counts made here."""

import random

from partybuild.models import Branch, Meeting, Member, Transfer
from partybuild.selectors import year_figures
from tests.factories import FirmFactory

from .helpers import D, make_branch, make_member

S = Member.Stage


def test_year_figures_match_independent_counts(db):
    rng = random.Random(5)
    branches = [
        make_branch("独立一", FirmFactory(), kind=Branch.Kind.OWN, founded_on=D(2018, 1, 1)),
        make_branch("独立二", FirmFactory(), kind=Branch.Kind.OWN, founded_on=D(2025, 3, 1)),
        make_branch("联合一", FirmFactory(), FirmFactory(), founded_on=D(2019, 1, 1)),
        make_branch("行业", kind=Branch.Kind.SECTOR, founded_on=D(2016, 1, 1)),
        make_branch("明年才建", FirmFactory(), kind=Branch.Kind.OWN, founded_on=D(2026, 2, 1)),
        make_branch(
            "已撤销", FirmFactory(), kind=Branch.Kind.OWN, founded_on=D(2015, 2, 1), status="dissolved"
        ),
    ]
    # People with random histories; their stage at the end of 2025 is worked out here by hand.
    expected_stage, new_probationary = {s: 0 for s in S}, 0
    for i in range(60):
        stage = rng.choice(list(S))
        dates = {}
        day = D(2021 + rng.randrange(3), 1 + rng.randrange(12), 1 + rng.randrange(28))
        for st, field in Member.STEP_DATE_FIELDS.items():
            if st <= stage:
                dates[field] = day
                day = D(day.year + 1, day.month, day.day)
        member = make_member(branches[i % 4], f"人{i}", stage, **dates)
        then = max(
            (st for st, f in Member.STEP_DATE_FIELDS.items() if dates.get(f) and dates[f] <= D(2025, 12, 31)),
            default=None,
        )
        if i % 10 == 0:  # transferred out in 2025: not on the rolls at the year's end
            member.status, member.branch = Member.Status.TRANSFERRED_OUT, None
            member.save()
            Transfer.objects.create(
                member=member,
                direction="out",
                branch=branches[0],
                other_organisation="外",
                on_date=D(2025, 6, 1),
            )
        elif then:
            expected_stage[then] += 1
        if dates.get("probationary_on") and dates["probationary_on"].year == 2025:
            new_probationary += 1
    kinds = {k: 0 for k in Meeting.Kind.values}
    for i in range(40):
        kind = rng.choice(Meeting.Kind.values)
        held_on = D(rng.choice([2024, 2025, 2025, 2026]), 1 + rng.randrange(12), 1 + rng.randrange(28))
        if held_on > D(2026, 11, 1):
            held_on = D(2026, 11, 1)
        Meeting.objects.create(branch=branches[i % 4], kind=kind, held_on=held_on, topic="t", host="h")
        if held_on.year == 2025:
            kinds[kind] += 1

    figures = year_figures(2025)

    assert figures["branches_by_kind"] == {"own": 2, "joint": 1, "sector": 1, "total": 4}
    assert figures["members_by_stage"] == {int(s): n for s, n in expected_stage.items()}
    assert figures["party_members"] == expected_stage[S.PROBATIONARY] + expected_stage[S.FULL]
    assert figures["new_probationary"] == new_probationary
    assert figures["meetings_by_kind"] == {**kinds, "total": sum(kinds.values())}
    assert figures["open_findings"]["total"] == sum(
        v for k, v in figures["open_findings"].items() if k != "total"
    )
    assert figures["year"] == 2025
    assert sum(expected_stage.values()) > 20 and new_probationary > 0  # the random county is not empty
