"""The conflict-of-interest search (利益冲突检索) inside one firm's own parties."""

from django.db import connection, transaction

from .models import CaseworkSettings, PartyRole, party_name_key

HIT_LIMIT = 30
# Entered parties searched in one statement by search_conflicts_for_cases().
SEARCH_CHUNK = 200

# The two sides of a matter. A party who stood on one side of a firm's matter and is now entered on
# the other (the firm's former client now the opponent, or a former opponent now the client) is a
# conflict; the same side again, or a third party on either end, is only worth a note.
OPPOSITE_SIDES = {(PartyRole.CLIENT, PartyRole.OPPOSING), (PartyRole.OPPOSING, PartyRole.CLIENT)}


def is_conflict(entered_role, past_role):
    return (entered_role, past_role) in OPPOSITE_SIDES


def conflicts_first(hits):
    """Conflicts before notes; inside each group the search's own order (exact, then most similar)."""
    return sorted(hits, key=lambda hit: not hit.get("conflict"))


def search_conflicts(*, firm, parties, threshold=None):
    """Hits among `firm`'s own parties for each entered party: the same identity number or
    credit code, or a name similar by trigrams (PostgreSQL pg_trgm `%`). Each hit names the
    case and the role the party had there, and whether it is a conflict (the party changes sides)
    or a note; conflicts come first. Never looks outside `firm`. `threshold` (the bureau's setting
    when None) lets a caller searching many times read the setting once."""
    if threshold is None:
        threshold = float(CaseworkSettings.load().conflict_similarity)
    hits = []
    with transaction.atomic(), connection.cursor() as cursor:
        # SET LOCAL: the threshold holds for this transaction only.
        cursor.execute("SELECT set_config('pg_trgm.similarity_threshold', %s, true)", [str(threshold)])
        for index, entered in enumerate(parties):
            name = (entered.get("name") or "").strip()
            key = party_name_key(name)
            code = (entered.get("id_code") or "").strip().upper()
            if not key and not code:
                continue
            cursor.execute(
                """
                SELECT p.id, p.name, p.id_code, p.role, p.kind, c.id, c.intake_no, c.cause,
                       (p.id_code <> '' AND p.id_code = %(code)s) AS exact,
                       similarity(p.name_key, %(key)s) AS score
                FROM casework_party p JOIN casework_case c ON c.id = p.case_id
                WHERE p.firm_id = %(firm)s
                  AND ((%(code)s <> '' AND p.id_code = %(code)s) OR (%(key)s <> '' AND p.name_key %% %(key)s))
                ORDER BY exact DESC, score DESC, p.id DESC
                LIMIT %(limit)s
                """,
                {"firm": firm.pk, "code": code, "key": key, "limit": HIT_LIMIT},
            )
            for row in cursor.fetchall():
                hits.append(_hit(index, name, entered.get("role", ""), row))
    return conflicts_first(hits)


def _hit(index, name, role, row):
    pid, pname, pcode, prole, pkind, case_id, intake_no, cause, exact, score = row
    return {
        "entered_index": index,
        "entered_name": name,
        "entered_role": role,
        "party_id": pid,
        "name": pname,
        "id_code": pcode,
        "role": prole,
        "kind": pkind,
        "case_id": case_id,
        "intake_no": intake_no,
        "cause": cause,
        "match": "exact" if exact else "similar",
        "score": round(float(score), 2),
        "conflict": is_conflict(role, prole),
    }


def search_conflicts_for_cases(*, firm, cases):
    """The search of search_conflicts() for many registered cases at once (a bulk import): `cases`
    is [(case id, parties)]; returns {case id: hits}, each case's own parties left out. One
    statement per SEARCH_CHUNK parties, so an import of a thousand cases does not wait on
    thousands of round trips."""
    threshold = float(CaseworkSettings.load().conflict_similarity)
    entries = []  # (case id, index in its parties, name, key, code, role)
    for case_id, parties in cases:
        for index, entered in enumerate(parties):
            name = (entered.get("name") or "").strip()
            code = (entered.get("id_code") or "").strip().upper()
            if party_name_key(name) or code:
                entries.append((case_id, index, name, party_name_key(name), code, entered.get("role", "")))
    found = {case_id: [] for case_id, _parties in cases}
    if not entries:
        return found
    # In chunks, so that no one statement of a large import nears the statement timeout.
    for first in range(0, len(entries), SEARCH_CHUNK):
        _search_chunk(firm, threshold, entries, first, found)
    return {case_id: conflicts_first(hits) for case_id, hits in found.items()}


def _search_chunk(firm, threshold, entries, first, found):
    chunk = range(first, min(first + SEARCH_CHUNK, len(entries)))
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("SELECT set_config('pg_trgm.similarity_threshold', %s, true)", [str(threshold)])
        cursor.execute(
            """
            SELECT e.n, h.*
            FROM unnest(%(ns)s::int[], %(cases)s::bigint[], %(keys)s::text[], %(codes)s::text[])
                 AS e(n, case_id, key, code)
            CROSS JOIN LATERAL (
                SELECT p.id AS party_id, p.name, p.id_code, p.role, p.kind, c.id AS hit_case_id,
                       c.intake_no, c.cause, (p.id_code <> '' AND p.id_code = e.code) AS exact,
                       similarity(p.name_key, e.key) AS score
                FROM casework_party p JOIN casework_case c ON c.id = p.case_id
                WHERE p.firm_id = %(firm)s AND p.case_id <> e.case_id
                  AND ((e.code <> '' AND p.id_code = e.code) OR (e.key <> '' AND p.name_key %% e.key))
                ORDER BY exact DESC, score DESC, p.id DESC
                LIMIT %(limit)s
            ) h
            ORDER BY e.n, h.exact DESC, h.score DESC, h.party_id DESC
            """,
            {
                "ns": list(chunk),
                "cases": [entries[n][0] for n in chunk],
                "keys": [entries[n][3] for n in chunk],
                "codes": [entries[n][4] for n in chunk],
                "firm": firm.pk,
                "limit": HIT_LIMIT,
            },
        )
        for n, *row in cursor.fetchall():
            case_id, index, name, _key, _code, role = entries[n]
            found[case_id].append(_hit(index, name, role, row))
