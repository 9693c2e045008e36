"""In Chromium: the main pages of every role raise no Content-Security-Policy violation and still
work (htmx, Bootstrap's menus, progress bars); staff sign in with a TOTP code computed here; a new
account enrols by scanning (here: reading) the QR code's secret."""

import re

import pytest
from django_otp.oath import TOTP

from bureau.security.twofactor import key_from_base32
from tests.browser_helpers import sign_in
from tests.factories import TEST_PASSWORD, LawyerFactory, UserFactory

COLLECT = """
window.__csp = [];
document.addEventListener('securitypolicyviolation', (e) => {
  window.__csp.push(e.violatedDirective + ' ' + (e.blockedURI || '') + ' ' + (e.sample || ''));
});
"""


@pytest.fixture
def county(live_server, role_users, firm, other_firm):
    """Each role's users, two firms with lawyers, and a running background job (progress bar)."""
    from bureau.models import Job

    for each in (firm, other_firm):
        LawyerFactory.create_batch(3, firm=each)
    Job.objects.create(
        kind="selfcheck", status=Job.Status.RUNNING, progress=40, created_by=role_users["bureau_staff"]
    )
    return role_users


def _watch(page):
    violations = []
    page.add_init_script(COLLECT)
    page.on(
        "console",
        lambda msg: violations.append(msg.text) if "Content Security Policy" in msg.text else None,
    )
    return violations


def _visit(page, url, violations):
    response = page.goto(url)
    page.wait_for_load_state("load")
    assert response.status < 500, url
    csp = response.headers.get("content-security-policy", "")
    if response.headers.get("content-type", "").startswith("text/html"):
        # The nonce appears only on pages that use one; nothing inline is allowed without it.
        assert "script-src 'self'" in csp and "style-src 'self'" in csp, url
        assert "unsafe-inline" not in csp and "unsafe-eval" not in csp and "http" not in csp, url
    page.wait_for_timeout(150)  # late violations (htmx's load trigger) are reported too
    violations.extend(f"{url}: {v}" for v in page.evaluate("window.__csp || []"))
    return response


def _main_pages(page, live_server):
    """The dashboard and every page its menus link to."""
    page.goto(f"{live_server.url}/")
    hrefs = page.eval_on_selector_all(
        "header a.nav-link[href^='/'], header a.dropdown-item[href^='/'], main a[href^='/']",
        "els => els.map(e => e.getAttribute('href'))",
    )
    seen = []
    for href in hrefs:
        path = href.split("#")[0]
        if (
            path
            and path not in seen
            and not path.startswith(("/admin", "/accounts/logout"))
            and "download" not in path
        ):
            seen.append(path)
    return seen[:40]


@pytest.mark.parametrize("username", ["admin", "staff", "director", "director2", "inspector"])
def test_main_pages_of_every_role_raise_no_csp_violation(page, live_server, county, username, shot):
    violations = _watch(page)
    sign_in(page, live_server, username)
    pages = _main_pages(page, live_server)
    assert len(pages) >= 3
    for path in pages:
        _visit(page, f"{live_server.url}{path}", violations)
    assert violations == []
    # The pages still work under the policy: htmx is loaded, Bootstrap's menu opens, the
    # progress bars (if any) got their widths from the script.
    page.goto(f"{live_server.url}/")
    assert page.evaluate("typeof htmx") == "object"
    page.locator("header .dropdown-toggle").last.click()
    page.wait_for_selector("header .dropdown-menu.show")
    assert page.evaluate(
        "[...document.querySelectorAll('.progress-bar[data-width]')].every(b => b.style.width !== '')"
    )
    shot(page, f"csp-{username}")


def test_public_pages_raise_no_csp_violation(page, live_server, county):
    violations = _watch(page)
    _visit(page, f"{live_server.url}/accounts/login/", violations)
    _visit(page, f"{live_server.url}/public/", violations)
    links = page.eval_on_selector_all(
        "main a[href^='/public/']", "els => els.map(e => e.getAttribute('href'))"
    )
    assert links
    for href in dict.fromkeys(links[:10]):
        _visit(page, f"{live_server.url}{href}", violations)
    assert violations == []


