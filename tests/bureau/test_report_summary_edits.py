"""The clerk's edits of the drafted summary are kept with the report version: who may save them,
what a stale edit gets, and the audit trail of every saved edit."""

import pytest

from bureau.models import YearlyReportSummaryEvent
from tests.bureau.test_report_access import ALLOWED, REFUSED

EDITED = "2025年，全县共有律师事务所5家，执业律师30名。\n\n坚持党建引领。"


@pytest.mark.parametrize("who", ALLOWED)
def test_bureau_saves_an_edit_with_the_report_version(login, role_users, who, done_report):
    client = login(role_users[who])
    response = client.post(f"/reports/{done_report.pk}/summary", {"summary": EDITED, "revision": "0"})
    assert response.status_code == 302
    done_report.refresh_from_db()
    assert done_report.summary_edited == EDITED and done_report.summary_revision == 1
    assert done_report.summary_edited_by == role_users[who]
    # The draft from the figures stays beside the edit.
    assert done_report.summary == "2025年，全县共有律师事务所5家。"
    page = client.get(f"/reports/{done_report.pk}/").content.decode()
    assert "坚持党建引领。" in page and "按数据生成的草稿" in page


def test_every_saved_edit_is_in_the_audit_trail(login, staff, done_report):
    client = login(staff)
    client.post(f"/reports/{done_report.pk}/summary", {"summary": "第一稿", "revision": "0"})
    client.post(f"/reports/{done_report.pk}/summary", {"summary": "第二稿", "revision": "1"})
    texts = list(
        YearlyReportSummaryEvent.objects.filter(pgh_obj=done_report, pgh_label="update")
        .order_by("pgh_id")
        .values_list("summary_edited", "summary_edited_by", "summary_revision")
    )
    assert texts == [("第一稿", staff.pk, 1), ("第二稿", staff.pk, 2)]


def test_a_stale_edit_is_refused_and_the_newer_text_kept(login, staff, bureau_admin, done_report):
    login(staff).post(f"/reports/{done_report.pk}/summary", {"summary": "甲的修改", "revision": "0"})
    response = login(bureau_admin).post(
        f"/reports/{done_report.pk}/summary", {"summary": "乙的修改", "revision": "0"}, follow=True
    )
    assert "该总结已被他人修改" in response.content.decode()
    done_report.refresh_from_db()
    assert done_report.summary_edited == "甲的修改" and done_report.summary_revision == 1


@pytest.mark.parametrize("data", [{"summary": "  ", "revision": "0"}, {"summary": "甲", "revision": "x"}, {}])
def test_bad_input_is_refused_with_a_message(login, staff, done_report, data):
    response = login(staff).post(f"/reports/{done_report.pk}/summary", data, follow=True)
    assert response.status_code == 200 and 'class="alert' in response.content.decode()
    done_report.refresh_from_db()
    assert done_report.summary_edited == "" and done_report.summary_revision == 0


@pytest.mark.parametrize("who", REFUSED)
def test_others_cannot_edit(login, role_users, who, done_report):
    response = login(role_users[who]).post(
        f"/reports/{done_report.pk}/summary", {"summary": "篡改", "revision": "0"}
    )
    assert response.status_code == 403
    done_report.refresh_from_db()
    assert done_report.summary_edited == ""


def test_anonymous_and_get_change_nothing(client, login, staff, done_report, failed_report):
    response = client.post(f"/reports/{done_report.pk}/summary", {"summary": "篡改", "revision": "0"})
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]
    staff_client = login(staff)
    assert staff_client.get(f"/reports/{done_report.pk}/summary").status_code == 405
    # A report still without figures has no summary to edit.
    response = staff_client.post(f"/reports/{failed_report.pk}/summary", {"summary": "甲", "revision": "0"})
    assert response.status_code == 404
    done_report.refresh_from_db()
    assert done_report.summary_edited == ""
