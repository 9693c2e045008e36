from tests.browser_helpers import enter_totp
from tests.factories import TEST_PASSWORD


def _login(page, live_server, username):
    page.goto(f"{live_server.url}/accounts/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", TEST_PASSWORD)
    page.click("main button[type=submit]")


def test_login_page_and_dashboard_in_chromium(page, live_server, staff, director, firm, shot):
    page.goto(f"{live_server.url}/")
    assert page.url.startswith(f"{live_server.url}/accounts/login/")
    assert page.locator("h2").inner_text() == "用户登录"
    # Local assets load (no CDN): Bootstrap's styles apply to the button.
    assert page.evaluate("getComputedStyle(document.body).getPropertyValue('--bs-blue').trim()") == "#0d6efd"
    assert page.evaluate("typeof htmx") == "object"
    shot(page, "login")

    _login(page, live_server, "staff")
    enter_totp(page, live_server, staff)  # bureau staff sign in with a second factor
    page.wait_for_url(f"{live_server.url}/")
    assert "司法局工作台" in page.locator("h1").inner_text()
    shot(page, "dashboard-staff")

    page.click("text=王科员")
    page.click("text=退出登录")
    page.wait_for_url(f"{live_server.url}/accounts/login/")

    _login(page, live_server, "director")
    page.wait_for_url(f"{live_server.url}/")
    assert "律所主任工作台" in page.locator("h1").inner_text()
    assert firm.name in page.content()
    shot(page, "dashboard-director")


def test_phone_width_login_and_english_switch(browser, live_server, staff, shot):
    context = browser.new_context(viewport={"width": 390, "height": 844}, is_mobile=True, locale="zh-CN")
    page = context.new_page()
    page.set_default_timeout(15000)
    page.goto(f"{live_server.url}/accounts/login/", wait_until="load")
    page.get_by_role("button", name="English").click()
    page.wait_for_url(f"{live_server.url}/accounts/login/")
    page.wait_for_load_state("load")
    assert page.locator("h2").inner_text() == "Sign in"
    # No horizontal scrolling on a phone.
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
    shot(page, "login-phone-en")
    context.close()
