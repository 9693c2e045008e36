"""The demo county (示范县): a clearly fictional county for development and demonstrations.
Each app adds its part through seed functions listed in DEMO_SEEDERS; all are idempotent."""

import secrets
from pathlib import Path

from django.conf import settings
from django.db import transaction

from .models import BureauSettings, User
from .permissions import Role, assign_role
from .validators import credit_code_check_char

DEMO_ACCOUNTS = [
    # username, full name, role
    ("admin", "系统管理员", Role.BUREAU_ADMIN),
    ("staff", "王科员", Role.BUREAU_STAFF),
    ("director", "李文博", Role.FIRM_DIRECTOR),
    ("director2", "赵雅琴", Role.FIRM_DIRECTOR),
    ("inspector", "陈检查员", Role.INSPECTOR),
    ("inspector2", "刘检查员", Role.INSPECTOR),
]

# Seeders of the other apps, as dotted paths, called in order with the dict of demo users.
DEMO_SEEDERS = ["firms.demo.seed", "partybuild.demo.seed", "inspections.demo.seed", "casework.demo.seed"]


def demo_credit_code(serial):
    """A well-formed law-firm credit code in a fictional division (999999)."""
    first17 = f"31999999MD{serial:06d}A"[:17]
    return first17 + credit_code_check_char(first17)


def demo_id_number(birth, serial):
    """A well-formed identity number in a fictional division (629999)."""
    from .validators import id_number_check_char

    first17 = f"629999{birth:%Y%m%d}{serial % 1000:03d}"
    return first17 + id_number_check_char(first17)


def demo_password():
    """DEMO_PASSWORD, else one generated once and kept under var/ so that reruns agree."""
    if settings.DEMO_PASSWORD:
        return settings.DEMO_PASSWORD
    path = Path(settings.VAR_DIR) / "demo-password"
    if path.exists():
        return path.read_text().strip()
    path.parent.mkdir(parents=True, exist_ok=True)
    password = "Demo-" + secrets.token_urlsafe(9)
    path.write_text(password + "\n")
    path.chmod(0o600)
    return password


def demo_totp_secret():
    """DEMO_TOTP_SECRET (base32), else one generated once and kept under var/, so that a tester's
    authenticator app, set up once, keeps working across reruns."""
    from base64 import b32encode

    if settings.DEMO_TOTP_SECRET:
        return settings.DEMO_TOTP_SECRET.strip().replace(" ", "").upper()
    path = Path(settings.VAR_DIR) / "demo-totp-secret"
    if path.exists():
        return path.read_text().strip()
    path.parent.mkdir(parents=True, exist_ok=True)
    secret = b32encode(secrets.token_bytes(20)).decode()
    path.write_text(secret + "\n")
    path.chmod(0o600)
    return secret


def demo_totp_code():
    """The demo accounts' current six-digit code, for a tester without an authenticator app."""
    from django_otp.oath import TOTP

    from .security.twofactor import key_from_base32

    return f"{TOTP(bytes.fromhex(key_from_base32(demo_totp_secret()))).token():06d}"


def _enrol_demo_second_factor(user):
    from .security.twofactor import enrol_with_secret, otp_required_for

    if otp_required_for(user):
        enrol_with_secret(user=user, secret=demo_totp_secret())


@transaction.atomic
def seed_demo_accounts():
    """One account per role, with the demo password; the bureau's accounts enrolled for two-factor
    sign-in with the demo TOTP secret."""
    password = demo_password()
    users = {}
    for username, full_name, role in DEMO_ACCOUNTS:
        user, _ = User.objects.get_or_create(username=username, defaults={"full_name": full_name})
        user.full_name = full_name
        user.set_password(password)
        if role == Role.BUREAU_ADMIN:
            user.is_staff = user.is_superuser = True
        # Demo accounts are handed over with a known password: no forced change at sign-in.
        user.must_change_password = False
        user.save()
        assign_role(user, role)
        _enrol_demo_second_factor(user)
        users[username] = user
    return password, users


@transaction.atomic
def seed_demo():
    from django.utils.module_loading import import_string

    settings_row = BureauSettings.load()
    if settings_row.bureau_name != "示范县司法局":
        settings_row.bureau_name, settings_row.county_name = "示范县司法局", "示范县"
        settings_row.save()
    password, users = seed_demo_accounts()
    for path in DEMO_SEEDERS:
        import_string(path)(users)
    return password, users
