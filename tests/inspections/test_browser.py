"""The whole cycle in Chromium: staff plans and draws; an inspector issues (签发, confirmed) and
prints the inspection notice; the inspectors record, sign, issue and print the rectification
notice; the director reports back; the inspector verifies; staff publishes; the public sees it."""

import re

import pytest
from django.conf import settings
from django.test import Client

from bureau.models import User
from inspections.models import ChecklistItem, Inspection


@pytest.fixture
def session(browser, live_server):
    contexts = []

    def open_as(username):
        context = browser.new_context(viewport={"width": 1280, "height": 860}, locale="zh-CN")
        contexts.append(context)
        page = context.new_page()
        page.set_default_timeout(15000)
        if username:
            # Signed in as the test client does (both steps passed): the sign-in pages have
            # tests of their own, and this test is about inspections.
            client = Client()
            client.force_login(User.objects.get(username=username))
            cookie = client.cookies[settings.SESSION_COOKIE_NAME]
            context.add_cookies([{"name": cookie.key, "value": cookie.value, "url": live_server.url}])
            page.goto(f"{live_server.url}/")
        return page

    yield open_as
    for context in contexts:
        context.close()


def test_inspection_cycle_in_chromium(
    session, live_server, shot, staff, director, firm, checklist, inspector_entry, inspector3_entry
):
    url = live_server.url
    # Staff creates a plan and draws.
    page = staff_page = session("staff")
    page.goto(f"{url}/inspections/plans/new/")
    page.fill("#id_year", "2026")
    page.fill("#id_batch", "1")
    page.fill("#id_title", "2026年第一批双随机抽查")
    page.select_option("#id_checklist", label=checklist.name)
    page.select_option("#id_sampling", "count")
    page.fill("#id_target_count", "1")
    page.fill("#id_starts_on", "2026-09-21")
    page.fill("#id_ends_on", "2026-10-30")
    shot(page, "inspections-plan-form")
    page.click("main button[type=submit]")
    page.wait_for_url(re.compile(r".*/inspections/plans/\d+/$"))
    page.click("text=开始抽取")
    # The draw is asked once more; nothing is drawn before the confirmation.
    page.wait_for_selector("h1:has-text('确认抽取')")
    assert not Inspection.objects.exists()
    page.click("main button:has-text('确认抽取')")
    page.wait_for_url(re.compile(r".*/inspections/draws/\d+/$"))
    assert firm.name in page.content()
    assert "复核一致" in page.content()
    shot(page, "inspections-draw")
    inspection = Inspection.objects.get()

    # The inspector issues the 检查通知书 (签发, then confirms), then prints it.
    page = session("inspector")
    page.goto(f"{url}/inspections/")
    page.click(f"text={firm.name}")
    page.wait_for_url(f"{url}/inspections/{inspection.pk}/")
    assert page.locator("a:has-text('打印检查通知书')").count() == 0
    page.click("button:has-text('签发检查通知书')")
    page.wait_for_selector("text=确认签发检查通知书")
    inspection.refresh_from_db()
    assert inspection.notice_number == ""  # nothing is numbered before the confirmation
    shot(page, "inspections-notice-confirm")
    page.click("button:has-text('确认签发')")
    page.wait_for_url(f"{url}/inspections/{inspection.pk}/")
    page.wait_for_selector("text=已签发")
    inspection.refresh_from_db()
    assert inspection.notice_number.endswith("〔2026〕1号")
    printed = page.locator("a:has-text('打印检查通知书')").get_attribute("href")
    pdf = page.request.get(f"{url}{printed}")
    assert pdf.headers["content-type"] == "application/pdf" and pdf.body().startswith(b"%PDF")

    # The inspector records the checklist and concludes 责令整改.
    items = list(ChecklistItem.objects.filter(template=checklist).order_by("position"))
    for item in items:
        page.select_option(f"select[name=outcome_{item.pk}]", "conforming")
    page.select_option(f"select[name=outcome_{items[0].pk}]", "nonconforming")
    page.fill(f"input[name=note_{items[0].pk}]", "执业许可证书未悬挂")
    page.click("text=保存检查记录")
    page.wait_for_selector("text=检查记录已保存")
    page.select_option("#id_result", "rectify")
    page.fill("#id_summary", "发现1项问题")
    page.click("button:has-text('作出结论并签字')")
    page.wait_for_selector("text=等待其他检查人员签字")
    shot(page, "inspections-findings")

    # The second inspector signs.
    page3 = session("inspector3")
    page3.goto(f"{url}/inspections/{inspection.pk}/")
    page3.click("button:has-text('签字确认')")
    page3.wait_for_selector("text=已签字")

    # The inspector issues and prints the rectification notice.
    page.goto(f"{url}/inspections/{inspection.pk}/")
    page.fill("#id_workdays", "20")
    page.click("button:has-text('签发整改通知书')")
    page.wait_for_selector("text=确认签发责令限期整改通知书")
    page.click("button:has-text('确认签发')")
    page.wait_for_selector("text=整改通知书")
    page.wait_for_selector("a:has-text('打印整改通知书')")
    notice_link = page.locator("a:has-text('打印整改通知书')").get_attribute("href")
    pdf = page.request.get(f"{url}{notice_link}")
    assert pdf.headers["content-type"] == "application/pdf" and pdf.body().startswith(b"%PDF")
    shot(page, "inspections-notice-issued")

    # The director uploads the rectification report.
    page = session("director")
    page.goto(f"{url}/inspections/")
    page.click(f"text={firm.name}")
    page.set_input_files(
        "#id_file",
        files=[{"name": "整改报告.pdf", "mimeType": "application/pdf", "buffer": b"%PDF-1.4\n%report\n"}],
    )
    page.fill("#id_note", "已悬挂执业许可证书")
    page.click("button:has-text('报送')")
    page.wait_for_selector("text=整改报告已报送")
    shot(page, "inspections-response")

    # The inspector verifies.
    page = session("inspector")
    page.goto(f"{url}/inspections/{inspection.pk}/")
    page.select_option("#id_outcome", "completed")
    page.fill("#id_note", "已整改到位")
    page.click("button:has-text('记录核查结论')")
    page.wait_for_selector("h1:has-text('确认核查结论')")
    page.click("main button:has-text('确认记录')")
    page.wait_for_selector("text=核查结论已记录")
    shot(page, "inspections-verified")

    # Staff publishes (in the window signed in at the start).
    page = staff_page
    page.goto(f"{url}/inspections/publication/")
    assert firm.name in page.content()
    shot(page, "inspections-publication-queue")
    page.click("main button:has-text('公开')")
    page.wait_for_selector("h1:has-text('确认公开检查结果')")
    assert Inspection.objects.get().published_at is None
    page.click("main button:has-text('确认公开')")
    page.wait_for_selector("text=检查结果已公开")

    # The public page shows it, with no person's name.
    page = session(None)
    page.goto(f"{url}/public/inspections/")
    html = page.content()
    assert firm.name in html and "整改完成" in html
    assert "陈检查员" not in html and "李主任" not in html
    shot(page, "inspections-public")
    page.goto(f"{url}/public/draws/{inspection.draw_id}/verify/")
    assert "复核结论：一致" in page.content()
    shot(page, "inspections-public-verify")
