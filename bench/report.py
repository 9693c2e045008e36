"""The yearly report through the real job, on the province dataset with every section populated:
a clerk's request (bureau.report.views.report_request) queues the job, a real Celery worker (solo
pool, so the job runs in the process whose memory is measured) builds the figures, the summary, the
PDF (WeasyPrint) and the spreadsheet and stores both files; the benchmark waits for the job row to
say done.

Budget: at most 60 s from request to files stored, at most 1.5 GB peak resident memory of the worker.
Run: .venv/bin/python bench/report.py [scale]   (scale: province, the default, or county)
"""

import os
import subprocess
import sys
import time
from pathlib import Path

import _django

SCALE = sys.argv[1] if len(sys.argv) > 1 else "province"
YEAR = 2025
BUDGET_S, BUDGET_MB = 60, 1536
REDIS_DB = 9  # a broker database of its own, so no other worker takes the job


def start_worker(log_path):
    from django.db import connection

    s = connection.settings_dict
    env = {
        **os.environ,
        "DATABASE_URL": f"postgres://{s['USER']}@{s['HOST']}:{s['PORT']}/{s['NAME']}",
        "DJANGO_ENV": "test",
    }
    log = open(log_path, "w")  # noqa: SIM115 (kept open for the worker's lifetime)
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "celery",
            "-A",
            "bureau",
            "worker",
            "--loglevel",
            "info",
            "--pool",
            "solo",
            "--without-gossip",
            "--without-mingle",
            "--without-heartbeat",
            "--hostname",
            f"bench-{os.getpid()}@%h",
        ],
        cwd=_django.ROOT,
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    deadline = time.monotonic() + 90
    while " ready." not in Path(log_path).read_text():
        if process.poll() is not None or time.monotonic() > deadline:
            raise SystemExit("worker did not start:\n" + Path(log_path).read_text())
        time.sleep(0.2)
    return process


def peak_mb(pid):
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return 0.0


def main():
    base = os.environ.get("REDIS_URL", "redis://127.0.0.1:63799/0").rsplit("/", 1)[0]
    os.environ["REDIS_URL"] = f"{base}/{REDIS_DB}"
    counts = _django.open_db(f"report_{SCALE}", SCALE)
    from pypdf import PdfReader

    from bureau.celery import app
    from bureau.models import Job, User
    from bureau.permissions import Role, assign_role
    from bureau.report.views import report_request

    app.control.purge()
    log_path = _django.ROOT / "var" / "bench-report-worker.log"
    log_path.parent.mkdir(exist_ok=True)
    worker = start_worker(log_path)
    try:
        clerk = User.objects.create_user("bench_clerk", password="x", full_name="王科员")
        assign_role(clerk, Role.BUREAU_STAFF)
        start = time.perf_counter()
        report, _created = report_request(year=YEAR, user=clerk)
        while True:
            job = Job.objects.get(pk=report.job_id)
            if job.status in (Job.Status.DONE, Job.Status.FAILED):
                break
            if time.perf_counter() - start > BUDGET_S * 3:
                raise SystemExit(
                    f"job still {job.status} after {BUDGET_S * 3} s (step: {job.step}); worker peak so far "
                    f"{peak_mb(worker.pid):.0f} MB (budget {BUDGET_MB} MB) OVER"
                )
            time.sleep(0.1)
        elapsed = time.perf_counter() - start
        peak = peak_mb(worker.pid)
    finally:
        worker.terminate()
        try:
            worker.wait(timeout=30)
        except subprocess.TimeoutExpired:  # a solo worker finishes its task before a warm stop
            worker.kill()
            worker.wait()
    if job.status != Job.Status.DONE:
        raise SystemExit(f"job failed: {job.error}")
    report.refresh_from_db()
    pdf_pages = len(PdfReader(report.pdf.path).pages)
    cases = report.figures.get("cases_total") if isinstance(report.figures, dict) else None
    print(f"\nYearly report {YEAR} through the Celery job ({SCALE} dataset)")
    _django.print_counts(counts)
    ok = elapsed <= BUDGET_S and peak <= BUDGET_MB
    print(
        f"request to files stored: {elapsed:.1f} s (budget {BUDGET_S} s); worker peak {peak:.0f} MB "
        f"(budget {BUDGET_MB} MB); PDF {pdf_pages} pages, {report.pdf.size // 1024} KB; "
        f"spreadsheet {report.xlsx.size // 1024} KB; cases in the year's figures: {cases} "
        f"{'OK' if ok else 'OVER'}"
    )
    sys.exit(0 if ok else 1)


if __name__ == "__main__":
    main()
