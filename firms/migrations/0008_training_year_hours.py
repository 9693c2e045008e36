"""Yearly training hours per lawyer, kept by triggers: each attendance written, changed or removed
adds or takes its hours in its session's year, a session moved to another year moves its
attendances' hours, and the rows already recorded are summed once."""

import django.db.models.deletion
from django.db import migrations, models

TRIGGERS_SQL = """
CREATE FUNCTION firms_training_year_add(p_lawyer bigint, p_session bigint, p_hours numeric) RETURNS void
LANGUAGE sql AS $$
    INSERT INTO firms_trainingyearhours (lawyer_id, year, hours)
    SELECT p_lawyer, extract(year FROM s.held_on)::int, p_hours FROM firms_trainingsession s WHERE s.id = p_session
    ON CONFLICT (lawyer_id, year) DO UPDATE SET hours = firms_trainingyearhours.hours + EXCLUDED.hours;
$$;

CREATE FUNCTION firms_attendance_year_hours() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP <> 'INSERT' THEN
        PERFORM firms_training_year_add(OLD.lawyer_id, OLD.session_id, -OLD.hours);
    END IF;
    IF TG_OP <> 'DELETE' THEN
        PERFORM firms_training_year_add(NEW.lawyer_id, NEW.session_id, NEW.hours);
    END IF;
    RETURN NULL;
END;
$$;
CREATE TRIGGER firms_attendance_year_hours AFTER INSERT OR DELETE OR UPDATE OF lawyer_id, session_id, hours
    ON firms_trainingattendance FOR EACH ROW EXECUTE FUNCTION firms_attendance_year_hours();

CREATE FUNCTION firms_session_year_hours() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO firms_trainingyearhours (lawyer_id, year, hours)
    SELECT a.lawyer_id, y.year, y.sign * a.hours
    FROM firms_trainingattendance a,
        (VALUES (extract(year FROM OLD.held_on)::int, -1), (extract(year FROM NEW.held_on)::int, 1)) AS y(year, sign)
    WHERE a.session_id = NEW.id
    ON CONFLICT (lawyer_id, year) DO UPDATE SET hours = firms_trainingyearhours.hours + EXCLUDED.hours;
    RETURN NULL;
END;
$$;
CREATE TRIGGER firms_session_year_hours AFTER UPDATE OF held_on ON firms_trainingsession
    FOR EACH ROW WHEN (extract(year FROM OLD.held_on) IS DISTINCT FROM extract(year FROM NEW.held_on))
    EXECUTE FUNCTION firms_session_year_hours();

INSERT INTO firms_trainingyearhours (lawyer_id, year, hours)
SELECT a.lawyer_id, extract(year FROM s.held_on)::int, sum(a.hours)
FROM firms_trainingattendance a JOIN firms_trainingsession s ON s.id = a.session_id
GROUP BY 1, 2;
"""

DROP_SQL = """
DROP TRIGGER IF EXISTS firms_session_year_hours ON firms_trainingsession;
DROP FUNCTION IF EXISTS firms_session_year_hours();
DROP TRIGGER IF EXISTS firms_attendance_year_hours ON firms_trainingattendance;
DROP FUNCTION IF EXISTS firms_attendance_year_hours();
DROP FUNCTION IF EXISTS firms_training_year_add(bigint, bigint, numeric);
"""


class Migration(migrations.Migration):

    dependencies = [
        ('firms', '0007_attendance_session_index'),
    ]

    operations = [
        migrations.CreateModel(
            name='TrainingYearHours',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('year', models.PositiveSmallIntegerField(verbose_name='年度')),
                ('hours', models.DecimalField(decimal_places=1, max_digits=7, verbose_name='学时')),
                ('lawyer', models.ForeignKey(db_constraint=False, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='firms.lawyer', verbose_name='律师')),
            ],
            options={
                'verbose_name': '年度培训学时',
                'verbose_name_plural': '年度培训学时',
                'indexes': [models.Index(fields=['year', 'hours'], include=('lawyer',), name='firms_training_year_met_idx')],
                'constraints': [models.UniqueConstraint(fields=('lawyer', 'year'), name='firms_training_year_hours_unique')],
            },
        ),
        migrations.RunSQL(TRIGGERS_SQL, DROP_SQL),
    ]
