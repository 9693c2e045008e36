"""Background jobs through a real Celery worker process and the real Redis broker."""

import os
import signal
import time

import pytest

import tests.job_kinds  # noqa: F401  (registers the test job kinds in this process too)
from bureau.jobs import job_request
from bureau.models import Job
from tests.celery_worker import Worker, wait_for_job


@pytest.fixture
def worker(transactional_db, tmp_path, settings):
    w = Worker(tmp_path / "worker.log").start()
    yield w
    w.stop()


def test_task_runs_in_a_real_worker_and_records_progress_and_completion(worker, staff):
    job, created = job_request(kind="test_slow", user=staff, params={"steps": 5, "pause": 0.3})
    assert created
    seen = set()
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        job.refresh_from_db()
        seen.add(job.progress)
        if job.status == Job.Status.DONE:
            break
        time.sleep(0.05)
    assert job.status == Job.Status.DONE, worker.output()
    assert job.progress == 100 and job.attempts == 1
    assert any(0 < p < 100 for p in seen), seen  # progress was visible on the way
    assert job.worker_pid and job.worker_pid != os.getpid()
    assert job.result_file.read() == b"done after 1 attempt(s)"


def test_job_whose_pool_process_is_killed_is_delivered_again_and_done_once(worker, staff):
    job, _ = job_request(kind="test_slow", user=staff, params={"steps": 10, "pause": 0.4})
    job = wait_for_job(job, lambda j: j.status == Job.Status.RUNNING and j.progress >= 20 and j.worker_pid)
    first_pid = job.worker_pid
    os.kill(first_pid, signal.SIGKILL)
    job = wait_for_job(job, lambda j: j.status == Job.Status.DONE, timeout=90)
    assert job.attempts == 2, worker.output()
    assert job.worker_pid != first_pid
    assert job.result_file.read() == b"done after 2 attempt(s)"
    # Finished once: one result file, no temporary files left behind.
    folder = os.path.dirname(job.result_file.path)
    assert [n for n in os.listdir(folder) if n.startswith(f"test_slow-{job.pk}-")] == [
        f"test_slow-{job.pk}-result.txt"
    ]
    assert not [n for n in os.listdir(folder) if n.startswith(".tmp-")]
    # A late duplicate delivery leaves the finished job alone.
    from bureau.jobs import execute_job

    execute_job(job.pk)
    job.refresh_from_db()
    assert job.attempts == 2 and job.status == Job.Status.DONE


def test_failed_job_records_the_error_and_can_be_retried(worker, staff, login):
    job, _ = job_request(kind="test_fail", user=staff)
    job = wait_for_job(job, lambda j: j.status == Job.Status.FAILED)
    assert "数据源不可用" in job.error
    page = login(staff).get(f"/jobs/{job.pk}/").content.decode()
    assert "数据源不可用" in page and "重试" in page
    login(staff).post(f"/jobs/{job.pk}/retry")
    job = wait_for_job(job, lambda j: j.status == Job.Status.FAILED and j.attempts == 2)


def test_selfcheck_job_produces_a_pdf(worker, bureau_admin, login):
    client = login(bureau_admin)
    response = client.post("/system/selfcheck/")
    job = Job.objects.get(kind="selfcheck")
    assert response["Location"] == f"/jobs/{job.pk}/"
    job = wait_for_job(job, lambda j: j.status in (Job.Status.DONE, Job.Status.FAILED))
    assert job.status == Job.Status.DONE, job.error
    download = client.get(f"/jobs/{job.pk}/download")
    assert download.status_code == 200
    assert b"".join(download.streaming_content).startswith(b"%PDF")
