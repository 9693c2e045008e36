from bureau.permissions import Role
from firms import demo as firms_demo
from partybuild import checks
from partybuild import demo as party_demo
from partybuild.models import Branch, Meeting, Member
from tests.factories import UserFactory


def test_demo_seed_is_idempotent_and_the_checks_find_its_gaps(db):
    users = {
        name: UserFactory(username=name, role=role)
        for name, role in [
            ("admin", Role.BUREAU_ADMIN),
            ("staff", Role.BUREAU_STAFF),
            ("director", Role.FIRM_DIRECTOR),
            ("director2", Role.FIRM_DIRECTOR),
            ("inspector", Role.INSPECTOR),
            ("inspector2", Role.INSPECTOR),
        ]
    }
    firms_demo.seed(users)
    party_demo.seed(users)
    counts = (Branch.objects.count(), Member.objects.count(), Meeting.objects.count())
    party_demo.seed(users)
    assert (Branch.objects.count(), Member.objects.count(), Meeting.objects.count()) == counts
    assert set(Branch.objects.values_list("kind", flat=True)) == {"own", "joint", "sector"}
    assert set(Member.objects.values_list("stage", flat=True)) == set(Member.Stage.values)
    assert users["director"].has_perm("partybuild.manage_branch", Branch.objects.get(kind="own"))
    found = checks.findings_counts(2026)
    assert found["firms_without_branch"] == 1 and found["development_too_early"] == 1
    assert found["incomplete_archives"] >= 1 and found["conversions_overdue"] == 1
