"""The daily task reads everyone's deadlines at once (bureau users' once, each kind's `audience`
for the others); what it finds for each user must be exactly what the user's own selector gives."""

import datetime

import pytest
from django.core.files.base import ContentFile

from bureau.contrib import registry
from bureau.notifications.selectors import due_for_user
from bureau.notifications.services import _users_with_roles, due_for_everyone
from casework.models import SensitiveFiling
from firms.models import StandardisationRating
from inspections.models import Inspection, RectificationNotice, Response
from partybuild.models import Branch, Member
from tests.casework.conftest import make_case
from tests.factories import LawyerFactory
from tests.partybuild.helpers import make_branch, make_member

from .conftest import D

pytestmark = pytest.mark.django_db


@pytest.fixture
def county(firm, other_firm, role_users, inspection, other_inspection, secretary_of, no_role_user):
    """Records of every kind, for both firms."""
    staff, director = role_users["bureau_staff"], role_users["director"]
    for f, who in ((firm, director), (other_firm, role_users["director2"])):
        LawyerFactory(firm=f)
        case = make_case(f, who, [LawyerFactory(firm=f)], intake_date=D(2026, 10, 14))
        type(case).objects.filter(pk=case.pk).update(is_sensitive=True, sensitive_due_on=D(2026, 10, 19))
        StandardisationRating.objects.create(
            firm=f,
            level="county",
            conferred_by="县司法局",
            conferred_on=D(2023, 11, 1),
            valid_until=D(2026, 11, 20),
        )
        branch = make_branch(f"{f.name}党支部", f, kind=Branch.Kind.OWN)
        secretary_of(branch, f"sec{f.pk}")
        make_member(branch, "预备党员", Member.Stage.PROBATIONARY, firm=f, probationary_on=D(2025, 11, 1))
    case = make_case(firm, director, [LawyerFactory(firm=firm)], intake_date=D(2026, 10, 9))
    SensitiveFiling.objects.create(
        case=case,
        client="甲",
        authority="法院",
        facts="案情",
        legal_issues="问题",
        lawyer_opinion="意见",
        filed_by=director,
        filed_on=D(2026, 10, 12),
    )
    Inspection.objects.filter(pk=inspection.pk).update(
        status="rectifying",
        result="rectify",
        concluded_on=D(2026, 9, 25),
        rectification="responded",
        rectification_deadline=D(2026, 10, 30),
    )
    notice = RectificationNotice.objects.create(
        inspection=inspection,
        year=2026,
        serial=1,
        doc_number="示司律整〔2026〕9号",
        firm_name=firm.name,
        findings=[],
        requirement="整改",
        report_method="书面",
        workdays=20,
        issued_on=D(2026, 9, 25),
        deadline=D(2026, 10, 30),
        issued_by=staff,
    )
    Response.objects.create(notice=notice, file=ContentFile(b"r", name="r.pdf"), uploaded_by=director)
    Inspection.objects.filter(pk=other_inspection.pk).update(
        status="rectifying",
        result="rectify",
        concluded_on=D(2026, 9, 25),
        rectification="pending",
        rectification_deadline=D(2026, 10, 30),
    )


@pytest.mark.parametrize("today", [D(2026, 10, 19), D(2026, 12, 1), D(2027, 3, 15)])
def test_everyone_at_once_equals_each_users_own_selector(county, today):
    users = _users_with_roles()
    assert len(users) >= 9
    found = dict((user.pk, deadlines) for user, deadlines in due_for_everyone(users, today))
    for user in users:
        own = sorted(due_for_user(user, today), key=lambda d: d.key)
        assert sorted(found[user.pk], key=lambda d: d.key) == own, user.username
    # Something of every kind with an audience was found for someone, so the comparison bites.
    kinds = {d.kind for deadlines in found.values() for d in deadlines}
    audience_kinds = {e.kind for e in registry.deadline_kinds() if e.audience}
    if today == D(2026, 10, 19):
        assert audience_kinds - {"firms.training", "firms.assessment", "inspections.scheduled"} <= kinds


def test_every_bureau_user_gets_the_same_deadlines(county, staff, bureau_admin):
    today = datetime.date(2026, 10, 19)
    assert due_for_user(staff, today) == due_for_user(bureau_admin, today)
    assert due_for_user(staff, today)
