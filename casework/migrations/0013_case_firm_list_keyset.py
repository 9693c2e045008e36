"""The firm case list index carries the keyset's last column, id (see Case.Meta.indexes)."""

from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('casework', '0012_sensitive_filed'),
        ('firms', '0008_training_year_hours'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.RemoveIndex(
            model_name='case',
            name='casework_case_firm_list_idx',
        ),
        migrations.AddIndex(
            model_name='case',
            index=models.Index(fields=['firm', '-year', '-serial', '-id'], name='casework_case_firm_list_idx'),
        ),
    ]
