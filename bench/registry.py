"""The registry's pages at province scale, on the dataset (bench/dataset.py: 2,000 firms, 40,000
lawyers, names with their pinyin): the firm list (search, filters, sorting, a deep page), the lawyer
list (search and filters), the public directory and a firm page, as bureau staff through the full
request stack. Prints each page's median server time and query count beside the row counts.

Budget: a median of at most 150 ms a page. Exits non-zero when a page misses it.
Run: .venv/bin/python bench/registry.py [runs]
"""

import statistics
import sys
import time

import _django

RUNS = int(sys.argv[1]) if len(sys.argv) > 1 else 15
BUDGET_MS = 150


def staff_client():
    from django.test import Client

    from bureau.models import User
    from bureau.permissions import Role, assign_role
    from tests.otp_helpers import mark_client_verified

    user = User.objects.create_user("bench_staff", password="x", full_name="王科员")
    assign_role(user, Role.BUREAU_STAFF)
    client = Client()
    client.force_login(user)
    # Staff sign in with a second factor: the session holds a verified device, as in the tests.
    mark_client_verified(client, user)
    return client


def pages():
    from firms.models import Firm, Lawyer

    firms = Firm.objects.order_by("id")
    firm = firms[firms.count() // 2]
    lawyer = Lawyer.objects.order_by("id")[123]
    return [
        ("firm list", "/firms/"),
        (
            "firm list, search + filter + sort",
            "/firms/?q=明德&status=practising&organisation_form=partnership&sort=-lawyer_count",
        ),
        ("firm list, pinyin initials", "/firms/?q=mdls"),
        ("firm list, part of a credit code", "/firms/?q=0000150"),
        ("firm list, director's name", "/firms/?q=王伟"),
        ("firm list, page 60", "/firms/?page=60"),
        ("lawyer list", "/lawyers/"),
        ("lawyer list, search + filter", "/lawyers/?q=王伟&category=full_time&status=practising"),
        ("lawyer list, by licence number", f"/lawyers/?q={lawyer.licence_no}"),
        ("lawyer list, part of a licence number", "/lawyers/?q=0004567"),
        ("lawyer list, pinyin initials", "/lawyers/?q=ww"),
        ("lawyer list, pinyin", "/lawyers/?q=wangwei"),
        ("public directory, pinyin initials", "/public/firms/?q=mdls"),
        ("firm page", f"/firms/{firm.pk}/"),
    ]


def measure(client, url):
    """Median of RUNS requests in ms, and the queries of one more."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    response = client.get(url)  # warm: caches, prepared templates
    if response.status_code != 200:
        raise SystemExit(f"{url}: HTTP {response.status_code}")
    times = []
    for _ in range(RUNS):
        start = time.perf_counter()
        client.get(url)
        times.append((time.perf_counter() - start) * 1000)
    with CaptureQueriesContext(connection) as queries:
        client.get(url)
    return statistics.median(times), len(queries)


def main():
    counts = _django.open_db("registry", "province")
    from django.test.utils import setup_test_environment

    setup_test_environment()
    client = staff_client()
    print(f"\nRegistry pages, median of {RUNS} requests as bureau staff, budget {BUDGET_MS} ms")
    _django.print_counts(counts, ["firms_firm", "firms_lawyer", "firms_trainingattendance"])
    over = []
    for label, url in pages():
        median, queries = measure(client, url)
        ok = median <= BUDGET_MS
        if not ok:
            over.append(label)
        print(
            f"  {label:<38} median {median:7.1f} ms (budget {BUDGET_MS} ms) {queries:3} queries "
            f"{'OK' if ok else 'OVER'}",
            flush=True,
        )
    if over:
        print(f"registry over budget: {', '.join(over)}")
        sys.exit(1)


if __name__ == "__main__":
    main()
