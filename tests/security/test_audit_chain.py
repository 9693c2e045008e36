"""The tamper-evident audit trail: editing, deleting or reordering one audit event in the database
is reported by audit_verify with that event's id."""

import pytest
from django.core.management import CommandError, call_command
from django.db import connection, transaction

from bureau.models import BureauSettings, User
from bureau.security import audit_chain
from bureau.security.models import AuditChainLink, AuditVerification
from tests.factories import UserFactory


def _user_event_table():
    from pghistory.models import Event

    for model in audit_chain.event_models():
        if issubclass(model, Event) and model.pgh_tracked_model is User:
            return model._meta.db_table
    raise AssertionError("User is tracked by pghistory")


def _sql(statement, params=None):
    with connection.cursor() as cursor:
        cursor.execute(statement, params)
        return cursor.fetchall() if cursor.description else None


def _tamper(table, statement, params=None):
    """What a database administrator could do: switch the append-only triggers off for a moment."""
    audit_chain.verify()  # links the pending events first (ALTER TABLE refuses pending triggers)
    _sql(f"ALTER TABLE {table} DISABLE TRIGGER USER")
    _sql(statement, params)
    _sql(f"ALTER TABLE {table} ENABLE TRIGGER USER")


@pytest.fixture
def trail(db):
    """Six user events: three users inserted, three renamed."""
    users = [UserFactory(username=f"clerk{n}", full_name=f"文员{n}") for n in range(3)]
    for user in users:
        user.full_name += "（改）"
        user.save()
    table = _user_event_table()
    ids = [row[0] for row in _sql(f"SELECT pgh_id FROM {table} ORDER BY pgh_id")]
    assert len(ids) >= 6
    return table, ids


def test_an_untouched_trail_verifies(trail):
    table, ids = trail
    result = audit_chain.verify()
    assert result.ok, result.message
    assert result.checked == AuditChainLink.objects.count() >= len(ids)
    assert set(AuditChainLink.objects.filter(event_table=table).values_list("event_id", flat=True)) == set(
        ids
    )


def test_links_chain_over_the_previous_hash(trail):
    audit_chain.verify()
    links = list(AuditChainLink.objects.order_by("id"))
    assert links[0].prev_hash == audit_chain.GENESIS
    for before, after in zip(links, links[1:], strict=False):
        assert after.prev_hash == before.chain_hash
        assert after.chain_hash == audit_chain.chain_hash(
            after.prev_hash, after.event_table, after.event_id, after.row_hash
        )


def test_an_edited_event_is_reported_with_its_id(trail):
    table, ids = trail
    target = ids[3]
    _tamper(table, f"UPDATE {table} SET full_name = '别人' WHERE pgh_id = %s", [target])
    result = audit_chain.verify()
    assert not result.ok
    assert (result.table, result.event_id, result.problem) == (table, target, "changed")


def test_a_deleted_event_is_reported_with_its_id(trail):
    table, ids = trail
    target = ids[2]
    _tamper(table, f"DELETE FROM {table} WHERE pgh_id = %s", [target])
    result = audit_chain.verify()
    assert (result.ok, result.event_id, result.problem) == (False, target, "removed")


def test_reordered_events_are_reported_with_the_first_ones_id(trail):
    """Two events swap places (each takes the other's id): the earlier of the two is reported."""
    table, ids = trail
    a, b = ids[1], ids[4]
    _tamper(
        table,
        f"UPDATE {table} SET pgh_id = -1 WHERE pgh_id = %s; "
        f"UPDATE {table} SET pgh_id = %s WHERE pgh_id = %s; "
        f"UPDATE {table} SET pgh_id = %s WHERE pgh_id = -1",
        [a, a, b, b],
    )
    result = audit_chain.verify()
    assert (result.ok, result.event_id) == (False, a)


def test_reordered_chain_links_are_reported(trail):
    table, ids = trail
    audit_chain.verify()
    first, second = AuditChainLink.objects.filter(event_table=table, event_id__in=ids[1:3]).order_by("id")
    _tamper(
        "security_auditchainlink",
        "UPDATE security_auditchainlink SET id = -1 WHERE id = %s; "
        "UPDATE security_auditchainlink SET id = %s WHERE id = %s; "
        "UPDATE security_auditchainlink SET id = %s WHERE id = -1",
        [first.id, first.id, second.id, second.id],
    )
    result = audit_chain.verify()
    assert not result.ok
    # The link now first in order is the second event's: its predecessor is not the one it chained.
    assert result.event_id == second.event_id and result.problem.startswith("out of order")


def test_a_removed_link_is_reported_at_the_next_event(trail):
    table, ids = trail
    audit_chain.verify()
    link = AuditChainLink.objects.get(event_table=table, event_id=ids[2])
    _tamper("security_auditchainlink", "DELETE FROM security_auditchainlink WHERE id = %s", [link.id])
    _tamper(table, f"DELETE FROM {table} WHERE pgh_id = %s", [ids[2]])
    result = audit_chain.verify()
    assert (result.ok, result.event_id) == (False, ids[3])
    assert result.problem.startswith("out of order")


