"""The database itself keeps the sign-in log and the audit hash chain: the chain's links cannot be
updated or deleted, and sign-in log rows cannot be edited nor deleted before they are 180 days old
(users may still be deleted: their rows keep the username and lose only the link)."""

from django.db import migrations

PROTECT_SQL = """
CREATE OR REPLACE FUNCTION security_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'rows of % are append-only', TG_TABLE_NAME USING ERRCODE = 'insufficient_privilege';
END;
$$;
CREATE TRIGGER security_chain_append_only BEFORE UPDATE OR DELETE ON security_auditchainlink
    FOR EACH ROW EXECUTE FUNCTION security_refuse_change();

CREATE OR REPLACE FUNCTION security_signin_keep() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'DELETE' THEN
        IF OLD.at > now() - interval '180 days' THEN
            RAISE EXCEPTION 'sign-in log rows are kept at least 180 days' USING ERRCODE = 'insufficient_privilege';
        END IF;
        RETURN OLD;
    END IF;
    IF (to_jsonb(NEW) - 'user_id' - 'actor_id') IS DISTINCT FROM (to_jsonb(OLD) - 'user_id' - 'actor_id') THEN
        RAISE EXCEPTION 'sign-in log rows cannot be edited' USING ERRCODE = 'insufficient_privilege';
    END IF;
    RETURN NEW;
END;
$$;
CREATE TRIGGER security_signin_keep BEFORE UPDATE OR DELETE ON security_signinevent
    FOR EACH ROW EXECUTE FUNCTION security_signin_keep();
"""

UNPROTECT_SQL = """
DROP TRIGGER IF EXISTS security_chain_append_only ON security_auditchainlink;
DROP TRIGGER IF EXISTS security_signin_keep ON security_signinevent;
DROP FUNCTION IF EXISTS security_refuse_change();
DROP FUNCTION IF EXISTS security_signin_keep();
"""


class Migration(migrations.Migration):
    dependencies = [("security", "0001_security_models")]

    operations = [migrations.RunSQL(PROTECT_SQL, UNPROTECT_SQL)]
