"""The hash chain over the audit trail.

Every pghistory event table carries a deferred constraint trigger: when the writing transaction
commits, the trigger takes the chain's advisory lock, hashes the event row (SHA-256 over its JSON
form, in UTC) and appends a link whose hash covers the previous link's hash. Links therefore follow
commit order, bulk writes and raw SQL are chained too, and the lock is held only for the moment of
the commit. ``verify()`` walks the links in order and reports the first event that was changed,
removed, reordered or written around the trigger.
"""

import dataclasses
import hashlib

from django.apps import apps
from django.db import connection, transaction

from .models import AuditChainLink, AuditVerification

GENESIS = "0" * 64
# An arbitrary constant that names the chain's advisory lock.
LOCK_KEY = 7_316_001
FUNCTION = "security_audit_chain_link"
TRIGGER = "security_audit_chain"
BATCH = 5000

FUNCTION_SQL = f"""
CREATE OR REPLACE FUNCTION {FUNCTION}() RETURNS trigger
LANGUAGE plpgsql
SET timezone = 'UTC'
AS $$
DECLARE
    row_json jsonb := to_jsonb(NEW);
    row_columns jsonb;
    row_digest text;
    previous text;
BEGIN
    PERFORM pg_advisory_xact_lock({LOCK_KEY});
    SELECT jsonb_agg(key ORDER BY key) INTO row_columns FROM jsonb_object_keys(row_json) AS k(key);
    row_digest := encode(sha256(convert_to(row_json::text, 'UTF8')), 'hex');
    SELECT chain_hash INTO previous FROM security_auditchainlink ORDER BY id DESC LIMIT 1;
    previous := coalesce(previous, '{GENESIS}');
    INSERT INTO security_auditchainlink
        (event_table, event_id, columns, row_hash, prev_hash, chain_hash, linked_at)
    VALUES (
        TG_TABLE_NAME, NEW.pgh_id, row_columns, row_digest, previous,
        encode(sha256(convert_to(
            previous || '|' || TG_TABLE_NAME || '|' || NEW.pgh_id::text || '|' || row_digest, 'UTF8'
        )), 'hex'),
        now()
    );
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
    """Create the link function and the trigger on every event table that lacks it."""
    from django.db import connections

    conn = connections[using]
    with transaction.atomic(using=using), conn.cursor() as cursor:
        cursor.execute(FUNCTION_SQL)
        cursor.execute(
            "SELECT c.relname FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid WHERE t.tgname = %s",
            [TRIGGER],
        )
        present = {row[0] for row in cursor.fetchall()}
        for table in event_tables():
            if table in present:
                continue
            cursor.execute(
                f"CREATE CONSTRAINT TRIGGER {TRIGGER} AFTER INSERT ON {conn.ops.quote_name(table)} "
                f"DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION {FUNCTION}()"
            )
            _adopt(cursor, conn.ops.quote_name(table), table)


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
