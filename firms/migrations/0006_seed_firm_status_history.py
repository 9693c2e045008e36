"""Seed each firm's status history from what its record says: its status since its founding (the
date it was registered in the portal when no founding date is recorded) and, for a deregistered
firm, practising from then and deregistered on its deregistration date."""

from django.db import migrations


def seed(apps, schema_editor):
    Firm = apps.get_model("firms", "Firm")
    FirmStatusChange = apps.get_model("firms", "FirmStatusChange")
    changes = []
    for firm in Firm.objects.filter(status_changes__isnull=True).iterator():
        start = firm.founded_on or firm.created_at.date()
        if firm.status == "deregistered":
            if firm.deregistered_on and firm.deregistered_on < start:
                start = firm.deregistered_on
            changes.append(FirmStatusChange(firm=firm, status="practising", changed_on=start, note="历史数据"))
            on = firm.deregistered_on or start
            changes.append(FirmStatusChange(firm=firm, status="deregistered", changed_on=on, note="历史数据"))
        else:
            changes.append(FirmStatusChange(firm=firm, status=firm.status, changed_on=start, note="历史数据"))
    FirmStatusChange.objects.bulk_create(changes, batch_size=1000)


class Migration(migrations.Migration):
    dependencies = [("firms", "0005_status_history_facilities_practice_snapshot")]

    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
