"""Two-factor sign-in: TOTP devices (django-otp), ten one-time recovery codes (django-otp's static
device), the second step's own lockout and the administrator's reset.

A session is verified when it holds django-otp's device key (``django_otp.login``). The middleware
checks only that key, so it costs no query; an administrator's reset deletes the devices and ends
every session of the user, so no verified session outlives its device.
"""

import datetime
import secrets
from base64 import b32decode, b32encode

import segno
from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django_otp import DEVICE_ID_SESSION_KEY
from django_otp import login as otp_login
from django_otp.oath import TOTP
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice
from django_otp.util import random_hex

from . import sessions, signin_audit
from .models import SignInEvent
from .policy import OTP_REQUIRED_SESSION_KEY, otp_required_for

Kind = SignInEvent.Kind
RECOVERY_DEVICE_NAME = "recovery"


def session_needs_otp(request):
    """Whether this signed-in session still lacks its second factor."""
    session = request.session
    required = session.get(OTP_REQUIRED_SESSION_KEY)
    if required is None:  # a session from before two-factor sign-in existed
        required = session[OTP_REQUIRED_SESSION_KEY] = otp_required_for(request.user)
    return bool(required) and not session.get(DEVICE_ID_SESSION_KEY)


def confirmed_totp(user):
    return TOTPDevice.objects.filter(user=user, confirmed=True).first()


def key_from_base32(secret):
    """A TOTP device key (hex) from a base32 secret as authenticator apps show it."""
    cleaned = secret.strip().replace(" ", "").upper()
    cleaned += "=" * (-len(cleaned) % 8)
    return b32decode(cleaned).hex()


def base32_secret(device):
    return b32encode(bytes.fromhex(device.key)).decode().rstrip("=")


PENDING_KEY_SESSION_KEY = "security_pending_totp_key"


def pending_device(request):
    """The device of an enrolment in progress, not saved: its key waits in the session until a
    code confirms it, so that reloading the page shows the same QR code and a GET writes nothing."""
    key = request.session.get(PENDING_KEY_SESSION_KEY)
    if not key:
        key = request.session[PENDING_KEY_SESSION_KEY] = random_hex(20)
    return TOTPDevice(user=request.user, name="totp", key=key, confirmed=False)


def qr_svg(device):
    """The enrolment QR code as inline SVG markup (no image request, no inline style)."""
    return segno.make(device.config_url, error="m").svg_inline(scale=4, dark="#000", light="#fff")


def new_recovery_codes(user):
    """Replace the user's recovery codes with ten new ones and return them (shown once)."""
    device, _created = StaticDevice.objects.get_or_create(
        user=user, name=RECOVERY_DEVICE_NAME, defaults={"confirmed": True}
    )
    device.token_set.all().delete()
    codes = [f"{secrets.randbelow(10**10):010d}" for _ in range(settings.OTP_RECOVERY_CODES)]
    StaticToken.objects.bulk_create(StaticToken(device=device, token=code) for code in codes)
    return codes


def recovery_codes_left(user):
    return StaticToken.objects.filter(device__user=user, device__name=RECOVERY_DEVICE_NAME).count()


def is_locked(user, now=None):
    return bool(user.otp_locked_until and user.otp_locked_until > (now or timezone.now()))


def _record_failure(request, user):
    """Count a wrong code; the limit-th in a row locks the second step for the cool-off."""
    model = get_user_model()
    with transaction.atomic():
        model.objects.filter(pk=user.pk).update(otp_failures=F("otp_failures") + 1)
        failures = model.objects.values_list("otp_failures", flat=True).get(pk=user.pk)
        signin_audit.record(Kind.OTP_FAILURE, request=request, user=user)
        if failures >= settings.OTP_FAILURE_LIMIT:
            until = timezone.now() + datetime.timedelta(minutes=settings.OTP_COOLOFF_MINUTES)
            model.objects.filter(pk=user.pk).update(otp_failures=0, otp_locked_until=until)
            user.otp_locked_until = until
            signin_audit.record(Kind.OTP_LOCKOUT, request=request, user=user)
    user.otp_failures = 0 if is_locked(user) else failures


def _record_success(request, user, device, kind):
    get_user_model().objects.filter(pk=user.pk).update(otp_failures=0, otp_locked_until=None)
    user.otp_failures, user.otp_locked_until = 0, None
    otp_login(request, device)
    signin_audit.record(kind, request=request, user=user)


def verify(request, code):
    """Check a TOTP code or a recovery code for the signed-in user. Returns "ok", "wrong" or
    "locked"; a locked second step refuses even the right code until the cool-off ends."""
    user = request.user
    if is_locked(user):
        return "locked"
    code = "".join(code.split())
    totp = confirmed_totp(user)
    if totp is not None and len(code) == totp.digits and totp.verify_token(code):
        _record_success(request, user, totp, Kind.OTP_VERIFIED)
        return "ok"
    recovery = StaticDevice.objects.filter(user=user, name=RECOVERY_DEVICE_NAME).first()
    # verify_token deletes the matching token: a recovery code works once.
    if recovery is not None and recovery.verify_token(code):
        _record_success(request, user, recovery, Kind.OTP_RECOVERY_USED)
        return "ok"
    _record_failure(request, user)
    return "locked" if is_locked(user) else "wrong"


@transaction.atomic
def confirm_enrolment(request, code):
    """Confirm the pending key with a code from the app; the device replaces any earlier one.
    Returns the new recovery codes, or None when the code is wrong."""
    user = request.user
    key = request.session.get(PENDING_KEY_SESSION_KEY)
    if not key:
        return None
    device = TOTPDevice(user=user, name="totp", key=key, confirmed=True)
    otp = TOTP(device.bin_key, step=device.step, t0=device.t0, digits=device.digits)
    code = "".join(code.split())
    well_formed = code.isdigit() and len(code) == device.digits
    if not (well_formed and otp.verify(int(code), tolerance=device.tolerance)):
        return None
    device.last_t = otp.t()  # the code just used cannot sign in again
    TOTPDevice.objects.filter(user=user).delete()
    device.save()
    del request.session[PENDING_KEY_SESSION_KEY]
    codes = new_recovery_codes(user)
    otp_login(request, device)
    signin_audit.record(Kind.OTP_ENROLLED, request=request, user=user)
    return codes


@transaction.atomic
def enrol_with_secret(*, user, secret):
    """Enrol a device with a known base32 secret (the demo county's accounts)."""
    key = key_from_base32(secret)
    device = TOTPDevice.objects.filter(user=user, name="totp").first()
    if device is None:
        device = TOTPDevice(user=user, name="totp")
    device.key, device.confirmed = key, True
    device.save()
    TOTPDevice.objects.filter(user=user).exclude(pk=device.pk).delete()
    return device


@transaction.atomic
def reset(*, user, actor, request=None):
    """An administrator's reset: the devices and recovery codes go, the lockout is lifted and every
    session of the user ends, so the user enrols again at the next sign-in."""
    TOTPDevice.objects.filter(user=user).delete()
    StaticDevice.objects.filter(user=user).delete()
    get_user_model().objects.filter(pk=user.pk).update(otp_failures=0, otp_locked_until=None)
    sessions.end_all(user=user)
    signin_audit.record(Kind.OTP_RESET, request=request, user=user, actor=actor)
