"""Year-partitioned cases against the plain table, at 3,000,000 cases (issue 14; docs/scaling.md).

On a fresh copy of the province dataset with 3,000,000 cases it builds `bench_part.casework_case`:
a copy of casework_case declared PARTITION BY RANGE (year), one partition per year present, with
the plain table's own indexes (read from the catalogue; a unique index gains `year`, as every unique
index of a partitioned table must hold the partition key), filled from the plain table. Then it runs
the portal's own code on both tables: the same ORM calls, with search_path choosing which table the
unqualified name "casework_case" means, so the SQL text is the same on both sides.

- the case list (casework.views.cases.case_list: CaseFilter over selectors.case_list, 50 a page by
  Django's Paginator, i.e. COUNT(*) then LIMIT/OFFSET, then the lawyers' and parties' prefetch), as
  bureau staff (every firm) and as the director of the largest firm: the first page, a deep page as
  the list pages today (OFFSET) and the same page by keyset (what a cursor would run), and the first
  page of one year; the bureau list's per-firm side table (selectors.firm_case_summary); the case
  page's read of one case by id (selectors.case_detail_queryset);
- the yearly report's casework aggregate (casework.statistics: the case query of period_figures and
  of firm_period_figures for one year), as the code runs it (by intake_date) and with the partition
  key added (year = the year: a case's year is its intake date's year, casework.services.cases);
- then the bureau's list pages again, with an index on (year DESC, serial DESC, id DESC) on both
  tables (the order that list asks for, which no index of the model serves).

Each is timed `runs` times (default 20; fewer, but at least `min_runs` (default 3), once one side has
taken TIME_CAP seconds), the two tables alternating run by run so that the load of others on the
shared machine falls on both alike: read the ratio, not the absolute figure. Then one EXPLAIN
(ANALYZE, BUFFERS) of every query the call sent that reads casework_case: partitions read by each,
pages touched (shared hit + read), the scans used. Finally the sizes (table + indexes) and the cost
of adding next year's partition (CREATE TABLE ... PARTITION OF, and CREATE + ATTACH PARTITION), with
the lock each takes on the parent.

Both tables must give the same rows and figures, else the script exits 1. There is no budget: it is
an experiment, and it exits 0.

    .venv/bin/python bench/partitioning.py [runs] [min_runs]
"""

import datetime
import json
import os
import platform
import re
import statistics
import sys
import time

import _django

CASES = 3_000_000
RUNS = int(sys.argv[1]) if len(sys.argv) > 1 else 20
# A query stops being repeated once it has taken TIME_CAP seconds on one table, after MIN_RUNS runs
# (the bureau list at 3 M cases takes about 20 s a run).
TIME_CAP = 20.0
MIN_RUNS = int(sys.argv[2]) if len(sys.argv) > 2 else 3
EXPLAIN_LIMIT = 10.0  # seconds: a call slower than this on both tables is not explained
DEEP_PAGE = 2_000  # page 2,000 of 50: rows 99,951-100,000 (bureau); the director's is scaled down
SCHEMA = "bench_part"

counts = _django.open_db("partitioning", "province", cases=CASES)

from django.contrib.auth import get_user_model  # noqa: E402
from django.contrib.auth.models import Group  # noqa: E402
from django.core.paginator import Paginator  # noqa: E402
from django.db import connection  # noqa: E402
from django.db.models import Count, Q  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402

from bureau.permissions import Role  # noqa: E402
from casework import selectors  # noqa: E402
from casework import statistics as casework_statistics  # noqa: E402
from casework.filters import CaseFilter  # noqa: E402
from casework.models import Case  # noqa: E402
from casework.views.common import PAGE_SIZE  # noqa: E402
from firms.permissions import grant_firm  # noqa: E402

TABLES = ("plain", "partitioned")
User = get_user_model()


def sql(statement, params=None):
    with connection.cursor() as cur:
        cur.execute(statement, params)
        return cur.fetchall() if cur.description else None


def use(table):
    """Makes the unqualified name casework_case mean the plain or the partitioned table."""
    sql(f"SET search_path TO {SCHEMA}, public" if table == "partitioned" else "SET search_path TO public")


# --- the partitioned copy ---------------------------------------------------------------------


