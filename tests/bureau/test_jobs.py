"""Job requests, joining, access and the progress page (no worker needed)."""

import tests.job_kinds  # noqa: F401
from bureau.jobs import job_request
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
