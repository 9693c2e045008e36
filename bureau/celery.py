import os

from celery import Celery
from celery.signals import worker_init, worker_process_init

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "bureau.settings")

app = Celery("bureau")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()


def _job_statement_timeout(sender, connection, **kwargs):
    """Jobs (the yearly report) may run statements longer than a web request may."""
    from django.conf import settings

    timeout = str(settings.JOB_STATEMENT_TIMEOUT_MS)
    with connection.cursor() as cursor:
        cursor.execute("select set_config('statement_timeout', %s, false)", [timeout])


@worker_init.connect
@worker_process_init.connect
def _worker_connections(**kwargs):
    from django.db.backends.signals import connection_created

    connection_created.connect(_job_statement_timeout, dispatch_uid="bureau-job-statement-timeout")
