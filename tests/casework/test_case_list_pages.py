"""The case register pages after a cursor (bureau.keyset), filters by firm and year, and the per-firm
summary the bureau opens on demand. Expected rows are set by construction."""

import datetime
import re

import pytest

from casework.views import cases as case_views

from .conftest import make_case, party


def _numbers(response):
    return re.findall(r'href="/cases/\d+/">([^<]+)</a>', response.content.decode())


def _next_link(response):
    found = re.search(r'rel="next" href="\?([^"]+)"', response.content.decode())
    return found and found.group(1).replace("&amp;", "&")


@pytest.fixture
def small_pages(monkeypatch):
    monkeypatch.setattr(case_views, "PAGE_SIZE", 3)


@pytest.fixture
def register(firm, other_firm, director, director2, lawyer, other_lawyer):
    """Seven cases of the firm (four of 2025, three of 2026) and two of the other firm (2026)."""
    made = {}
    for i, year in enumerate([2025, 2025, 2025, 2025, 2026, 2026, 2026]):
        case = make_case(
            firm, director, [lawyer], parties=[party(f"客户{i}")], intake_date=datetime.date(year, 3, 2 + i)
        )
        made.setdefault(firm.pk, []).append(case.intake_no)
    for i in range(2):
        case = make_case(other_firm, director2, [other_lawyer], parties=[party(f"他所客户{i}")])
        made.setdefault(other_firm.pk, []).append(case.intake_no)
    return made


def test_director_walks_the_register_page_by_page_newest_first(login, director, register, firm, small_pages):
    client = login(director)
    own = register[firm.pk]
    # Newest first: 2026 by serial descending, then 2025.
    expected = list(reversed(own[4:])) + list(reversed(own[:4]))
    seen, query, pages = [], "", 0
    while True:
        response = client.get("/cases/?" + query)
        assert response.status_code == 200
        seen += _numbers(response)
        pages += 1
        query = _next_link(response)
        if not query:
            break
        assert "第一页" in response.content.decode() or pages == 1
    assert seen == expected
    assert pages == 3  # 3 + 3 + 1


def test_bureau_sees_every_firm_and_filters_by_firm_and_year(login, staff, register, firm, other_firm):
    client = login(staff)
    assert sorted(_numbers(client.get("/cases/"))) == sorted(register[firm.pk] + register[other_firm.pk])
    by_firm = _numbers(client.get(f"/cases/?firm={other_firm.pk}"))
    assert sorted(by_firm) == sorted(register[other_firm.pk])
    by_firm_year = _numbers(client.get(f"/cases/?firm={firm.pk}&year=2025"))
    assert by_firm_year == list(reversed(register[firm.pk][:4]))


def test_a_director_cannot_reach_another_firm_by_the_firm_filter(login, director, register, other_firm):
    response = login(director).get(f"/cases/?firm={other_firm.pk}")
    assert response.status_code == 200
    assert _numbers(response) == []


@pytest.mark.parametrize("cursor", ["abc", "2026.1", "1.2.3.4", "9" * 40 + ".1.1", "2026.x.1", ""])
def test_a_hand_edited_cursor_gives_the_first_page(login, staff, register, cursor, small_pages):
    client = login(staff)
    first = _numbers(client.get("/cases/"))
    response = client.get("/cases/", {"after": cursor})
    assert response.status_code == 200
    assert _numbers(response) == first


def test_firm_summary_counts_the_years_cases_for_the_bureau_only(
    login, staff, director, register, firm, other_firm, client
):
    response = login(staff).get("/cases/firm-summary/?year=2025")
    assert response.status_code == 200
    rows = dict(
        re.findall(
            r'data-label="律师事务所">([^<]+)</td><td class="text-end" data-label="收案">(\d+)</td>',
            response.content.decode(),
        )
    )
    assert rows == {firm.name: "4", other_firm.name: "0"}
    assert login(director).get("/cases/firm-summary/").status_code == 403
    assert client.get("/cases/firm-summary/").status_code == 302
    # The list itself only links the summary: it loads when opened.
    page = login(staff).get("/cases/?year=2025").content.decode()
    assert 'hx-get="/cases/firm-summary/?year=2025"' in page
    assert 'data-label="收案"' not in page
