"""In Chromium at 390x844 (a phone) and 1366x768 (a desk): every casework page a director uses on
the phone fits the screen (no sideways scrolling) and its inputs are big enough to tap (44 px).
Screenshots of each page at both sizes go to var/screenshots/."""

import datetime

from casework import quarters, services
from tests.browser_helpers import DESK, MEASURE, PHONE, sign_in

from .conftest import make_case, make_check, party


def _check(page, shot, name):
    result = page.evaluate(MEASURE)
    assert result["scrollWidth"] <= result["innerWidth"], (name, result)
    assert result["small"] == [], (name, result["small"])
    shot(page, f"casework-phone-{name}")


def test_casework_pages_fit_a_phone(page, browser, live_server, director, staff, firm, lawyer, shot):
    earlier = make_case(
        firm,
        director,
        [lawyer],
        parties=[party("敦煌市鸣沙建筑有限公司"), party("张三", role="opposing", kind="person")],
        intake_date=datetime.date(2026, 1, 12),
    )
    services.service_log_create(
        firm=firm,
        user=director,
        kind="mediation",
        date=datetime.date(2026, 1, 20),
        lawyers=[lawyer],
        counterpart="示范县城关镇人民调解委员会",
        dispute_category="道路交通事故纠纷",
        disputes_taken=3,
        disputes_settled=2,
    )
    year, quarter = quarters.current_quarter()
    report = services.quarterly_create(firm=firm, user=director, year=year, quarter=quarter)
    check = make_check(firm, director, matter="民间借贷纠纷")

    sign_in(page, live_server, "director")
    page.set_viewport_size(PHONE)

    page.goto(f"{live_server.url}/cases/new/")
    _check(page, shot, "conflict-check")
    page.fill("#id_matter", "建设工程施工合同纠纷")
    page.select_option("#id_party-0-kind", "person")
    page.fill("#id_party-0-name", "张三")
    page.fill("#id_party-2-name", "敦煌鸣沙建筑有限公司")
    page.click("button[value=search]")
    assert earlier.intake_no in page.locator("#conflict-hits").inner_text()
    _check(page, shot, "conflict-hits")
    page.select_option("#id_decision", "refused")
    page.click("button[value=review]")
    page.wait_for_selector("#decision-confirm")
    _check(page, shot, "conflict-confirm")

    pages = [
        ("case-register", f"/cases/new/{check.pk}/"),
        ("case-list", "/cases/"),
        ("quarterly-list", "/quarterly/"),
        ("quarterly-form", f"/quarterly/{report.pk}/"),
        ("service-form", "/services/new/?kind=adviser"),
        ("service-list", "/services/"),
    ]
    for name, path in pages:
        page.goto(live_server.url + path)
        _check(page, shot, name)

    # The kind's own fields swap in without a reload; they fit as well.
    page.goto(f"{live_server.url}/services/new/")
    page.fill("#id_date", "2026-01-21")
    page.select_option("#id_kind", "mediation")
    page.wait_for_selector("#id_disputes_taken")
    assert page.input_value("#id_date") == "2026-01-21"  # what was entered stays
    assert page.locator("#id_person_times").count() == 0
    _check(page, shot, "service-form-mediation")

    page.set_viewport_size(DESK)
    for name, path in [("conflict-check", "/cases/new/"), *pages]:
        page.goto(live_server.url + path)
        result = page.evaluate(MEASURE)
        assert result["scrollWidth"] <= result["innerWidth"], (name, result)
        shot(page, f"casework-desk-{name}")

    # Bureau staff read the same lists (with the firm column and the per-firm summary) and the
    # quarter's filing overview.
    context = browser.new_context(viewport=PHONE, locale="zh-CN")
    try:
        staff_page = context.new_page()
        sign_in(staff_page, live_server, "staff")
        for name, path in [
            ("staff-case-list", "/cases/"),
            ("staff-service-list", "/services/"),
            ("staff-quarterly-overview", f"/quarterly/?year={year}&quarter={quarter}"),
        ]:
            staff_page.goto(live_server.url + path)
            _check(staff_page, shot, name)
    finally:
        context.close()
