"""List and detail pages run a fixed number of queries whatever the row count."""

import datetime
from decimal import Decimal

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from casework import services
from casework.models import ServiceLog
from tests.factories import FirmFactory

from .conftest import make_case, party


def _count(client, url):
    client.get(url)  # warm up, so that one-time work on first use is not counted
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
    assert response.status_code == 200
    return len(ctx.captured_queries)


def _add_cases(firm, user, lawyers, n, start=0):
    for i in range(n):
        case = make_case(
            firm,
            user,
            lawyers,
            parties=[party(f"客户{start + i}"), party(f"对方{start + i}", role="opposing")],
            is_sensitive=bool(i % 2),
        )
        services.receipt_add(
            case=case, receipt_no=f"R{i}", amount=Decimal("10"), received_on=case.intake_date
        )


def _add_logs(firm, user, lawyers, n):
    for _i in range(n):
        services.service_log_create(
            firm=firm,
            user=user,
            kind=ServiceLog.Kind.LEGAL_HELP,
            date=datetime.date(2026, 5, 1),
            lawyers=lawyers,
            person_times=2,
        )


def test_case_list_queries_do_not_grow(
    login, director, staff, firm, lawyer, lawyer2, django_assert_num_queries
):
    _add_cases(firm, director, [lawyer, lawyer2], 2)
    client, bureau = login(director), login(staff)
    few, few_bureau = _count(client, "/cases/"), _count(bureau, "/cases/")
    # session, user, roles, casework settings, director's firm (register button), page rows (one
    # more than a page: no COUNT, bureau.keyset), lawyers, parties; the header's settings row is kept
    # by the process and the session renewed once a minute, not on every page. Bureau staff skip the
    # director's firm and get the firms of the filter instead; the per-firm summary loads when opened.
    # A director's list reads the firms it covers first (named in the filter, so the newest cases
    # come straight from the firm's index): one query more.
    assert (few, few_bureau) == (9, 8)
    FirmFactory.create_batch(3)
    _add_cases(firm, director, [lawyer, lawyer2], 8, start=2)
    assert _count(client, "/cases/") == few
    assert _count(bureau, "/cases/") == few_bureau
    with django_assert_num_queries(few):
        client.get("/cases/")


def test_firm_summary_queries_do_not_grow(login, director, staff, firm, lawyer, lawyer2):
    _add_cases(firm, director, [lawyer, lawyer2], 2)
    bureau = login(staff)
    few = _count(bureau, "/cases/firm-summary/?year=2026")
    FirmFactory.create_batch(3)
    _add_cases(firm, director, [lawyer, lawyer2], 6, start=2)
    # session, user, roles, casework settings, the year's cases by firm, firms, session save.
    assert _count(bureau, "/cases/firm-summary/?year=2026") == few <= 9


def test_case_detail_queries_do_not_grow(login, director, firm, lawyer, lawyer2):
    _add_cases(firm, director, [lawyer], 1)
    from casework.models import Case

    small = Case.objects.get()
    big = make_case(firm, director, [lawyer, lawyer2], parties=[party(f"当事人{i}") for i in range(8)])
    for i in range(5):
        services.receipt_add(case=big, receipt_no=f"B{i}", amount=Decimal("1"), received_on=big.intake_date)
    client = login(director)
    assert _count(client, reverse("casework:case_detail", args=[small.pk])) == _count(
        client, reverse("casework:case_detail", args=[big.pk])
    )


def test_service_list_queries_do_not_grow(login, director, staff, firm, lawyer, lawyer2):
    _add_logs(firm, director, [lawyer], 2)
    client = login(staff)
    few = _count(client, "/services/")
    _add_logs(firm, director, [lawyer, lawyer2], 10)
    assert _count(client, "/services/") == few


def test_sensitive_list_queries_do_not_grow(login, director, staff, firm, lawyer):
    _add_cases(firm, director, [lawyer], 2)
    client = login(staff)
    few = _count(client, "/sensitive/")
    _add_cases(firm, director, [lawyer], 6, start=2)
    assert _count(client, "/sensitive/") == few


def test_quarterly_overview_queries_do_not_grow_with_firms(login, staff, director):
    from tests.factories import FirmFactory

    client = login(staff)
    url = "/quarterly/?year=2026&quarter=1"
    few = _count(client, url)
    FirmFactory.create_batch(6)
    assert _count(client, url) == few
