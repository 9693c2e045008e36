"""The demo county's inspections: a verifiable draw and inspections in several states; seeding twice
changes nothing."""

import pytest

from bureau.demo import DEMO_ACCOUNTS
from bureau.models import User
from bureau.permissions import assign_role
from firms import demo as firms_demo
from inspections import demo, services
from inspections.models import Draw, Inspection, Plan, RectificationNotice, Visit
from inspections.selectors import visible_inspections

pytestmark = pytest.mark.django_db


def _users():
    users = {}
    for username, full_name, role in DEMO_ACCOUNTS:
        users[username], _ = User.objects.get_or_create(username=username, defaults={"full_name": full_name})
        assign_role(users[username], role)
    return users


def test_demo_seed_is_idempotent_and_shows_each_state():
    users = _users()
    firms_demo.seed(users)
    demo.seed(users)
    counts = (Plan.objects.count(), Draw.objects.count(), Inspection.objects.count(), Visit.objects.count())
    demo.seed(users)
    assert counts == (
        Plan.objects.count(),
        Draw.objects.count(),
        Inspection.objects.count(),
        Visit.objects.count(),
    )
    assert all(services.verify_draw(d).matches for d in Draw.objects.all())
    states = set(Inspection.objects.values_list("status", "rectification"))
    assert ("rectifying", "responded") in states  # the inspector has a report to verify
    assert ("rectifying", "pending") in states  # overdue
    assert ("closed", "completed") in states and ("closed", "none") in states
    assert ("scheduled", "none") in states
    assert Inspection.objects.filter(published_at__isnull=False).count() == 2
    assert RectificationNotice.objects.count() == 3
    # inspector sees the 明德所 inspection with its report; inspector2 does not.
    mingde = Inspection.objects.get(plan__year=2026, firm__name="示范县明德律师事务所")
    assert visible_inspections(users["inspector"]).filter(pk=mingde.pk).exists()
    assert not visible_inspections(users["inspector2"]).filter(pk=mingde.pk).exists()
    assert visible_inspections(users["director"]).filter(pk=mingde.pk).exists()
    assert not visible_inspections(users["director2"]).filter(pk=mingde.pk).exists()
