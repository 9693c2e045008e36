"""The database roles: an owner that runs the migrations, and the application role the web and
the workers connect as (DATABASE_APP_ROLE). One implementation for every set-up: `manage.py
app_role` (scripts/services.sh, compose's migrate service), the post_migrate hook and the tests."""

from pathlib import Path

from django.apps import apps
from psycopg import sql

SQL_DIR = Path(__file__).resolve().parent / "sql"


CREATE_ROLE = "create role {} login nosuperuser nocreatedb nocreaterole noinherit noreplication"


def role_exists(connection, role):
    with connection.cursor() as cursor:
        cursor.execute("select 1 from pg_roles where rolname = %s", [role])
        return cursor.fetchone() is not None


def _run(connection, statements):
    # Composed SQL (quoted identifiers) goes to psycopg's own cursor.
    connection.ensure_connection()
    with connection.connection.cursor() as cursor:
        for statement in statements:
            cursor.execute(statement)


def ensure_app_role(connection, role, password=None):
    """Create the application role if it is missing (LOGIN, nothing else), and set its password
    when one is given. Needs a role allowed to create roles."""
    statements = []
    if not role_exists(connection, role):
        statements.append(sql.SQL(CREATE_ROLE).format(sql.Identifier(role)))
    if password:
        statements.append(
            sql.SQL("alter role {} password {}").format(sql.Identifier(role), sql.Literal(password))
        )
    _run(connection, statements)


def event_tables():
    """The pghistory event tables: append-only for the application role."""
    return sorted(m._meta.db_table for m in apps.get_models() if hasattr(m, "pgh_tracked_model"))


def _statements(name, **names):
    text = (SQL_DIR / name).read_text()
    body = "\n".join(line for line in text.splitlines() if not line.lstrip().startswith("--"))
    for statement in body.split(";"):  # the file holds no semicolon but between statements
        if statement.strip():
            yield sql.SQL(statement.strip()).format(**names)


def grant_app_role(connection, role):
    """Grant the application role what it needs in the connected database, as its owner."""
    with connection.cursor() as cursor:
        cursor.execute("select current_database()")
        database = cursor.fetchone()[0]
        cursor.execute("select tablename from pg_tables where schemaname = 'public'")
        existing = {row[0] for row in cursor.fetchall()}
    names = {"app": sql.Identifier(role), "database": sql.Identifier(database)}
    statements = list(_statements("app_role.sql", **names))
    # Audit events may be added, never changed or removed; the schema's bookkeeping is the owner's.
    narrowed = [(t, "update, delete, truncate") for t in event_tables()]
    narrowed.append(("django_migrations", "insert, update, delete, truncate"))
    # The audit hash chain and the verification results are append-only too; the sign-in log may
    # be pruned (a trigger keeps the retention period) but never truncated.
    narrowed += [
        ("security_auditchainlink", "update, delete, truncate"),
        ("security_auditverification", "update, delete, truncate"),
        ("security_signinevent", "truncate"),
    ]
    for table, privileges in narrowed:
        if table in existing:
            statements.append(
                sql.SQL("revoke " + privileges + " on {} from {}").format(sql.Identifier(table), names["app"])
            )
    _run(connection, statements)


def grant_after_migrate(sender, using, **kwargs):
    """After every `migrate` (run as the owner), the tables it created are granted to the
    application role, the audit tables among them insert-only. Skipped where no such role exists
    (a development database used by one role only)."""
    from django.conf import settings
    from django.db import connections

    role = settings.DATABASE_APP_ROLE
    connection = connections[using]
    if not role or connection.settings_dict["USER"] == role or not role_exists(connection, role):
        return
    grant_app_role(connection, role)