def build_partitioned():
    """The partitioned copy with the plain table's indexes; returns (years, copy s, index s)."""
    use("plain")
    years = [row[0] for row in sql("SELECT DISTINCT year FROM casework_case ORDER BY 1")]
    sql(f"DROP SCHEMA IF EXISTS {SCHEMA} CASCADE")
    sql(f"CREATE SCHEMA {SCHEMA}")
    sql(
        f"CREATE TABLE {SCHEMA}.casework_case (LIKE public.casework_case INCLUDING DEFAULTS"
        " INCLUDING CONSTRAINTS) PARTITION BY RANGE (year)"
    )
    for year in years:
        sql(
            f"CREATE TABLE {SCHEMA}.casework_case_y{year} PARTITION OF {SCHEMA}.casework_case"
            f" FOR VALUES FROM ({year}) TO ({year + 1})"
        )
    started = time.perf_counter()
    sql(f"INSERT INTO {SCHEMA}.casework_case SELECT * FROM public.casework_case")
    copied = time.perf_counter() - started
    started = time.perf_counter()
    for definition in partitioned_indexes():
        sql(definition)
    indexed = time.perf_counter() - started
    sql(f"VACUUM (ANALYZE) {SCHEMA}.casework_case")
    sql("VACUUM (ANALYZE) public.casework_case")
    return years, copied, indexed


def partitioned_indexes():
    """The plain table's index definitions for the partitioned table. A unique index there must
    contain the partition key, so `year` is appended to one that lacks it (the primary key becomes
    unique (id, year), the one-case-per-conflict-check key (conflict_check_id, year), ...)."""
    rows = sql(
        """SELECT i.indisunique, pg_get_indexdef(i.indexrelid),
                  (SELECT array_agg(a.attname) FROM pg_attribute a
                    WHERE a.attrelid = i.indrelid AND a.attnum = ANY (i.indkey))
             FROM pg_index i
            WHERE i.indrelid = 'public.casework_case'::regclass ORDER BY 2"""
    )
    definitions = []
    for unique, definition, columns in rows:
        # Index names are per schema: the copy's keep the plain table's names.
        definition = definition.replace(" ON public.casework_case ", f" ON {SCHEMA}.casework_case ")
        if unique and "year" not in columns:
            head, _sep, cols = definition.rpartition("(")
            definition = f"{head}({cols[:-1]}, year)"
        definitions.append(definition)
    return definitions


def sizes():
    plain = sql("SELECT pg_table_size('public.casework_case'), pg_indexes_size('public.casework_case')")[0]
    part = sql(
        f"""SELECT sum(pg_table_size(relid)), sum(pg_indexes_size(relid))
              FROM pg_partition_tree('{SCHEMA}.casework_case') WHERE isleaf"""
    )[0]
    return {"plain": plain, "partitioned": tuple(int(x) for x in part)}


def next_partition_cost(last_year):
    """Times two ways of adding a year's partition and reads the lock each holds on the parent
    before commit (the lock decides what it blocks, the time how long)."""
    results = []
    parent = f"{SCHEMA}.casework_case"
    steps = {
        "CREATE TABLE ... PARTITION OF": [
            f"CREATE TABLE {SCHEMA}.casework_case_y{last_year + 1} PARTITION OF {parent}"
            f" FOR VALUES FROM ({last_year + 1}) TO ({last_year + 2})"
        ],
        "CREATE TABLE (LIKE) + ATTACH PARTITION": [
            f"CREATE TABLE {SCHEMA}.casework_case_y{last_year + 2} (LIKE {parent} INCLUDING DEFAULTS"
            " INCLUDING CONSTRAINTS)",
            # The CHECK lets ATTACH skip its scan of the new table (empty here, a real one too).
            f"ALTER TABLE {SCHEMA}.casework_case_y{last_year + 2} ADD CONSTRAINT y_range"
            f" CHECK (year >= {last_year + 2} AND year < {last_year + 3})",
            f"ALTER TABLE {parent} ATTACH PARTITION {SCHEMA}.casework_case_y{last_year + 2}"
            f" FOR VALUES FROM ({last_year + 2}) TO ({last_year + 3})",
        ],
    }
    for label, statements in steps.items():
        sql("BEGIN")
        started = time.perf_counter()
        for statement in statements:
            sql(statement)
        elapsed = time.perf_counter() - started
        locks = sql(
            "SELECT string_agg(DISTINCT mode, ', ') FROM pg_locks WHERE pid = pg_backend_pid()"
            " AND relation = %s::regclass",
            [parent],
        )[0][0]
        sql("COMMIT")
        results.append((label, elapsed, locks))
    return results


