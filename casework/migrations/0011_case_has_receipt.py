"""Case.has_receipt, kept by the database: a case row's own trigger derives it from the receipts
on every insert and update (so no stale form can write it back), and the receipts' trigger touches
their case when one is added, removed or moved. Then the index of the 四统一 gaps."""

import pgtrigger.compiler
import pgtrigger.migrations
from django.conf import settings
from django.db import migrations, models

TRIGGERS_SQL = """
CREATE FUNCTION casework_case_derive_has_receipt() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    NEW.has_receipt := EXISTS (SELECT 1 FROM casework_feereceipt r WHERE r.case_id = NEW.id);
    RETURN NEW;
END;
$$;
CREATE TRIGGER casework_case_has_receipt BEFORE INSERT OR UPDATE ON casework_case
    FOR EACH ROW EXECUTE FUNCTION casework_case_derive_has_receipt();

CREATE FUNCTION casework_receipt_touch_case() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    -- The case's own trigger derives the value; rows already right are left alone.
    IF TG_OP <> 'DELETE' THEN
        UPDATE casework_case SET has_receipt = true WHERE id = NEW.case_id AND NOT has_receipt;
    END IF;
    IF TG_OP <> 'INSERT' THEN
        UPDATE casework_case SET has_receipt = false WHERE id = OLD.case_id AND has_receipt;
    END IF;
    RETURN NULL;
END;
$$;
CREATE TRIGGER casework_receipt_touch_case AFTER INSERT OR DELETE OR UPDATE OF case_id ON casework_feereceipt
    FOR EACH ROW EXECUTE FUNCTION casework_receipt_touch_case();

UPDATE casework_case SET has_receipt = true WHERE id IN (SELECT case_id FROM casework_feereceipt);
"""

DROP_SQL = """
DROP TRIGGER IF EXISTS casework_receipt_touch_case ON casework_feereceipt;
DROP FUNCTION IF EXISTS casework_receipt_touch_case();
DROP TRIGGER IF EXISTS casework_case_has_receipt ON casework_case;
DROP FUNCTION IF EXISTS casework_case_derive_has_receipt();
"""


class Migration(migrations.Migration):

    dependencies = [
        ('casework', '0010_party_firm_index_in_search_indexes'),
        ('firms', '0007_attendance_session_index'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        pgtrigger.migrations.RemoveTrigger(
            model_name='case',
            name='update_update',
        ),
        migrations.AddField(
            model_name='case',
            name='has_receipt',
            field=models.BooleanField(db_default=False, default=False, editable=False, verbose_name='已开具收费票据'),
        ),
        migrations.RunSQL(TRIGGERS_SQL, DROP_SQL),
        migrations.AddIndex(
            model_name='case',
            index=models.Index(condition=models.Q(('contract_no', ''), models.Q(('archive_no', ''), ('closed_on__isnull', False)), models.Q(('has_receipt', False), ('is_legal_aid', False), ('is_pro_bono', False)), _connector='OR'), fields=['firm', 'intake_date'], include=('closed_on', 'contract_no', 'archive_no', 'has_receipt', 'is_legal_aid', 'is_pro_bono'), name='casework_case_gaps_idx'),
        ),
        pgtrigger.migrations.AddTrigger(
            model_name='case',
            trigger=pgtrigger.compiler.Trigger(name='update_update', sql=pgtrigger.compiler.UpsertTriggerSql(condition='WHEN (OLD."agreed_fee" IS DISTINCT FROM (NEW."agreed_fee") OR OLD."aid_body" IS DISTINCT FROM (NEW."aid_body") OR OLD."aid_notice_no" IS DISTINCT FROM (NEW."aid_notice_no") OR OLD."archive_no" IS DISTINCT FROM (NEW."archive_no") OR OLD."archived_on" IS DISTINCT FROM (NEW."archived_on") OR OLD."authority" IS DISTINCT FROM (NEW."authority") OR OLD."case_type" IS DISTINCT FROM (NEW."case_type") OR OLD."cause" IS DISTINCT FROM (NEW."cause") OR OLD."closed_on" IS DISTINCT FROM (NEW."closed_on") OR OLD."conflict_check_id" IS DISTINCT FROM (NEW."conflict_check_id") OR OLD."contract_date" IS DISTINCT FROM (NEW."contract_date") OR OLD."contract_no" IS DISTINCT FROM (NEW."contract_no") OR OLD."firm_id" IS DISTINCT FROM (NEW."firm_id") OR OLD."id" IS DISTINCT FROM (NEW."id") OR OLD."intake_date" IS DISTINCT FROM (NEW."intake_date") OR OLD."intake_no" IS DISTINCT FROM (NEW."intake_no") OR OLD."is_legal_aid" IS DISTINCT FROM (NEW."is_legal_aid") OR OLD."is_pro_bono" IS DISTINCT FROM (NEW."is_pro_bono") OR OLD."is_sensitive" IS DISTINCT FROM (NEW."is_sensitive") OR OLD."registered_at" IS DISTINCT FROM (NEW."registered_at") OR OLD."registered_by_id" IS DISTINCT FROM (NEW."registered_by_id") OR OLD."result" IS DISTINCT FROM (NEW."result") OR OLD."sensitive_due_on" IS DISTINCT FROM (NEW."sensitive_due_on") OR OLD."serial" IS DISTINCT FROM (NEW."serial") OR OLD."status" IS DISTINCT FROM (NEW."status") OR OLD."version" IS DISTINCT FROM (NEW."version") OR OLD."year" IS DISTINCT FROM (NEW."year"))', func='INSERT INTO "casework_caseevent" ("agreed_fee", "aid_body", "aid_notice_no", "archive_no", "archived_on", "authority", "case_type", "cause", "closed_on", "conflict_check_id", "contract_date", "contract_no", "firm_id", "id", "intake_date", "intake_no", "is_legal_aid", "is_pro_bono", "is_sensitive", "pgh_context_id", "pgh_created_at", "pgh_label", "pgh_obj_id", "registered_at", "registered_by_id", "result", "sensitive_due_on", "serial", "status", "version", "year") VALUES (NEW."agreed_fee", NEW."aid_body", NEW."aid_notice_no", NEW."archive_no", NEW."archived_on", NEW."authority", NEW."case_type", NEW."cause", NEW."closed_on", NEW."conflict_check_id", NEW."contract_date", NEW."contract_no", NEW."firm_id", NEW."id", NEW."intake_date", NEW."intake_no", NEW."is_legal_aid", NEW."is_pro_bono", NEW."is_sensitive", _pgh_attach_context(), NOW(), \'update\', NEW."id", NEW."registered_at", NEW."registered_by_id", NEW."result", NEW."sensitive_due_on", NEW."serial", NEW."status", NEW."version", NEW."year"); RETURN NULL;', hash='adb33896810d9b50c14d9e6ac7c1a785db8a707c', operation='UPDATE', pgid='pgtrigger_update_update_6bba9', table='casework_case', when='AFTER')),
        ),
    ]
