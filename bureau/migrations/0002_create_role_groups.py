from django.db import migrations

ROLES = ("bureau_admin", "bureau_staff", "firm_director", "inspector")


def create_groups(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    for name in ROLES:
        Group.objects.get_or_create(name=name)


def create_settings_row(apps, schema_editor):
    apps.get_model("bureau", "BureauSettings").objects.get_or_create(id=1)


def remove_groups(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name__in=ROLES).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("bureau", "0001_initial"),
        ("auth", "0012_alter_user_first_name_max_length"),
    ]

    operations = [
        migrations.RunPython(create_groups, remove_groups),
        migrations.RunPython(create_settings_row, migrations.RunPython.noop),
    ]
