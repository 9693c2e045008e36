"""Reports in two states, for the report pages' tests."""

import pytest

from bureau.jobs import store_file
from bureau.models import Job, YearlyReport

PDF = b"%PDF-1.7 test report"
XLSX = b"PK\x03\x04 test workbook"


@pytest.fixture
def done_report(db, settings, tmp_path, staff):
    settings.MEDIA_ROOT = tmp_path
    job = Job.objects.create(kind="yearly_report", status=Job.Status.DONE, progress=100, created_by=staff)
    return YearlyReport.objects.create(
        year=2025,
        job=job,
        requested_by=staff,
        pdf=store_file("reports/2025/r.pdf", PDF),
        xlsx=store_file("reports/2025/r.xlsx", XLSX),
        summary="2025年，全县共有律师事务所5家。",
    )


@pytest.fixture
def failed_report(db, staff):
    job = Job.objects.create(
        kind="yearly_report", status=Job.Status.FAILED, error="数据源不可用", created_by=staff
    )
    return YearlyReport.objects.create(year=2024, job=job, requested_by=staff)
