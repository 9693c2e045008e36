"""Rule checks at province scale: time of all the checks, and the check page's query count and time.
Budget: 1.0 s for the page with 2,000 firms, 800 branches, 40,000 members and a year of meetings.

Run: .venv/bin/python bench/partybuild_checks.py [runs]
"""

import datetime
import random
import statistics
import sys
import time

import _django  # noqa: F401
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from bureau.demo import demo_credit_code
from bureau.models import User
from bureau.permissions import Role, assign_role
from firms.models import Firm
from partybuild.checks import all_findings
from partybuild.models import Branch, BranchFirm, Meeting, Member
from partybuild.selectors import year_figures

FIRMS, BRANCHES, MEMBERS = 2000, 800, 40000
D = datetime.date


def load():
    if Branch.objects.filter(name__startswith="基准支部").count() >= BRANCHES:
        return
    rng = random.Random(7)
    firms = Firm.objects.bulk_create(
        [Firm(name=f"基准律师事务所{i:05d}", credit_code=demo_credit_code(900000 + i)) for i in range(FIRMS)]
    )
    branches = Branch.objects.bulk_create(
        [
            Branch(name=f"基准支部{i:04d}", kind="own" if i < 400 else "joint", founded_on=D(2015, 1, 1))
            for i in range(BRANCHES)
        ]
    )
    links, firm_branch = [], {}
    for i, firm in enumerate(firms[:1600]):
        branch = branches[i] if i < 400 else branches[400 + (i - 400) // 3]
        links.append(BranchFirm(branch=branch, firm=firm))
        firm_branch[firm.pk] = branch
    BranchFirm.objects.bulk_create(links)
    covered = firms[:1600]
    members = []
    for i in range(MEMBERS):
        firm = rng.choice(covered)
        stage = rng.choice([1, 2, 3, 4, 5, 5, 5, 5])
        dates = [D(2010, 1, 1), D(2010, 7, 1), D(2011, 8, 1), D(2012, 1, 1), D(2013, 1, 1)]
        if stage == 4:
            dates[3] = D(2025, 1, 1) + datetime.timedelta(days=rng.randrange(700))
        fields = dict(
            zip(["applied_on", "activist_on", "target_on", "probationary_on", "full_on"], dates, strict=True)
        )
        members.append(
            Member(
                name=f"基准党员{i}",
                firm=firm,
                branch=firm_branch[firm.pk],
                stage=stage,
                archive_docs=["application", "autobiography"]
                if rng.random() < 0.1
                else list(Member.Doc.values),
                **{k: v for n, (k, v) in enumerate(fields.items(), start=1) if n <= stage},
            )
        )
    Member.objects.bulk_create(members, batch_size=5000)
    meetings = []
    for branch in branches:
        for month in range(1, 13):
            if rng.random() < 0.9:
                meetings.append(
                    Meeting(branch=branch, kind="members", held_on=D(2025, month, 10), topic="t", host="h")
                )
            if month % 3 == 2 and rng.random() < 0.9:
                meetings.append(
                    Meeting(branch=branch, kind="lecture", held_on=D(2025, month, 20), topic="t", host="h")
                )
    Meeting.objects.bulk_create(meetings, batch_size=5000)
    with connection.cursor() as cursor:
        cursor.execute("analyze")


def main(runs=5):
    start = time.perf_counter()
    load()
    print(
        f"partybuild_checks: data ready in {time.perf_counter() - start:.1f}s "
        f"(firms={Firm.objects.count()} branches={Branch.objects.count()} members={Member.objects.count()} "
        f"meetings={Meeting.objects.count()})"
    )
    today = D(2026, 11, 28)
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        found = all_findings(2025, today=today)
        times.append(time.perf_counter() - start)
    counts = found["counts"]
    print(
        f"  all_findings (every row): median={statistics.median(times):.3f}s max={max(times):.3f}s findings={counts}"
    )

    start = time.perf_counter()
    figures = year_figures(2025, today=today)
    print(
        f"  year_figures(2025): {time.perf_counter() - start:.3f}s members_by_stage={figures['members_by_stage']}"
    )

    user, _ = User.objects.get_or_create(username="bench_staff")
    assign_role(user, Role.BUREAU_STAFF)
    client = Client()
    client.force_login(user)
    client.get("/party/checks/?year=2025")
    page_times = []
    for _ in range(runs):
        with CaptureQueriesContext(connection) as ctx:
            start = time.perf_counter()
            response = client.get("/party/checks/?year=2025")
            page_times.append(time.perf_counter() - start)
    assert response.status_code == 200
    print(
        f"  /party/checks/: queries={len(ctx.captured_queries)} median={statistics.median(page_times):.3f}s "
        f"max={max(page_times):.3f}s size={len(response.content) // 1024} KiB (budget 1.000s)"
    )
    for url in ("/party/?year=2025", "/party/meetings/?year=2025"):
        client.get(url)
        with CaptureQueriesContext(connection) as ctx:
            start = time.perf_counter()
            page = client.get(url)
            took = time.perf_counter() - start
        assert page.status_code == 200
        print(
            f"  {url}: queries={len(ctx.captured_queries)} time={took:.3f}s size={len(page.content) // 1024} KiB"
        )


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 5)
