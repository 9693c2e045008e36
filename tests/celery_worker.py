"""A real Celery worker process against the test database and the real Redis broker."""

import os
import subprocess
import sys
import time
from pathlib import Path

from django.db import connection

ROOT = Path(__file__).resolve().parents[1]


def database_url():
    s = connection.settings_dict
    password = f":{s['PASSWORD']}" if s.get("PASSWORD") else ""
    return f"postgres://{s['USER']}{password}@{s['HOST']}:{s['PORT'] or 5432}/{s['NAME']}"


class Worker:
    def __init__(self, log_path):
        self.log_path = Path(log_path)
        self.process = None

    def start(self, timeout=60, extra_env=None, purge=True):
        from bureau.celery import app

        if purge:
            app.control.purge()  # nothing left over from an earlier run
        env = {
            **os.environ,
            "DATABASE_URL": database_url(),
            "DJANGO_ENV": "test",
            "DATABASE_CONN_MAX_AGE": "0",
            **(extra_env or {}),
        }
        self.log = self.log_path.open("w")
        self.process = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "celery",
                "-A",
                "bureau",
                "worker",
                "--loglevel",
                "info",
                "--concurrency",
                "1",
                "--pool",
                "prefork",
                "-I",
                "tests.job_kinds",
                "--without-gossip",
                "--without-mingle",
                "--without-heartbeat",
                "--hostname",
                f"test-{os.getpid()}@%h",
            ],
            cwd=ROOT,
            env=env,
            stdout=self.log,
            stderr=subprocess.STDOUT,
        )
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if " ready." in self.log_path.read_text():
                return self
            if self.process.poll() is not None:
                raise RuntimeError("worker exited:\n" + self.log_path.read_text())
            time.sleep(0.2)
        raise RuntimeError("worker did not start:\n" + self.log_path.read_text())

    def stop(self):
        if self.process and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                self.process.kill()
        if self.process:
            self.log.close()

    def output(self):
        return self.log_path.read_text()


def wait_for_job(job, predicate, timeout=90):
    """Poll the job row until predicate(job) holds; fail with its state after `timeout` seconds."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        job.refresh_from_db()
        if predicate(job):
            return job
        time.sleep(0.1)
    raise AssertionError(f"timed out; job is {job.status} {job.progress}% {job.error}")
