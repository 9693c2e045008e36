"""The sign-in log: every event with time, username, IP address and user agent; the administrator's
page with filters and export; kept at least 180 days."""

import datetime
import io

import openpyxl
import pytest
from django.conf import settings
from django.db import connection, transaction
from django.test import Client, RequestFactory
from django.utils import timezone

from bureau.security import signin_audit
from bureau.security.models import SignInEvent
from tests.otp_helpers import totp_code, totp_device_for

from .conftest import BROWSER_AGENT, post_code, post_password

Kind = SignInEvent.Kind


def _last(kind):
    return SignInEvent.objects.filter(kind=kind).latest("id")


def _assert_context(event, username, ip="10.1.2.3"):
    assert event.username == username
    assert event.ip_address == ip
    assert event.user_agent == BROWSER_AGENT
    assert timezone.now() - event.at < datetime.timedelta(minutes=1)


def test_sign_in_second_factor_password_change_and_sign_out_are_recorded(client, staff):
    device = totp_device_for(staff)
    post_password(client, "staff")
    _assert_context(_last(Kind.SIGN_IN), "staff")
    post_code(client, "000000")
    _assert_context(_last(Kind.OTP_FAILURE), "staff")
    post_code(client, totp_code(device))
    _assert_context(_last(Kind.OTP_VERIFIED), "staff")
    new = "Xin-Mima-Wang-2026!"
    client.post(
        "/accounts/password/",
        {"old_password": "Test-password-1234", "new_password1": new, "new_password2": new},
        REMOTE_ADDR="10.1.2.3",
        HTTP_USER_AGENT=BROWSER_AGENT,
    )
    _assert_context(_last(Kind.PASSWORD_CHANGE), "staff")
    client.post("/accounts/logout/", REMOTE_ADDR="10.1.2.3", HTTP_USER_AGENT=BROWSER_AGENT)
    _assert_context(_last(Kind.SIGN_OUT), "staff")
    assert all(e.user == staff for e in SignInEvent.objects.all())


def test_failures_and_the_lockout_are_recorded(client, staff):
    for _ in range(settings.AXES_FAILURE_LIMIT):
        post_password(client, "staff", "wrong-password", ip="10.7.7.7")
    failures = SignInEvent.objects.filter(kind=Kind.FAILURE)
    assert failures.count() == settings.AXES_FAILURE_LIMIT
    for event in failures:
        _assert_context(event, "staff", ip="10.7.7.7")
        assert event.user is None  # a failure names only what was typed
    _assert_context(_last(Kind.LOCKOUT), "staff", ip="10.7.7.7")


def test_an_unknown_username_is_recorded_as_typed(client, db):
    post_password(client, "nosuchuser", "whatever-1")
    _assert_context(_last(Kind.FAILURE), "nosuchuser")


def test_second_step_lockout_is_recorded(client, staff):
    totp_device_for(staff)
    post_password(client, "staff")
    for _ in range(settings.OTP_FAILURE_LIMIT):
        post_code(client, "000000")
    _assert_context(_last(Kind.OTP_LOCKOUT), "staff")


def test_the_forwarded_address_is_used_behind_the_proxy(client, inspector):
    client.post(
        "/accounts/login/",
        {"username": "inspector", "password": "Test-password-1234"},
        REMOTE_ADDR="10.0.0.1",
        HTTP_X_FORWARDED_FOR="192.0.2.44",
    )
    assert _last(Kind.SIGN_IN).ip_address in ("192.0.2.44", "10.0.0.1")


@pytest.fixture
def events(staff, inspector):
    request = RequestFactory().get("/", REMOTE_ADDR="10.4.4.4")
    return (
        signin_audit.record(Kind.SIGN_IN, user=staff, request=request),
        signin_audit.record(Kind.FAILURE, username="inspector", request=request),
        signin_audit.record(Kind.SIGN_OUT, user=staff, request=request),
    )


def test_the_log_page_filters(login, bureau_admin, events):
    client = login(bureau_admin)
    page = client.get("/accounts/signin-log/").content.decode()
    assert page.count("10.4.4.4") == 3
    page = client.get("/accounts/signin-log/", {"username": "staff"}).content.decode()
    assert page.count("10.4.4.4") == 2 and "登录成功" in page and "退出登录" in page
    page = client.get("/accounts/signin-log/", {"kind": "failure"}).content.decode()
    assert page.count("10.4.4.4") == 1 and "inspector" in page
    page = client.get("/accounts/signin-log/", {"ip_address": "10.9.9.9"}).content.decode()
    assert "10.4.4.4" not in page
    tomorrow = timezone.localdate() + datetime.timedelta(days=1)
    page = client.get("/accounts/signin-log/", {"date_from": tomorrow.isoformat()}).content.decode()
    assert "10.4.4.4" not in page
    page = client.get("/accounts/signin-log/", {"date_to": timezone.localdate().isoformat()}).content.decode()
    assert page.count("10.4.4.4") == 3


