"""The checks page shows each check's first rows and full count; each check's own page lists every
row, a page at a time; the dashboard cards open those lists and show their counts."""

import re

import pytest

from partybuild import checks
from partybuild import contrib as dashboard
from partybuild.models import Branch, Member
from partybuild.views.checks import PREVIEW_ROWS, SECTION_ROWS
from tests.factories import FirmFactory

from .helpers import D, make_branch, make_member
from .test_access import EVERYONE

CROWDED = 12  # firms with 3 full members and no branch of their own: more than PREVIEW_ROWS


@pytest.fixture
def crowded(db):
    """12 firms (甲01..甲12) with 3 full members each, in two joint branches of 6 firms (both above
    the 5-firm limit), plus 3 probationary members overdue for conversion in the first."""
    firms = [FirmFactory(name=f"甲{i:02d}律所") for i in range(1, CROWDED + 1)]
    first = make_branch("联合一支部", *firms[:6])
    second = make_branch("联合二支部", *firms[6:])
    for firm, branch in zip(firms, [first] * 6 + [second] * 6, strict=True):
        for i in range(3):
            make_member(branch, f"{firm.name}党员{i}", firm=firm)
    for i in range(3):
        make_member(first, f"逾期{i}", Member.Stage.PROBATIONARY, probationary_on=D(2024, 1, 1))
    return firms


def _section_names(html):
    return re.findall(r"(甲\d\d律所) ·", html)


def test_summary_page_shows_the_first_rows_and_links_to_all(login, staff, crowded):
    html = login(staff).get("/party/checks/?year=2025").content.decode()
    firms = html.split('id="check-firms"')[1].split("</section>")[0]
    assert _section_names(firms) == [f"甲{i:02d}律所" for i in range(1, PREVIEW_ROWS + 1)]
    assert f">{CROWDED}</span>" in firms
    assert "/party/checks/firms/?year=2025" in firms and f"查看全部 {CROWDED} 条" in firms
    # Two branches over the firm limit: both shown, so no link to more.
    branches = html.split('id="check-branches"')[1].split("</section>")[0]
    assert "联合一支部" in branches and "联合二支部" in branches
    assert "/party/checks/branches/" not in branches


def test_section_page_lists_every_row_a_page_at_a_time(login, staff, crowded):
    client = login(staff)
    html = client.get("/party/checks/firms/").content.decode()
    assert _section_names(html) == [f"甲{i:02d}律所" for i in range(1, CROWDED + 1)]
    assert f'id="section-total">{CROWDED}<' in html
    extra = [FirmFactory(name=f"甲{i:02d}律所") for i in range(CROWDED + 1, CROWDED + 1 + SECTION_ROWS)]
    joint = make_branch("联合三支部", *extra)
    for firm in extra:
        for i in range(3):
            make_member(joint, f"{firm.name}{i}", firm=firm)
    first = client.get("/party/checks/firms/").content.decode()
    second = client.get("/party/checks/firms/?page=2").content.decode()
    # 62 firms by name, 甲01..甲62: 50 on the first page, 12 on the second.
    assert _section_names(first) == [f"甲{i:02d}律所" for i in range(1, SECTION_ROWS + 1)]
    assert _section_names(second) == [
        f"甲{i:02d}律所" for i in range(SECTION_ROWS + 1, SECTION_ROWS + CROWDED + 1)
    ]
    assert "page=2" in first and f"共 {CROWDED + SECTION_ROWS} 条" in first


def test_bad_or_past_the_end_page_numbers_give_a_page(login, staff, crowded):
    client = login(staff)
    for page in ("abc", "0", "99", "-1"):
        response = client.get(f"/party/checks/firms/?page={page}")
        assert response.status_code == 200
        assert len(_section_names(response.content.decode())) == CROWDED


def test_unknown_section_is_404(login, staff):
    assert login(staff).get("/party/checks/nothing/").status_code == 404


