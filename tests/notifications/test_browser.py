"""In Chromium: the director sees the bell's count, opens the reminder and lands on the quarterly
form."""

from tests.browser_helpers import sign_in

from .conftest import D, run


def test_director_opens_the_quarterly_reminder_from_the_bell(page, live_server, firm, director, shot):
    run(D(2026, 10, 19))  # the third quarter's statistics are due tomorrow
    sign_in(page, live_server, "director")
    badge = page.locator("#nav-bell #bell-count")
    badge.wait_for()
    assert badge.inner_text().startswith("1")
    shot(page, "notifications-bell", full_page=False)

    page.click("#nav-bell")
    page.wait_for_url(f"{live_server.url}/notifications/")
    item = page.locator("#notifications .notification-unread")
    assert item.count() == 1
    assert "甲律师事务所：2026年第3季度统计报表" in item.inner_text()
    assert "1个工作日内到期" in item.inner_text()
    shot(page, "notifications-centre")

    item.locator("button").click()
    page.wait_for_url(f"{live_server.url}/quarterly/")
    assert page.locator("form select[name=quarter], form input[name=quarter]").count() >= 1
    shot(page, "notifications-quarterly-form")
    # Read now: the bell shows no count on the next page.
    page.goto(f"{live_server.url}/notifications/")
    page.wait_for_load_state("networkidle")
    assert page.locator("#nav-bell #bell-count").count() == 0
