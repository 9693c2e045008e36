from django.db import migrations


def create_settings_row(apps, schema_editor):
    # Reading the settings never writes (CaseworkSettings.load() gives the defaults when the row
    # is missing); the row is made here so that the admin edits an existing row.
    apps.get_model("casework", "CaseworkSettings").objects.get_or_create(id=1)


class Migration(migrations.Migration):
    dependencies = [
        ("casework", "0004_dates_in_order_constraints"),
    ]

    operations = [
        migrations.RunPython(create_settings_row, migrations.RunPython.noop),
    ]
