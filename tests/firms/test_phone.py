"""In Chromium at 390x844 (a phone) and 1366x768 (a desk): the registry pages staff and a firm
director open on the phone fit the screen (no sideways scrolling), their inputs are big enough to
tap (44 px), rows show as cards and a firm's name keeps its line. Screenshots of each page at both
sizes go to var/screenshots/."""

import datetime

import pytest

from bureau.demo import demo_credit_code
from firms.facilities import improvement_add, station_add
from tests.browser_helpers import DESK, MEASURE, PHONE, sign_in
from tests.factories import FirmFactory, LawyerFactory

D = datetime.date

# The firm-name cells (list rows, the firm page's heading): a name squeezed to one character per
# line is as tall as it has characters; on one line or two it is far shorter.
NAMES = """() => Array.from(document.querySelectorAll("main .cell-name, main .cell-name-ref")).map((el) => {
  const r = el.getBoundingClientRect();
  const line = parseFloat(getComputedStyle(el).lineHeight) || 24;
  return {text: el.textContent.trim(), width: r.width, lines: Math.round(r.height / line)};
})"""

# A stacked row is a block (a card) on a phone and a table row at the desk.
ROW_DISPLAY = """() => {
  const row = document.querySelector("main table.table-stack tbody tr:not(.row-empty)");
  return row ? getComputedStyle(row).display : null;
}"""


@pytest.fixture
def registry(firm, lawyer):
    firm.name = "示范县明德律师事务所"
    firm.director = lawyer
    firm.save(update_fields=["name", "director"])
    other = FirmFactory(name="示范县正源律师事务所", credit_code=demo_credit_code(98765))
    LawyerFactory.create_batch(3, firm=firm)
    LawyerFactory.create_batch(2, firm=other)
    improvement_add(
        firm=firm, made_on=D(2024, 7, 1), description="新建会议室并购置录音录像设备", area=60, amount=150000
    )
    station_add(firm=firm, kind="veterans", name="城关镇退役军人法律服务站", since=D(2024, 1, 10))
    station_add(firm=other, kind="legal_aid", name="示范县法律援助中心正源工作站", since=D(2023, 3, 1))
    return firm


def _check(page, shot, name, size):
    result = page.evaluate(MEASURE)
    assert result["scrollWidth"] <= result["innerWidth"], (name, result)
    names = page.evaluate(NAMES)
    assert names, name
    for cell in names:
        # No name cell narrower than three characters, none broken into a line per character.
        assert cell["width"] >= 3 * 14 and cell["lines"] < max(len(cell["text"]), 4), (name, cell)
    if size is PHONE:
        assert result["small"] == [], (name, result["small"])
        assert page.evaluate(ROW_DISPLAY) in (None, "block"), name
    else:
        assert page.evaluate(ROW_DISPLAY) in (None, "table-row"), name
    shot(page, f"firms-{'phone' if size is PHONE else 'desk'}-{name}")


def _pages(live_server, firm):
    return {
        "firm-list": "/firms/",
        "lawyer-list": "/lawyers/",
        "firm-page": f"/firms/{firm.pk}/",
        "training-shortfall": "/training/shortfall/",
        "station-list": "/stations/",
    }


@pytest.mark.parametrize("username", ["staff", "director"])
def test_registry_pages_fit_a_phone(page, live_server, registry, staff, director, shot, username):
    sign_in(page, live_server, username)
    for size in (PHONE, DESK):
        page.set_viewport_size(size)
        for name, url in _pages(live_server, registry).items():
            page.goto(f"{live_server.url}{url}")
            _check(page, shot, f"{username}-{name}", size)


def test_public_directory_fits_a_phone(page, live_server, registry, shot):
    page.set_viewport_size(PHONE)
    page.goto(f"{live_server.url}/public/firms/?q=mdls")
    result = page.evaluate(MEASURE)
    assert result["scrollWidth"] <= result["innerWidth"], result
    assert "示范县明德律师事务所" in page.locator("main table").inner_text()
    shot(page, "firms-phone-public-directory")


def test_facility_forms_fit_a_phone(page, live_server, registry, director, shot):
    sign_in(page, live_server, "director")
    page.set_viewport_size(PHONE)
    for name, url in (
        ("improvement-form", f"/firms/{registry.pk}/improvements/new/"),
        ("station-form", f"/firms/{registry.pk}/stations/new/"),
    ):
        page.goto(f"{live_server.url}{url}")
        result = page.evaluate(MEASURE)
        assert result["scrollWidth"] <= result["innerWidth"] and result["small"] == [], (name, result)
        shot(page, f"firms-phone-{name}")
