import datetime

from celery import shared_task
from django.utils import timezone

from .jobs import enqueue, execute_job
from .models import Job


@shared_task(acks_late=True, reject_on_worker_lost=True)
def run_job(job_id):
    execute_job(job_id)


@shared_task
def requeue_stale_jobs(minutes=10):
    """Send again the jobs that have waited in QUEUED for a while: their first send failed
    (broker down at request time) or the message was lost."""
    cutoff = timezone.now() - datetime.timedelta(minutes=minutes)
    for job_id in Job.objects.filter(status=Job.Status.QUEUED, created_at__lt=cutoff).values_list(
        "id", flat=True
    )[:500]:
        enqueue(job_id)
