"""The audit list in /admin/: every audit event, newest first, a bounded page at a time, with a
query count that does not grow with the number of events."""

from tests.factories import UserFactory


def test_audit_list_shows_the_newest_events_first_and_pages_back(
    login, bureau_admin, django_assert_max_num_queries
):
    UserFactory.create_batch(60)
    client = login(bureau_admin)
    # session, user, one union of every table's newest rows with their context, the actors' names,
    # and the admin's own page furniture (its app list, the session save): none per event
    with django_assert_max_num_queries(12):
        response = client.get("/admin/audit/")
    assert response.status_code == 200
    events = response.context["events"]
    assert len(events) == 50
    assert [e["created_at"] for e in events] == sorted((e["created_at"] for e in events), reverse=True)
    assert response.context["next_before"]
    older = client.get("/admin/audit/", {"before": response.context["next_before"]}).context["events"]
    assert older and all(e["created_at"] <= events[-1]["created_at"] for e in older)
    seen = {e["cursor"] for e in events}
    assert not seen & {e["cursor"] for e in older}  # no event on two pages
    assert len(events) + len(older) >= 60  # 60 accounts created, each an audit event


def test_audit_list_is_for_admin_staff_only(login, staff, director, client, db):
    for visitor in (login(staff), login(director), client):
        response = visitor.get("/admin/audit/")
        assert response.status_code == 302 and "login/" in response["Location"]
