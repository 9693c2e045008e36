"""The bureau's pages through the full request stack (URL routing, middleware, sessions, views,
templates), as bureau staff and as a firm director, on the dataset at two sizes that differ only in
their cases: "small" (10,000 cases) and "province" (1,000,000 cases, 3,000,000 parties). Prints each
page's median, p95 and query count at both sizes and the ratio of the medians.

Budget: a median of at most 150 ms at province scale, and flat: the median at 1,000,000 cases divided
by the median at 10,000 cases at most 1.5. Exits non-zero when a page misses either.

Run: .venv/bin/python bench/pages.py [runs]
"""

import statistics
import sys
import time

import _django

RUNS = int(sys.argv[1]) if len(sys.argv) > 1 else 15
BUDGET_MS, FLAT = 150, 1.5


def users():
    """A clerk and the director of the busiest firm, made through the portal's own role helpers."""
    from django.db.models import Count

    from bureau.models import User
    from bureau.permissions import Role, assign_role
    from casework.models import Case
    from firms.permissions import grant_firm

    busiest = Case.objects.values("firm_id").annotate(n=Count("id")).order_by("-n", "firm_id").first()
    staff = User.objects.create_user("bench_staff", password="x", full_name="王科员")
    assign_role(staff, Role.BUREAU_STAFF)
    director = User.objects.create_user("bench_director", password="x", full_name="李主任")
    assign_role(director, Role.FIRM_DIRECTOR)
    from firms.models import Firm

    firm = Firm.objects.get(pk=busiest["firm_id"])
    grant_firm(director, firm)
    return staff, director, firm


def client_for(user):
    from django.test import Client

    from tests.otp_helpers import mark_client_verified

    client = Client()
    client.force_login(user)
    mark_client_verified(client, user)
    return client


def pages(staff_client, director_client, firm):
    from casework.models import Case

    # A deep page: the cursor of a case half-way down the bureau's list.
    total = Case.objects.count()
    middle = Case.objects.order_by("-year", "-serial", "-id").values("year", "serial", "id")[total // 2]
    deep = f"/cases/?after={middle['year']}.{middle['serial']}.{middle['id']}"
    year = 2025
    return [
        ("staff", "dashboard", staff_client, "/"),
        ("staff", "cases, first page", staff_client, "/cases/"),
        ("staff", "cases, deep page", staff_client, deep),
        ("staff", "cases of a firm and year", staff_client, f"/cases/?firm={firm.pk}&year={year}"),
        ("staff", "quarterly", staff_client, "/quarterly/"),
        ("staff", "services", staff_client, "/services/"),
        ("staff", "party rule checks", staff_client, "/party/checks/"),
        ("staff", "inspections", staff_client, "/inspections/"),
        ("staff", "firm page", staff_client, f"/firms/{firm.pk}/"),
        ("director", "dashboard", director_client, "/"),
        ("director", "cases, first page", director_client, "/cases/"),
        ("director", "cases of a year", director_client, f"/cases/?year={year}"),
        ("director", "quarterly", director_client, "/quarterly/"),
        ("director", "services", director_client, "/services/"),
        ("director", "firm page", director_client, f"/firms/{firm.pk}/"),
    ]


def measure(client, url):
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
    times.sort()
    return statistics.median(times), times[int(len(times) * 0.95) - 1 if len(times) > 1 else 0], len(queries)


def run(scale):
    counts = _django.open_db(f"pages_{scale}", scale)
    from django.test.utils import setup_test_environment

    setup_test_environment()
    staff, director, firm = users()
    results = {}
    for role, label, client, url in pages(client_for(staff), client_for(director), firm):
        results[(role, label)] = (*measure(client, url), url)
    return counts, results


def main():
    small_counts, small = run("small")
    counts, large = run("province")
    print(
        f"\nPages, median of {RUNS} requests (Django test client, full middleware), budget {BUDGET_MS} ms, flat <= {FLAT}"
    )
    _django.print_counts(small_counts, ["firms_firm", "firms_lawyer", "casework_case", "casework_party"])
    _django.print_counts(counts, ["firms_firm", "firms_lawyer", "casework_case", "casework_party"])
    print(f"{'role':9} {'page':28} {'10k cases':>10} {'1M cases':>10} {'p95':>8} {'ratio':>6} {'queries':>8}")
    failed = []
    for key, (median, p95, queries, _url) in large.items():
        base = small[key][0]
        ratio = median / base
        ok = median <= BUDGET_MS and ratio <= FLAT
        if not ok:
            failed.append(key)
        print(
            f"{key[0]:9} {key[1]:28} {base:8.1f}ms {median:8.1f}ms {p95:6.1f}ms {ratio:6.2f} "
            f"{small[key][2]:>3}/{queries:<4} {'OK' if ok else 'OVER'}"
        )
    if failed:
        print(f"over budget: {failed}")
        sys.exit(1)


if __name__ == "__main__":
    main()
