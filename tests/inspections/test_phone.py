"""In Chromium at 390x844 (a phone) and 1366x768 (a desk): every inspection page used on a phone,
opened as the role that uses it, fits the screen (no sideways scrolling) and its inputs, selects
and buttons are big enough to tap (44 px). Screenshots of each page at both sizes go to
var/screenshots/inspections/."""

import datetime

from django.core.files.uploadedfile import SimpleUploadedFile

from inspections import rectification, services
from inspections.models import Plan, Visit
from tests.browser_helpers import DESK, MEASURE, PHONE
from tests.conftest import SCREENSHOTS

from .conftest import make_inspection, record_all, rectifying
from .test_browser import session  # noqa: F401  (fixture)

D = datetime.date


def _check(page, name):
    """Measure at the phone size, then screenshot at both sizes."""
    page.set_viewport_size(PHONE)
    result = page.evaluate(MEASURE)
    assert result["scrollWidth"] <= result["innerWidth"], (name, result)
    assert result["small"] == [], (name, result["small"])
    page.screenshot(path=str(SCREENSHOTS / "inspections" / f"phone-{name}.png"), full_page=True)
    page.set_viewport_size(DESK)
    page.screenshot(path=str(SCREENSHOTS / "inspections" / f"desk-{name}.png"), full_page=True)
    page.set_viewport_size(PHONE)
    return result


def test_inspection_pages_fit_a_phone(
    session,  # noqa: F811
    live_server,
    staff,
    director,
    firm,
    other_firm,
    checklist,
    plan,
    inspector_entry,
    inspector3_entry,
):
    (SCREENSHOTS / "inspections").mkdir(parents=True, exist_ok=True)
    url = live_server.url
    inspector, second = inspector_entry.user, inspector3_entry.user
    entries = [inspector_entry, inspector3_entry]
    # One inspection of the director's firm in each state a phone user meets.
    findings = make_inspection(plan, firm, entries, user=staff)
    record_all(findings, inspector)
    to_notify = make_inspection(plan, firm, entries, user=staff)
    rectifying(to_notify, inspector, second, on=D(2026, 9, 25))
    to_answer = make_inspection(plan, firm, entries, user=staff)
    rectifying(to_answer, inspector, second, on=D(2026, 9, 25))
    rectification.notice_issue(
        inspection=to_answer, user=inspector, requirement="请健全统一收案制度。", issued_on=D(2026, 9, 28)
    )
    to_verify = make_inspection(plan, other_firm, entries, user=staff)
    rectifying(to_verify, inspector, second, on=D(2026, 9, 25))
    rectification.notice_issue(
        inspection=to_verify, user=inspector, requirement="请整改。", issued_on=D(2026, 9, 28)
    )
    rectification.response_submit(
        inspection=to_verify,
        user=staff,
        file=SimpleUploadedFile("r.pdf", b"%PDF-1.4 report", content_type="application/pdf"),
        responded_on=D(2026, 10, 9),
    )
    # A real draw, for the public verification page.
    acceptance = services.plan_create(
        created_by=staff,
        year=2026,
        batch=1,
        kind=Plan.Kind.ACCEPTANCE_END,
        title="2026年度规范化建设验收（年末）",
        checklist=checklist,
        sampling=Plan.Sampling.RATIO,
        ratio_percent=100,
        inspectors_per_target=2,
        starts_on=D(2026, 11, 2),
        ends_on=D(2026, 11, 30),
    )
    draw = services.draw_plan(plan=acceptance, user=staff)
    visit = services.visit_record(
        recorded_by=staff,
        firm=firm,
        visited_on=D(2026, 6, 3),
        visitors="王科员、陈检查员",
        problems="办公场地租约到期",
        help_given="提供过渡办公场地信息",
    )
    assert Visit.objects.count() == 1

    page = session("inspector")
    for name, path in [
        ("inspector-list", "/inspections/"),
        ("inspector-findings", f"/inspections/{findings.pk}/"),
        ("inspector-notice-form", f"/inspections/{to_notify.pk}/"),
        ("inspector-verification-form", f"/inspections/{to_verify.pk}/"),
        ("inspector-visits", "/inspections/visits/"),
    ]:
        page.goto(url + path)
        _check(page, name)
    # The note of a finding takes the width of the phone, not a sliver of a table column.
    page.goto(f"{url}/inspections/{findings.pk}/")
    item = checklist.items.order_by("position").first()
    assert page.locator(f"input[name=note_{item.pk}]").bounding_box()["width"] > 250
    # The confirmation pages of the notice and the verification.
    page.goto(f"{url}/inspections/{to_notify.pk}/")
    page.click("button:has-text('签发整改通知书')")
    page.wait_for_selector("h1:has-text('确认签发责令限期整改通知书')")
    _check(page, "inspector-notice-confirm")
    page.goto(f"{url}/inspections/{to_verify.pk}/")
    page.select_option("#id_outcome", "completed")
    page.click("button:has-text('记录核查结论')")
    page.wait_for_selector("h1:has-text('确认核查结论')")
    _check(page, "inspector-verification-confirm")
    page.goto(f"{url}/inspections/{findings.pk}/")
    page.click("button:has-text('签发检查通知书')")
    page.wait_for_selector("h1:has-text('确认签发检查通知书')")
    _check(page, "inspector-inspection-notice-confirm")

    page = session("director")
    for name, path in [
        ("director-list", "/inspections/"),
        ("director-response-form", f"/inspections/{to_answer.pk}/"),
    ]:
        page.goto(url + path)
        _check(page, name)

    page = session("staff")
    for name, path in [
        ("staff-list", "/inspections/"),
        ("staff-plans", "/inspections/plans/"),
        ("staff-plan-form", "/inspections/plans/new/"),
        ("staff-plan", f"/inspections/plans/{plan.pk}/"),
        ("staff-draw", f"/inspections/draws/{draw.pk}/"),
        ("staff-publication", "/inspections/publication/"),
        ("staff-visit", f"/inspections/visits/{visit.pk}/"),
        ("staff-detail", f"/inspections/{to_verify.pk}/"),
    ]:
        page.goto(url + path)
        _check(page, name)
    page.goto(f"{url}/inspections/plans/{plan.pk}/")
    page.fill("#id_reason", "检查人员名录更新")
    page.click("main button:has-text('重新抽取')")
    page.wait_for_selector("h1:has-text('确认重新抽取')")
    _check(page, "staff-redraw-confirm")
    page.goto(f"{url}/inspections/publication/")
    page.locator("main button:has-text('公开')").first.click()
    page.wait_for_selector("h1:has-text('确认公开检查结果')")
    _check(page, "staff-publish-confirm")

    page = session(None)
    page.goto(f"{url}/public/draws/{draw.pk}/verify/")
    assert "复核结论：一致" in page.content()
    page.click("summary:has-text('自行复核方法')")
    result = _check(page, "public-verify")
    # No 4,800 px page: the lists and the method are folded away.
    assert result["height"] < 2600, result
    page.goto(f"{url}/public/inspections/")
    _check(page, "public-list")
