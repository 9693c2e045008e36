"""Case.sensitive_filed, kept by the database as has_receipt is (0011): the case row's trigger now
derives both, and a filing's trigger touches its case. The queue index of sensitive cases awaiting
their filing then holds only those."""

from django.conf import settings
from django.db import migrations, models

TRIGGERS_SQL = """
CREATE FUNCTION casework_case_derive() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    NEW.has_receipt := EXISTS (SELECT 1 FROM casework_feereceipt r WHERE r.case_id = NEW.id);
    NEW.sensitive_filed := EXISTS (SELECT 1 FROM casework_sensitivefiling f WHERE f.case_id = NEW.id);
    RETURN NEW;
END;
$$;
DROP TRIGGER casework_case_has_receipt ON casework_case;
DROP FUNCTION casework_case_derive_has_receipt();
CREATE TRIGGER casework_case_derive BEFORE INSERT OR UPDATE ON casework_case
    FOR EACH ROW EXECUTE FUNCTION casework_case_derive();

CREATE FUNCTION casework_filing_touch_case() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP <> 'DELETE' THEN
        UPDATE casework_case SET sensitive_filed = true WHERE id = NEW.case_id AND NOT sensitive_filed;
    END IF;
    IF TG_OP <> 'INSERT' THEN
        UPDATE casework_case SET sensitive_filed = false WHERE id = OLD.case_id AND sensitive_filed;
    END IF;
    RETURN NULL;
END;
$$;
CREATE TRIGGER casework_filing_touch_case AFTER INSERT OR DELETE OR UPDATE OF case_id ON casework_sensitivefiling
    FOR EACH ROW EXECUTE FUNCTION casework_filing_touch_case();

UPDATE casework_case SET sensitive_filed = true WHERE id IN (SELECT case_id FROM casework_sensitivefiling);
"""

DROP_SQL = """
DROP TRIGGER IF EXISTS casework_filing_touch_case ON casework_sensitivefiling;
DROP FUNCTION IF EXISTS casework_filing_touch_case();
DROP TRIGGER IF EXISTS casework_case_derive ON casework_case;
DROP FUNCTION IF EXISTS casework_case_derive();
CREATE FUNCTION casework_case_derive_has_receipt() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    NEW.has_receipt := EXISTS (SELECT 1 FROM casework_feereceipt r WHERE r.case_id = NEW.id);
    RETURN NEW;
END;
$$;
CREATE TRIGGER casework_case_has_receipt BEFORE INSERT OR UPDATE ON casework_case
    FOR EACH ROW EXECUTE FUNCTION casework_case_derive_has_receipt();
"""


class Migration(migrations.Migration):

    dependencies = [
        ('casework', '0011_case_has_receipt'),
        ('firms', '0008_training_year_hours'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.RemoveIndex(
            model_name='case',
            name='casework_case_sens_idx',
        ),
        migrations.AddField(
            model_name='case',
            name='sensitive_filed',
            field=models.BooleanField(db_default=False, default=False, editable=False, verbose_name='已备案'),
        ),
        migrations.RunSQL(TRIGGERS_SQL, DROP_SQL),
        migrations.AddIndex(
            model_name='case',
            index=models.Index(condition=models.Q(('is_sensitive', True), ('sensitive_filed', False)), fields=['sensitive_due_on'], name='casework_case_sens_queue_idx'),
        ),
        migrations.AddIndex(
            model_name='sensitivefiling',
            index=models.Index(condition=models.Q(('status', 'filed')), fields=['filed_on'], name='casework_filing_queue_idx'),
        ),
    ]
