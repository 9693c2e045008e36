"""A draw and a re-draw end to end: the service call a POST to the draw confirmation makes
(inspections.services.draw_plan, inside the request's audit context), committed, on the dataset:

- province register: the "province" scale with 40,000 firms and 500 inspectors. A dual-random
  plan draws 5 % of the firms (2,000) with 2 inspectors each, avoiding one declared conflict per
  inspector (declared through the service) and the inspectors of the round before it. Each run
  makes a new plan, draws it, then draws it again with a reason (the re-draw removes the first
  draw's 2,000 inspections and 4,000 assignments and writes new ones). Budget: a median of
  2,000 ms for a draw and for a re-draw.
- county: the "county" scale (50 firms, 20 inspectors), the same steps. Budget: 200 ms each.
- the draw algorithm alone, in memory (inspections.draw.run on the province plan's frozen
  inputs, no database), labelled as such: it is part of the figures above.

Beside each median: the process's own CPU time and the database server's (read from /proc when
PostgreSQL runs on this machine), which a busy machine inflates less than wall-clock time.

Run: .venv/bin/python bench/draw.py [runs] [scale]   (exits 1 when a median is over its budget)
The scale of the province figures is "province" unless given: "small" has the same register with
1 % of the cases, which a draw never reads, and builds in a fraction of the time.
"""

import datetime
import os
import statistics
import sys
import time

import _django

RUNS = int(sys.argv[1]) if len(sys.argv) > 1 else 5
# A draw reads the register, never the cases: "small" (the province register with 10,000 cases)
# is the same register at a tenth of the load time.
SCALE = sys.argv[2] if len(sys.argv) > 2 else "small"
# Building the dataset runs statements far longer than a web request's timeout.
os.environ.setdefault("DATABASE_STATEMENT_TIMEOUT_MS", "0")
PROVINCE = dict(firms=40_000, inspectors=500)
RATIO_PERCENT = 5
FAILED = []


def _backend_cpu():
    """CPU seconds of this connection's PostgreSQL backend so far, or None when not readable."""
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("select pg_backend_pid()")
        pid = cursor.fetchone()[0]
    try:
        with open(f"/proc/{pid}/stat") as stat:
            fields = stat.read().rsplit(")", 1)[1].split()
    except OSError:
        return None
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def setup():
    """The bureau clerk who draws and one declared conflict per inspector, through the services."""
    from django.db import transaction

    from bureau.models import User
    from bureau.permissions import Role, assign_role
    from firms.models import Firm
    from inspections import services
    from inspections.models import Conflict, Inspector

    with transaction.atomic():
        staff = User.objects.create_user("bench_draw_staff", password="x", full_name="王科员")
        assign_role(staff, Role.BUREAU_STAFF)
        firms = list(Firm.objects.filter(status=Firm.Status.PRACTISING).order_by("id").only("id"))
        for n, inspector in enumerate(Inspector.objects.order_by("id")):
            firm = firms[(n * 7919) % len(firms)]
            if not Conflict.objects.filter(inspector=inspector, firm=firm).exists():
                services.conflict_declare(
                    inspector=inspector, firm=firm, reason=Conflict.Reason.OTHER, note="基准"
                )
    return staff


def new_plan(staff):
    from django.db.models import Max

    from inspections import services
    from inspections.models import ChecklistTemplate, Plan

    year = Plan.objects.aggregate(y=Max("year"))["y"] or datetime.date.today().year
    batch = (Plan.objects.filter(year=year, kind=Plan.Kind.RANDOM).aggregate(b=Max("batch"))["b"] or 0) + 1
    return services.plan_create(
        created_by=staff,
        year=year,
        batch=batch,
        kind=Plan.Kind.RANDOM,
        title=f"{year}年第{batch}批双随机抽查（基准）",
        checklist=ChecklistTemplate.objects.order_by("id").first(),
        sampling=Plan.Sampling.RATIO,
        ratio_percent=RATIO_PERCENT,
        inspectors_per_target=2,
        starts_on=datetime.date(year, 11, 2),
        ends_on=datetime.date(year, 12, 15),
    )


