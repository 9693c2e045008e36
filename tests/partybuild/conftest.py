import pytest

from partybuild.models import Branch, Meeting
from partybuild.services import branch_grant_secretary
from tests.factories import LawyerFactory, UserFactory

from .helpers import D, make_branch, make_member


@pytest.fixture
def branch(firm):
    """甲所's own branch: a lawyer member, a staff member and one meeting."""
    b = make_branch("甲所党支部", firm, kind=Branch.Kind.OWN)
    lawyer = LawyerFactory(firm=firm, name="甲律师")
    b.lawyer_member = make_member(b, "", lawyer=lawyer)
    b.staff_member = make_member(b, "甲行政", firm=firm)
    b.meeting = Meeting.objects.create(
        branch=b, kind="members", held_on=D(2026, 5, 10), topic="甲所党员大会", host="甲"
    )
    return b


@pytest.fixture
def other_branch(other_firm):
    b = make_branch("乙所党支部", other_firm, kind=Branch.Kind.OWN)
    b.member = make_member(b, "乙党员", firm=other_firm)
    b.meeting = Meeting.objects.create(
        branch=b, kind="lecture", held_on=D(2026, 6, 10), topic="乙所党课", host="乙"
    )
    return b


@pytest.fixture
def secretary(branch):
    """A user with no portal role who keeps 甲所党支部."""
    user = UserFactory(username="secretary", full_name="甲书记")
    branch_grant_secretary(branch=branch, user=user)
    return user


@pytest.fixture
def secretary2(other_branch):
    user = UserFactory(username="secretary2", full_name="乙书记")
    branch_grant_secretary(branch=other_branch, user=user)
    return user


@pytest.fixture
def everyone(role_users, no_role_user, secretary, secretary2, branch, other_branch):
    return {**role_users, "no_role": no_role_user, "secretary": secretary, "secretary2": secretary2}
