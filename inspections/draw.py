"""The draw algorithm, version ``sha256-rank-v1``: a specification anyone can re-implement.

Inputs (stored with every draw, so the draw can be recomputed later)
--------------------------------------------------------------------
* the target listing: the ids of the eligible firms (practising, or 改制中 when the plan says so;
  for a dual-random round, not yet drawn by dual-random rounds as often in the year as the
  yearly cap allows), as decimal integers in ascending numeric order, joined with "\\n" (no
  trailing newline), encoded as UTF-8;
* the inspector listing: the ids of the eligible inspectors (active entries of the inspector
  register), written the same way;
* the avoidance listing: one line "<inspector id>:<firm id>" per pair that must not meet
  (declared conflicts, and the inspectors of the same firm in the previous round), sorted by
  inspector id, then firm id, numerically, joined with "\\n";
* n, the number of targets to draw, and k, the number of inspectors per target.

The hash of a listing is the lower-case hexadecimal SHA-256 of its bytes. The three hashes are
computed and stored when the listings are frozen, before the seed exists.

Seed: 32 random bytes from the operating system (Python's ``secrets.token_hex(32)``), written as
64 lower-case hexadecimal characters.

Ranks: rank(kind, id) = lower-case hex SHA-256 of the UTF-8 string ``<seed>:<kind>:<id>``, where
kind is ``target`` or ``inspector`` and id is written in decimal. Ranks compare as strings (the
same as comparing them as 256-bit numbers); ties, which would need a SHA-256 collision, go to
the smaller id.

Steps
-----
1. If there are fewer than n eligible targets, or fewer than k eligible inspectors, the draw fails.
2. Targets: the n eligible targets with the lowest rank("target", id), in ascending rank order.
3. Inspectors: every inspector starts with load 0. For each drawn target in the order of step 2,
   take the k inspectors with the smallest (load, rank("inspector", id)) among those not avoided
   for that target; each taken inspector's load grows by 1. If fewer than k inspectors are not
   avoided for a target, the draw fails, naming the target.
   This spreads the work evenly: no inspector gets a second target while another eligible one
   has none, and so on.
4. The result is the list, in the order of step 2, of (target id, its rank, [inspector ids in the
   order taken]); it is stored as JSON {"targets": [{"id", "rank", "inspectors"}, ...]}.

A re-implementation needs only a SHA-256 function and sorting: the public page offers one for
download (``inspections/public_files/verify_draw.py``, Python standard library only), and
``tests/inspections/test_draw.py`` contains another.
"""

import hashlib
import heapq
from dataclasses import dataclass

from django.utils.translation import gettext as _

ALGORITHM = "sha256-rank-v1"


class DrawFailed(Exception):
    """The draw cannot satisfy the plan; the message says why (in Chinese, for the user)."""


def sha256_hex(text):
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def id_listing(ids):
    return "\n".join(str(i) for i in sorted(set(ids)))


def avoidance_listing(pairs):
    return "\n".join(f"{i}:{f}" for i, f in sorted(set(pairs)))


def parse_ids(listing):
    return [int(line) for line in listing.split("\n") if line]


def parse_pairs(listing):
    return [tuple(int(x) for x in line.split(":")) for line in listing.split("\n") if line]


def rank(seed, kind, id_):
    return sha256_hex(f"{seed}:{kind}:{id_}")


def eligible_targets(firm_ids, drawn_counts, cap):
    """Firms that may still be drawn this year: drawn fewer than `cap` times so far."""
    return [f for f in firm_ids if drawn_counts.get(f, 0) < cap]


@dataclass(frozen=True)
class DrawResult:
    targets: list  # [(target id, rank hex, [inspector ids])]

    def as_json(self):
        return {"targets": [{"id": t, "rank": r, "inspectors": list(ins)} for t, r, ins in self.targets]}


def run(*, seed, target_ids, inspector_ids, avoid, n, k):
    """Apply the algorithm above. `avoid` is an iterable of (inspector id, target id) pairs."""
    target_ids = sorted(set(target_ids))
    inspector_ids = sorted(set(inspector_ids))
    if n < 1:
        raise DrawFailed(_("抽取数量至少为1家。"))
    if k < 2:
        raise DrawFailed(_("每所检查人员至少2名。"))
    if len(target_ids) < n:
        raise DrawFailed(
            _("可抽取的检查对象只有%(have)s家，少于计划抽取的%(n)s家。") % {"have": len(target_ids), "n": n}
        )
    if len(inspector_ids) < k:
        raise DrawFailed(
            _("可抽取的检查人员只有%(have)s名，少于每所需要的%(k)s名。")
            % {"have": len(inspector_ids), "k": k}
        )
    avoided = {}
    for inspector, target in avoid:
        avoided.setdefault(target, set()).add(inspector)

    drawn = heapq.nsmallest(n, ((rank(seed, "target", t), t) for t in target_ids))
    # The heap orders inspectors by (load, rank, id): the least loaded first, rank breaking ties.
    heap = [(0, rank(seed, "inspector", i), i) for i in inspector_ids]
    heapq.heapify(heap)
    result = []
    for target_rank, target in drawn:
        blocked = avoided.get(target, ())
        taken, skipped = [], []
        while heap and len(taken) < k:
            entry = heapq.heappop(heap)
            (taken if entry[2] not in blocked else skipped).append(entry)
        if len(taken) < k:
            raise DrawFailed(
                _("检查对象（编号%(target)s）在回避后只有%(have)s名检查人员可派，少于每所需要的%(k)s名。")
                % {"target": target, "have": len(taken), "k": k}
            )
        for load, r, i in taken:
            heapq.heappush(heap, (load + 1, r, i))
        for entry in skipped:
            heapq.heappush(heap, entry)
        result.append((target, target_rank, [i for _load, _r, i in taken]))
    return DrawResult(result)
