"""The demo county's accounts: the bureau's are enrolled with DEMO_TOTP_SECRET (or a generated
secret kept under var/), so a tester can sign in; none is forced to change its password."""

import re

from django.test import Client
from django_otp.plugins.otp_totp.models import TOTPDevice

from bureau import demo
from bureau.security.passwords import password_expired
from bureau.security.twofactor import key_from_base32

from .conftest import post_code, post_password

SECRET = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP"


def test_bureau_accounts_are_enrolled_with_the_demo_secret(db, settings):
    settings.DEMO_PASSWORD = "Demo-Mima-2026!"
    settings.DEMO_TOTP_SECRET = SECRET
    password, users = demo.seed_demo_accounts()
    for username in ("admin", "staff"):
        device = TOTPDevice.objects.get(user=users[username], confirmed=True)
        assert device.key == key_from_base32(SECRET)
    for username in ("director", "director2", "inspector", "inspector2"):
        assert not TOTPDevice.objects.filter(user=users[username]).exists()
    for user in users.values():
        user.refresh_from_db()
        assert not user.must_change_password and not password_expired(user)
    # Reseeding changes nothing a tester relies on.
    demo.seed_demo_accounts()
    assert TOTPDevice.objects.filter(user=users["staff"]).count() == 1

    client = Client()
    post_password(client, "staff", password)
    assert post_code(client, demo.demo_totp_code()).status_code == 302
    assert client.get("/").status_code == 200


def test_a_generated_secret_is_kept_under_var(db, settings, tmp_path):
    settings.DEMO_TOTP_SECRET = ""
    settings.VAR_DIR = tmp_path
    first = demo.demo_totp_secret()
    assert re.fullmatch(r"[A-Z2-7]{32}", first)
    assert (tmp_path / "demo-totp-secret").read_text().strip() == first
    assert oct((tmp_path / "demo-totp-secret").stat().st_mode)[-3:] == "600"
    assert demo.demo_totp_secret() == first
    assert re.fullmatch(r"\d{6}", demo.demo_totp_code())
