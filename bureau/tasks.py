from celery import shared_task

from .jobs import execute_job, reclaim_stalled_jobs, resend_queued_jobs


@shared_task(acks_late=True, reject_on_worker_lost=True)
def run_job(job_id):
    execute_job(job_id)


@shared_task(ignore_result=True)
def watch_jobs():
    """Run by beat every JOB_WATCH_SECONDS: reclaim jobs whose lease lapsed, then send the queued
    jobs the broker never got. Beat's own message reaches the worker only once the broker is back,
    so the re-send follows the broker's return by at most one watch interval."""
    reclaim_stalled_jobs()
    resend_queued_jobs()
