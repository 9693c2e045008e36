"""Job requests, joining, access, leases and the progress page (no worker needed)."""

import datetime

from django.utils import timezone

import tests.job_kinds  # noqa: F401
from bureau.jobs import job_request, reclaim_stalled_jobs
from bureau.models import Job


def test_same_key_while_running_joins_the_job(db, staff, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        first, created1 = job_request(kind="test_slow", user=staff, dedupe_key="2026")
        second, created2 = job_request(kind="test_slow", user=staff, dedupe_key="2026")
    assert created1 and not created2
    assert first.pk == second.pk
    assert len(callbacks) == 1  # queued once


def test_finished_job_does_not_block_a_new_one(db, staff):
    first, _ = job_request(kind="test_slow", user=staff, dedupe_key="2026")
    Job.objects.filter(pk=first.pk).update(status=Job.Status.DONE)
    second, created = job_request(kind="test_slow", user=staff, dedupe_key="2026")
    assert created and second.pk != first.pk


def test_progress_page_polls_until_finished(login, staff, db):
    job, _ = job_request(kind="test_slow", user=staff)
    client = login(staff)
    page = client.get(f"/jobs/{job.pk}/").content.decode()
    assert 'hx-trigger="every 1s"' in page and "排队中" in page
    partial = client.get(f"/jobs/{job.pk}/", HTTP_HX_REQUEST="true").content.decode()
    assert partial.lstrip().startswith('<div id="job-progress"')
    Job.objects.filter(pk=job.pk).update(status=Job.Status.DONE, progress=100)
    assert "every 1s" not in client.get(f"/jobs/{job.pk}/", HTTP_HX_REQUEST="true").content.decode()


def test_a_job_is_visible_to_its_requester_and_the_bureau_only(
    login, director, director2, staff, inspector, db
):
    job, _ = job_request(kind="test_slow", user=director)
    assert login(director).get(f"/jobs/{job.pk}/").status_code == 200
    assert login(staff).get(f"/jobs/{job.pk}/").status_code == 200
    assert login(director2).get(f"/jobs/{job.pk}/").status_code == 404
    assert login(inspector).get(f"/jobs/{job.pk}/").status_code == 404
    assert login(director2).get(f"/jobs/{job.pk}/download").status_code == 404


def test_a_stalled_job_offers_retry_and_retry_queues_it_again(login, staff, db, settings):
    job, _ = job_request(kind="test_slow", user=staff)
    lapsed = timezone.now() - datetime.timedelta(seconds=settings.JOB_LEASE_SECONDS + 1)
    Job.objects.filter(pk=job.pk).update(status=Job.Status.RUNNING, heartbeat_at=lapsed, progress=40)
    client = login(staff)
    page = client.get(f"/jobs/{job.pk}/").content.decode()
    assert "后台进程已失去联系" in page and "重试" in page
    client.post(f"/jobs/{job.pk}/retry")
    job.refresh_from_db()
    assert job.status == Job.Status.QUEUED and job.progress == 0 and job.run_token == ""


def test_a_request_for_the_same_key_requeues_a_stalled_job_instead_of_joining_a_dead_run(staff, db, settings):
    job, _ = job_request(kind="test_slow", user=staff, dedupe_key="2026")
    lapsed = timezone.now() - datetime.timedelta(seconds=settings.JOB_LEASE_SECONDS + 1)
    Job.objects.filter(pk=job.pk).update(status=Job.Status.RUNNING, heartbeat_at=lapsed, attempts=1)
    again, created = job_request(kind="test_slow", user=staff, dedupe_key="2026")
    assert not created and again.pk == job.pk and again.status == Job.Status.QUEUED


def test_beat_reclaims_lapsed_leases_and_fails_a_job_out_of_attempts(staff, db, settings):
    settings.JOB_MAX_ATTEMPTS = 2
    lapsed = timezone.now() - datetime.timedelta(seconds=settings.JOB_LEASE_SECONDS + 1)
    again, _ = job_request(kind="test_slow", user=staff)
    lost, _ = job_request(kind="test_slow", user=staff)
    alive, _ = job_request(kind="test_slow", user=staff)
    Job.objects.filter(pk=again.pk).update(status=Job.Status.RUNNING, heartbeat_at=lapsed, attempts=1)
    Job.objects.filter(pk=lost.pk).update(status=Job.Status.RUNNING, heartbeat_at=lapsed, attempts=2)
    Job.objects.filter(pk=alive.pk).update(status=Job.Status.RUNNING, heartbeat_at=timezone.now(), attempts=1)
    assert reclaim_stalled_jobs() == 2
    statuses = dict(Job.objects.values_list("pk", "status"))
    assert statuses == {again.pk: "queued", lost.pk: "failed", alive.pk: "running"}
    assert "失去联系" in Job.objects.get(pk=lost.pk).error
