"""Who reaches a yearly report's page, its PDF, its spreadsheet and its retry: bureau staff and
administrators only; directors (of any firm), inspectors and the anonymous public never."""

import pytest

from bureau.models import Job
from tests.bureau.conftest import PDF, XLSX

REFUSED = ("director", "director2", "inspector")
ALLOWED = ("bureau_admin", "bureau_staff")


@pytest.mark.parametrize("who", ALLOWED)
def test_bureau_sees_the_report_and_downloads_both_files(login, role_users, who, done_report):
    client = login(role_users[who])
    page = client.get(f"/reports/{done_report.pk}/")
    assert page.status_code == 200 and "2025" in page.content.decode()
    pdf = client.get(f"/reports/{done_report.pk}/pdf")
    assert pdf.status_code == 200 and b"".join(pdf.streaming_content) == PDF
    xlsx = client.get(f"/reports/{done_report.pk}/xlsx")
    assert xlsx.status_code == 200 and b"".join(xlsx.streaming_content) == XLSX


@pytest.mark.parametrize("who", REFUSED)
def test_others_reach_neither_the_report_nor_its_files(login, role_users, who, done_report):
    client = login(role_users[who])
    for suffix in ("", "pdf", "xlsx"):
        response = client.get(f"/reports/{done_report.pk}/{suffix}")
        assert response.status_code == 403, suffix
        assert PDF not in response.content and "全县共有" not in response.content.decode()


def test_anonymous_is_sent_to_the_login_page(client, done_report):
    for suffix in ("", "pdf", "xlsx"):
        response = client.get(f"/reports/{done_report.pk}/{suffix}")
        assert response.status_code == 302 and "/accounts/login/" in response["Location"], suffix
    response = client.post(f"/reports/{done_report.pk}/retry")
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_files_of_an_unfinished_report_are_404(login, staff, failed_report):
    client = login(staff)
    assert client.get(f"/reports/{failed_report.pk}/pdf").status_code == 404
    assert client.get(f"/reports/{failed_report.pk}/xlsx").status_code == 404


@pytest.mark.parametrize("who", ALLOWED)
def test_bureau_retries_a_failed_report(
    login, role_users, who, failed_report, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        response = login(role_users[who]).post(f"/reports/{failed_report.pk}/retry")
    assert response.status_code == 302 and response["Location"] == f"/reports/{failed_report.pk}/"
    failed_report.job.refresh_from_db()
    assert failed_report.job.status == Job.Status.QUEUED and failed_report.job.error == ""
    assert len(callbacks) == 1  # queued to the worker once the retry committed


@pytest.mark.parametrize("who", REFUSED)
def test_others_cannot_retry_a_report(login, role_users, who, failed_report):
    response = login(role_users[who]).post(f"/reports/{failed_report.pk}/retry")
    assert response.status_code == 403
    failed_report.job.refresh_from_db()
    assert failed_report.job.status == Job.Status.FAILED and failed_report.job.error == "数据源不可用"


def test_retry_is_post_only(login, staff, failed_report):
    assert login(staff).get(f"/reports/{failed_report.pk}/retry").status_code == 405
    failed_report.job.refresh_from_db()
    assert failed_report.job.status == Job.Status.FAILED


def test_an_unknown_report_is_404(login, staff):
    assert login(staff).get("/reports/999999/").status_code == 404