# --- who asks ---------------------------------------------------------------------------------


def bureau_user():
    user, _created = User.objects.get_or_create(username="bench-partitioning-staff")
    user.groups.add(Group.objects.get_or_create(name=Role.BUREAU_STAFF)[0])
    return User.objects.get(pk=user.pk)


def director_of(firm_id):
    from firms.models import Firm

    user, _created = User.objects.get_or_create(username="bench-partitioning-director")
    user.groups.add(Group.objects.get_or_create(name=Role.FIRM_DIRECTOR)[0])
    grant_firm(user, Firm.objects.get(pk=firm_id))
    return User.objects.get(pk=user.pk)


# --- what is timed ----------------------------------------------------------------------------


def list_page(user, params, page):
    """What the case list view reads for a page: count, the page's rows, their prefetches."""
    filterset = CaseFilter(params, queryset=selectors.case_list(user))
    rows = Paginator(filterset.qs, PAGE_SIZE).get_page(page)
    return [case.pk for case in rows.object_list]


def keyset_page(user, after):
    """The same page by keyset: the 50 rows after the last row of the page before, in the list's
    order (-year, -serial, -id), no count. `year <= y` restates the first term for the planner."""
    year, serial, pk = after
    cases = selectors.case_list(user).filter(
        Q(year__lt=year) | Q(year=year, serial__lt=serial) | Q(year=year, serial=serial, id__lt=pk),
        year__lte=year,
    )
    return [case.pk for case in cases[:PAGE_SIZE]]


def cursor_before(user, page):
    """(year, serial, id) of the last row of the page before `page`, in the list's order."""
    cases = selectors.visible_cases(user).order_by("-year", "-serial", "-id")
    return cases.values_list("year", "serial", "id")[(page - 1) * PAGE_SIZE - 1]


def report_cases(year, with_key):
    """The case aggregate of the yearly report (statistics.period_figures for one year)."""
    cases = casework_statistics._period_records(datetime.date(year, 1, 1), datetime.date(year, 12, 31))[0]
    if with_key:
        cases = cases.filter(year=year)
    return cases.aggregate(**casework_statistics._case_aggregates())


def report_cases_by_firm(year, with_key):
    """The case half of statistics.firm_period_figures for one year: one row per firm."""
    cases = casework_statistics._period_records(datetime.date(year, 1, 1), datetime.date(year, 12, 31))[0]
    if with_key:
        cases = cases.filter(year=year)
    rows = cases.order_by().values("firm_id").annotate(**casework_statistics._case_aggregates())
    return sorted(tuple(sorted(row.items())) for row in rows)


def case_detail(user, pk):
    """The case page's read (views.common.get_case_for_user): by id alone, no year."""
    return selectors.case_detail_queryset(user).get(pk=pk).intake_no


def firm_summary(year):
    return [
        (row["firm"].pk, row["cases"], row["legal_aid"], row["incomplete"])
        for row in selectors.firm_case_summary(year)
    ]


def percentile(values, share):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


def timed(call):
    """[seconds] per table, alternating the tables run by run; and each table's result."""
    times, results = {t: [] for t in TABLES}, {}
    spent = {t: 0.0 for t in TABLES}
    for run in range(RUNS):
        if run >= MIN_RUNS and max(spent.values()) > TIME_CAP:
            break
        for table in TABLES if run % 2 == 0 else reversed(TABLES):
            use(table)
            started = time.perf_counter()
            result = call()
            elapsed = time.perf_counter() - started
            times[table].append(elapsed)
            spent[table] += elapsed
            results[table] = result
    return times, results


SCAN = re.compile(r"Scan$")


