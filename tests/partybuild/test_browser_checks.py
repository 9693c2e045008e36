"""In Chromium, at desk and phone sizes: the checks page with more findings than it shows, the link
to a check's own list, and that list's second page."""

from partybuild.models import Member
from tests.browser_helpers import DESK, PHONE, phone_problems, sign_in
from tests.factories import FirmFactory

from .helpers import D, make_branch, make_member


def _county():
    """60 firms with 3 full members each in joint branches of 6: 60 firms to list, 10 branches over
    the firm limit and without a committee, and overdue conversions."""
    for b in range(10):
        firms = [FirmFactory(name=f"第{b * 6 + i + 1:02d}律师事务所") for i in range(6)]
        branch = make_branch(f"第{b + 1:02d}联合党支部", *firms)
        for firm in firms:
            for i in range(3):
                make_member(branch, f"{firm.name[:3]}党员{i}", firm=firm)
        overdue = D(2024, 1, 1)
        make_member(branch, f"第{b + 1:02d}支部预备", Member.Stage.PROBATIONARY, probationary_on=overdue)


def test_checks_page_and_a_checks_list_at_desk_and_phone(page, live_server, staff, shot):
    _county()
    sign_in(page, live_server, "staff")
    problems = []
    for size, name in ((DESK, "desk"), (PHONE, "phone")):
        page.set_viewport_size(size)
        page.goto(f"{live_server.url}/party/checks/?year=2025")
        firms = page.locator("#check-firms")
        assert firms.locator("li[data-row]").count() == 10
        shot(page, f"party-checks-{name}")
        shot(page, f"party-checks-{name}-screen", full_page=False)
        problems += phone_problems(page, "checks") if name == "phone" else []
        firms.get_by_role("link", name="查看全部 60 条").click()
        page.wait_for_url(f"{live_server.url}/party/checks/firms/?year=2025")
        assert page.locator("#section-total").inner_text() == "60"
        assert page.locator("li[data-row]").count() == 50
        page.get_by_role("link", name="下一页").click()
        assert page.locator("li[data-row]").count() == 10
        assert page.locator("li[data-row]").last.inner_text().startswith("第60律师事务所")
        shot(page, f"party-checks-firms-page2-{name}")
        shot(page, f"party-checks-firms-page2-{name}-screen", full_page=False)
        problems += phone_problems(page, "firms list") if name == "phone" else []
    assert problems == []
