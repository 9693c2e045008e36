"""The conflict-of-interest search (利益冲突检索) inside one firm's own parties.

Every entered party of a check is searched in ONE statement: the parties go in as arrays, are
unnested, and each is joined LATERAL to its own search (per-party LIMIT kept). With the statement
that sets the similarity threshold it goes to the server as one query string, so a check of 20
parties costs one round trip, as a check of one does."""

from django.db import connection

from .models import CaseworkSettings, PartyRole, party_name_key

HIT_LIMIT = 30
# Entered parties searched in one statement (a check has a handful; an import a thousand).
SEARCH_CHUNK = 200

# The two sides of a matter. A party who stood on one side of a firm's matter and is now entered on
# the other (the firm's former client now the opponent, or a former opponent now the client) is a
# conflict; the same side again, or a third party on either end, is only worth a note.
OPPOSITE_SIDES = {(PartyRole.CLIENT, PartyRole.OPPOSING), (PartyRole.OPPOSING, PartyRole.CLIENT)}

# Case id 0 is no case: a conflict check before registration leaves no case of its own out.
NO_CASE = 0

# One statement for all entered parties. Each party's search is a UNION ALL of two branches, each
# with the index that serves it (EXPLAIN over 3,000,000 parties in 2,000 firms: one index scan per
# branch and entered party, a few milliseconds each):
# - exact: the same identity number / credit code in the firm: Index Scan on the partial index
#   casework_party_id_code_idx (firm_id, id_code) WHERE id_code <> ''; `p.id_code <> ''` is spelled
#   out so that the partial index applies with the code a runtime value of the LATERAL;
# - similar: Bitmap Index Scan on the GIN index casework_party_firm_key_trgm, Index Cond firm_id
#   AND name_key `%`: the firm and the trigrams in one index. The firm goes in as ::bigint because
#   btree_gin's int8 operator class has no int8 = int4: compared with an int4 the firm falls out of
#   the index condition and the scan reads every firm's names sharing a trigram (22,000 rows, about
#   100 times slower).
# The case is joined after each party's LIMIT, for its 30 hits at most.
SEARCH_SQL = """
SELECT e.n, h.party_id, h.name, h.id_code, h.role, h.kind, c.id, c.intake_no, c.cause, h.exact, h.score
FROM unnest(%(skip_cases)s::bigint[], %(keys)s::text[], %(codes)s::text[]) WITH ORDINALITY
     AS e(skip_case, key, code, n)
CROSS JOIN LATERAL (
    SELECT * FROM (
        SELECT p.id AS party_id, p.name, p.id_code, p.role, p.kind, p.case_id, true AS exact,
               similarity(p.name_key, e.key) AS score
        FROM casework_party p
        WHERE e.code <> '' AND p.id_code <> '' AND p.firm_id = %(firm)s::bigint AND p.id_code = e.code
          AND p.case_id <> e.skip_case
        UNION ALL
        SELECT p.id, p.name, p.id_code, p.role, p.kind, p.case_id, false, similarity(p.name_key, e.key)
        FROM casework_party p
        WHERE e.key <> '' AND p.name_key %% e.key AND p.firm_id = %(firm)s::bigint
          AND p.case_id <> e.skip_case AND NOT (e.code <> '' AND p.id_code = e.code)
    ) matched
    ORDER BY exact DESC, score DESC, party_id DESC
    LIMIT %(limit)s
) h
JOIN casework_case c ON c.id = h.case_id
ORDER BY e.n, h.exact DESC, h.score DESC, h.party_id DESC
"""


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
    when None, read by the search itself). One round trip whatever the number of parties (up to
    SEARCH_CHUNK; a check has at most 20)."""
    entries = _entries(NO_CASE, parties)
    hits = []
    for first in range(0, len(entries), SEARCH_CHUNK):
        for entry, row in _search(firm, threshold, entries[first : first + SEARCH_CHUNK]):
            hits.append(_hit(entry, row))
    return conflicts_first(hits)


def search_conflicts_for_cases(*, firm, cases):
    """The search of search_conflicts() for many registered cases at once (a bulk import): `cases`
    is [(case id, parties)]; returns {case id: hits}, each case's own parties left out. One
    statement per SEARCH_CHUNK parties, so an import of a thousand cases does not wait on
    thousands of round trips, and no one statement of a large import nears the statement timeout."""
    entries = [entry for case_id, parties in cases for entry in _entries(case_id, parties)]
    found = {case_id: [] for case_id, _parties in cases}
    for first in range(0, len(entries), SEARCH_CHUNK):
        for entry, row in _search(firm, None, entries[first : first + SEARCH_CHUNK]):
            found[entry["case_id"]].append(_hit(entry, row))
    return {case_id: conflicts_first(hits) for case_id, hits in found.items()}


def _entries(case_id, parties):
    """The searchable entered parties, each with its place among the entered ones (a party with
    neither name nor code is skipped but keeps the others' places)."""
    entries = []
    for index, entered in enumerate(parties):
        name = (entered.get("name") or "").strip()
        key = party_name_key(name)
        code = (entered.get("id_code") or "").strip().upper()
        if key or code:
            entries.append(
                {
                    "case_id": case_id,
                    "index": index,
                    "name": name,
                    "key": key,
                    "code": code,
                    "role": entered.get("role", ""),
                }
            )
    return entries


# The threshold the `%` operator compares with, for the statement that follows it: the caller's,
# or the bureau's setting (the model's default until the row is saved). is_local: it holds for
# the transaction only.
THRESHOLD_SQL = f"""
SELECT set_config('pg_trgm.similarity_threshold', coalesce(%(threshold)s::numeric,
    (SELECT conflict_similarity FROM {CaseworkSettings._meta.db_table} WHERE id = %(settings_id)s),
    %(default_threshold)s)::text, true)
"""


def _search(firm, threshold, entries):
    """[(entry, row)] for `entries` in one round trip: the threshold and the search go as two
    statements of one query string (client-side binding), which PostgreSQL runs as one
    transaction when no transaction is open, so the threshold set in the first holds in the
    second and ends with it; inside a caller's transaction it ends with that transaction."""
    if not entries:
        return []
    with connection.cursor() as cursor:
        cursor.execute(
            THRESHOLD_SQL + ";" + SEARCH_SQL,
            {
                "threshold": threshold,
                "settings_id": CaseworkSettings.SINGLETON_ID,
                "default_threshold": CaseworkSettings._meta.get_field("conflict_similarity").default,
                "skip_cases": [entry["case_id"] for entry in entries],
                "keys": [entry["key"] for entry in entries],
                "codes": [entry["code"] for entry in entries],
                "firm": firm.pk,
                "limit": HIT_LIMIT,
            },
        )
        cursor.nextset()  # past the threshold's row, to the hits
        return [(entries[n - 1], row) for n, *row in cursor.fetchall()]


def _hit(entry, row):
    pid, pname, pcode, prole, pkind, case_id, intake_no, cause, exact, score = row
    return {
        "entered_index": entry["index"],
        "entered_name": entry["name"],
        "entered_role": entry["role"],
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
        "conflict": is_conflict(entry["role"], prole),
    }
