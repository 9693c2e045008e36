from django.db import migrations


def create_settings_row(apps, schema_editor):
    # Reading the settings never writes (PartySettings.load()), so the one row is made here.
    apps.get_model("partybuild", "PartySettings").objects.get_or_create(id=1)


class Migration(migrations.Migration):
    dependencies = [
        ("partybuild", "0003_date_order_constraints"),
    ]

    operations = [
        migrations.RunPython(create_settings_row, migrations.RunPython.noop),
    ]
