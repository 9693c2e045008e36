"""Second-factor helpers for tests: the suite signs bureau users in with `force_login` or the
browser's `sign_in`, and two-factor sign-in is on in tests too, so those sessions are verified
here with a real TOTP device of the user (tests/security proves the enforcement itself)."""

import time

from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice

from bureau.security.twofactor import otp_required_for

# A fixed base32 secret for test devices, so that a test can compute codes with any TOTP tool.
TEST_TOTP_KEY = "3132333435363738393031323334353637383930"  # hex of b"12345678901234567890"


def totp_device_for(user):
    device = TOTPDevice.objects.filter(user=user, confirmed=True).first()
    if device is None:
        device = TOTPDevice.objects.create(user=user, name="totp", key=TEST_TOTP_KEY, confirmed=True)
    return device


def totp_code(device, *, steps_ahead=0):
    """The device's code now (or a few 30-second steps later), as the user's phone app shows it."""
    otp = TOTP(device.bin_key, step=device.step, t0=device.t0, digits=device.digits)
    otp.time = time.time() + steps_ahead * device.step
    return f"{otp.token():0{device.digits}d}"


def mark_client_verified(client, user):
    """After Client.force_login: the session holds a verified device when the user's role needs one."""
    if not otp_required_for(user):
        return
    device = totp_device_for(user)
    session = client.session
    session[DEVICE_ID_SESSION_KEY] = device.persistent_id
    session.save()
