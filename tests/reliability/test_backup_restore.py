"""`manage.py backup` then `manage.py restore` into a fresh database and media folder: row counts
and file checksums equal, and the restored portal (gunicorn on the restored copy) serves a
rectification report and a past yearly report. A download whose file is gone answers a plain 404
page naming the record."""

import hashlib
import os
import subprocess
import sys
from pathlib import Path

import psycopg
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.db import connection

from bureau.backups import media_files, read_manifest, row_counts
from bureau.jobs import store_file
from bureau.models import Job, YearlyReport
from inspections import rectification
from tests.celery_worker import ROOT, database_url
from tests.inspections.conftest import rectifying

from .processes import gunicorn, http_get, warm_up

PDF = b"%PDF-1.4\n% rectification report of the test firm\n"


@pytest.fixture
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


def _past_yearly_report(staff):
    job = Job.objects.create(kind="yearly_report", status=Job.Status.DONE, progress=100)
    report = YearlyReport.objects.create(year=2025, job=job, requested_by=staff)
    report.pdf.name = store_file(f"reports/2025/yearly-report-2025-{report.pk}.pdf", b"%PDF-1.7 yearly 2025")
    report.save(update_fields=["pdf"])
    return report


def _rectification_report(inspection, inspector, second, director):
    rectifying(inspection, inspector, second)
    rectification.notice_issue(inspection=inspection, user=inspector, requirement="整改")
    return rectification.response_submit(
        inspection=inspection, user=director, file=SimpleUploadedFile("report.pdf", PDF), note="已整改"
    )


@pytest.fixture
def restored_database(transactional_db):
    name = connection.settings_dict["NAME"] + "_restored"
    with connection.cursor() as cursor:
        cursor.execute(f'drop database if exists "{name}"')
        cursor.execute(f'create database "{name}"')
    yield name
    with connection.cursor() as cursor:
        cursor.execute(
            "select pg_terminate_backend(pid) from pg_stat_activity where datname = %s",
            [name],
        )
        cursor.execute(f'drop database if exists "{name}"')


def test_backup_restores_into_a_fresh_database_and_media_folder(
    transactional_db, media, tmp_path, restored_database, login, staff, inspection, inspector,
    inspector3_entry, director,
):  # fmt: skip
    yearly = _past_yearly_report(staff)
    response = _rectification_report(inspection, inspector, inspector3_entry.user, director)
    session = login(staff).cookies["sessionid"].value  # the session row is backed up too

    call_command("backup", dir=str(tmp_path / "backups"))
    [archive] = (tmp_path / "backups").glob("portal-backup-*.tar")
    manifest = read_manifest(archive)
    with connection.cursor() as cursor:
        assert manifest["tables"] == row_counts(cursor)
    assert manifest["files"] == media_files(media) and len(manifest["files"]) == 2

    restored_url = database_url().rsplit("/", 1)[0] + f"/{restored_database}"
    restored_media = tmp_path / "restored-media"
    env = {"DATABASE_URL": restored_url, "MEDIA_ROOT": str(restored_media), "DJANGO_ENV": "test"}
    result = subprocess.run(
        [sys.executable, "manage.py", "restore", str(archive)],
        cwd=ROOT, env={**os.environ, **env}, capture_output=True, text=True, timeout=300,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    assert "restored and verified" in result.stdout

    # Checked here too, independently of the command's own check.
    with psycopg.connect(restored_url) as restored, restored.cursor() as cursor:
        assert row_counts(cursor) == manifest["tables"]
    assert media_files(restored_media) == manifest["files"]

    server = gunicorn(tmp_path / "gunicorn.log", env={**env, "DATABASE_CONN_MAX_AGE": "0"})
    try:
        warm_up(server)
        cookie = {"Cookie": f"sessionid={session}"}
        status, body, _ = http_get(f"{server.base_url}/reports/{yearly.pk}/pdf", headers=cookie)
        assert status == 200 and body == b"%PDF-1.7 yearly 2025"
        url = f"{server.base_url}/inspections/responses/{response.pk}/file"
        status, body, _ = http_get(url, headers=cookie)
        assert status == 200, server.output()[-2000:]
        assert hashlib.sha256(body).hexdigest() == hashlib.sha256(PDF).hexdigest()
    finally:
        server.stop()


def test_backup_keeps_only_the_newest_archives(transactional_db, media, tmp_path):
    folder = tmp_path / "backups"
    folder.mkdir()
    for stamp in ("20260101T000000Z", "20260102T000000Z", "20260103T000000Z"):
        (folder / f"portal-backup-{stamp}.tar").write_bytes(b"old")
    call_command("backup", dir=str(folder), keep=2)
    names = sorted(p.name for p in folder.glob("portal-backup-*.tar"))
    assert len(names) == 2 and names[0] == "portal-backup-20260103T000000Z.tar"


def test_restore_refuses_a_database_that_is_not_empty(transactional_db, media, tmp_path):
    from django.core.management.base import CommandError

    call_command("backup", dir=str(tmp_path / "backups"))
    [archive] = (tmp_path / "backups").glob("portal-backup-*.tar")
    with pytest.raises(CommandError, match="not empty"):
        call_command("restore", str(archive), media_root=str(tmp_path / "empty"))


def test_missing_report_file_answers_a_plain_404_naming_the_record(db, media, login, staff):
    yearly = _past_yearly_report(staff)
    Path(yearly.pdf.path).unlink()  # a database restored without its media folder
    response = login(staff).get(f"/reports/{yearly.pk}/pdf")
    assert response.status_code == 404
    page = response.content.decode()
    assert "文件不存在" in page and str(yearly) in page and "年度统计报告" in page


def test_missing_job_result_answers_a_plain_404_naming_the_job(db, media, login, staff):
    job = Job.objects.create(kind="selfcheck", status=Job.Status.DONE, created_by=staff)
    job.result_file.name = "jobs/2026/selfcheck-gone.pdf"
    job.save(update_fields=["result_file"])
    response = login(staff).get(f"/jobs/{job.pk}/download")
    assert response.status_code == 404 and str(job) in response.content.decode()
