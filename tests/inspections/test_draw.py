"""The draw algorithm: reproducible, verifiable, and never breaking avoidance, the cap or the
minimum number of inspectors."""

import hashlib

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from inspections import draw as algorithm
from inspections import services
from inspections.models import Draw
from tests.factories import FirmFactory

SEED = "ab" * 32


def independent_draw(seed, targets_listing, inspectors_listing, avoidance_listing, n, k):
    """The documented algorithm written again with nothing but hashlib and sorting."""

    def h(text):
        return hashlib.sha256(text.encode()).hexdigest()

    targets = [int(x) for x in targets_listing.split("\n") if x]
    inspectors = [int(x) for x in inspectors_listing.split("\n") if x]
    avoid = {tuple(int(p) for p in line.split(":")) for line in avoidance_listing.split("\n") if line}
    ranked = sorted(targets, key=lambda t: (h(f"{seed}:target:{t}"), t))[:n]
    load = dict.fromkeys(inspectors, 0)
    out = []
    for t in ranked:
        free = [i for i in inspectors if (i, t) not in avoid]
        chosen = sorted(free, key=lambda i: (load[i], h(f"{seed}:inspector:{i}"), i))[:k]
        assert len(chosen) == k
        for i in chosen:
            load[i] += 1
        out.append({"id": t, "rank": h(f"{seed}:target:{t}"), "inspectors": chosen})
    return {"targets": out}


def test_same_inputs_give_the_same_draw():
    args = dict(target_ids=range(1, 200), inspector_ids=range(1, 30), avoid=[(1, 5), (2, 7)], n=20, k=2)
    first = algorithm.run(seed=SEED, **args)
    assert first == algorithm.run(seed=SEED, **args)
    assert first != algorithm.run(seed="cd" * 32, **args)


def test_ranks_are_sha256_of_seed_kind_and_id():
    assert algorithm.rank(SEED, "target", 42) == hashlib.sha256(f"{SEED}:target:42".encode()).hexdigest()


def test_listing_is_sorted_ids_joined_by_newlines_and_its_hash_changes_with_the_register():
    assert algorithm.id_listing([10, 2, 33]) == "2\n10\n33"
    assert algorithm.sha256_hex("2\n10\n33") == hashlib.sha256(b"2\n10\n33").hexdigest()
    assert algorithm.sha256_hex(algorithm.id_listing([2, 10, 33])) != algorithm.sha256_hex(
        algorithm.id_listing([2, 10, 33, 34])
    )


def test_load_is_spread_evenly():
    result = algorithm.run(
        seed=SEED, target_ids=range(1, 101), inspector_ids=range(1, 21), avoid=[], n=30, k=2
    )
    loads = {}
    for _t, _r, inspectors in result.targets:
        for i in inspectors:
            loads[i] = loads.get(i, 0) + 1
    assert len(loads) == 20 and set(loads.values()) == {3}  # 60 assignments over 20 inspectors


def test_draw_fails_with_reason_when_avoidance_leaves_too_few_inspectors():
    with pytest.raises(algorithm.DrawFailed, match="回避后只有1名"):
        algorithm.run(seed=SEED, target_ids=[1], inspector_ids=[1, 2, 3], avoid=[(1, 1), (2, 1)], n=1, k=2)


def test_draw_fails_when_register_is_too_small():
    with pytest.raises(algorithm.DrawFailed, match="少于计划抽取的3家"):
        algorithm.run(seed=SEED, target_ids=[1, 2], inspector_ids=[1, 2], avoid=[], n=3, k=2)
    with pytest.raises(algorithm.DrawFailed, match="检查人员只有1名"):
        algorithm.run(seed=SEED, target_ids=[1, 2], inspector_ids=[1], avoid=[], n=1, k=2)


registers = st.fixed_dictionaries(
    {
        "firms": st.lists(st.integers(1, 60), min_size=1, max_size=40, unique=True),
        "inspectors": st.lists(st.integers(1, 15), min_size=0, max_size=12, unique=True),
        "conflicts": st.lists(st.tuples(st.integers(1, 15), st.integers(1, 60)), max_size=60),
        "drawn": st.dictionaries(st.integers(1, 60), st.integers(0, 3), max_size=30),
        "cap": st.integers(1, 3),
        "n": st.integers(1, 12),
        "k": st.integers(2, 4),
        "seed": st.binary(min_size=32, max_size=32).map(bytes.hex),
    }
)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(registers)
def test_property_avoidance_cap_and_minimum_inspectors_never_violated(r):
    eligible = algorithm.eligible_targets(r["firms"], r["drawn"], r["cap"])
    try:
        result = algorithm.run(
            seed=r["seed"],
            target_ids=eligible,
            inspector_ids=r["inspectors"],
            avoid=r["conflicts"],
            n=r["n"],
            k=r["k"],
        )
    except algorithm.DrawFailed as exc:
        # It fails only when the plan truly cannot be met, and says why.
        assert str(exc)
        reference_ok = len(eligible) >= r["n"] and len(r["inspectors"]) >= r["k"]
        if reference_ok:
            ranked = sorted(eligible, key=lambda t: algorithm.rank(r["seed"], "target", t))[: r["n"]]
            conflicts = set(r["conflicts"])
            assert any(sum((i, t) not in conflicts for i in r["inspectors"]) < r["k"] for t in ranked)
        return
    targets = [t for t, _rank, _ins in result.targets]
    assert len(targets) == r["n"] == len(set(targets))
    conflicts = set(r["conflicts"])
    for target, _rank, inspectors in result.targets:
        assert r["drawn"].get(target, 0) < r["cap"]  # the yearly cap
        assert target in r["firms"]
        assert len(inspectors) == r["k"] == len(set(inspectors))  # minimum inspectors
        assert all((i, target) not in conflicts for i in inspectors)  # avoidance
        assert set(inspectors) <= set(r["inspectors"])
    loads = {}
    for _t, _r, inspectors in result.targets:
        for i in inspectors:
            loads[i] = loads.get(i, 0) + 1
    if not conflicts:
        assert max(loads.values()) - min(loads.get(i, 0) for i in r["inspectors"]) <= 1


@pytest.mark.django_db
def test_independent_reimplementation_reproduces_a_stored_draw(
    plan, staff, inspector_entry, inspector2_entry, inspector3_entry
):
    FirmFactory.create_batch(8)
    services.conflict_declare(inspector=inspector_entry, firm=FirmFactory(), reason="relative")
    plan.target_count = 4
    plan.save()
    draw = services.draw_plan(plan=plan, user=staff)
    stored = Draw.objects.get(pk=draw.pk)
    assert hashlib.sha256(stored.targets_listing.encode()).hexdigest() == stored.targets_hash
    assert hashlib.sha256(stored.inspectors_listing.encode()).hexdigest() == stored.inspectors_hash
    assert stored.avoidance_listing  # the declared conflict is part of the frozen input
    again = independent_draw(
        stored.seed,
        stored.targets_listing,
        stored.inspectors_listing,
        stored.avoidance_listing,
        stored.target_count,
        stored.inspectors_per_target,
    )
    assert again == stored.result
    assert services.verify_draw(stored).matches
