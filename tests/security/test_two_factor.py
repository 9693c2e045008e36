"""Two-factor sign-in: bureau staff reach no page before the second step; five wrong codes lock
the step; a recovery code works once; enrolment; the administrator's reset; the role setting."""

import re

import pytest
from django.test import Client, override_settings
from django_otp.plugins.otp_static.models import StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from bureau.security.models import SignInEvent, UserSession
from bureau.security.twofactor import key_from_base32
from tests.bureau.test_access import _all_paths
from tests.otp_helpers import totp_code, totp_device_for

from .conftest import post_code, post_password

Kind = SignInEvent.Kind
STEP_PAGES = ("/accounts/otp/", "/accounts/otp/enrol/", "/accounts/logout/", "/i18n/setlang/")
PUBLIC = ("/healthz", "/public/", "/accounts/login/", "/i18n/")


def _kinds(user):
    return list(SignInEvent.objects.filter(user=user).order_by("id").values_list("kind", flat=True))


def _guarded_paths():
    """Every page that needs a login (a view marked login_not_required shows nothing private)."""
    from django.urls import Resolver404, resolve

    paths = []
    for path in _all_paths():
        if path.startswith(PUBLIC + STEP_PAGES):
            continue
        try:
            view = resolve(path).func
        except Resolver404:
            continue
        if getattr(view, "login_required", True) is not False:
            paths.append(path)
    return paths


@pytest.mark.parametrize("path", _guarded_paths())
def test_staff_reach_no_page_before_the_second_factor(client, staff, path):
    totp_device_for(staff)
    assert post_password(client, "staff").status_code == 302
    response = client.get(path)
    assert response.status_code == 302, path
    assert response["Location"] == "/accounts/otp/", path


def test_staff_without_a_device_are_sent_to_enrolment_and_cannot_skip_it(client, staff):
    post_password(client, "staff")
    assert client.get("/")["Location"] == "/accounts/otp/enrol/"
    assert client.get("/firms/")["Location"] == "/accounts/otp/enrol/"
    # A POST to a write view is stopped as well.
    assert client.post("/accounts/password/", {})["Location"] == "/accounts/otp/enrol/"


def test_htmx_requests_before_the_second_factor_get_a_redirect_header(client, staff):
    totp_device_for(staff)
    post_password(client, "staff")
    response = client.get("/", HTTP_HX_REQUEST="true")
    assert response.status_code == 204 and response["HX-Redirect"] == "/accounts/otp/"


def test_the_right_code_opens_the_portal(client, staff):
    device = totp_device_for(staff)
    post_password(client, "staff")
    assert client.get("/accounts/otp/").status_code == 200
    response = post_code(client, totp_code(device))
    assert response.status_code == 302 and response["Location"] == "/"
    assert "司法局工作台" in client.get("/").content.decode()
    assert _kinds(staff) == [Kind.SIGN_IN, Kind.OTP_VERIFIED]


def test_a_used_code_is_not_accepted_again(client, staff):
    device = totp_device_for(staff)
    code = totp_code(device)
    post_password(client, "staff")
    assert post_code(client, code).status_code == 302
    other = Client()
    post_password(other, "staff")
    assert post_code(other, code).status_code == 200  # replayed in the same 30 seconds
    assert other.get("/")["Location"] == "/accounts/otp/"


def test_directors_and_inspectors_need_no_second_factor_by_default(client, director, inspector):
    post_password(client, "director")
    assert client.get("/").status_code == 200
    other = Client()
    post_password(other, "inspector")
    assert other.get("/").status_code == 200


@override_settings(TWO_FACTOR_ROLES=["bureau_admin", "bureau_staff", "firm_director", "inspector"])
def test_a_setting_extends_the_second_factor_to_directors_and_inspectors(client, director, inspector):
    post_password(client, "director")
    assert client.get("/")["Location"] == "/accounts/otp/enrol/"
    other = Client()
    post_password(other, "inspector")
    assert other.get("/")["Location"] == "/accounts/otp/enrol/"


def test_five_wrong_codes_lock_the_second_step(client, staff, settings):
    assert settings.OTP_FAILURE_LIMIT == 5
    device = totp_device_for(staff)
    post_password(client, "staff")
    for _ in range(4):
        response = post_code(client, "000000")
        assert response.status_code == 200
        assert "动态口令不正确" in response.content.decode()
    locked = post_code(client, "000000")
    assert locked.status_code == 429
    assert "第二步验证已暂时锁定" in locked.content.decode()
    # Now even the right code is refused, and signing in again does not lift the lock.
    assert post_code(client, totp_code(device)).status_code == 429
    again = Client()
    post_password(again, "staff")
    assert post_code(again, totp_code(device)).status_code == 429
    assert again.get("/")["Location"] == "/accounts/otp/"
    staff.refresh_from_db()
    assert staff.otp_locked_until is not None
    kinds = _kinds(staff)
    assert kinds.count(Kind.OTP_FAILURE) == 5 and kinds.count(Kind.OTP_LOCKOUT) == 1


def test_the_lock_ends_after_the_cooloff(client, staff):
    import datetime

    from django.utils import timezone

    device = totp_device_for(staff)
    post_password(client, "staff")
    for _ in range(5):
        post_code(client, "000000")
    type(staff).objects.filter(pk=staff.pk).update(
        otp_locked_until=timezone.now() - datetime.timedelta(seconds=1)
    )
    assert post_code(client, totp_code(device)).status_code == 302


