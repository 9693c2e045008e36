"""The demo county's inspection pages as each role sees them, in Chinese and in English."""

from firms import demo as firms_demo
from inspections import demo
from inspections.models import Inspection

from .test_browser import session  # noqa: F401  (fixture)


def test_demo_pages_per_role(session, live_server, shot, role_users):  # noqa: F811
    users = {
        k.replace("bureau_staff", "staff").replace("bureau_admin", "admin"): v for k, v in role_users.items()
    }
    firms_demo.seed(users)
    demo.seed(users)
    url = live_server.url
    # The director's firm (the first firm) has a report for the inspector to verify.
    mingde = Inspection.objects.select_related("firm").get(plan__year=2026, rectification="responded")

    page = session("staff")
    assert "逾期未整改" in page.content()
    shot(page, "inspections-dashboard-staff")
    page.goto(f"{url}/inspections/plans/")
    page.click("text=2026年第一批律师事务所双随机抽查")
    assert "有效" in page.content()
    shot(page, "inspections-plan-detail")
    for name, path in [
        ("inspections-list-staff", "/inspections/"),
        ("inspections-publication", "/inspections/publication/"),
        ("inspections-registers", "/inspections/registers/"),
        ("inspections-visits", "/inspections/visits/"),
    ]:
        response = page.goto(f"{url}{path}")
        assert response.status == 200
        shot(page, name)

    waiting = Inspection.objects.get(plan__year=2026, status="scheduled")
    page.goto(f"{url}/inspections/{waiting.pk}/")
    # Its 检查通知书 is issued: it prints, and the date no longer moves.
    assert "打印检查通知书" in page.content() and waiting.notice_number in page.content()
    assert "调整检查日期" not in page.content()
    shot(page, "inspections-detail-staff-scheduled")

    page = session("inspector")
    assert "待核查的整改报告" in page.content()
    shot(page, "inspections-dashboard-inspector")
    page.goto(f"{url}/inspections/{mingde.pk}/")
    assert "核查整改情况" in page.content()
    shot(page, "inspections-detail-inspector")
    page.get_by_role("button", name="English").click()
    page.wait_for_load_state("load")
    assert "Verify the rectification" in page.content()
    shot(page, "inspections-detail-inspector-en")

    page = session("director2")
    response = page.goto(f"{url}/inspections/{mingde.pk}/")
    assert response.status == 404
    page.goto(f"{url}/inspections/")
    assert mingde.firm.name not in page.content()
    shot(page, "inspections-list-director2")
