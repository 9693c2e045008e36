"""The pages every role opens on a phone, walked in Chromium at 390x844 over the demo county:
dashboards, reminders, Party building, reports and the lists the apps' own phone tests leave out.
Each fits the screen (no sideways scrolling) with controls big enough to tap; screenshots at both
sizes go to var/screenshots/phone-walk-*.png."""

from tests.browser_helpers import DESK, PHONE, phone_problems, sign_in


def _walk(users):
    from firms.models import Firm
    from firms.permissions import managed_firm_ids
    from partybuild.models import Branch, Member

    own_firm_id = Firm.objects.filter(pk__in=managed_firm_ids(users["director"])).get().pk
    branch = Branch.objects.order_by("id").first()
    member = Member.objects.filter(branch=branch).order_by("id").first()
    return {
        "staff": [
            ("dashboard", "/"),
            ("notifications", "/notifications/"),
            ("reports", "/reports/"),
            ("party-index", "/party/"),
            ("branch", f"/party/branches/{branch.pk}/"),
            ("member", f"/party/members/{member.pk}/"),
            ("meetings", "/party/meetings/"),
            ("party-checks", "/party/checks/"),
            ("sensitive", "/sensitive/"),
            ("training", "/training/"),
            ("training-shortfall", "/training/shortfall/"),
            ("history", f"/history/firms/firm/{own_firm_id}/"),
            ("security", "/accounts/security/"),
        ],
        "admin": [("dashboard", "/"), ("users", "/accounts/users/"), ("signin-log", "/accounts/signin-log/")],
        "director": [
            ("dashboard", "/"),
            ("notifications", "/notifications/"),
            ("own-firm", f"/firms/{own_firm_id}/"),
            ("sensitive", "/sensitive/"),
        ],
        "inspector": [("dashboard", "/"), ("notifications", "/notifications/")],
    }


def test_every_roles_phone_pages_fit(browser, live_server, demo_county, shot):
    problems, walked = [], 0
    for role, pages in _walk(demo_county).items():
        context = browser.new_context(viewport=PHONE, is_mobile=True, locale="zh-CN")
        page = context.new_page()
        page.set_default_timeout(20000)
        sign_in(page, live_server, role)
        for name, path in pages:
            response = page.goto(live_server.url + path)
            assert response.status == 200, (role, path, response.status)
            problems += phone_problems(page, f"{role} {name} {path}")
            shot(page, f"phone-walk-{role}-{name}")
            page.set_viewport_size(DESK)
            page.goto(live_server.url + path)
            shot(page, f"phone-walk-desk-{role}-{name}", full_page=False)
            page.set_viewport_size(PHONE)
            walked += 1
        context.close()
    assert walked == 22
    assert not problems, "\n".join(problems)
