import django.contrib.postgres.indexes
from django.contrib.postgres.operations import AddIndexConcurrently, RemoveIndexConcurrently
from django.db import migrations, models


class Migration(migrations.Migration):
    # Concurrently: the party table is the largest one; registrations go on while the index builds.
    atomic = False

    dependencies = [
        ("casework", "0008_case_register_index"),
    ]

    operations = [
        AddIndexConcurrently(
            model_name="party",
            index=django.contrib.postgres.indexes.GinIndex(
                models.F("firm"),
                django.contrib.postgres.indexes.OpClass("name_key", name="gin_trgm_ops"),
                name="casework_party_firm_key_trgm",
            ),
        ),
        RemoveIndexConcurrently(
            model_name="party",
            name="casework_party_key_trgm",
        ),
    ]
