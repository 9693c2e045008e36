"""The change history reads as words: field names, choice labels and related records by name,
without the bookkeeping columns (version, ids, recorded-at times)."""

import re

import pghistory
import pytest

from firms import services
from firms.models import Firm
from tests.factories import LawyerFactory


def _edit(firm, user, **fields):
    """Change a firm the way the edit page does: through the service, as the signed-in user."""
    firm.refresh_from_db()
    for name, value in fields.items():
        setattr(firm, name, value)
    with pghistory.context(user=user.pk, url=f"/firms/{firm.pk}/edit/"):
        services.firm_update(firm=firm, expected_version=firm.version, fields=list(fields))


def _changes(html):
    """The text of each change line, tags stripped and whitespace collapsed."""
    lines = re.findall(r"<div class=\"history-change\" data-change>(.*?)</div>", html, re.S)
    return [re.sub(r"\s+", " ", re.sub(r"<[^>]+>", "", line)).strip() for line in lines]


@pytest.fixture
def firm_with_history(firm, staff):
    zhang = LawyerFactory(firm=firm, name="张三")
    li = LawyerFactory(firm=firm, name="李四")
    _edit(firm, staff, director=zhang)
    _edit(firm, staff, director=li, status=Firm.Status.SUSPENDED)
    return firm


def test_history_names_fields_choices_and_related_records(login, staff, firm_with_history):
    html = login(staff).get(f"/history/firms/firm/{firm_with_history.pk}/").content.decode()
    changes = _changes(html)
    # Newest first: the second edit, then the first (the insert has no changes to list).
    assert changes == [
        "主任：张三 → 李四",
        "状态：执业 → 停业整顿",
        "主任：（空） → 张三",
    ]
    assert "王科员" in html  # who made the changes


def test_history_says_yes_and_no_and_keeps_numbers(login, staff, firm):
    _edit(firm, staff, has_reception=True, computers=4)
    html = login(staff).get(f"/history/firms/firm/{firm.pk}/").content.decode()
    assert _changes(html) == ["接待室：否 → 是", "电脑（台）：0 → 4"]


def test_history_hides_bookkeeping_fields(login, staff, firm_with_history):
    html = login(staff).get(f"/history/firms/firm/{firm_with_history.pk}/").content.decode()
    body = html[html.index("<tbody>") : html.index("</tbody>")]
    for raw in ("version", "director_id", "status:", "practising", "suspended", "<code>"):
        assert raw not in body
    # The version did change with every edit; it is the page that leaves it out.
    from pghistory.models import Events

    diffs = [e.pgh_diff for e in Events.objects.tracks(firm_with_history).filter(pgh_label="update")]
    assert all("version" in diff for diff in diffs)


def test_history_of_a_since_deleted_related_record(login, staff, firm, other_firm):
    # A lawyer who moved away and was deleted: the history says so instead of showing an id.
    gone = LawyerFactory(firm=firm, name="王五")
    _edit(firm, staff, director=gone)
    _edit(firm, staff, director=None)
    gone.practice_records.all().delete()
    gone.delete()
    html = login(staff).get(f"/history/firms/firm/{firm.pk}/").content.decode()
    assert _changes(html) == ["主任：（已删除的记录） → （空）", "主任：（空） → （已删除的记录）"]


def test_history_page_query_count_does_not_grow_with_events(
    login, staff, firm, django_assert_num_queries
):
    client = login(staff)
    lawyers = [LawyerFactory(firm=firm, name=f"律师{i}") for i in range(3)]
    _edit(firm, staff, director=lawyers[0], status=Firm.Status.SUSPENDED)
    client.get(f"/history/firms/firm/{firm.pk}/")  # warm the session and role caches
    # Queries: the session, the user, their roles, the firm, the events, the actors, the lawyers
    # named in the events (the header's settings row is kept by the process, the session renewed
    # once a minute).
    with django_assert_num_queries(7) as few:
        client.get(f"/history/firms/firm/{firm.pk}/")
    for lawyer in lawyers[1:]:
        _edit(firm, staff, director=lawyer)
    _edit(firm, staff, status=Firm.Status.PRACTISING)
    with django_assert_num_queries(len(few.captured_queries)):
        response = client.get(f"/history/firms/firm/{firm.pk}/")
    assert len(_changes(response.content.decode())) == 2 + 2 + 1  # first edit, two directors, status