def test_a_right_code_resets_the_failure_count(client, staff):
    device = totp_device_for(staff)
    post_password(client, "staff")
    for _ in range(4):
        post_code(client, "000000")
    assert post_code(client, totp_code(device)).status_code == 302
    staff.refresh_from_db()
    assert staff.otp_failures == 0 and staff.otp_locked_until is None


def _enrol(client, user):
    """Enrol through the pages; returns (device, recovery codes)."""
    page = client.get("/accounts/otp/enrol/").content.decode()
    assert "<svg" in page and "data-otp-qr" in page
    # The page writes nothing: the key waits in the session until a code confirms it.
    assert not TOTPDevice.objects.filter(user=user).exists()
    secret = re.search(r"data-otp-secret>([A-Z2-7]+)<", page).group(1)
    # The same key again on reload (the QR code a user scanned stays valid).
    assert secret in client.get("/accounts/otp/enrol/").content.decode()
    code = totp_code(TOTPDevice(key=key_from_base32(secret)))
    response = client.post("/accounts/otp/enrol/", {"code": code})
    assert response.status_code == 200
    codes = re.findall(r"<li><code>(\d{10})</code></li>", response.content.decode())
    device = TOTPDevice.objects.get(user=user)
    assert device.key == key_from_base32(secret)
    return device, codes


def test_enrolment_with_qr_code_gives_ten_recovery_codes(client, staff):
    post_password(client, "staff")
    wrong = client.post("/accounts/otp/enrol/", {"code": "123456"})
    assert "动态口令不正确" in wrong.content.decode()
    device, codes = _enrol(client, staff)
    assert len(codes) == 10 and len(set(codes)) == 10
    device.refresh_from_db()
    assert device.confirmed
    assert StaticToken.objects.filter(device__user=staff).count() == 10
    # The enrolment verified this session.
    assert client.get("/").status_code == 200
    assert Kind.OTP_ENROLLED in _kinds(staff)


def test_an_unverified_session_cannot_replace_the_device(client, staff):
    totp_device_for(staff)
    post_password(client, "staff")
    assert client.get("/accounts/otp/enrol/")["Location"] == "/accounts/otp/"
    assert client.post("/accounts/otp/enrol/", {"code": "123456"})["Location"] == "/accounts/otp/"
    assert TOTPDevice.objects.filter(user=staff).count() == 1


def test_a_recovery_code_works_once(client, staff):
    post_password(client, "staff")
    _device, codes = _enrol(client, staff)
    client.post("/accounts/logout/")

    first = Client()
    post_password(first, "staff")
    assert post_code(first, codes[3]).status_code == 302
    assert first.get("/").status_code == 200
    assert StaticToken.objects.filter(device__user=staff).count() == 9

    second = Client()
    post_password(second, "staff")
    response = post_code(second, codes[3])
    assert response.status_code == 200 and "动态口令不正确" in response.content.decode()
    assert second.get("/")["Location"] == "/accounts/otp/"
    kinds = _kinds(staff)
    assert kinds.count(Kind.OTP_RECOVERY_USED) == 1 and kinds.count(Kind.OTP_FAILURE) == 1


def test_new_recovery_codes_replace_the_old(login, staff):
    client = login(staff)
    old = set(StaticToken.objects.filter(device__user=staff).values_list("token", flat=True))
    response = client.post("/accounts/otp/recovery-codes/")
    codes = set(re.findall(r"<li><code>(\d{10})</code></li>", response.content.decode()))
    assert len(codes) == 10
    assert set(StaticToken.objects.filter(device__user=staff).values_list("token", flat=True)) == codes
    assert not (old & codes)


def test_the_administrator_resets_a_users_second_factor(login, bureau_admin, staff):
    staff_client = login(staff)
    assert staff_client.get("/").status_code == 200
    response = login(bureau_admin).post(
        f"/accounts/users/{staff.pk}/", {"action": "reset_otp", "user": staff.pk}, REMOTE_ADDR="10.9.9.9"
    )
    assert response.status_code == 302
    assert not TOTPDevice.objects.filter(user=staff).exists()
    # The reset ends the staff member's sessions: the next request signs them out.
    assert staff_client.get("/")["Location"].startswith("/accounts/login/")
    assert not UserSession.objects.filter(user=staff).exists()
    event = SignInEvent.objects.get(kind=Kind.OTP_RESET)
    assert event.user == staff and event.actor == bureau_admin and event.ip_address == "10.9.9.9"
    # Signing in again goes to enrolment.
    fresh = Client()
    post_password(fresh, "staff")
    assert fresh.get("/")["Location"] == "/accounts/otp/enrol/"


@pytest.mark.parametrize("role", ["bureau_staff", "director", "inspector"])
def test_only_the_administrator_may_reset(login, role_users, role, staff):
    response = login(role_users[role]).post(
        f"/accounts/users/{staff.pk}/", {"action": "reset_otp", "user": staff.pk}
    )
    assert response.status_code == 403
    assert not SignInEvent.objects.filter(kind=Kind.OTP_RESET).exists()


def test_the_test_suites_signed_in_clients_are_verified_by_a_real_device(login, staff):
    """What the suite's force_login stands for (tests/conftest.py): a session verified by the
    staff member's own confirmed TOTP device."""
    client = login(staff)
    device = TOTPDevice.objects.get(user=staff)
    assert device.confirmed
    assert client.session["otp_device_id"] == device.persistent_id
