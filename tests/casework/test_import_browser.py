"""In Chromium: a clerk (bureau staff) downloads the case template, uploads a sheet with an error,
reads the row error, fixes it and imports; the import report lists the conflict-search hits of the
"历史导入" checks; then the clerk generates that year's report (a real Celery worker), whose PDF counts
the imported cases and is rendered to PNG pages. Screenshots at 1366x768 and 390x844 and the pages
in var/screenshots/imports/."""

import io
import re
import subprocess

import pytest
from openpyxl import load_workbook
from pypdf import PdfReader

from casework.models import Case, ConflictCheck
from tests.browser_helpers import DESK, PHONE, sign_in
from tests.celery_worker import Worker
from tests.conftest import SCREENSHOTS
from tests.factories import LawyerFactory

from .conftest import make_case, party
from .import_sheets import case_row, case_sheet


@pytest.fixture
def worker(transactional_db, tmp_path):
    w = Worker(tmp_path / "worker.log").start()
    yield w
    w.stop()


def _no_horizontal_overflow(page):
    return page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")


def test_clerk_imports_a_firms_cases_in_chromium(
    page, live_server, worker, staff, director, firm, lawyer, tmp_path
):
    earlier = make_case(firm, director, [lawyer], parties=[party("敦煌市鸣沙建筑有限公司")])
    licence = LawyerFactory(firm=firm, licence_no="16299201010900021").licence_no
    (SCREENSHOTS / "imports").mkdir(parents=True, exist_ok=True)
    page.set_viewport_size(DESK)

    sign_in(page, live_server, "staff")
    page.goto(f"{live_server.url}/cases/import/")
    page.locator("#import-firms tr", has_text=firm.name).get_by_role("link", name="案件登记").click()
    assert "您正在代甲律师事务所导入" in page.content()
    with page.expect_download() as download:
        page.click("#download-template")
    book = load_workbook(io.BytesIO(download.value.path().read_bytes()))
    assert book.sheetnames == ["案件登记", "填写说明"]
    assert [c.value for c in book["案件登记"][1]][:2] == ["收案编号*", "案件类型*"]

    rows = [
        case_row(
            1, licence, 当事人="示范县宏达商贸有限公司|委托人|单位|；敦煌市鸣沙建筑有限公司|对方当事人|单位|"
        ),
        case_row(2, licence, 收案日期="2024-02-30"),
    ]
    bad = tmp_path / "cases.xlsx"
    bad.write_bytes(case_sheet(rows).getvalue())
    page.set_input_files("#id_file", str(bad))
    page.click("main button[type=submit]")
    errors = page.locator("#import-error-table tbody tr")
    assert errors.count() == 1
    assert errors.first.inner_text().split() == ["3", "收案日期", "日期格式应为", "2024-01-31。"]
    assert Case.objects.count() == 1
    page.screenshot(path=str(SCREENSHOTS / "imports" / "case-import-error-desk.png"), full_page=True)
    page.set_viewport_size(PHONE)
    assert _no_horizontal_overflow(page)
    page.screenshot(path=str(SCREENSHOTS / "imports" / "case-import-error-phone.png"), full_page=True)
    height = page.locator("main button[type=submit]").bounding_box()["height"]
    assert height >= 44

    rows[1] = case_row(2, licence, 收案日期="2024-02-29", 合同签订日期="2024-02-29")
    good = tmp_path / "cases-fixed.xlsx"
    good.write_bytes(case_sheet(rows).getvalue())
    page.set_input_files("#id_file", str(good))
    page.click("main button[type=submit]")
    assert "新增 2 条" in page.locator("[data-testid=import-ok]").inner_text()
    hits = page.locator("#import-hits")
    assert "历史导入" in hits.inner_text()
    first = hits.locator("tbody tr").first
    assert earlier.intake_no in first.inner_text() and "利益冲突" in first.inner_text()
    assert _no_horizontal_overflow(page)
    page.screenshot(path=str(SCREENSHOTS / "imports" / "case-import-report-phone.png"), full_page=True)
    page.set_viewport_size(DESK)
    page.screenshot(path=str(SCREENSHOTS / "imports" / "case-import-report-desk.png"), full_page=True)
    assert ConflictCheck.objects.filter(kind=ConflictCheck.Kind.HISTORICAL_IMPORT).count() == 2

    # The year the sheet recorded, as its report tells it: the two imported cases of 2024 (the case
    # registered earlier through the pages is of this year).
    page.get_by_role("link", name="年度报告").click()
    page.select_option("#year", "2024")
    page.get_by_role("button", name="生成报告").click()
    page.wait_for_url(re.compile(r"/reports/\d+/$"))
    page.wait_for_selector("text=下载PDF", timeout=90000)
    assert "代理各类案件2件" in page.locator("#summary").input_value()
    with page.expect_download() as download:
        page.get_by_role("link", name="下载PDF").click()
    pdf = SCREENSHOTS / "imports" / "report-2024.pdf"
    download.value.save_as(pdf)
    text = "".join(p.extract_text() for p in PdfReader(pdf).pages)
    assert "2024年度" in text and "代理各类案件2件" in text.replace("\n", "")
    for old in (SCREENSHOTS / "imports").glob("report-2024-*.png"):
        old.unlink()
    subprocess.run(
        ["pdftoppm", "-png", "-r", "60", str(pdf), str(SCREENSHOTS / "imports" / "report-2024")], check=True
    )
    assert len(list((SCREENSHOTS / "imports").glob("report-2024-*.png"))) == len(PdfReader(pdf).pages) >= 3