def timed_draw(plan, staff, reason):
    """(wall, process CPU, database CPU) seconds of one committed draw, as the view makes it."""
    import pghistory

    from inspections import services

    db_before = _backend_cpu()
    cpu, wall = time.process_time(), time.perf_counter()
    # What the audit middleware adds to a POST: the user and URL of every event it writes.
    with pghistory.context(user=staff.pk, url=f"/inspections/plans/{plan.pk}/draw/"):
        draw = services.draw_plan(plan=plan, user=staff, reason=reason)
    wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
    db_after = _backend_cpu()
    db = None if db_before is None or db_after is None else db_after - db_before
    return draw, (wall, cpu, db)


def report(label, samples, budget_ms):
    """`budget_ms` None: a figure shown for what it explains, with no budget of its own."""
    median = statistics.median(s[0] for s in samples) * 1000
    cpu = statistics.median(s[1] for s in samples) * 1000
    dbs = [s[2] for s in samples if s[2] is not None]
    db = f", database {statistics.median(dbs) * 1000:,.0f} ms" if dbs else ""
    ok = budget_ms is None or median <= budget_ms
    if not ok:
        FAILED.append(label)
    verdict = (
        "(part of the draw above; no budget of its own)"
        if budget_ms is None
        else (f"(budget {budget_ms:,} ms) {'OK' if ok else 'OVER'}")
    )
    print(
        f"{label}: median {median:,.0f} ms {verdict}"
        f"   [cpu: python {cpu:,.0f} ms{db}; runs {len(samples)}, "
        f"min {min(s[0] for s in samples) * 1000:,.0f} ms, max {max(s[0] for s in samples) * 1000:,.0f} ms]",
        flush=True,
    )


def bench_scale(label, budget_ms):
    from inspections.models import Assignment, Conflict, Inspection, Inspector

    staff = setup()
    draws, redraws, plan = [], [], None
    for _ in range(RUNS):
        plan = new_plan(staff)
        draw, sample = timed_draw(plan, staff, "")
        draws.append(sample)
        redraw, sample = timed_draw(plan, staff, "检查人员名录更新后重新抽取")
        redraws.append(sample)
    targets = len(redraw.result["targets"])
    print(
        f"   {label}: {len(redraw.targets_listing.splitlines()):,} eligible firms, "
        f"{Inspector.objects.filter(is_active=True).count():,} inspectors, {Conflict.objects.count():,} declared "
        f"conflicts, {len(redraw.avoidance_listing.splitlines()):,} pairs avoided; {targets:,} firms drawn, "
        f"{Assignment.objects.filter(inspection__draw=redraw).count():,} assignments",
        flush=True,
    )
    assert Inspection.objects.filter(draw=redraw).count() == targets
    report(f"draw {label}", draws, budget_ms)
    report(f"re-draw {label}", redraws, budget_ms)
    return plan


def bench_algorithm(plan, budget_ms=None):
    """The in-memory algorithm alone on the plan's frozen inputs: no database."""
    import secrets

    from inspections import draw as algorithm
    from inspections import services

    inputs = services.freeze_inputs(plan)
    samples = []
    for _ in range(max(RUNS, 5)):
        cpu, wall = time.process_time(), time.perf_counter()
        algorithm.run(
            seed=secrets.token_hex(32),
            target_ids=inputs.target_ids,
            inspector_ids=inputs.inspector_ids,
            avoid=inputs.avoid,
            n=inputs.n,
            k=inputs.k,
        )
        samples.append((time.perf_counter() - wall, time.process_time() - cpu, None))
    report(
        f"draw algorithm alone, in memory, no database ({len(inputs.target_ids):,} firms)", samples, budget_ms
    )


def main():
    counts = _django.open_db("draw", SCALE, **PROVINCE)
    _django.print_counts(counts, ["firms_firm", "inspections_inspector", "inspections_inspection"])
    plan = bench_scale(f"{PROVINCE['firms']:,} firms", 2_000)
    bench_algorithm(plan)

    counts = _django.open_db("draw_county", "county")
    _django.print_counts(counts, ["firms_firm", "inspections_inspector", "inspections_inspection"])
    bench_scale(f"county, {counts['firms_firm']:,} firms", 200)
    if FAILED:
        print("over budget: " + "; ".join(FAILED))
        sys.exit(1)


if __name__ == "__main__":
    main()
