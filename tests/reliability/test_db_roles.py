"""Least privilege: the application's database role owns no table, is no superuser, and may only
add audit events: it can neither change one nor switch the append-only trigger off. The role is
set up here the way `manage.py app_role` and every `migrate` set it up (bureau.dbroles)."""

import psycopg
import pytest
from django.db import connection

from bureau.dbroles import ensure_app_role, event_tables, grant_app_role
from bureau.models import BureauSettings, CalendarYear

ROLE = "portal_app"


@pytest.fixture
def app_db(transactional_db):
    """A psycopg connection to the test database as the application role."""
    ensure_app_role(connection, ROLE)
    grant_app_role(connection, ROLE)
    s = connection.settings_dict
    conn = psycopg.connect(
        host=s["HOST"], port=s["PORT"] or 5432, dbname=s["NAME"], user=ROLE, autocommit=True
    )
    yield conn
    conn.close()


def test_app_role_is_no_superuser_and_owns_no_table(app_db):
    row = app_db.execute(
        "select rolsuper, rolcreaterole, rolcreatedb, rolbypassrls from pg_roles where rolname = current_user"
    ).fetchone()
    assert row == (False, False, False, False)
    assert app_db.execute("select count(*) from pg_tables where tableowner = current_user").fetchone() == (0,)


def test_app_role_writes_domain_records_and_the_trigger_records_the_event(app_db):
    BureauSettings.objects.create(id=1)
    app_db.execute("update bureau_bureausettings set county_name = '乙县' where id = 1")
    assert BureauSettings.objects.get().county_name == "乙县"
    assert app_db.execute("select count(*) from bureau_bureausettingsevent").fetchone()[0] >= 2


def test_app_role_cannot_update_or_delete_an_audit_event(app_db):
    CalendarYear.objects.create(year=2030, notice="国办发明电〔2029〕1号")
    BureauSettings.objects.create(id=1)
    for statement in (
        "update bureau_bureausettingsevent set county_name = '篡改'",
        "delete from bureau_bureausettingsevent",
        "truncate bureau_bureausettingsevent",
    ):
        with pytest.raises(psycopg.errors.InsufficientPrivilege):
            app_db.execute(statement)
    # Not even after telling pgtrigger to step aside: the privilege is missing, not just the trigger.
    with pytest.raises(psycopg.errors.InsufficientPrivilege), app_db.transaction():
        app_db.execute("set local pgtrigger.ignore = '{}'")
        app_db.execute("update bureau_bureausettingsevent set county_name = '篡改'")
    assert BureauSettings.pgh_event_model.objects.filter(county_name="篡改").count() == 0


def test_app_role_cannot_disable_or_drop_the_audit_triggers(app_db):
    for table in event_tables():
        for statement in (f'alter table "{table}" disable trigger all', f'drop table "{table}"'):
            with pytest.raises(psycopg.errors.InsufficientPrivilege):
                app_db.execute(statement)
    with pytest.raises(psycopg.errors.InsufficientPrivilege):
        app_db.execute("alter table bureau_bureausettings disable trigger all")


def test_app_role_cannot_touch_the_schema(app_db):
    with pytest.raises(psycopg.errors.InsufficientPrivilege):
        app_db.execute("create table sneaky (x int)")
    with pytest.raises(psycopg.errors.InsufficientPrivilege):
        app_db.execute("delete from django_migrations")


def test_app_role_cannot_rewrite_the_audit_chain(app_db):
    # An audited write by the application role itself gives the chain its links (written at
    # commit by the chain trigger, with the role's INSERT on the chain table).
    BureauSettings.objects.create(id=1)
    app_db.execute("update bureau_bureausettings set county_name = '丙县' where id = 1")
    assert app_db.execute("select count(*) from security_auditchainlink").fetchone()[0] >= 1
    for statement in (
        "update security_auditchainlink set chain_hash = 'x'",
        "delete from security_auditchainlink",
        "truncate security_auditchainlink",
        "truncate security_signinevent",
        "alter table security_auditchainlink disable trigger all",
    ):
        with pytest.raises(psycopg.errors.InsufficientPrivilege):
            app_db.execute(statement)
