"""staff asks for the yearly report, watches the progress bar, downloads the PDF; a director
cannot reach /reports/."""

import re

import pytest

from firms.models import Firm
from tests.browser_helpers import sign_in
from tests.celery_worker import Worker
from tests.factories import FirmFactory, LawyerFactory


@pytest.fixture
def worker(transactional_db, tmp_path):
    w = Worker(tmp_path / "worker.log").start()
    yield w
    w.stop()


def test_staff_produces_and_downloads_the_report(page, live_server, worker, staff, director, shot, tmp_path):
    for firm in FirmFactory.create_batch(3):
        LawyerFactory.create_batch(2, firm=firm)
    sign_in(page, live_server, "staff")
    page.get_by_role("link", name="年度报告").click()
    page.select_option("#year", "2026")
    page.get_by_role("button", name="生成报告").click()
    page.wait_for_url(re.compile(r"/reports/\d+/$"))
    assert page.locator(".progress").count() == 1
    shot(page, "report-progress")
    page.wait_for_selector("text=下载PDF", timeout=60000)
    assert page.locator("#report-progress [data-status]").get_attribute("data-status") == "done"
    firms = Firm.objects.exclude(status=Firm.Status.DEREGISTERED).count()  # the three and the director's
    assert f"全县共有律师事务所{firms}家" in page.locator("#summary").input_value()
    shot(page, "report-done")
    with page.expect_download() as download_info:
        page.get_by_role("link", name="下载PDF").click()
    path = tmp_path / "report.pdf"
    download_info.value.save_as(path)
    assert path.read_bytes().startswith(b"%PDF")

    page.context.clear_cookies()
    sign_in(page, live_server, "director")
    response = page.goto(f"{live_server.url}/reports/")
    assert response.status == 403
    assert page.get_by_role("link", name="年度报告").count() == 0