def plan_summary(call, table):
    """EXPLAIN (ANALYZE, BUFFERS) of every query of `call` that reads casework_case: partitions
    read, removed at run time, pages touched, and the scans on the case table."""
    use(table)
    with CaptureQueriesContext(connection) as captured:
        call()
    pages, partitions, removed, scans, ms = 0, [], 0, set(), 0.0
    for query in captured.captured_queries:
        text = query["sql"]
        if '"casework_case"' not in text or not text.lstrip().upper().startswith("SELECT"):
            continue
        plan = sql("EXPLAIN (ANALYZE, BUFFERS, FORMAT JSON) " + text)[0][0]
        plan = plan[0] if isinstance(plan, list) else json.loads(plan)[0]
        ms += plan["Execution Time"]
        top = plan["Plan"]
        pages += top.get("Shared Hit Blocks", 0) + top.get("Shared Read Blocks", 0)
        read = set()
        stack = [top]
        while stack:
            node = stack.pop()
            stack.extend(node.get("Plans", []))
            removed += node.get("Subplans Removed", 0)
            relation = node.get("Relation Name", "")
            if relation == "casework_case" or relation.startswith("casework_case_y"):
                if relation != "casework_case":
                    read.add(relation)
                if SCAN.search(node["Node Type"]):
                    scans.add(node["Node Type"].replace(" Scan", "").replace("Parallel ", "Par "))
        partitions.append(len(read))
    return {
        "ms": ms,
        "pages": pages,
        "partitions": partitions,
        "removed": removed,
        "scans": ",".join(sorted(scans)),
    }


def run_checks(checks, years, width):
    """Times each (label, call) on both tables and prints its line; keeps the plain table's result
    as the check's third item for comparisons. Returns the labels whose results differ."""
    print(
        f"\n{'query':<{width}}{'plain median / p95':>22}{'partitioned':>22}{'ratio':>7}{'n':>4}"
        f"{'pages plain → part':>24}  {'partitions read':<16}scans plain | part",
        flush=True,
    )
    failures = []
    for index, (label, call, *_rest) in enumerate(checks):
        times, results = timed(call)
        checks[index] = (label, call, results["plain"])
        if results["plain"] != results["partitioned"]:
            failures.append(label)
        med = {t: statistics.median(times[t]) * 1000 for t in TABLES}
        if min(med.values()) > EXPLAIN_LIMIT * 1000:
            # EXPLAIN ANALYZE runs the query once more: not worth another minute for a call this slow.
            skipped = {"pages": 0, "partitions": ["-"], "removed": 0, "scans": "not explained"}
            plans = {table: skipped for table in TABLES}
        else:
            plans = {table: plan_summary(call, table) for table in TABLES}
        p95 = {t: percentile(times[t], 0.95) * 1000 for t in TABLES}
        part = plans["partitioned"]
        read = "·".join(map(str, part["partitions"])) + f" of {len(years)}"
        read += f" (-{part['removed']})" if part["removed"] else ""
        print(
            f"{label:<{width}}{med['plain']:>10,.0f} / {p95['plain']:>6,.0f} ms"
            f"{med['partitioned']:>10,.0f} / {p95['partitioned']:>6,.0f} ms"
            f"{med['partitioned'] / med['plain']:>7.2f}{len(times['plain']):>4}"
            f"{plans['plain']['pages']:>12,} → {part['pages']:>9,}  {read:<16}"
            f"{plans['plain']['scans']} | {part['scans']}",
            flush=True,
        )
    return failures


# --- the run ----------------------------------------------------------------------------------


