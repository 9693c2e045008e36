"""The Party rule checks at province scale, on the dataset (bench/dataset.py: 2,000 firms, 800
branches, 40,000 members, a year of meetings with their attendance): time of all the checks, the
year's figures, and the check page's query count and time as bureau staff, with the Party overview
and meeting list beside it.

Budget: 1.0 s for the check page. Exits non-zero when it misses it.
Run: .venv/bin/python bench/partybuild_checks.py [runs]
"""

import datetime
import statistics
import sys
import time

import _django

RUNS = int(sys.argv[1]) if len(sys.argv) > 1 else 5
BUDGET_S = 1.0
YEAR = 2025  # the dataset's year of meetings
TODAY = datetime.date(2026, 11, 28)


def staff_client():
    from django.test import Client

    from bureau.models import User
    from bureau.permissions import Role, assign_role
    from tests.otp_helpers import mark_client_verified

    user = User.objects.create_user("bench_staff", password="x", full_name="王科员")
    assign_role(user, Role.BUREAU_STAFF)
    client = Client()
    client.force_login(user)
    mark_client_verified(client, user)
    return client


def timed_page(client, url, runs):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client.get(url)  # warm
    times = []
    for _ in range(runs):
        with CaptureQueriesContext(connection) as ctx:
            start = time.perf_counter()
            response = client.get(url)
            times.append(time.perf_counter() - start)
        if response.status_code != 200:
            raise SystemExit(f"{url}: HTTP {response.status_code}")
    return statistics.median(times), max(times), len(ctx.captured_queries), len(response.content) // 1024


def main():
    counts = _django.open_db("partybuild_checks", "province")
    from django.test.utils import setup_test_environment

    from partybuild.checks import all_findings
    from partybuild.selectors import year_figures

    setup_test_environment()
    print(f"\nParty rule checks {YEAR}, median of {RUNS} runs")
    _django.print_counts(
        counts,
        [
            "firms_firm",
            "partybuild_branch",
            "partybuild_member",
            "partybuild_meeting",
            "partybuild_attendance",
        ],
    )
    times = []
    for _ in range(RUNS):
        start = time.perf_counter()
        found = all_findings(YEAR, today=TODAY)
        times.append(time.perf_counter() - start)
    print(
        f"  all_findings (every row): median {statistics.median(times):.3f} s, max {max(times):.3f} s, "
        f"findings {found['counts']}"
    )
    start = time.perf_counter()
    figures = year_figures(YEAR)
    print(
        f"  year_figures({YEAR}): {time.perf_counter() - start:.3f} s, members by stage {figures['members_by_stage']}"
    )
    client = staff_client()
    median, worst, queries, size = timed_page(client, f"/party/checks/?year={YEAR}", RUNS)
    ok = median <= BUDGET_S
    print(
        f"  /party/checks/: median {median:.3f} s (budget {BUDGET_S:.3f} s), max {worst:.3f} s, "
        f"{queries} queries, {size} KiB {'OK' if ok else 'OVER'}"
    )
    for url in (f"/party/?year={YEAR}", f"/party/meetings/?year={YEAR}"):
        median, worst, queries, size = timed_page(client, url, 1)
        print(f"  {url}: {median:.3f} s, {queries} queries, {size} KiB")
    if not ok:
        print("partybuild_checks over budget: /party/checks/")
        sys.exit(1)


if __name__ == "__main__":
    main()