def test_a_progress_bar_takes_its_width_from_the_script_and_keeps_it_under_htmx(page, live_server, county):
    from bureau.models import Job

    job = Job.objects.get()
    violations = _watch(page)
    sign_in(page, live_server, "staff")
    _visit(page, f"{live_server.url}/jobs/{job.pk}/", violations)
    bar = page.locator(".progress-bar[data-width]")
    assert bar.evaluate("b => b.style.width") == "40%"
    # htmx polls the fragment every second; the swapped-in bar gets its width too.
    Job.objects.filter(pk=job.pk).update(progress=70)
    # (polled from here: Playwright's wait_for_function evaluates a string, which the policy refuses)
    for _ in range(50):
        if bar.evaluate("b => b.style.width") == "70%":
            break
        page.wait_for_timeout(200)
    assert page.locator(".progress-bar[data-width]").evaluate("b => b.style.width") == "70%"
    violations.extend(page.evaluate("window.__csp"))
    assert violations == []


def test_an_inline_script_would_be_reported(page, live_server, county):
    """The collector itself works: an injected inline script and style attribute are refused."""
    violations = _watch(page)
    page.goto(f"{live_server.url}/accounts/login/")
    page.evaluate(
        "() => { const s = document.createElement('script'); s.textContent = 'window.__ran = 1';"
        " document.body.appendChild(s); const d = document.createElement('div');"
        " d.setAttribute('style', 'color: red'); document.body.appendChild(d); }"
    )
    page.wait_for_timeout(200)
    found = page.evaluate("window.__csp")
    assert page.evaluate("window.__ran") is None
    assert any(v.startswith("script-src") for v in found)
    assert any(v.startswith("style-src") for v in found)
    assert violations


def test_staff_sign_in_with_a_totp_code_computed_in_the_test(page, live_server, transactional_db, shot):
    from tests.otp_helpers import totp_device_for

    staff = UserFactory(username="staff", full_name="王科员", role="bureau_staff")
    device = totp_device_for(staff)
    page.goto(f"{live_server.url}/accounts/login/")
    page.fill("#id_username", "staff")
    page.fill("#id_password", TEST_PASSWORD)
    page.click("main button[type=submit]")
    page.wait_for_url(f"{live_server.url}/accounts/otp/**")
    # Straight to a page: the second step stands in the way.
    page.goto(f"{live_server.url}/firms/")
    assert page.url.startswith(f"{live_server.url}/accounts/otp/")
    shot(page, "otp-step")
    code = f"{TOTP(device.bin_key, step=30, t0=0, digits=6).token():06d}"
    page.fill("#id_code", code)
    page.click("main button[type=submit]")
    page.wait_for_url(f"{live_server.url}/")
    assert "司法局工作台" in page.locator("h1").inner_text()


def test_a_new_staff_member_enrols_in_the_browser(page, live_server, transactional_db, shot):
    UserFactory(username="clerk", full_name="新科员", role="bureau_staff")
    violations = _watch(page)
    page.goto(f"{live_server.url}/accounts/login/")
    page.fill("#id_username", "clerk")
    page.fill("#id_password", TEST_PASSWORD)
    page.click("main button[type=submit]")
    page.wait_for_url(f"{live_server.url}/accounts/otp/enrol/")
    assert page.locator("[data-otp-qr] svg").count() == 1
    secret = page.locator("[data-otp-secret]").inner_text().strip()
    shot(page, "otp-enrol")
    code = f"{TOTP(bytes.fromhex(key_from_base32(secret))).token():06d}"
    page.fill("#id_code", code)
    page.click("main button[type=submit]")
    codes = page.locator("[data-recovery-codes] li").all_inner_texts()
    assert len(codes) == 10 and all(re.fullmatch(r"\d{10}", c.strip()) for c in codes)
    shot(page, "otp-recovery-codes")
    page.get_by_role("link", name="我已保存，继续").click()
    page.wait_for_url(f"{live_server.url}/")
    violations.extend(page.evaluate("window.__csp"))
    assert violations == []
