from django.db import migrations

# Numbers issued before the register wrote the year as documents do, 〔2026〕, carry it in ASCII
# brackets, (2026); rewritten in one statement so that the register shows and finds one format.
FORWARD = r"""
UPDATE casework_case SET intake_no = regexp_replace(intake_no, '^\((\d{4})\)', '〔\1〕')
WHERE intake_no ~ '^\(\d{4}\)'
"""
BACKWARD = r"""
UPDATE casework_case SET intake_no = regexp_replace(intake_no, '^〔(\d{4})〕', '(\1)')
WHERE intake_no ~ '^〔\d{4}〕'
"""


class Migration(migrations.Migration):
    dependencies = [
        ("casework", "0005_casework_settings_row"),
    ]

    operations = [
        migrations.RunSQL(FORWARD, BACKWARD),
    ]
