"""The daily reminders, run by beat (settings.CELERY_BEAT_SCHEDULE["daily-reminders"])."""

from celery import shared_task

from . import services


@shared_task(name="bureau.notifications.tasks.send_daily_reminders")
def send_daily_reminders():
    result = services.run_daily()
    return {"created": result.created, "delivered": result.delivered, "skipped": result.skipped}
