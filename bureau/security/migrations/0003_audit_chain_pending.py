"""Two working tables of the audit hash chain (bureau.security.audit_chain): the events a
transaction has written and not yet linked, and one row per such transaction, whose deferred
trigger links them all at commit. Both are empty outside a running transaction."""

from django.db import migrations

CREATE_SQL = """
CREATE TABLE security_auditchainpending (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    xact bigint NOT NULL,
    event_table varchar(100) NOT NULL,
    event_id bigint NOT NULL,
    columns jsonb NOT NULL,
    row_hash varchar(64) NOT NULL
);
CREATE INDEX security_auditchainpending_xact ON security_auditchainpending (xact, id);
CREATE TABLE security_auditchaincommit (xact bigint PRIMARY KEY);
"""

DROP_SQL = """
DROP TABLE IF EXISTS security_auditchaincommit;
DROP TABLE IF EXISTS security_auditchainpending;
"""


class Migration(migrations.Migration):
    dependencies = [("security", "0002_protect_logs")]

    operations = [migrations.RunSQL(CREATE_SQL, DROP_SQL)]