def test_an_event_written_around_the_trigger_is_reported(trail):
    table, ids = trail
    _tamper(
        table,
        f"INSERT INTO {table} SELECT (jsonb_populate_record(NULL::{table}, "
        f"""to_jsonb(e) || '{{"pgh_id": 999999}}'::jsonb)).* FROM {table} e WHERE pgh_id = %s""",
        [ids[0]],
    )
    result = audit_chain.verify()
    assert (result.ok, result.event_id) == (False, 999999)
    assert "not in the chain" in result.problem


def test_a_cut_tail_is_reported(trail):
    table, ids = trail
    assert audit_chain.verify_and_record().ok
    last = AuditChainLink.objects.order_by("-id").first()
    _tamper("security_auditchainlink", "DELETE FROM security_auditchainlink WHERE id = %s", [last.id])
    _tamper(last.event_table, f"DELETE FROM {last.event_table} WHERE pgh_id = %s", [last.event_id])
    result = audit_chain.verify()
    assert (result.ok, result.event_id) == (False, last.event_id)


def test_bulk_writes_and_raw_sql_are_chained(trail):
    table, _ids = trail
    User.objects.filter(username__startswith="clerk").update(phone="12345")
    _sql("UPDATE bureau_user SET phone = '67890' WHERE username = 'clerk0'")
    result = audit_chain.verify()
    assert result.ok, result.message
    count = _sql(f"SELECT count(*) FROM {table}")[0][0]
    assert AuditChainLink.objects.filter(event_table=table).count() == count


def test_events_of_every_tracked_table_are_chained(db):
    settings_row = BureauSettings.load()
    settings_row.county_name = "乙县"
    settings_row.save()
    result = audit_chain.verify()
    assert result.ok
    tables = set(AuditChainLink.objects.values_list("event_table", flat=True))
    assert any(t != _user_event_table() for t in tables)
    # Every event table carries the trigger.
    with_trigger = {
        row[0]
        for row in _sql(
            "SELECT c.relname FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid WHERE t.tgname = %s",
            [audit_chain.TRIGGER],
        )
    }
    assert set(audit_chain.event_tables()) <= with_trigger


def test_a_column_added_later_does_not_break_old_links(trail):
    table, _ids = trail
    audit_chain.verify()
    _sql(f"ALTER TABLE {table} ADD COLUMN later_field integer NOT NULL DEFAULT 7")
    result = audit_chain.verify()
    assert result.ok, result.message


def test_the_chain_refuses_edits_and_deletes(trail):
    audit_chain.verify()
    link = AuditChainLink.objects.first()
    with pytest.raises(Exception, match="append-only"), transaction.atomic():
        AuditChainLink.objects.filter(pk=link.pk).update(row_hash="0" * 64)
    with pytest.raises(Exception, match="append-only"), transaction.atomic():
        AuditChainLink.objects.filter(pk=link.pk).delete()


def test_the_command_reports_ok_and_records_it(trail, capsys):
    call_command("audit_verify")
    assert "OK:" in capsys.readouterr().out
    assert AuditVerification.objects.get().ok


def test_the_command_fails_with_the_event_id(trail):
    table, ids = trail
    _tamper(table, f"UPDATE {table} SET full_name = '别人' WHERE pgh_id = %s", [ids[0]])
    with pytest.raises(CommandError, match=f"{table} event {ids[0]}: changed"):
        call_command("audit_verify")
    record = AuditVerification.objects.get()
    assert (record.ok, record.first_bad_event_id) == (False, ids[0])


def test_the_weekly_task_records_the_result(trail):
    from bureau.security.tasks import verify_audit_chain

    assert verify_audit_chain().startswith("OK")
    assert AuditVerification.objects.get().ok


def test_the_result_shows_on_the_administrators_dashboard_only(trail, login, bureau_admin, staff):
    page = login(bureau_admin).get("/").content.decode()
    assert 'data-audit-status="none"' in page
    audit_chain.verify_and_record()
    page = login(bureau_admin).get("/").content.decode()
    assert 'data-audit-status="ok"' in page
    table, ids = trail
    _tamper(table, f"DELETE FROM {table} WHERE pgh_id = %s", [ids[1]])
    audit_chain.verify_and_record()
    page = login(bureau_admin).get("/").content.decode()
    assert 'data-audit-status="fail"' in page and f"第 {ids[1]} 号" in page
    assert "data-audit-panel" not in login(staff).get("/").content.decode()


@pytest.mark.django_db(transaction=True)
def test_links_are_written_at_commit():
    UserFactory(username="committed")
    assert AuditChainLink.objects.exists()
    assert audit_chain.verify().ok


@pytest.mark.django_db(transaction=True)
def test_a_rolled_back_savepoint_leaves_no_link_and_the_queue_empties_at_commit():
    table = _user_event_table()
    with transaction.atomic():
        UserFactory(username="kept1")
        try:
            with transaction.atomic():
                UserFactory(username="undone")
                raise RuntimeError
        except RuntimeError:
            pass
        User.objects.bulk_create([User(username=f"bulk{n}", full_name=f"批量{n}") for n in range(3)])
    kept = _sql(f"SELECT pgh_id FROM {table} ORDER BY pgh_id")
    linked = list(
        AuditChainLink.objects.filter(event_table=table).order_by("id").values_list("event_id", flat=True)
    )
    assert linked == [row[0] for row in kept]
    assert _sql("SELECT count(*) FROM security_auditchainpending")[0][0] == 0
    assert _sql("SELECT count(*) FROM security_auditchaincommit")[0][0] == 0
    assert audit_chain.verify().ok