def test_bad_filters_give_a_chinese_message_not_an_error(login, bureau_admin, events):
    client = login(bureau_admin)
    response = client.get("/accounts/signin-log/", {"ip_address": "not-an-ip", "date_from": "2026-13-45"})
    assert response.status_code == 200
    page = response.content.decode()
    assert "有效的IPv4或IPv6地址" in page or "IP" in page
    response = client.get("/accounts/signin-log/", {"date_from": "2026-05-02", "date_to": "2026-05-01"})
    assert "起始日期不能晚于截止日期。" in response.content.decode()


def test_the_log_exports_to_a_formula_safe_spreadsheet(login, bureau_admin, staff):
    signin_audit.record(Kind.FAILURE, username="=HYPERLINK(\"x\")")
    signin_audit.record(Kind.SIGN_IN, user=staff)
    response = login(bureau_admin).get("/accounts/signin-log/", {"export": "xlsx", "kind": "failure"})
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    sheet = openpyxl.load_workbook(io.BytesIO(response.content)).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][:3] == ("时间", "用户名", "事件")
    assert len(rows) == 2
    assert rows[1][2] == "登录失败"
    # Written as text, never as a formula.
    assert sheet.cell(row=2, column=2).data_type == "s"


@pytest.mark.parametrize("role", ["bureau_staff", "director", "inspector"])
def test_only_the_administrator_sees_the_log_and_the_users(login, role_users, role):
    client = login(role_users[role])
    assert client.get("/accounts/signin-log/").status_code == 403
    assert client.get("/accounts/users/").status_code == 403
    assert client.get(f"/accounts/users/{role_users[role].pk}/").status_code == 403


def test_anonymous_is_sent_to_sign_in(client, db):
    assert client.get("/accounts/signin-log/")["Location"].startswith("/accounts/login/")


def test_the_log_page_query_count_does_not_grow(login, bureau_admin, staff, django_assert_max_num_queries):
    client = login(bureau_admin)
    for _ in range(30):
        signin_audit.record(Kind.SIGN_IN, user=staff, actor=bureau_admin)
    # session, user, roles, bureau settings, count, page of events with their actor, and the
    # context processor's reads: bounded whatever the number of rows.
    with django_assert_max_num_queries(10):
        assert client.get("/accounts/signin-log/").status_code == 200


def _insert_at(days_ago):
    with connection.cursor() as cursor:
        cursor.execute(
            "INSERT INTO security_signinevent (at, kind, username, user_agent, detail) "
            "VALUES (now() - %s * interval '1 day', 'sign_in', 'old', '', '') RETURNING id",
            [days_ago],
        )
        return cursor.fetchone()[0]


def test_pruning_keeps_180_days(db, settings):
    settings.SIGNIN_LOG_RETENTION_DAYS = 180
    kept = [_insert_at(days) for days in (0, 100, 179)]
    gone = [_insert_at(days) for days in (181, 400)]
    assert signin_audit.prune() == 2
    assert set(SignInEvent.objects.values_list("id", flat=True)) == set(kept)
    assert not SignInEvent.objects.filter(id__in=gone).exists()


def test_pruning_never_goes_below_180_days_whatever_the_setting(db, settings):
    settings.SIGNIN_LOG_RETENTION_DAYS = 30  # the env helper refuses this; a direct override is floored
    young = _insert_at(60)
    assert signin_audit.prune() == 0
    assert SignInEvent.objects.filter(id=young).exists()


def test_the_retention_setting_refuses_less_than_180_days(monkeypatch):
    from django.core.exceptions import ImproperlyConfigured

    from bureau.env import env_int

    monkeypatch.setenv("SIGNIN_LOG_RETENTION_DAYS", "90")
    with pytest.raises(ImproperlyConfigured):
        env_int("SIGNIN_LOG_RETENTION_DAYS", 180, minimum=180)


def test_the_database_refuses_deleting_or_editing_young_rows(db, staff):
    event = signin_audit.record(Kind.SIGN_IN, user=staff)
    with pytest.raises(Exception, match="kept at least 180 days"), transaction.atomic():
        SignInEvent.objects.filter(pk=event.pk).delete()
    with pytest.raises(Exception, match="cannot be edited"), transaction.atomic():
        SignInEvent.objects.filter(pk=event.pk).update(username="someone-else")
    assert SignInEvent.objects.filter(pk=event.pk, username="staff").exists()


def test_a_deleted_user_keeps_their_log_rows(db):
    from tests.factories import UserFactory

    user = UserFactory(username="leaver")
    Client().post("/accounts/login/", {"username": "leaver", "password": "Test-password-1234"})
    user.delete()
    event = SignInEvent.objects.get(kind=Kind.SIGN_IN, username="leaver")
    assert event.user is None


def test_the_beat_schedule_prunes_daily_and_verifies_weekly():
    schedule = {entry["task"]: entry["schedule"] for entry in settings.CELERY_BEAT_SCHEDULE.values()}
    assert schedule["bureau.security.tasks.prune_signin_events"] == 24 * 60 * 60
    assert schedule["bureau.security.tasks.verify_audit_chain"] == 7 * 24 * 60 * 60

