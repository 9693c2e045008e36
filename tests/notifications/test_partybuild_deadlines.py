"""Probationary members due for conversion and 三会一课 not yet held this period."""

import pytest

from partybuild.models import Branch, Meeting, Member
from tests.partybuild.helpers import make_branch, make_member

from .conftest import D, run_days, steps

pytestmark = pytest.mark.django_db


@pytest.fixture
def branches(firm, other_firm, secretary_of):
    own = make_branch("甲所党支部", firm, kind=Branch.Kind.OWN)
    other = make_branch("乙所党支部", other_firm, kind=Branch.Kind.OWN)
    return own, other, secretary_of(own, "secretary"), secretary_of(other, "secretary2")


def test_conversion_reminded_to_the_branch_secretary_and_the_bureau(
    branches, firm, director, director2, staff
):
    own, _other, secretary, secretary2 = branches
    member = make_member(
        own, "甲预备党员", Member.Stage.PROBATIONARY, firm=firm, probationary_on=D(2025, 12, 7)
    )
    # The probationary year ends on 7 December 2026 (a Monday).
    run_days([D(2026, 11, 30), D(2026, 12, 4), D(2026, 12, 7), D(2026, 12, 8), D(2026, 12, 15)])
    key = f"partybuild.conversion:member={member.pk}:2025-12-07"
    expected = [(key, s) for s in ("before:5", "before:1", "due", "overdue:1", "overdue:2")]
    assert steps(secretary, "partybuild.conversion") == expected
    assert steps(staff, "partybuild.conversion") == expected
    for user in (secretary2, director2):
        assert steps(user, "partybuild.conversion") == []


def test_meetings_of_the_period_reminded_until_held(branches, staff, director2):
    own, other, secretary, secretary2 = branches
    # 乙所 holds its members' meeting and lecture this quarter; 甲所 holds neither.
    for kind in ("members", "lecture"):
        Meeting.objects.create(branch=other, kind=kind, held_on=D(2026, 7, 10), topic="会", host="乙")
    # Third quarter ends on 30 September 2026 (a Wednesday).
    run_days([D(2026, 9, 22), D(2026, 9, 23), D(2026, 9, 29), D(2026, 9, 30)])
    expected = [
        (f"partybuild.meetings:branch={own.pk}:{kind}:2026-07-01", s)
        for s in ("before:5", "before:1", "due")
        for kind in ("lecture", "members")
    ]
    assert sorted(steps(secretary, "partybuild.meetings")) == sorted(expected)
    assert steps(secretary2, "partybuild.meetings") == []
    county = steps(staff, "partybuild.meetings")
    assert sorted(county) == sorted(
        (f"partybuild.meetings:county:{kind}:2026-07-01", s)
        for s in ("before:5", "before:1", "due")
        for kind in ("lecture", "members")
    )
    assert steps(director2, "partybuild.meetings") == []
    # Once the quarter is over, its meetings are no longer a deadline (the rule check reports gaps).
    run_days([D(2026, 10, 8)])
    assert all(key.endswith("2026-07-01") for key, _s in steps(secretary, "partybuild.meetings"))
