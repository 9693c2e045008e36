"""Dates the user states: each form offers today, and refuses a day in the future or before the
event it follows, in Chinese on the form, saving nothing."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from partybuild import services
from partybuild.models import Branch, LiaisonTraining, Member, Transfer

from .helpers import D, make_member
from .test_date_order import _branch_form

TOMORROW = (timezone.localdate() + datetime.timedelta(days=1)).isoformat()


@pytest.mark.parametrize(
    "changes, message",
    [
        ({"status": "dissolved"}, "撤销党支部须填写撤销日期。"),
        ({"status": "dissolved", "dissolved_on": "2019-12-31"}, "撤销日期不能早于支部成立日期。"),
        ({"status": "dissolved", "dissolved_on": TOMORROW}, "日期不能晚于今天。"),
        ({"status": "active", "dissolved_on": "2024-01-01"}, "支部状态为正常时不应填写撤销日期。"),
        ({"founded_on": TOMORROW}, "日期不能晚于今天。"),
    ],
)
def test_branch_form_refuses_a_wrong_dissolution_or_founding_date(
    login, staff, branch, firm, changes, message
):
    response = login(staff).post(f"/party/branches/{branch.pk}/edit/", _branch_form(branch, firm, **changes))
    assert message in response.content.decode()
    branch.refresh_from_db()
    assert (branch.status, branch.dissolved_on, branch.founded_on) == ("active", None, D(2020, 1, 1))


def test_branch_dissolved_on_a_past_day_is_saved(login, staff, branch, firm):
    response = login(staff).post(
        f"/party/branches/{branch.pk}/edit/",
        _branch_form(branch, firm, status="dissolved", dissolved_on="2024-06-30"),
    )
    assert response.status_code == 302
    branch.refresh_from_db()
    assert (branch.status, branch.dissolved_on) == (Branch.Status.DISSOLVED, D(2024, 6, 30))


def test_training_in_the_future_is_refused_on_the_form(login, staff):
    client = login(staff)
    response = client.post(
        "/party/liaisons/",
        {"training": "1", "t-title": "明日培训", "t-held_on": TOMORROW, "t-hours": "2"},
    )
    assert "培训日期不能晚于今天。" in response.content.decode()
    assert not LiaisonTraining.objects.exists()
    client.post(
        "/party/liaisons/",
        {"training": "1", "t-title": "往年培训", "t-held_on": "2023-05-06", "t-hours": "2"},
    )
    assert LiaisonTraining.objects.get().held_on == D(2023, 5, 6)


def test_forms_offer_today(login, staff, branch):
    today = timezone.localdate().isoformat()
    client = login(staff)
    assert f'value="{today}"' in client.get("/party/liaisons/").content.decode()
    assert f'value="{today}"' in client.get(f"/party/members/new/?branch={branch.pk}").content.decode()
    member = branch.staff_member
    assert f'value="{today}"' in client.get(f"/party/members/{member.pk}/").content.decode()


def test_transfer_before_the_member_applied_is_refused(login, staff, branch, firm):
    member = make_member(branch, "新人", Member.Stage.APPLICANT, firm=firm, applied_on=D(2024, 3, 1))
    response = login(staff).post(
        f"/party/members/{member.pk}/transfer/", {"on_date": "2024-02-01", "to_organisation": "外县党委"}
    )
    assert "转接日期不能早于该党员的入党申请日期（2024-03-01）。" in response.content.decode()
    member.refresh_from_db()
    assert member.status == Member.Status.ACTIVE and not Transfer.objects.filter(member=member).exists()
    # A past day after the application is taken as stated.
    services.member_transfer(member=member, on_date=D(2024, 9, 1), to_organisation="外县党委")
    assert Transfer.objects.get(member=member).on_date == D(2024, 9, 1)


def test_transfer_into_a_branch_before_it_was_founded_is_refused(branch, firm):
    later = services.branch_create(name="行业党支部", kind=Branch.Kind.SECTOR, founded_on=D(2024, 1, 1))
    member = make_member(branch, "老党员", firm=firm)
    with pytest.raises(ValidationError) as caught:
        services.member_transfer(member=member, on_date=D(2023, 6, 1), to_branch=later)
    assert caught.value.message_dict == {"on_date": ["转接日期不能早于转入支部的成立日期。"]}


def test_transfer_in_on_a_future_day_is_refused(branch, firm):
    with pytest.raises(ValidationError) as caught:
        services.member_create(
            branch=branch,
            name="转入",
            firm=firm,
            stage=Member.Stage.APPLICANT,
            applied_on=D(2024, 1, 1),
            transfer_from="外县党委",
            transfer_on=timezone.localdate() + datetime.timedelta(days=1),
        )
    assert caught.value.message_dict == {"transfer_on": ["转入日期不能晚于今天。"]}
    assert not Member.objects.filter(name="转入").exists()
