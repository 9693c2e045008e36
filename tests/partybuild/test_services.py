"""Writes: development steps, transfers, branches, committees, meetings. Bad input is refused with a
message and nothing is saved."""

import pytest
from django.core.exceptions import ValidationError

from partybuild import checks, services
from partybuild.models import Attendance, Branch, BranchFirm, CommitteeSeat, Meeting, Member, Transfer
from tests.factories import FirmFactory, LawyerFactory

from .helpers import D, make_member

S = Member.Stage


def _applicant(branch, **kw):
    return services.member_create(
        branch=branch, stage=S.APPLICANT, name="申请人", applied_on=D(2024, 1, 5), **kw
    )


def test_member_linked_to_a_lawyer_takes_name_and_firm(branch, firm):
    lawyer = LawyerFactory(firm=firm, name="王律师")
    member = services.member_create(branch=branch, stage=S.APPLICANT, lawyer=lawyer, applied_on=D(2024, 1, 5))
    assert (member.name, member.firm) == ("王律师", firm)


def test_member_from_a_firm_outside_the_branch_is_refused(branch, other_firm):
    with pytest.raises(ValidationError, match="不在此支部覆盖范围"):
        services.member_create(
            branch=branch, stage=S.APPLICANT, name="外所", firm=other_firm, applied_on=D(2024, 1, 5)
        )
    assert not Member.objects.filter(name="外所").exists()


def test_step_dated_before_the_previous_step_is_refused(branch):
    member = _applicant(branch)
    with pytest.raises(ValidationError) as exc:
        services.member_advance(member=member, on_date=D(2024, 1, 4))
    assert "不能早于上一步" in exc.value.message_dict["on_date"][0]
    member.refresh_from_db()
    assert member.stage == S.APPLICANT and member.activist_on is None


def test_step_dates_in_order_on_registration(branch):
    with pytest.raises(ValidationError) as exc:
        services.member_create(
            branch=branch, stage=S.ACTIVIST, name="乱序", applied_on=D(2024, 5, 1), activist_on=D(2024, 4, 1)
        )
    assert "activist_on" in exc.value.message_dict
    assert not Member.objects.filter(name="乱序").exists()


def test_activist_becomes_target_only_after_a_year(branch):
    member = _applicant(branch)
    services.member_advance(member=member, on_date=D(2024, 3, 1))
    with pytest.raises(ValidationError, match="一年以上培养考察.*2025-03-01"):
        services.member_advance(member=member, on_date=D(2025, 2, 28))
    member = services.member_advance(member=member, on_date=D(2025, 3, 1))
    assert member.stage == S.TARGET and member.target_on == D(2025, 3, 1)
    assert list(checks.development_too_early()) == []


def test_import_keeps_an_early_step_and_the_check_lists_it(branch):
    rows = [
        {
            "name": "导入甲",
            "stage": S.TARGET,
            "applied_on": D(2023, 1, 1),
            "activist_on": D(2023, 3, 1),
            "target_on": D(2023, 9, 1),
        },
        {
            "name": "导入乙",
            "stage": S.TARGET,
            "applied_on": D(2023, 1, 1),
            "activist_on": D(2023, 3, 1),
            "target_on": D(2024, 3, 1),
        },
    ]
    imported = services.members_import(branch=branch, rows=rows)
    assert all(m.imported for m in imported)
    assert [m.name for m in checks.development_too_early()] == ["导入甲"]


def test_import_still_refuses_dates_out_of_order(branch):
    rows = [
        {"name": "导入丙", "stage": S.ACTIVIST, "applied_on": D(2023, 5, 1), "activist_on": D(2023, 3, 1)}
    ]
    with pytest.raises(ValidationError):
        services.members_import(branch=branch, rows=rows)
    assert not Member.objects.filter(name="导入丙").exists()


def test_future_step_is_refused(branch):
    member = _applicant(branch)
    with pytest.raises(ValidationError, match="不能晚于今天"):
        services.member_advance(member=member, on_date=D(2099, 1, 1))


def test_transfer_in_records_the_origin(branch):
    member = services.member_create(
        branch=branch,
        stage=S.APPLICANT,
        name="转入者",
        applied_on=D(2020, 1, 1),
        transfer_from="某县律师行业党委",
        transfer_on=D(2026, 3, 1),
    )
    t = member.transfers.get()
    assert (t.direction, t.other_organisation, t.on_date) == ("in", "某县律师行业党委", D(2026, 3, 1))


