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


PHONE = {"width": 390, "height": 844}
DESK = {"width": 1366, "height": 768}

# What a phone page must hold to: no sideways scrolling, and every control inside the page's main
# part at least 44 px tall (text-like inputs, selects, buttons, folding buttons; a checkbox or
# radio is measured by its .form-check row or its label, the area a finger hits).
MEASURE = """() => {
  const small = [];
  const visible = (el) => { const r = el.getBoundingClientRect(); return r.width > 0 && r.height > 0; };
  const controls = "main input, main select, main textarea, main button, main a.btn, main summary.btn";
  document.querySelectorAll(controls).forEach((el) => {
    if (el.type === "hidden" || !visible(el)) return;
    let target = el;
    if (el.type === "checkbox" || el.type === "radio") target = el.closest(".form-check, label") || el;
    const h = target.getBoundingClientRect().height;
    if (h < 44 - 0.5) small.push((el.name || el.id || el.textContent.trim()) + ": " + h.toFixed(1));
  });
  return {scrollWidth: document.documentElement.scrollWidth, innerWidth: window.innerWidth,
          height: document.documentElement.scrollHeight, small: small};
}"""


def phone_problems(page, name):
    """What keeps the page as loaded from fitting a phone, as readable lines (empty when it fits)."""
    result = page.evaluate(MEASURE)
    problems = []
    if result["scrollWidth"] > result["innerWidth"]:
        problems.append(f"{name}: {result['scrollWidth']} px wide on a {result['innerWidth']} px screen")
    problems += [f"{name}: control under 44 px: {small}" for small in result["small"]]
    return problems
