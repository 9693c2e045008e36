"""The hash chain over the audit trail.

Every pghistory event table carries a statement-level trigger that hashes the statement's new event
rows (SHA-256 over their JSON form, in UTC) into a pending table, in one set-based insert, and marks
the transaction once. The mark's deferred constraint trigger runs when the transaction commits: it
takes the chain's advisory lock and appends one link per pending event, each hash covering the
previous link's, in a single insert. Links therefore follow commit order, bulk writes and raw SQL
are chained too, a draw's thousands of events cost one trigger call per statement rather than per
row, and the lock is held only for the moment of the commit. ``verify()`` walks the links in order
and reports the first event that was changed, removed, reordered or written around the trigger.
"""

import dataclasses
import hashlib

from django.apps import apps
from django.db import connection, transaction

from .models import AuditChainLink, AuditVerification

GENESIS = "0" * 64
# An arbitrary constant that names the chain's advisory lock.
LOCK_KEY = 7_316_001
FUNCTION = "security_audit_chain_pend"
TRIGGER = "security_audit_chain"
COMMIT_FUNCTION = "security_audit_chain_commit"
COMMIT_TRIGGER = "security_audit_chain_commit"
# The per-row function and trigger of earlier versions, replaced by install().
OLD_FUNCTION = "security_audit_chain_link"
BATCH = 5000

FUNCTION_SQL = f"""
CREATE OR REPLACE FUNCTION {FUNCTION}() RETURNS trigger
LANGUAGE plpgsql
SET timezone = 'UTC'
AS $$
BEGIN
    INSERT INTO security_auditchainpending (xact, event_table, event_id, columns, row_hash)
    SELECT txid_current(), TG_TABLE_NAME, e.pgh_id,
           (SELECT jsonb_agg(k.key ORDER BY k.key) FROM jsonb_object_keys(to_jsonb(e)) AS k(key)),
           encode(sha256(convert_to(to_jsonb(e)::text, 'UTF8')), 'hex')
    FROM new_events e
    ORDER BY e.pgh_id;
    IF FOUND THEN
        INSERT INTO security_auditchaincommit (xact) VALUES (txid_current()) ON CONFLICT DO NOTHING;
    END IF;
    RETURN NULL;
END;
$$;

CREATE OR REPLACE FUNCTION {COMMIT_FUNCTION}() RETURNS trigger
LANGUAGE plpgsql
SET timezone = 'UTC'
AS $$
DECLARE
    previous text;
    pending record;
    tables text[] := '{{}}';
    ids bigint[] := '{{}}';
    columns jsonb[] := '{{}}';
    row_hashes text[] := '{{}}';
    prev_hashes text[] := '{{}}';
    chain_hashes text[] := '{{}}';
BEGIN
    PERFORM pg_advisory_xact_lock({LOCK_KEY});
    SELECT chain_hash INTO previous FROM security_auditchainlink ORDER BY id DESC LIMIT 1;
    previous := coalesce(previous, '{GENESIS}');
    FOR pending IN
        SELECT p.event_table, p.event_id, p.columns, p.row_hash
        FROM security_auditchainpending p WHERE p.xact = NEW.xact ORDER BY p.id
    LOOP
        tables := tables || pending.event_table::text;
        ids := ids || pending.event_id;
        columns := columns || pending.columns;
        row_hashes := row_hashes || pending.row_hash::text;
        prev_hashes := prev_hashes || previous;
        previous := encode(sha256(convert_to(
            previous || '|' || pending.event_table || '|' || pending.event_id::text
                || '|' || pending.row_hash, 'UTF8'
        )), 'hex');
        chain_hashes := chain_hashes || previous;
    END LOOP;
    INSERT INTO security_auditchainlink
        (event_table, event_id, columns, row_hash, prev_hash, chain_hash, linked_at)
    SELECT l.event_table, l.event_id, l.columns, l.row_hash, l.prev_hash, l.chain_hash, now()
    FROM unnest(tables, ids, columns, row_hashes, prev_hashes, chain_hashes) WITH ORDINALITY
        AS l(event_table, event_id, columns, row_hash, prev_hash, chain_hash, n)
    ORDER BY l.n;
    DELETE FROM security_auditchainpending WHERE xact = NEW.xact;
    DELETE FROM security_auditchaincommit WHERE xact = NEW.xact;
    RETURN NULL;
END;
$$;
"""


