"""Who may see and do what, per view and per role. `branch` is 甲所 (kept by `director`, granted to
`secretary`); `other_branch` is 乙所 (kept by `director2`, granted to `secretary2`)."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from partybuild.models import Attachment
from partybuild.services import attachment_add

from .test_uploads import PNG

READERS_OF_BRANCH = {"bureau_admin", "bureau_staff", "director", "secretary"}
EVERYONE = [
    "bureau_admin",
    "bureau_staff",
    "director",
    "director2",
    "inspector",
    "inspector2",
    "no_role",
    "secretary",
    "secretary2",
]


def _status(login, user, url, method="get", data=None):
    client = login(user)
    return getattr(client, method)(url, data or {}).status_code


@pytest.mark.parametrize("who", EVERYONE)
def test_index_lists_only_visible_branches(login, everyone, who):
    response = login(everyone[who]).get("/party/")
    if who in ("inspector", "inspector2", "no_role"):
        assert response.status_code == 403
        return
    assert response.status_code == 200
    body = response.content.decode()
    sees_a = who in READERS_OF_BRANCH
    sees_b = who in ("bureau_admin", "bureau_staff", "director2", "secretary2")
    assert ("甲所党支部" in body) is sees_a
    assert ("乙所党支部" in body) is sees_b


@pytest.mark.parametrize("who", EVERYONE)
def test_branch_detail(login, everyone, branch, who):
    response = login(everyone[who]).get(f"/party/branches/{branch.pk}/")
    assert response.status_code == (200 if who in READERS_OF_BRANCH else 404)
    if response.status_code == 200:
        assert "甲行政" in response.content.decode()
        assert "乙党员" not in response.content.decode()


def test_guessed_branch_id_is_404(login, director):
    assert login(director).get("/party/branches/999999/").status_code == 404


@pytest.mark.parametrize("who", EVERYONE)
def test_branch_edit_and_committee(login, everyone, branch, who):
    for url in (f"/party/branches/{branch.pk}/edit/", f"/party/branches/{branch.pk}/committee/"):
        expected = (
            200 if who in ("bureau_admin", "bureau_staff") else 403 if who in READERS_OF_BRANCH else 404
        )
        assert _status(login, everyone[who], url) == expected


@pytest.mark.parametrize("who", EVERYONE)
def test_creation_pages_are_for_the_bureau(login, everyone, who):
    for url in ("/party/branches/new/", "/party/members/new/", "/party/checks/", "/party/liaisons/"):
        assert _status(login, everyone[who], url) == (200 if who in ("bureau_admin", "bureau_staff") else 403)


@pytest.mark.parametrize("who", EVERYONE)
def test_member_detail(login, everyone, branch, other_branch, who):
    response = login(everyone[who]).get(f"/party/members/{branch.staff_member.pk}/")
    assert response.status_code == (200 if who in READERS_OF_BRANCH else 404)
    other = login(everyone[who]).get(f"/party/members/{other_branch.member.pk}/")
    assert other.status_code == (
        200 if who in ("bureau_admin", "bureau_staff", "director2", "secretary2") else 404
    )


@pytest.mark.parametrize("who", EVERYONE)
def test_member_writes_are_for_the_bureau(login, everyone, branch, who):
    member = branch.staff_member
    for action, data in (
        ("advance", {"on_date": "2026-01-01"}),
        ("archive", {"version": 1}),
        ("transfer", {"on_date": "2026-01-01", "to_organisation": "x"}),
    ):
        status = _status(login, everyone[who], f"/party/members/{member.pk}/{action}/", "post", data)
        if who in ("bureau_admin", "bureau_staff"):
            assert status in (302, 400)
        else:
            assert status == (403 if who in READERS_OF_BRANCH else 404)
    member.refresh_from_db()
    if who not in ("bureau_admin", "bureau_staff"):
        assert member.status == "active" and member.version == 1


@pytest.mark.parametrize("who", EVERYONE)
def test_meeting_list_shows_only_visible_meetings(login, everyone, who):
    response = login(everyone[who]).get("/party/meetings/?year=2026")
    if who in ("inspector", "inspector2", "no_role"):
        assert response.status_code == 403
        return
    body = response.content.decode()
    assert ("甲所党员大会" in body) is (who in READERS_OF_BRANCH)
    assert ("乙所党课" in body) is (who in ("bureau_admin", "bureau_staff", "director2", "secretary2"))


@pytest.mark.parametrize("who", EVERYONE)
def test_meeting_detail(login, everyone, branch, who):
    status = _status(login, everyone[who], f"/party/meetings/{branch.meeting.pk}/")
    assert status == (200 if who in READERS_OF_BRANCH else 404)


@pytest.mark.parametrize("who", EVERYONE)
def test_meeting_recording_is_for_bureau_and_the_branch_secretary(login, everyone, branch, who):
    status = _status(login, everyone[who], f"/party/meetings/new/?branch={branch.pk}")
    if who in ("bureau_admin", "bureau_staff", "secretary"):
        assert status == 200
    else:
        assert status == (403 if who == "director" else 404)


def test_secretary_cannot_record_for_another_branch_by_post(login, secretary, other_branch):
    data = {"branch": other_branch.pk, "kind": "members", "held_on": "2026-06-01", "topic": "x", "host": "y"}
    assert login(secretary).post("/party/meetings/new/", data).status_code == 404
    assert other_branch.meetings.count() == 1


@pytest.mark.parametrize("who", EVERYONE)
def test_attachment_download_and_upload(login, everyone, branch, staff, who):
    attachment = attachment_add(meeting=branch.meeting, upload=SimpleUploadedFile("a.png", PNG), user=staff)
    status = _status(login, everyone[who], f"/party/attachments/{attachment.pk}/")
    assert status == (200 if who in READERS_OF_BRANCH else 404)
    upload = {"file": SimpleUploadedFile("b.png", PNG)}
    status = _status(
        login, everyone[who], f"/party/meetings/{branch.meeting.pk}/attachments/", "post", upload
    )
    if who in ("bureau_admin", "bureau_staff", "secretary"):
        assert status == 302
    else:
        assert status == (403 if who == "director" else 404)
    expected = 2 if who in ("bureau_admin", "bureau_staff", "secretary") else 1
    assert Attachment.objects.filter(meeting=branch.meeting).count() == expected


def test_anonymous_is_sent_to_login(client, branch):
    for url in ("/party/", f"/party/branches/{branch.pk}/", "/party/meetings/", "/party/checks/"):
        response = client.get(url)
        assert response.status_code == 302 and "/accounts/login/" in response["Location"]


@pytest.mark.parametrize("who", EVERYONE)
def test_import_and_secretary_revoke(login, everyone, branch, who):
    expected = 200 if who in ("bureau_admin", "bureau_staff") else 403 if who in READERS_OF_BRANCH else 404
    assert _status(login, everyone[who], f"/party/branches/{branch.pk}/import/") == expected
    secretary = everyone["secretary"]
    status = _status(
        login, everyone[who], f"/party/branches/{branch.pk}/secretaries/{secretary.pk}/revoke/", "post"
    )
    assert status == (302 if expected == 200 else expected)
    assert secretary.has_perm("partybuild.manage_branch", branch) is (expected != 200)
