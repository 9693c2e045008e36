"""The staff dashboard and a change history in Chromium, at desk and phone sizes: cards and
their lists agree on screen too, the history reads as words, and neither page scrolls sideways."""

import pghistory
import pytest

from firms import services
from firms.models import Firm
from tests.browser_helpers import sign_in
from tests.bureau.test_dashboard_cards import (  # noqa: F401  (fixtures)
    checklist,
    county,
    inspector2_entry,
    inspector3_entry,
    inspector_entry,
    plan,
)
from tests.factories import LawyerFactory

SIZES = {"desk": (1366, 768), "phone": (390, 844)}


def _edit(firm, user, **fields):
    firm.refresh_from_db()
    for name, value in fields.items():
        setattr(firm, name, value)
    with pghistory.context(user=user.pk):
        services.firm_update(firm=firm, expected_version=firm.version, fields=list(fields))


@pytest.mark.usefixtures("county")
@pytest.mark.parametrize("size", SIZES)
def test_staff_dashboard_and_history_on_screen(browser, live_server, firm, staff, shot, size):
    _edit(firm, staff, director=LawyerFactory(firm=firm, name="张三"))
    _edit(firm, staff, status=Firm.Status.SUSPENDED, phone="0931-1234567")
    width, height = SIZES[size]
    context = browser.new_context(viewport={"width": width, "height": height}, locale="zh-CN")
    page = context.new_page()
    page.set_default_timeout(15000)
    try:
        sign_in(page, live_server, "staff")
        card = page.locator("a.attention-card", has_text="待审核的季度统计")
        assert card.locator(".count").inner_text() == "3"
        shot(page, f"dashboard-staff-{size}")
        assert page.evaluate("document.documentElement.scrollWidth <= innerWidth")
        card.click()
        page.wait_for_url("**/quarterly/?status=submitted")
        assert page.locator("tr[data-row]").count() == 3
        shot(page, f"quarterly-submitted-{size}")

        page.goto(f"{live_server.url}/history/firms/firm/{firm.pk}/")
        changes = page.locator("[data-change]").all_inner_texts()
        assert "状态：执业 → 停业整顿" in changes and "主任：（空） → 张三" in changes
        assert "version" not in page.locator("main").inner_text()
        shot(page, f"history-firm-{size}")
        assert page.evaluate("document.documentElement.scrollWidth <= innerWidth")
    finally:
        context.close()