def event_models():
    """The concrete pghistory event models of every installed app."""
    from pghistory.models import Event

    return [
        model
        for model in apps.get_models()
        if issubclass(model, Event) and model._meta.managed and not model._meta.proxy
    ]


def event_tables():
    return sorted(model._meta.db_table for model in event_models())


def chain_hash(prev_hash, table, event_id, row_hash):
    return hashlib.sha256(f"{prev_hash}|{table}|{event_id}|{row_hash}".encode()).hexdigest()


def install(using="default"):
    """Create the chain's functions, its commit trigger, and the statement trigger on every event
    table that lacks it (replacing the per-row trigger of earlier versions)."""
    from django.db import connections

    conn = connections[using]
    with transaction.atomic(using=using), conn.cursor() as cursor:
        cursor.execute(FUNCTION_SQL)
        cursor.execute(
            "SELECT c.relname, p.proname FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid"
            " JOIN pg_proc p ON p.oid = t.tgfoid WHERE t.tgname = %s",
            [TRIGGER],
        )
        present = {table: function for table, function in cursor.fetchall()}
        cursor.execute("SELECT 1 FROM pg_trigger WHERE tgname = %s", [COMMIT_TRIGGER])
        if not cursor.fetchone():
            cursor.execute(
                f"CREATE CONSTRAINT TRIGGER {COMMIT_TRIGGER} AFTER INSERT ON security_auditchaincommit "
                f"DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION {COMMIT_FUNCTION}()"
            )
        for table in event_tables():
            quoted = conn.ops.quote_name(table)
            if present.get(table) == FUNCTION:
                continue
            if table in present:
                # Events pending under the per-row trigger are linked before it is replaced.
                cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
                cursor.execute(f"DROP TRIGGER {TRIGGER} ON {quoted}")
            cursor.execute(
                f"CREATE TRIGGER {TRIGGER} AFTER INSERT ON {quoted} REFERENCING NEW TABLE AS new_events "
                f"FOR EACH STATEMENT EXECUTE FUNCTION {FUNCTION}()"
            )
            _adopt(cursor, quoted, table)
        cursor.execute(f"DROP FUNCTION IF EXISTS {OLD_FUNCTION}()")


def _adopt(cursor, quoted, table):
    """Chain the events a table held before its trigger existed (written by earlier migrations, or
    before this feature), in id order, exactly as the trigger would have."""
    cursor.execute("SET LOCAL timezone = 'UTC'")
    cursor.execute(f"SELECT pg_advisory_xact_lock({LOCK_KEY})")
    cursor.execute("SELECT chain_hash FROM security_auditchainlink ORDER BY id DESC LIMIT 1")
    row = cursor.fetchone()
    previous = row[0] if row else GENESIS
    cursor.execute(
        "SELECT e.pgh_id, to_jsonb(e)::text,"
        " (SELECT jsonb_agg(k.key ORDER BY k.key) FROM jsonb_object_keys(to_jsonb(e)) AS k(key))::text"
        f" FROM {quoted} e WHERE NOT EXISTS (SELECT 1 FROM security_auditchainlink c"
        f" WHERE c.event_table = %s AND c.event_id = e.pgh_id) ORDER BY e.pgh_id",
        [table],
    )
    for event_id, text, columns in cursor.fetchall():
        digest = hashlib.sha256(text.encode()).hexdigest()
        link = chain_hash(previous, table, event_id, digest)
        cursor.execute(
            "INSERT INTO security_auditchainlink"
            " (event_table, event_id, columns, row_hash, prev_hash, chain_hash, linked_at)"
            " VALUES (%s, %s, %s::text::jsonb, %s, %s, %s, now())",
            [table, event_id, columns, digest, previous, link],
        )
        previous = link


def install_after_migrate(sender, using="default", **kwargs):
    if sender.name == "bureau.security":
        install(using)


@dataclasses.dataclass
class Result:
    ok: bool
    checked: int = 0
    table: str = ""
    event_id: int | None = None
    problem: str = ""
    last_link_id: int | None = None
    last_chain_hash: str = ""
    last_event_table: str = ""
    last_event_id: int | None = None

    @property
    def message(self):
        if self.ok:
            return f"OK: {self.checked} audit events, chain intact"
        return (
            f"FAIL at {self.table} event {self.event_id}: {self.problem} "
            f"({self.checked} events checked before)"
        )