def test_transfer_out_and_between_branches(branch, other_branch, other_firm):
    member = branch.staff_member
    member.firm = None  # a bureau-level member, so the move is not blocked by firm coverage
    member.save()
    services.member_transfer(member=member, on_date=D(2026, 4, 1), to_branch=other_branch)
    member.refresh_from_db()
    assert member.branch == other_branch and member.status == "active"
    assert list(member.transfers.values_list("direction", "branch__name")) == [
        ("out", "甲所党支部"),
        ("in", "乙所党支部"),
    ]
    services.member_transfer(member=member, on_date=D(2026, 5, 1), to_organisation="外省某律所党支部")
    member.refresh_from_db()
    assert member.branch is None and member.status == "out"
    with pytest.raises(ValidationError):
        services.member_transfer(member=member, on_date=D(2026, 6, 1), to_organisation="again")
    assert Transfer.objects.filter(member=member).count() == 3


def test_a_firm_belongs_to_one_branch_only(firm, branch):
    with pytest.raises(ValidationError, match="已由其他支部覆盖"):
        services.branch_create(
            name="重复", kind=Branch.Kind.JOINT, founded_on=D(2026, 1, 1), firms=[firm, FirmFactory()]
        )
    assert not Branch.objects.filter(name="重复").exists()


def test_own_branch_covers_exactly_one_firm_and_joint_at_least_two(db):
    a, b = FirmFactory(), FirmFactory()
    with pytest.raises(ValidationError, match="独立党支部"):
        services.branch_create(name="x", kind=Branch.Kind.OWN, founded_on=D(2026, 1, 1), firms=[a, b])
    with pytest.raises(ValidationError, match="联合党支部"):
        services.branch_create(name="y", kind=Branch.Kind.JOINT, founded_on=D(2026, 1, 1), firms=[a])
    joint = services.branch_create(name="z", kind=Branch.Kind.JOINT, founded_on=D(2026, 1, 1), firms=[a, b])
    assert set(BranchFirm.objects.filter(branch=joint).values_list("firm", flat=True)) == {a.pk, b.pk}


def test_stale_branch_edit_is_refused(branch):
    branch.name = "新名"
    services.branch_update(branch=branch, expected_version=1, fields=["name"])
    branch.name = "另一个名"
    with pytest.raises(ValidationError, match="已被他人修改"):
        services.branch_update(branch=branch, expected_version=1, fields=["name"])
    assert Branch.objects.get(pk=branch.pk).name == "新名"


def test_committee_has_three_to_five_full_members_of_the_branch(branch, other_branch):
    full = [make_member(branch, f"委员{i}") for i in range(3)]
    with pytest.raises(ValidationError, match="3至5"):
        services.branch_set_committee(branch=branch, elected_on=D(2026, 1, 1), seats=[(full[0], "member")])
    with pytest.raises(ValidationError, match="不是本支部的正式党员"):
        services.branch_set_committee(
            branch=branch,
            elected_on=D(2026, 1, 1),
            seats=[(m, "member") for m in full[:2]] + [(other_branch.member, "member")],
        )
    assert not CommitteeSeat.objects.exists()
    services.branch_set_committee(
        branch=branch, elected_on=D(2026, 1, 1), seats=[(m, "member") for m in full]
    )
    branch.refresh_from_db()
    assert branch.committee.count() == 3 and branch.committee_term_ends == D(2029, 1, 1)


def _meeting(branch, staff, **kw):
    args = {
        "branch": branch,
        "kind": "members",
        "held_on": D(2026, 6, 1),
        "topic": "学习",
        "host": "甲",
        "user": staff,
    }
    args.update(kw)
    return services.meeting_record(**args)


def test_attendee_from_another_branch_is_refused(branch, other_branch, staff):
    with pytest.raises(ValidationError, match="有1人不是本支部在册党员"):
        _meeting(branch, staff, present=[branch.staff_member, other_branch.member])
    assert Meeting.objects.filter(topic="学习").count() == 0 and Attendance.objects.count() == 0


def test_absentee_needs_a_reason(branch, staff):
    with pytest.raises(ValidationError, match="缺席原因"):
        _meeting(branch, staff, present=[branch.staff_member], absent={branch.lawyer_member: " "})
    meeting = _meeting(branch, staff, present=[branch.staff_member], absent={branch.lawyer_member: "出庭"})
    assert sorted(meeting.attendance.values_list("present", "absence_reason")) == [
        (False, "出庭"),
        (True, ""),
    ]


def test_meeting_before_founding_or_in_future_is_refused(branch, staff):
    with pytest.raises(ValidationError, match="早于支部成立"):
        _meeting(branch, staff, held_on=D(2019, 1, 1))
    with pytest.raises(ValidationError, match="晚于今天"):
        _meeting(branch, staff, held_on=D(2099, 1, 1))
