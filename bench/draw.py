"""Median time of a draw over 40,000 firms and 500 inspectors with avoidance. Budget: 200 ms.

Inputs are built in memory: 40,000 eligible firm ids, 500 inspector ids, 3,000 declared
conflicts plus the previous round's 8,000 inspector-firm pairs; 10 % of the firms (4,000) drawn,
2 inspectors each. A timed run is what the service does after reading the registers: write the
three canonical listings, hash them, make a seed, run the algorithm, and verify it once more.
With --db it also times the whole service (inspections.services.draw_plan) against the database
of DATABASE_URL: the same registers are inserted inside a transaction that is rolled back at the
end, so the database is left as it was. That figure includes reading the registers, storing the
draw and creating 4,000 inspections with 8,000 assignments (with their audit-trail triggers).

Run: .venv/bin/python bench/draw.py [runs] [--db]
"""

import random
import secrets
import statistics
import sys
import time

import _django  # noqa: F401

from inspections import draw as algorithm

FIRMS, INSPECTORS, CONFLICTS, PREVIOUS, RATIO, K = 40_000, 500, 3_000, 8_000, 0.10, 2


def inputs():
    rng = random.Random(2026)  # fixed inputs so that runs compare; the draw's seed is fresh each run
    firm_ids = rng.sample(range(1, 200_000), FIRMS)
    inspector_ids = list(range(1, INSPECTORS + 1))
    avoid = {(rng.choice(inspector_ids), rng.choice(firm_ids)) for _ in range(CONFLICTS + PREVIOUS)}
    return firm_ids, inspector_ids, sorted(avoid)


def one_draw(firm_ids, inspector_ids, avoid):
    listings = (
        algorithm.id_listing(firm_ids),
        algorithm.id_listing(inspector_ids),
        algorithm.avoidance_listing(avoid),
    )
    hashes = [algorithm.sha256_hex(listing) for listing in listings]
    seed = secrets.token_hex(32)
    result = algorithm.run(
        seed=seed, target_ids=firm_ids, inspector_ids=inspector_ids, avoid=avoid, n=int(FIRMS * RATIO), k=K
    )
    return hashes, seed, result


def main(runs=7):
    firm_ids, inspector_ids, avoid = inputs()
    one_draw(firm_ids, inspector_ids, avoid)  # warm up
    times, verify_times = [], []
    for _ in range(runs):
        start = time.perf_counter()
        _hashes, seed, result = one_draw(firm_ids, inspector_ids, avoid)
        times.append(time.perf_counter() - start)
        start = time.perf_counter()
        again = algorithm.run(
            seed=seed,
            target_ids=algorithm.parse_ids(algorithm.id_listing(firm_ids)),
            inspector_ids=inspector_ids,
            avoid=algorithm.parse_pairs(algorithm.avoidance_listing(avoid)),
            n=int(FIRMS * RATIO),
            k=K,
        )
        verify_times.append(time.perf_counter() - start)
        assert again == result
    loads = {}
    for _t, _r, ins in result.targets:
        for i in ins:
            loads[i] = loads.get(i, 0) + 1
    print(
        f"draw: firms={FIRMS} inspectors={INSPECTORS} avoid_pairs={len(avoid)} targets={len(result.targets)} "
        f"k={K} runs={runs} median={statistics.median(times) * 1000:.0f}ms min={min(times) * 1000:.0f}ms "
        f"max={max(times) * 1000:.0f}ms (budget 200ms); verify median={statistics.median(verify_times) * 1000:.0f}ms; "
        f"inspector load {min(loads.values())}-{max(loads.values())}"
    )


class _Rollback(Exception):
    pass


def main_db(runs=3):
    import datetime

    from django.db import transaction

    from bureau.demo import demo_credit_code
    from bureau.models import User
    from firms.models import Firm
    from inspections import services
    from inspections.models import ChecklistTemplate, Conflict, Inspector, Plan

    firm_ids, inspector_ids, avoid = inputs()
    times = []
    try:
        with transaction.atomic():
            firms = Firm.objects.bulk_create(
                Firm(name=f"基准律师事务所{n:06d}", credit_code=demo_credit_code(300000 + n))
                for n in range(FIRMS)
            )
            users = User.objects.bulk_create(User(username=f"bench-inspector-{n}") for n in range(INSPECTORS))
            entries = Inspector.objects.bulk_create(
                Inspector(user=u, certificate_no=f"BENCH{n:05d}") for n, u in enumerate(users)
            )
            rng = random.Random(7)
            pairs = {(rng.choice(entries).pk, rng.choice(firms).pk) for _ in range(CONFLICTS)}
            Conflict.objects.bulk_create(
                Conflict(inspector_id=i, firm_id=f, reason="other") for i, f in pairs
            )
            staff = User.objects.create(username="bench-staff")
            plan = Plan.objects.create(
                year=2099,
                batch=1,
                title="基准抽查",
                checklist=ChecklistTemplate.objects.create(name="基准检查表"),
                sampling=Plan.Sampling.RATIO,
                ratio_percent=int(RATIO * 100),
                starts_on=datetime.date(2099, 3, 1),
                ends_on=datetime.date(2099, 4, 1),
                created_by=staff,
            )
            for n in range(runs):
                start = time.perf_counter()
                draw = services.draw_plan(plan=plan, user=staff, reason="" if n == 0 else "基准重复抽取")
                times.append(time.perf_counter() - start)
            n_targets = len(draw.result["targets"])
            raise _Rollback
    except _Rollback:
        pass
    print(
        f"draw_plan (database, whole service): firms={FIRMS} inspectors={INSPECTORS} conflicts={len(pairs)} "
        f"targets={n_targets} runs={runs} median={statistics.median(times) * 1000:.0f}ms "
        f"min={min(times) * 1000:.0f}ms max={max(times) * 1000:.0f}ms (rolled back)"
    )


if __name__ == "__main__":
    args = [a for a in sys.argv[1:] if a != "--db"]
    main(int(args[0]) if args else 7)
    if "--db" in sys.argv:
        main_db()