def test_branch_rows_name_each_rule_broken(login, staff, crowded):
    seven = make_branch("七人支部", FirmFactory(), kind=Branch.Kind.OWN)
    for i in range(7):
        make_member(seven, f"七人{i}")
    html = login(staff).get("/party/checks/branches/").content.decode()
    # The joint branches break two rules (6 firms; 18 full members and no committee), 七人支部 one.
    assert 'id="section-total">5<' in html
    rows = re.findall(r">(\S+支部)</a>：(.*?)</li>", html)
    assert rows == [
        ("联合一支部", "联合党支部覆盖 6 家单位，超过 5 家"),
        ("联合二支部", "联合党支部覆盖 6 家单位，超过 5 家"),
        ("七人支部", "正式党员 7 名，未设支委会"),
        ("联合一支部", "正式党员 18 名，未设支委会"),
        ("联合二支部", "正式党员 18 名，未设支委会"),
    ]


def test_meeting_gaps_page_in_order_across_pages(login, staff, db):
    # One branch founded 1 January 2025, no committee, no groups, no meetings: 2025 owes 4 members'
    # meetings and 4 lectures, 8 gaps; a second branch founded in July owes 2 + 2.
    make_branch("甲支部", FirmFactory(), kind=Branch.Kind.OWN, founded_on=D(2025, 1, 1))
    make_branch("乙支部", FirmFactory(), kind=Branch.Kind.OWN, founded_on=D(2025, 7, 1))
    gaps = checks.meeting_gaps(2025, today=D(2026, 11, 28))
    assert gaps.total == 12
    page = checks.meeting_gaps(2025, today=D(2026, 11, 28), limit=5, offset=5)
    # By branch name (乙 sorts before 甲 by code point), then period, then kind: 乙's four come first.
    assert [(g.branch_name, g.kind, g.period_label) for g in page] == [
        ("甲支部", "members", "2025 Q1"),
        ("甲支部", "lecture", "2025 Q2"),
        ("甲支部", "members", "2025 Q2"),
        ("甲支部", "lecture", "2025 Q3"),
        ("甲支部", "members", "2025 Q3"),
    ]
    assert page.total == 12
    rows = checks.GapRows(2025, D(2026, 11, 28))
    assert rows.count() == 12 and len(rows[10:20]) == 2


def test_dashboard_cards_open_lists_with_their_counts(login, staff, crowded):
    client = login(staff)
    items = dashboard.bureau_items(staff)
    assert [i["count"] for i in items] == [CROWDED, 3]
    for item in items:
        assert item["url"].startswith("/party/checks/")
        html = client.get(item["url"]).content.decode()
        assert f'id="section-total">{item["count"]}<' in html


def test_summary_badges_equal_the_section_pages(login, staff, crowded):
    client = login(staff)
    html = client.get("/party/checks/?year=2025").content.decode()
    for section in checks.SECTIONS:
        badge = re.search(rf'id="check-{section}".*?<span class="badge[^"]*">(\d+)</span>', html, re.S)
        page = client.get(f"/party/checks/{section}/?year=2025").content.decode()
        assert re.search(r'id="section-total">(\d+)<', page).group(1) == badge.group(1), section


def test_section_page_query_count_is_pinned(login, staff, crowded, django_assert_max_num_queries):
    client = login(staff)
    for section in checks.SECTIONS:
        client.get(f"/party/checks/{section}/")
        # session, user, groups (3); party settings (1); the paginator's count and the page's rows (2,
        # the rows not asked for when the count is 0).
        with django_assert_max_num_queries(6):
            client.get(f"/party/checks/{section}/")


@pytest.mark.parametrize("who", EVERYONE)
def test_section_pages_are_for_the_bureau(login, everyone, who):
    for section in checks.SECTIONS:
        status = login(everyone[who]).get(f"/party/checks/{section}/").status_code
        assert status == (200 if who in ("bureau_admin", "bureau_staff") else 403)
    assert login(everyone[who]).get("/party/checks/99/").status_code in (404, 403)


def test_anonymous_is_sent_to_login_from_a_section(client, db):
    response = client.get("/party/checks/firms/")
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]
