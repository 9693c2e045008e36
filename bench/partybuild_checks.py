"""The Party rule checks at province scale, on the dataset (bench/dataset.py: 2,000 firms, 800
branches, 40,000 members, a year of meetings with their attendance): time of all the checks, the
year's figures, and the check page's query count and time as bureau staff (the dataset's year of
meetings and this year, which has none: a gap for every period), each check's own paged list, with
the Party overview and meeting list beside it.

Budget: a median of 150 ms for the check page and for each check's list (bench/pages.py's budget),
through the full request stack. Exits non-zero when one misses it.
Run: .venv/bin/python bench/partybuild_checks.py [runs] [scale]
(scale "small" has the same Party data and copies in seconds; BENCH_NAME names the database copy.)
"""

import datetime
import os
import statistics
import sys
import time

import _django

RUNS = int(sys.argv[1]) if len(sys.argv) > 1 else 15
SCALE = sys.argv[2] if len(sys.argv) > 2 else "province"
BUDGET_MS = 150
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
            times.append((time.perf_counter() - start) * 1000)
        if response.status_code != 200:
            raise SystemExit(f"{url}: HTTP {response.status_code}")
    return statistics.median(times), max(times), len(ctx.captured_queries), len(response.content) // 1024


def main():
    counts = _django.open_db(os.environ.get("BENCH_NAME", "partybuild_checks"), SCALE)
    from django.template import Template
    from django.test import utils

    from partybuild.checks import SECTIONS, all_findings
    from partybuild.selectors import year_figures

    utils.setup_test_environment()  # ALLOWED_HOSTS for the test client
    # ... but not its template instrumentation, which production does not pay (as bench/pages.py).
    Template._render = utils._TestState.saved_data.template_render
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
    for _ in range(min(RUNS, 5)):
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
    this_year = datetime.date.today().year
    pages = [f"/party/checks/?year={YEAR}", f"/party/checks/?year={this_year}"]
    pages += [f"/party/checks/{section}/?year={YEAR}" for section in SECTIONS]
    pages += [f"/party/checks/meetings/?year={this_year}&page=100"]
    over = []
    for url in pages:
        median, worst, queries, size = timed_page(client, url, RUNS)
        ok = median <= BUDGET_MS
        if not ok:
            over.append(url)
        print(
            f"  {url}: median {median:.0f} ms (budget {BUDGET_MS} ms), max {worst:.0f} ms, "
            f"{queries} queries, {size} KiB {'OK' if ok else 'OVER'}",
            flush=True,
        )
    for url in (f"/party/?year={YEAR}", f"/party/meetings/?year={YEAR}"):
        median, worst, queries, size = timed_page(client, url, 1)
        print(f"  {url}: {median:.0f} ms, {queries} queries, {size} KiB")
    if over:
        print(f"partybuild_checks over budget: {over}")
        sys.exit(1)


if __name__ == "__main__":
    main()
