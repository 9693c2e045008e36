"""Login, lockout, session expiry, logout, password change."""

import datetime

import pytest
from django.conf import settings
from django.contrib.sessions.models import Session
from django.test import Client
from django.utils import timezone

from bureau.security.middleware import RENEWED_AT_SESSION_KEY
from tests.factories import TEST_PASSWORD
from tests.otp_helpers import totp_code, totp_device_for


def _post_login(client, username, password, ip="10.0.0.1"):
    return client.post("/accounts/login/", {"username": username, "password": password}, REMOTE_ADDR=ip)


def _sign_in_both_steps(client, user):
    """Password, then the TOTP code of the user's device (bureau staff need both)."""
    device = totp_device_for(user)
    assert _post_login(client, user.username, TEST_PASSWORD).status_code == 302
    response = client.post("/accounts/otp/", {"code": totp_code(device)})
    assert response.status_code == 302 and response["Location"] == "/"


def test_login_page_is_chinese(client, db):
    html = client.get("/accounts/login/").content.decode()
    assert "用户登录" in html and "密码" in html
    assert '<html lang="zh-hans">' in html


def test_login_lands_on_dashboard(client, staff):
    response = _post_login(client, "staff", TEST_PASSWORD)
    assert response.status_code == 302 and response["Location"] == "/"
    # Bureau staff pass the second step first (tests/security covers it in full).
    totp = totp_code(totp_device_for(staff))
    assert client.get("/").status_code == 302
    assert client.post("/accounts/otp/", {"code": totp})["Location"] == "/"
    assert "司法局工作台" in client.get("/").content.decode()


def test_wrong_password_shows_chinese_error(client, staff):
    response = _post_login(client, "staff", "wrong-password")
    assert response.status_code == 200
    assert "请输入一个正确的" in response.content.decode()


def test_lockout_after_configured_failures(client, staff):
    limit = settings.AXES_FAILURE_LIMIT
    for _ in range(limit - 1):
        assert _post_login(client, "staff", "wrong").status_code == 200
    locked = _post_login(client, "staff", "wrong")
    assert locked.status_code == 429
    assert "暂时锁定" in locked.content.decode()
    # Even the right password is refused now, from that address.
    assert _post_login(Client(), "staff", TEST_PASSWORD).status_code == 429
    # The lock is keyed on username and IP: the same user from another address may still sign in.
    assert _post_login(Client(), "staff", TEST_PASSWORD, ip="10.0.0.2").status_code == 302


def test_lockout_of_one_username_does_not_lock_another(client, staff, inspector):
    for _ in range(settings.AXES_FAILURE_LIMIT):
        _post_login(client, "staff", "wrong")
    assert _post_login(Client(), "inspector", TEST_PASSWORD).status_code == 302


def test_session_expires_after_idle_and_at_browser_close(client, staff):
    assert settings.SESSION_COOKIE_AGE == 30 * 60
    assert settings.SESSION_EXPIRE_AT_BROWSER_CLOSE and settings.SESSION_RENEW_SECONDS == 60
    _sign_in_both_steps(client, staff)
    response = client.get("/")
    assert response.status_code == 200
    # The cookie (set at sign-in) has no Max-Age: it dies with the browser.
    assert not client.cookies[settings.SESSION_COOKIE_NAME]["max-age"]
    # 31 idle minutes later the session is gone.
    Session.objects.update(expire_date=timezone.now() - datetime.timedelta(minutes=1))
    response = client.get("/")
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_activity_renews_the_session(client, staff):
    _sign_in_both_steps(client, staff)
    # 25 idle minutes: five are left, and the session's stamp says it was renewed 25 minutes ago.
    session = client.session
    session[RENEWED_AT_SESSION_KEY] -= 25 * 60
    session.save()
    Session.objects.update(expire_date=timezone.now() + datetime.timedelta(minutes=5))
    client.get("/")
    remaining = Session.objects.get().expire_date - timezone.now()
    assert remaining > datetime.timedelta(minutes=29)


def test_logout_is_a_post_and_ends_the_session(login, staff):
    client = login(staff)
    response = client.post("/accounts/logout/")
    assert response.status_code == 302 and response["Location"] == "/accounts/login/"
    assert client.get("/").status_code == 302


def test_password_change(login, staff):
    client = login(staff)
    assert "修改密码" in client.get("/accounts/password/").content.decode()
    response = client.post(
        "/accounts/password/",
        {"old_password": TEST_PASSWORD, "new_password1": "Xin-mima-2026!", "new_password2": "Xin-mima-2026!"},
    )
    assert response.status_code == 302
    staff.refresh_from_db()
    assert staff.check_password("Xin-mima-2026!")


def test_password_change_rejects_short_password_with_message(login, staff):
    response = login(staff).post(
        "/accounts/password/", {"old_password": TEST_PASSWORD, "new_password1": "abc", "new_password2": "abc"}
    )
    assert response.status_code == 200
    assert "密码长度太短" in response.content.decode()


@pytest.mark.django_db
def test_english_switch_renders_english_page(client):
    response = client.post("/i18n/setlang/", {"language": "en", "next": "/accounts/login/"})
    assert response.status_code == 302
    html = client.get("/accounts/login/").content.decode()
    assert '<html lang="en">' in html
    assert "Sign in" in html and "Password" in html
    assert "用户登录" not in html