def _current_row_hashes(cursor, table, links):
    """{link id: SHA-256 of the event row now, restricted to the columns hashed then, or None}."""
    quoted = connection.ops.quote_name(table)
    cursor.execute(
        f"""
        SELECT c.id, CASE WHEN e.pgh_id IS NULL THEN NULL ELSE encode(sha256(convert_to((
            SELECT coalesce(jsonb_object_agg(j.key, j.value), '{{}}'::jsonb) FROM jsonb_each(to_jsonb(e)) AS j
            WHERE j.key IN (SELECT jsonb_array_elements_text(c.columns)))::text, 'UTF8')), 'hex') END
        FROM security_auditchainlink c LEFT JOIN {quoted} e ON e.pgh_id = c.event_id
        WHERE c.id = ANY(%s)
        """,
        [[link.id for link in links]],
    )
    return dict(cursor.fetchall())


def verify():
    """Walk the chain; the first problem found, in chain order, is reported with its event."""
    known = set(event_tables())
    with transaction.atomic(), connection.cursor() as cursor:
        # Links of this transaction's own pending events are written now, and the hashes are
        # computed in UTC as the trigger computed them.
        cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
        cursor.execute("SET LOCAL timezone = 'UTC'")
        anchor = (
            AuditVerification.objects.filter(ok=True, last_link_id__isnull=False)
            .order_by("-ran_at", "-id")
            .first()
        )
        expected_prev, checked, last = GENESIS, 0, None
        anchor_seen = anchor is None
        after = 0
        while True:
            links = list(AuditChainLink.objects.filter(id__gt=after).order_by("id")[:BATCH])
            if not links:
                break
            current = {}
            by_table = {}
            for link in links:
                by_table.setdefault(link.event_table, []).append(link)
            for table, group in by_table.items():
                if table in known:
                    current.update(_current_row_hashes(cursor, table, group))
            for link in links:
                fail = None
                if link.prev_hash != expected_prev:
                    fail = "out of order: an event before it was removed or moved"
                elif link.chain_hash != chain_hash(
                    link.prev_hash, link.event_table, link.event_id, link.row_hash
                ):
                    fail = "its chain link was edited"
                elif link.event_table not in known:
                    fail = "its event table no longer exists"
                elif current.get(link.id) is None:
                    fail = "removed"
                elif current[link.id] != link.row_hash:
                    fail = "changed"
                if fail:
                    return Result(False, checked, link.event_table, link.event_id, fail)
                if anchor is not None and link.id == anchor.last_link_id:
                    if link.chain_hash != anchor.last_chain_hash:
                        return Result(False, checked, link.event_table, link.event_id, "chain rewritten")
                    anchor_seen = True
                expected_prev, checked, last = link.chain_hash, checked + 1, link
            after = links[-1].id
        if not anchor_seen:
            return Result(
                False,
                checked,
                anchor.last_event_table,
                anchor.last_event_id,
                "removed (the chain's tail was cut)",
            )
        for table in sorted(known):
            quoted = connection.ops.quote_name(table)
            cursor.execute(
                f"SELECT e.pgh_id FROM {quoted} e WHERE NOT EXISTS (SELECT 1 FROM security_auditchainlink c "
                f"WHERE c.event_table = %s AND c.event_id = e.pgh_id) ORDER BY e.pgh_id LIMIT 1",
                [table],
            )
            row = cursor.fetchone()
            if row:
                return Result(False, checked, table, row[0], "not in the chain (written around the trigger)")
    if last is None:
        return Result(True, 0)
    return Result(
        True,
        checked,
        last_link_id=last.id,
        last_chain_hash=last.chain_hash,
        last_event_table=last.event_table,
        last_event_id=last.event_id,
    )


def verify_and_record():
    result = verify()
    AuditVerification.objects.create(
        ok=result.ok,
        links_checked=result.checked,
        first_bad_table=result.table,
        first_bad_event_id=result.event_id,
        message=result.message,
        last_link_id=result.last_link_id,
        last_chain_hash=result.last_chain_hash,
        last_event_table=result.last_event_table,
        last_event_id=result.last_event_id,
    )
    return result
