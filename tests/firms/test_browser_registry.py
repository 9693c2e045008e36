"""staff registers a firm and a lawyer through the forms, fixes a validation error shown on the
form, and finds them in the lists."""

import re

from bureau.demo import demo_credit_code, demo_id_number
from tests.browser_helpers import sign_in


def test_staff_registers_firm_and_lawyer_in_chromium(page, live_server, staff, shot):
    import datetime

    sign_in(page, live_server, "staff")  # with the second factor staff sign in with

    page.goto(f"{live_server.url}/firms/new/")
    page.fill("#id_name", "示范县浏览器测试律师事务所")
    page.fill("#id_short_name", "浏览器所")
    page.fill("#id_credit_code", "91350100M000100Y43")  # valid code, but not a law firm's
    page.select_option("#id_organisation_form", "partnership")
    page.fill("#id_founded_on", "2021-04-01")
    page.fill("#id_address", "示范县测试路1号")
    page.click("main button[type=submit]")
    error = page.locator(".invalid-feedback").first
    assert "31" in error.inner_text()
    shot(page, "firm-form-error")
    page.fill("#id_credit_code", demo_credit_code(4242))
    page.click("main button[type=submit]")
    page.wait_for_url(re.compile(r"/firms/\d+/$"))
    assert page.locator("h1").inner_text() == "示范县浏览器测试律师事务所"

    page.get_by_role("link", name="登记律师", exact=True).click()
    page.wait_for_url(re.compile(r"/lawyers/new/"))
    page.fill("#id_name", "测试律师甲")
    page.select_option("#id_gender", "F")
    page.fill("#id_id_number", "110105194912310021")  # wrong check character
    page.fill("#id_licence_no", "16299202110000042")
    page.fill("#id_licence_date", "2021-05-01")
    page.click("main button[type=submit]")
    assert "校验位不正确" in page.locator(".invalid-feedback").first.inner_text()
    page.fill("#id_id_number", demo_id_number(datetime.date(1990, 3, 4), 42))
    page.click("main button[type=submit]")
    page.wait_for_url(re.compile(r"/lawyers/\d+/$"))
    shot(page, "lawyer-detail")

    page.goto(f"{live_server.url}/firms/?q=浏览器")
    assert page.locator("table tbody tr").count() == 1
    assert "示范县浏览器测试律师事务所" in page.locator("table tbody").inner_text()
    shot(page, "firm-list")
    page.goto(f"{live_server.url}/lawyers/?q=测试律师甲")
    assert "测试律师甲" in page.locator("table tbody").inner_text()
    shot(page, "lawyer-list")
    page.locator("table a", has_text="示范县浏览器测试律师事务所").click()
    page.wait_for_url(re.compile(r"/firms/\d+/$"))
    assert "测试律师甲" in page.locator("table").first.inner_text()
    shot(page, "firm-detail")
