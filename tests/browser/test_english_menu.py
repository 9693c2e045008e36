"""The English menu at a laptop's 1366x768: every item of the main bar, the bell, the user menu and
the language button sit on one line, for the role with the longest menu (the bureau administrator)
and for a firm director and an inspector. Screenshots: var/screenshots/english-menu-<role>.png."""

import pytest

from tests.browser_helpers import sign_in

# Items of the bar: the brand, each top-level menu entry and the language button.
BAR_ITEMS = ", ".join(
    ["nav.navbar .navbar-brand", "#mainnav > ul > li.nav-item", "nav.navbar form[action$='/setlang/'] button"]
)


def bar_layout(page):
    return page.evaluate(
        """(selector) => {
            const box = (el) => el.getBoundingClientRect();
            const items = [...document.querySelectorAll(selector)].map((el) => ({
                text: el.innerText.trim(), top: box(el).top, bottom: box(el).bottom, height: box(el).height,
            }));
            const language = document.querySelector("nav.navbar form[action$='/setlang/'] button");
            const lineHeight = parseFloat(getComputedStyle(language).lineHeight);
            return {items, nav: box(document.querySelector("nav.navbar")).height,
                    language: {height: box(language).height, lineHeight, text: language.innerText},
                    overflow: document.documentElement.scrollWidth > innerWidth};
        }""",
        BAR_ITEMS,
    )


@pytest.mark.parametrize("role", ["admin", "director", "inspector"])
@pytest.mark.usefixtures("bureau_admin", "director", "inspector")
def test_english_menu_is_one_line_at_1366(browser, live_server, role, shot):
    from bureau.models import BureauSettings

    settings_row = BureauSettings.load()
    settings_row.bureau_name = "示范县司法局"  # the brand's width as deployed
    settings_row.save()
    context = browser.new_context(viewport={"width": 1366, "height": 768}, locale="zh-CN")
    page = context.new_page()
    page.set_default_timeout(15000)
    try:
        # A browser set to Chinese, switched by the button on the sign-in page.
        page.goto(f"{live_server.url}/accounts/login/")
        page.click("nav.navbar button[name=language][value=en]")
        page.wait_for_selector("html[lang=en]")
        sign_in(page, live_server, role)
        assert page.get_attribute("html", "lang") == "en"
        layout = bar_layout(page)
        shot(page, f"english-menu-{role}", full_page=False)

        items = layout["items"]
        assert len(items) >= 4, items
        tops = {round(item["top"] + item["height"] / 2) for item in items}
        # One line: every item's vertical middle within a few pixels of the others'.
        assert max(tops) - min(tops) <= 6, [(i["text"], i["top"], i["height"]) for i in items]
        # The language button keeps its label on one line.
        language = layout["language"]
        assert language["text"] == "中文"
        assert language["height"] < 2 * language["lineHeight"], language
        # The menu entries each fit on one line (a wrapped label doubles the item's height).
        nav_links = [item for item in items if item["text"] and item["text"] != "中文"][1:]
        assert max(item["height"] for item in nav_links) < 48, nav_links
        assert not layout["overflow"]
    finally:
        context.close()
