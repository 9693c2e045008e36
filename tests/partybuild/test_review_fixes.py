"""Regressions found in review: advancing an imported early step, committee seats on transfer,
malformed CSV rows, non-ASCII ids."""

import datetime

from django.core.files.uploadedfile import SimpleUploadedFile

from partybuild import services
from partybuild.imports import parse_members_csv
from partybuild.models import Branch, CommitteeSeat, Member

from .helpers import make_branch, make_member

D = datetime.date


def test_member_imported_with_an_early_target_step_can_still_advance(db, firm):
    branch = make_branch("甲支部", firm, kind=Branch.Kind.OWN)
    # Became a development target three months after becoming an activist (recorded as imported).
    member = make_member(
        branch, "早", Member.Stage.TARGET, activist_on=D(2024, 1, 1), target_on=D(2024, 4, 1)
    )
    services.member_advance(member=member, on_date=D(2025, 5, 1))
    member.refresh_from_db()
    assert member.stage == Member.Stage.PROBATIONARY


def test_transfer_to_another_local_branch_leaves_the_old_committee(db, firm, other_firm):
    old = make_branch("旧支部", firm, kind=Branch.Kind.OWN)
    new = make_branch("新支部", other_firm, kind=Branch.Kind.OWN)
    member = make_member(old, "委员甲")
    CommitteeSeat.objects.create(branch=old, member=member, position=CommitteeSeat.Position.values[0])
    services.member_transfer(member=member, on_date=D(2026, 3, 1), to_branch=new)
    assert not CommitteeSeat.objects.filter(member=member).exists()


def test_short_csv_row_is_reported_not_a_crash(db, firm):
    import pytest
    from django.core.exceptions import ValidationError

    from partybuild.imports import IMPORT_COLUMNS

    branch = make_branch("甲支部", firm, kind=Branch.Kind.OWN)
    header = ",".join(c for c, _h in IMPORT_COLUMNS)
    upload = SimpleUploadedFile("m.csv", (header + "\n只有姓名\n").encode("utf-8"))
    with pytest.raises(ValidationError):
        parse_members_csv(upload, branch=branch)


def test_non_ascii_digit_in_branch_id_is_not_a_500(login, staff):
    client = login(staff)
    assert client.get("/party/meetings/", {"branch": "²"}).status_code in (200, 404)
    assert client.get("/party/meetings/new/", {"branch": "²"}).status_code == 404
