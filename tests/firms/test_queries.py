"""List and detail pages run a fixed number of queries whatever the row count."""

from tests.factories import FirmFactory, LawyerFactory


def _count(client, url, django_assert_num_queries, n):
    with django_assert_num_queries(n):
        assert client.get(url).status_code == 200


def test_firm_list_fixed_queries(login, staff, django_assert_num_queries):
    client = login(staff)
    client.get("/firms/")
    for batch in (2, 30):
        for firm in FirmFactory.create_batch(batch):
            LawyerFactory.create_batch(2, firm=firm)
        # session, user, roles, count, page (with lawyer-count and rating subqueries); the header's
        # settings row is kept by the process, the session renewed once a minute
        _count(client, "/firms/?sort=-lawyer_count", django_assert_num_queries, 5)


def test_lawyer_list_fixed_queries(login, staff, django_assert_num_queries):
    client = login(staff)
    client.get("/lawyers/")
    for batch in (2, 40):
        LawyerFactory.create_batch(batch)
        # session, user, roles, count, page, firms (count, then choices count and rows)
        _count(client, "/lawyers/?status=practising", django_assert_num_queries, 8)


def test_firm_page_fixed_queries(login, staff, firm, django_assert_num_queries):
    client = login(staff)
    client.get(f"/firms/{firm.pk}/")
    counts = []
    for batch in (1, 25):
        LawyerFactory.create_batch(batch, firm=firm)
        from django.db import connection
        from django.test.utils import CaptureQueriesContext

        with CaptureQueriesContext(connection) as ctx:
            client.get(f"/firms/{firm.pk}/")
        counts.append(len(ctx.captured_queries))
    assert counts[0] == counts[1]


def test_public_directory_fixed_queries(client, db, django_assert_num_queries):
    client.get("/public/firms/")
    for batch in (2, 30):
        FirmFactory.create_batch(batch)
        # count, page (no session for an anonymous visitor; the header's settings row is kept)
        with django_assert_num_queries(2):
            client.get("/public/firms/")


def test_lawyer_filter_types_the_firm_when_there_are_many(login, staff, monkeypatch):
    from firms.filters import LawyerFilter

    monkeypatch.setattr(LawyerFilter, "FIRM_CHOICES_LIMIT", 3)
    firms = FirmFactory.create_batch(4)
    LawyerFactory(firm=firms[0], name="甲律师")
    LawyerFactory(firm=firms[1], name="乙律师")
    client = login(staff)
    html = client.get("/lawyers/").content.decode()
    assert '<select class="form-select form-select-sm" name="firm"' not in html
    assert 'type="search" name="firm"' in html
    filtered = client.get("/lawyers/", {"firm": firms[0].name}).content.decode()
    assert "甲律师" in filtered and "乙律师" not in filtered
