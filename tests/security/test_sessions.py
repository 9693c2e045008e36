"""Sessions: a user sees their active sessions and ends the others; an administrator ends a
user's sessions and disables the account at once."""

import pytest
from django.contrib.sessions.models import Session
from django.test import Client

from bureau.security.models import SignInEvent, UserSession

from .conftest import post_password


def _signed_in(username, agent):
    client = Client()
    assert post_password(client, username, agent=agent).status_code == 302
    return client


def test_a_user_sees_their_sessions_and_ends_the_others(inspector, inspector2):
    office = _signed_in("inspector", "OfficePC/1.0")
    phone = _signed_in("inspector", "Phone/2.0")
    laptop = _signed_in("inspector", "Laptop/3.0")
    someone_else = _signed_in("inspector2", "Other/9.9")
    page = office.get("/accounts/security/").content.decode()
    assert "OfficePC/1.0" in page and "Phone/2.0" in page and "Laptop/3.0" in page
    assert "Other/9.9" not in page
    assert page.count("当前会话") == 1

    response = office.post("/accounts/security/end-sessions/")
    assert response.status_code == 302
    assert office.get("/").status_code == 200
    for ended in (phone, laptop):
        assert ended.get("/")["Location"].startswith("/accounts/login/")
    assert someone_else.get("/").status_code == 200
    assert UserSession.objects.filter(user=inspector).count() == 1
    assert SignInEvent.objects.filter(user=inspector, kind=SignInEvent.Kind.SESSIONS_ENDED).exists()


def test_a_user_ends_one_session(inspector):
    office = _signed_in("inspector", "OfficePC/1.0")
    phone = _signed_in("inspector", "Phone/2.0")
    key = UserSession.objects.get(user=inspector, user_agent="Phone/2.0").session_key
    office.post("/accounts/security/end-sessions/", {"session_key": key})
    assert phone.get("/")["Location"].startswith("/accounts/login/")
    assert office.get("/").status_code == 200


def test_a_user_cannot_end_another_users_session(inspector, inspector2):
    office = _signed_in("inspector", "OfficePC/1.0")
    victim = _signed_in("inspector2", "Other/9.9")
    key = UserSession.objects.get(user=inspector2).session_key
    office.post("/accounts/security/end-sessions/", {"session_key": key})
    assert victim.get("/").status_code == 200
    assert Session.objects.filter(session_key=key).exists()


def test_ending_sessions_is_a_post(login, inspector):
    assert login(inspector).get("/accounts/security/end-sessions/").status_code == 405


def test_signing_out_removes_the_session_from_the_list(inspector):
    client = _signed_in("inspector", "OfficePC/1.0")
    client.post("/accounts/logout/")
    assert not UserSession.objects.filter(user=inspector).exists()


def test_the_administrator_disables_an_account_and_ends_its_sessions_at_once(login, bureau_admin, director):
    first = _signed_in("director", "A/1")
    second = _signed_in("director", "B/1")
    admin = login(bureau_admin)
    page = admin.get(f"/accounts/users/{director.pk}/").content.decode()
    assert "A/1" in page and "B/1" in page
    response = admin.post(f"/accounts/users/{director.pk}/", {"action": "disable", "user": director.pk})
    assert response.status_code == 302
    director.refresh_from_db()
    assert not director.is_active
    for client in (first, second):
        assert client.get("/")["Location"].startswith("/accounts/login/")
    assert not UserSession.objects.filter(user=director).exists()
    event = SignInEvent.objects.get(kind=SignInEvent.Kind.ACCOUNT_DISABLED)
    assert event.user == director and event.actor == bureau_admin
    # A disabled account cannot sign in again.
    again = Client()
    post_password(again, "director")
    assert again.get("/")["Location"].startswith("/accounts/login/")


def test_the_administrator_ends_a_users_sessions(login, bureau_admin, director):
    first = _signed_in("director", "A/1")
    login(bureau_admin).post(
        f"/accounts/users/{director.pk}/", {"action": "end_sessions", "user": director.pk}
    )
    assert first.get("/")["Location"].startswith("/accounts/login/")
    director.refresh_from_db()
    assert director.is_active


def test_the_administrator_cannot_lock_themself_out(login, bureau_admin):
    client = login(bureau_admin)
    response = client.post(
        f"/accounts/users/{bureau_admin.pk}/", {"action": "disable", "user": bureau_admin.pk}
    )
    assert response.status_code == 302
    bureau_admin.refresh_from_db()
    assert bureau_admin.is_active
    assert client.get("/").status_code == 200


def test_an_unknown_action_changes_nothing(login, bureau_admin, director):
    response = login(bureau_admin).post(
        f"/accounts/users/{director.pk}/", {"action": "drop", "user": director.pk}
    )
    assert response.status_code == 200
    assert "操作无效" in response.content.decode()
    director.refresh_from_db()
    assert director.is_active


def test_the_user_list_finds_users(login, bureau_admin, director, inspector):
    page = login(bureau_admin).get("/accounts/users/", {"q": "李主任"}).content.decode()
    assert "director" in page and "inspector" not in page


@pytest.mark.parametrize("role", ["bureau_admin", "bureau_staff", "director", "director2", "inspector"])
def test_every_role_sees_its_own_security_page(login, role_users, role):
    response = login(role_users[role]).get("/accounts/security/")
    assert response.status_code == 200
    assert "活动会话" in response.content.decode()
