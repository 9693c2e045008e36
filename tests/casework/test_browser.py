"""In Chromium: the director runs a conflict check, registers a case, logs legal help and files the
quarter; staff return it with a comment; the director corrects and resubmits; staff accept."""

import datetime

from django.utils import timezone

from casework import quarters
from casework.models import Case, ConflictCheck, QuarterlyReport
from casework.quarters import quarter_bounds
from tests.browser_helpers import sign_in

from .conftest import make_case, party


def _logout(page, name):
    page.click(f"header >> text={name}")
    page.click("text=退出登录")


def test_case_to_quarterly_statistics_in_chromium(page, live_server, director, staff, firm, lawyer, shot):
    year, quarter = quarters.current_quarter()
    start, _end = quarter_bounds(year, quarter)
    intake = start + datetime.timedelta(days=20)
    earlier = make_case(
        firm,
        director,
        [lawyer],
        parties=[party("敦煌市鸣沙建筑有限公司")],
        intake_date=start - datetime.timedelta(days=40),
    )

    sign_in(page, live_server, "director")
    page.goto(f"{live_server.url}/cases/new/")
    page.fill("#id_matter", "建设工程施工合同纠纷")
    page.select_option("#id_party-0-kind", "organisation")
    page.fill("#id_party-0-name", "示范县宏达商贸有限公司")
    page.select_option("#id_party-2-kind", "organisation")
    page.fill("#id_party-2-name", "敦煌鸣沙建筑有限公司")
    page.click("button[value=search]")
    hits = page.locator("#conflict-hits")
    assert earlier.intake_no in hits.inner_text() and "委托人" in hits.inner_text()
    # The firm's former client is now the opponent: a conflict, shown first and in red.
    first = hits.locator("tbody tr").first
    assert "conflict-hit" in first.get_attribute("class") and "利益冲突" in first.inner_text()
    assert page.input_value("#id_decision") == ""  # nothing chosen for the reviewer
    page.select_option("#id_decision", "no_conflict")
    page.click("button[value=review]")
    assert "须在审查意见中写明理由" in page.content()  # 无冲突 against a conflict needs a reason
    page.select_option("#id_decision", "consented")
    page.fill("#id_remarks", "前案已结，已取得双方书面同意")
    shot(page, "casework-conflict-check")
    page.click("button[value=review]")
    confirm = page.locator("#decision-confirm")
    assert "存在冲突但已取得各方书面同意" in confirm.inner_text()
    assert ConflictCheck.objects.count() == 1  # the earlier case's check only: not yet recorded
    shot(page, "casework-conflict-confirm")
    confirm.locator("button[value=record]").click()

    page.wait_for_url("**/cases/new/*/")
    assert page.input_value("#id_case_type") == ""  # the type decides the number's letter: chosen by hand
    assert page.input_value("#id_cause") == "建设工程施工合同纠纷"  # the matter carried over
    assert page.input_value("#id_intake_date") == timezone.localdate().isoformat()
    page.select_option("#id_case_type", "civil")
    page.fill("#id_intake_date", intake.isoformat())
    page.fill("#id_authority", "示范县人民法院")
    page.check(f"input[name=lawyers][value='{lawyer.pk}']")
    page.fill("#id_contract_no", "HT-2026-001")
    page.fill("#id_agreed_fee", "-5")
    page.click("main button[type=submit]")
    assert "律师费不能为负数" in page.content()  # refused on the form, nothing saved
    assert Case.objects.count() == 1
    page.fill("#id_agreed_fee", "20000")
    page.click("main button[type=submit]")
    page.wait_for_url("**/cases/*/")
    case = Case.objects.exclude(pk=earlier.pk).get()
    assert case.intake_no in page.locator("h1").inner_text()
    shot(page, "casework-case-detail")

    page.goto(f"{live_server.url}/services/new/?kind=legal_help")
    page.fill("#id_date", (intake + datetime.timedelta(days=3)).isoformat())
    page.check(f"input[name=lawyers][value='{lawyer.pk}']")
    page.fill("#id_person_times", "4")
    page.click("main button[type=submit]")
    page.wait_for_url(f"{live_server.url}/services/")
    assert "4 人次" in page.content()
    shot(page, "casework-services")

    page.goto(f"{live_server.url}/quarterly/")
    page.fill("#id_year", str(year))
    page.select_option("#id_quarter", str(quarter))
    page.click("main form button[type=submit]")
    page.wait_for_url("**/quarterly/*/")
    assert page.input_value("#id_v_cases_total") == "1"
    assert page.input_value("#id_v_legal_help_person_times") == "4"
    shot(page, "casework-quarterly-draft")
    page.click("#confirm-submit summary")
    page.click("button[value=submit]")
    page.wait_for_selector("#report-status:has-text('已报送待审核')")
    report = QuarterlyReport.objects.get()
    _logout(page, "李主任")

    sign_in(page, live_server, "staff")
    page.goto(f"{live_server.url}/cases/")
    assert case.intake_no in page.content()
    shot(page, "casework-case-list-staff")
    page.goto(f"{live_server.url}/quarterly/?year={year}&quarter={quarter}")
    assert firm.name in page.locator("#filing-status").inner_text()
    shot(page, "casework-quarterly-bureau")
    page.goto(f"{live_server.url}/quarterly/{report.pk}/")
    page.fill("#id_comment", "法律帮助人次与台账不符，请核对")
    page.click("#confirm-return summary")
    page.click("button[value=return]")
    page.wait_for_selector("#report-status:has-text('已退回')")
    _logout(page, "王科员")

    sign_in(page, live_server, "director")
    page.goto(f"{live_server.url}/quarterly/{report.pk}/")
    assert "法律帮助人次与台账不符" in page.content()
    page.fill("#id_v_legal_help_person_times", "6")
    page.click("#confirm-submit summary")
    page.click("button[value=submit]")
    assert "须说明理由" in page.content()  # a changed figure needs a reason
    page.fill("#id_r_legal_help_person_times", "补录8月法律援助工作站接待记录")
    shot(page, "casework-quarterly-correct")
    page.click("#confirm-submit summary")
    page.click("button[value=submit]")
    page.wait_for_selector("#report-status:has-text('已报送待审核')")
    _logout(page, "李主任")

    sign_in(page, live_server, "staff")
    page.goto(f"{live_server.url}/quarterly/{report.pk}/")
    page.click("#confirm-accept summary")
    page.click("button[value=accept]")
    page.wait_for_selector("#report-status:has-text('已通过')")
    assert page.locator("#versions tbody tr").count() == 2
    shot(page, "casework-quarterly-accepted")
    report.refresh_from_db()
    assert report.status == QuarterlyReport.Status.ACCEPTED
    assert report.figures["legal_help_person_times"] == {
        "prefilled": 4,
        "value": 6,
        "reason": "补录8月法律援助工作站接待记录",
    }