def main():
    sql("SET statement_timeout = 0")  # the copy and the index builds outlast a web request's limit
    use("plain")
    total = Case.objects.count()
    machine = platform.processor() or platform.machine()
    version = sql("SHOW server_version")[0][0].split()[0]
    print(
        f"-- {datetime.datetime.now(datetime.UTC):%Y-%m-%d %H:%M} UTC on {os.cpu_count()} cores ({machine}),"
        f" PostgreSQL {version}",
        flush=True,
    )
    _django.print_counts(
        counts, ["firms_firm", "firms_lawyer", "casework_case", "casework_party", "casework_feereceipt"]
    )
    years, copied, indexed = build_partitioned()
    sized = sizes()
    print(
        f"-- partitioned copy: {len(years)} partitions ({years[0]}-{years[-1]}), rows copied in {copied:.1f} s,"
        f" indexes built in {indexed:.1f} s",
        flush=True,
    )

    use("plain")
    staff = bureau_user()
    busiest, busiest_cases = (
        Case.objects.order_by().values_list("firm_id").annotate(n=Count("id")).order_by("-n").first()
    )
    director = director_of(busiest)
    year = max(y for y in years if y < datetime.date.today().year) if len(years) > 1 else years[0]
    director_deep = max(2, -(-busiest_cases // PAGE_SIZE) * 3 // 4)
    bureau_deep = min(DEEP_PAGE, -(-total // PAGE_SIZE))
    staff_after = cursor_before(staff, bureau_deep)
    director_after = cursor_before(director, director_deep)
    detail_id = (
        Case.objects.filter(firm_id=busiest, year=year).order_by("serial").values_list("id", flat=True)[0]
    )

    checks = [
        ("bureau list, page 1 (count + rows)", lambda: list_page(staff, {}, 1)),
        (f"bureau list, page {bureau_deep:,} by OFFSET", lambda: list_page(staff, {}, bureau_deep)),
        (f"bureau list, page {bureau_deep:,} by keyset", lambda: keyset_page(staff, staff_after)),
        (f"bureau list, year {year}, page 1", lambda: list_page(staff, {"year": str(year)}, 1)),
        (f"bureau list, side table {year}", lambda: firm_summary(year)),
        (f"director list ({busiest_cases:,} cases), page 1", lambda: list_page(director, {}, 1)),
        (f"director list, page {director_deep:,} by OFFSET", lambda: list_page(director, {}, director_deep)),
        (f"director list, page {director_deep:,} by keyset", lambda: keyset_page(director, director_after)),
        (f"director list, year {year}, page 1", lambda: list_page(director, {"year": str(year)}, 1)),
        ("case page: one case by id", lambda: case_detail(staff, detail_id)),
        (f"report cases {year} (by intake_date)", lambda: report_cases(year, False)),
        (f"report cases {year} + year = {year}", lambda: report_cases(year, True)),
        (f"report cases by firm {year}", lambda: report_cases_by_firm(year, False)),
        (f"report cases by firm {year} + year", lambda: report_cases_by_firm(year, True)),
    ]
    width = max(len(label) for label, _call in checks) + 2
    failures = run_checks(checks, years, width)
    # A keyset page and its OFFSET twin must hold the same rows.
    for keyset, offset in ((2, 1), (7, 6)):
        if checks[keyset][2] != checks[offset][2]:
            failures.append(f"{checks[keyset][0]} differs from {checks[offset][0]}")

    # The bureau's list orders every firm's cases by (-year, -serial, -id), which no index serves:
    # the same pages again with one that does, on both tables.
    started = time.perf_counter()
    for table in TABLES:
        use(table)
        sql("CREATE INDEX casework_case_bureau_list_idx ON casework_case (year DESC, serial DESC, id DESC)")
        sql("ANALYZE casework_case")
    print(
        f"\n-- with an index on (year DESC, serial DESC, id DESC) on both tables"
        f" (built in {time.perf_counter() - started:.1f} s, both)",
        flush=True,
    )
    again = checks[:4]
    failures += run_checks(again, years, width)
    if again[2][2] != again[1][2]:
        failures.append("with the index, the keyset page differs from the OFFSET page")

    print()
    for table, (heap, indexes) in sized.items():
        print(
            f"size {table:<12} table {heap / 2**20:>7,.0f} MB, indexes {indexes / 2**20:>6,.0f} MB,"
            f" total {(heap + indexes) / 2**20:>7,.0f} MB"
        )
    for label, elapsed, locks in next_partition_cost(years[-1]):
        print(f"next year's partition by {label}: {elapsed * 1000:,.0f} ms, lock on the parent: {locks}")
    print(
        "pages: shared buffers hit + read, summed over the call's queries that read casework_case;"
        " partitions read: by each of those queries in turn, of all (-n: removed at run time)"
    )
    sql(f"DROP SCHEMA {SCHEMA} CASCADE")
    sql("DROP INDEX public.casework_case_bureau_list_idx")
    if failures:
        print("DIFFERENT RESULTS on the two tables: " + "; ".join(failures))
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
