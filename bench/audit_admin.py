"""The audit list in /admin/ at 1,000,000 audit events. Budget: 300 ms per page; exits non-zero
when a page misses it.

On a fresh copy of the county dataset (bench/dataset.py, database portal_bench_audit_admin), loads
EVENTS audit events (default 1,000,000) into the bureau settings' event table with one INSERT ...
SELECT generate_series (skipping the triggers: the rows are synthetic; the dataset itself is loaded
without audit events), then times the admin's audit list (/admin/audit/: first page and a page
further back) and one record's history page, through Django's test client as the bureau
administrator.
    .venv/bin/python bench/audit_admin.py [events] [runs]
"""

import statistics
import sys
import time

import _django

EVENTS = int(sys.argv[1]) if len(sys.argv) > 1 else 1_000_000
RUNS = int(sys.argv[2]) if len(sys.argv) > 2 else 7
BUDGET_MS = 300


def load():
    from django.db import connection

    from bureau.models import BureauSettings

    table = BureauSettings.pgh_event_model._meta.db_table
    settings_row = BureauSettings.load()
    settings_row.save()  # one real event to copy
    with connection.cursor() as cursor:
        cursor.execute(f'select count(*) from "{table}"')
        have = cursor.fetchone()[0]
        if have >= EVENTS:
            return
        cursor.execute(
            "select column_name from information_schema.columns where table_name = %s and column_name <> 'pgh_id'",
            [table],
        )
        columns = [row[0] for row in cursor.fetchall()]
        chosen = ", ".join(
            # pgh_id and the time grow together, as they do in a live table.
            "now() - make_interval(secs => %(n)s - g)" if c == "pgh_created_at" else f'e."{c}"'
            for c in columns
        )
        names = ", ".join(f'"{c}"' for c in columns)
        started = time.monotonic()
        cursor.execute("set session_replication_role = replica")
        cursor.execute("set statement_timeout = 0")  # the portal's limit is for requests, not a bulk load
        cursor.execute(
            f'insert into "{table}" ({names}) select {chosen} from (select * from "{table}" limit 1) e, '
            "generate_series(1, %(n)s) g",
            {"n": EVENTS - have},
        )
        cursor.execute("set session_replication_role = origin")
        cursor.execute("reset statement_timeout")
        cursor.execute(f'analyze "{table}"')
        print(f"-- loaded {EVENTS - have:,} events in {time.monotonic() - started:.0f} s", flush=True)


def timed(client, url):
    times = []
    for _ in range(RUNS):
        started = time.perf_counter()
        response = client.get(url)
        times.append(time.perf_counter() - started)
        assert response.status_code == 200, (url, response.status_code)
    return statistics.median(times) * 1000, response


def main():
    counts = _django.open_db("audit_admin", "county")
    from django.db import connection
    from django.test import Client
    from django.test.utils import setup_test_environment

    from bureau.models import User

    setup_test_environment()  # the test client then records each response's template context
    load()
    admin, _ = User.objects.get_or_create(
        username="bench-admin", defaults={"is_staff": True, "is_superuser": True, "full_name": "基准"}
    )
    client = Client()
    client.force_login(admin)
    from tests.otp_helpers import mark_client_verified  # the administrator's second factor

    mark_client_verified(client, admin)
    first, response = timed(client, "/admin/audit/")
    before = response.context["next_before"]
    further, _ = timed(client, f"/admin/audit/?before={before}")
    history, _ = timed(client, f"/history/bureau/user/{admin.pk}/")
    with connection.cursor() as cursor:
        cursor.execute("select sum(n_live_tup) from pg_stat_user_tables where relname like '%%event'")
        total = cursor.fetchone()[0]
    print(f"\nAudit pages as the administrator, median of {RUNS} requests")
    _django.print_counts(counts, ["firms_firm", "firms_lawyer", "casework_case"])
    print(f"   rows: audit events (every event table) {total:,}")
    over = []
    for label, ms in (
        ("/admin/audit/ first page", first),
        ("/admin/audit/ next page", further),
        ("history page of one record", history),
    ):
        ok = ms <= BUDGET_MS
        if not ok:
            over.append(label)
        print(f"  {label:<28} median {ms:5.0f} ms (budget {BUDGET_MS} ms) {'OK' if ok else 'OVER'}")
    if over:
        print(f"audit_admin over budget: {', '.join(over)}")
        sys.exit(1)


if __name__ == "__main__":
    main()
