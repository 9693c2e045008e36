"""The audit list in /admin/ at 1,000,000 audit events. Budget: 300 ms per page.

Loads EVENTS audit events (default 1,000,000) into the firms' event table with one INSERT ...
SELECT generate_series (skipping the triggers: the rows are synthetic), then times the admin's
audit list (/admin/audit/: first page and a page further back) and one record's history page,
through Django's test client as the bureau administrator. Its own database, never real data:
    .venv/bin/python bench/audit_admin.py [events] [runs]
"""

import os
import statistics
import sys
import time
from urllib.parse import urlsplit, urlunsplit

base = os.environ.get("DATABASE_URL", "postgres://portal@127.0.0.1:54329/portal")
os.environ["DATABASE_URL"] = urlunsplit(
    urlsplit(base)._replace(path="/portal_audit")
)  # bench/_django.py appends _bench

import _django  # noqa: E402, F401
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402

from bureau.models import BureauSettings, User  # noqa: E402

EVENTS = int(sys.argv[1]) if len(sys.argv) > 1 else 1_000_000
RUNS = int(sys.argv[2]) if len(sys.argv) > 2 else 7
TABLE = BureauSettings.pgh_event_model._meta.db_table


def load():
    settings_row = BureauSettings.load()
    settings_row.save()  # one real event to copy
    with connection.cursor() as cursor:
        cursor.execute(f'select count(*) from "{TABLE}"')
        have = cursor.fetchone()[0]
        if have >= EVENTS:
            return
        cursor.execute(
            "select column_name from information_schema.columns where table_name = %s and column_name <> 'pgh_id'",
            [TABLE],
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
        cursor.execute(
            f'insert into "{TABLE}" ({names}) select {chosen} from (select * from "{TABLE}" limit 1) e, '
            "generate_series(1, %(n)s) g",
            {"n": EVENTS - have},
        )
        cursor.execute("set session_replication_role = origin")
        cursor.execute(f'analyze "{TABLE}"')
        print(f"loaded {EVENTS - have} events in {time.monotonic() - started:.0f} s")


def timed(client, url):
    times = []
    for _ in range(RUNS):
        started = time.perf_counter()
        response = client.get(url)
        times.append(time.perf_counter() - started)
        assert response.status_code == 200, (url, response.status_code)
    return statistics.median(times) * 1000, response


def main():
    from django.test.utils import setup_test_environment

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
    print(f"audit events: {total}")
    print(f"/admin/audit/ first page: median {first:.0f} ms (budget 300 ms)")
    print(f"/admin/audit/ next page: median {further:.0f} ms (budget 300 ms)")
    print(f"history page of one record: median {history:.0f} ms (budget 300 ms)")


if __name__ == "__main__":
    main()
