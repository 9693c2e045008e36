"""Helpers for browser tests."""

from bureau.models import User
from tests.factories import TEST_PASSWORD
from tests.otp_helpers import totp_code, totp_device_for


def enter_totp(page, live_server, user):
    """The second step, with a code computed from the user's device as the phone app would."""
    device = totp_device_for(user)
    # A code is accepted once per 30-second step; a test may sign the same user in twice in one.
    type(device).objects.filter(pk=device.pk).update(last_t=-1)
    page.wait_for_url(f"{live_server.url}/accounts/otp/**")
    page.fill("#id_code", totp_code(device))
    page.click("main button[type=submit]")


def sign_in(page, live_server, username):
    """Sign in through the login page as a test user (with the second factor when the role needs
    it) and wait for the dashboard."""
    from bureau.security.twofactor import otp_required_for

    user = User.objects.get(username=username)
    needs_otp = otp_required_for(user)
    if needs_otp:
        totp_device_for(user)
    page.goto(f"{live_server.url}/accounts/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", TEST_PASSWORD)
    page.click("main button[type=submit]")
    if needs_otp:
        enter_totp(page, live_server, user)
    page.wait_for_url(f"{live_server.url}/")
