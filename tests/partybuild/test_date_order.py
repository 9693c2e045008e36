"""Dates that must be ordered: refused on the form in Chinese, and by a named constraint in the
database whatever writes the row."""

import pytest
from django.db import IntegrityError, transaction

from partybuild.models import Branch, Member

from .helpers import D, make_member


def _refused_by_database(queryset, constraint, **values):
    with pytest.raises(IntegrityError, match=constraint), transaction.atomic():
        queryset.update(**values)


@pytest.mark.parametrize(
    "earlier, later, constraint",
    [
        ("applied_on", "activist_on", "partybuild_member_activist_after_applied"),
        ("activist_on", "target_on", "partybuild_member_target_after_activist"),
        ("target_on", "probationary_on", "partybuild_member_probationary_after_target"),
        ("probationary_on", "full_on", "partybuild_member_full_after_probationary"),
    ],
)
def test_member_step_before_the_previous_one_is_refused_by_the_database(branch, earlier, later, constraint):
    member = make_member(branch, "全程", firm=branch.staff_member.firm)
    day = getattr(member, earlier)
    a_year_before = day.replace(year=day.year - 1)
    _refused_by_database(Member.objects.filter(pk=member.pk), constraint, **{later: a_year_before})
    # The same day for both steps is in order.
    Member.objects.filter(pk=member.pk).update(**{later: day})


@pytest.mark.parametrize(
    "dates, field, message",
    [
        (
            {"applied_on": "2025-05-01", "activist_on": "2025-04-01"},
            "activist_on",
            "“入党积极分子”的日期不能早于上一步“入党申请人”（2025-05-01）。",
        ),
        (
            {
                "applied_on": "2020-01-01",
                "activist_on": "2020-06-01",
                "target_on": "2021-07-01",
                "probationary_on": "2021-06-01",
            },
            "probationary_on",
            "“预备党员”的日期不能早于上一步“发展对象”（2021-07-01）。",
        ),
    ],
)
def test_member_form_names_the_step_out_of_order(login, staff, branch, dates, field, message):
    stage = {"activist_on": 2, "probationary_on": 4}[field]
    response = login(staff).post(
        "/party/members/new/", {"branch": branch.pk, "name": "新人", "stage": stage, **dates}
    )
    assert message in response.content.decode()
    assert not Member.objects.filter(name="新人").exists()


def _branch_form(branch, firm, **changes):
    return {
        "name": branch.name,
        "kind": "own",
        "firms": [firm.pk],
        "founded_on": "2020-01-01",
        "status": "active",
        "standard_status": "none",
        "version": branch.version,
        **changes,
    }


def test_branch_recognised_before_founded(login, staff, branch, firm):
    response = login(staff).post(
        f"/party/branches/{branch.pk}/edit/",
        _branch_form(branch, firm, standard_status="recognised", standard_recognised_on="2019-06-01"),
    )
    assert "命名日期不能早于支部成立日期。" in response.content.decode()
    branch.refresh_from_db()
    assert (branch.standard_status, branch.standard_recognised_on) == (Branch.Standard.NONE, None)
    _refused_by_database(
        Branch.objects.filter(pk=branch.pk),
        "partybuild_branch_recognised_after_founded",
        standard_recognised_on=D(2019, 6, 1),
    )


def test_branch_committee_elected_before_founded(login, staff, branch, firm):
    members = [branch.staff_member, branch.lawyer_member, make_member(branch, "委员三", firm=firm)]
    response = login(staff).post(
        f"/party/branches/{branch.pk}/committee/",
        {"elected_on": "2019-12-31", "members": [m.pk for m in members]},
    )
    assert "支委会选举日期不能早于支部成立日期。" in response.content.decode()
    assert not branch.committee.exists()
    branch.refresh_from_db()
    assert branch.committee_elected_on is None
    _refused_by_database(
        Branch.objects.filter(pk=branch.pk),
        "partybuild_branch_committee_after_founded",
        committee_elected_on=D(2019, 12, 31),
    )
