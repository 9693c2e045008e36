"""Every dated event of an inspection takes its date from the user: today by default, never in the
future, never before the event it follows, with the error on the form in Chinese and nothing
saved. The recorded-at time stays beside it."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from inspections import rectification, services
from inspections.models import Inspection, RectificationNotice, Response, Verification

from .conftest import record_all, rectifying

D = datetime.date
PDF = b"%PDF-1.4 report"


def _tomorrow():
    return (timezone.localdate() + datetime.timedelta(days=1)).isoformat()


def _responded(inspection, inspector, inspector3_entry, director):
    rectifying(inspection, inspector, inspector3_entry.user, on=D(2026, 9, 24))
    rectification.notice_issue(
        inspection=inspection, user=inspector, requirement="整改", issued_on=D(2026, 9, 25)
    )
    rectification.response_submit(
        inspection=inspection,
        user=director,
        file=SimpleUploadedFile("r.pdf", PDF, content_type="application/pdf"),
        responded_on=D(2026, 10, 9),
    )


def test_dates_default_to_today_and_keep_the_recorded_time(inspection, inspector, inspector3_entry, director):
    rectifying(inspection, inspector, inspector3_entry.user)
    notice = rectification.notice_issue(inspection=inspection, user=inspector, requirement="整改")
    inspection.refresh_from_db()
    today = timezone.localdate()
    assert inspection.concluded_on == today and notice.issued_on == today
    assert notice.issued_at is not None  # the recorded-at time, set by the system


def test_conclusion_date_in_the_future_is_refused_on_the_form(login, inspection, inspector):
    record_all(inspection, inspector, problem=False)
    response = login(inspector).post(
        f"/inspections/{inspection.pk}/conclude/", {"result": "pass", "concluded_on": _tomorrow()}
    )
    assert response.status_code == 400 and "检查结束日期不能晚于今天" in response.content.decode()
    inspection.refresh_from_db()
    assert inspection.status == Inspection.Status.SCHEDULED


def test_last_signature_states_the_conclusion_date(login, inspection, inspector, inspector3_entry):
    record_all(inspection, inspector, problem=False)
    rectification.inspection_conclude(inspection=inspection, user=inspector, result="pass")
    response = login(inspector3_entry.user).post(
        f"/inspections/{inspection.pk}/sign/", {"concluded_on": "2026-09-23"}
    )
    assert response.status_code == 302
    inspection.refresh_from_db()
    assert inspection.concluded_on == D(2026, 9, 23) and inspection.status == Inspection.Status.CLOSED


def test_notice_date_before_the_conclusion_is_refused_on_the_form(
    login, inspection, inspector, inspector3_entry
):
    rectifying(inspection, inspector, inspector3_entry.user, on=D(2026, 9, 24))
    data = {"requirement": "整改", "workdays": 5, "issued_on": "2026-09-23", "confirmed": "1"}
    response = login(inspector).post(f"/inspections/{inspection.pk}/rectification/", data)
    html = response.content.decode()
    assert response.status_code == 400 and "签发日期不能早于检查结束日期（2026-09-24）" in html
    assert not RectificationNotice.objects.exists()


def test_notice_date_starts_the_working_day_deadline(login, inspection, inspector, inspector3_entry):
    rectifying(inspection, inspector, inspector3_entry.user, on=D(2026, 9, 24))
    data = {"requirement": "整改", "workdays": 5, "issued_on": "2026-09-29", "confirmed": "1"}
    assert login(inspector).post(f"/inspections/{inspection.pk}/rectification/", data).status_code == 302
    notice = RectificationNotice.objects.get()
    # 9-30 (1), 10-1..7 国庆 off, 10-8 (2), 10-9 (3), Saturday 10-10 调休 working (4), 10-12 (5).
    assert notice.issued_on == D(2026, 9, 29) and notice.deadline == D(2026, 10, 12)


def test_response_date_before_the_notice_is_refused(login, inspection, inspector, inspector3_entry, director):
    rectifying(inspection, inspector, inspector3_entry.user, on=D(2026, 9, 24))
    rectification.notice_issue(
        inspection=inspection, user=inspector, requirement="整改", issued_on=D(2026, 9, 25)
    )
    response = login(director).post(
        f"/inspections/{inspection.pk}/response/",
        {
            "file": SimpleUploadedFile("r.pdf", PDF, content_type="application/pdf"),
            "responded_on": "2026-09-24",
        },
    )
    assert (
        response.status_code == 400
        and "报送日期不能早于通知书签发日期（2026-09-25）" in response.content.decode()
    )
    assert not Response.objects.exists()


def test_verification_is_confirmed_and_dated(login, inspection, inspector, inspector3_entry, director):
    _responded(inspection, inspector, inspector3_entry, director)
    client = login(inspector)
    url = f"/inspections/{inspection.pk}/verification/"
    asked = client.post(url, {"outcome": "completed", "verified_on": "2026-10-13"})
    assert asked.status_code == 200 and "确认核查结论" in asked.content.decode()
    assert not Verification.objects.exists()
    early = client.post(url, {"outcome": "completed", "verified_on": "2026-10-08", "confirmed": "1"})
    assert (
        early.status_code == 400
        and "核查日期不能早于整改报告报送日期（2026-10-09）" in early.content.decode()
    )
    future = client.post(url, {"outcome": "completed", "verified_on": _tomorrow(), "confirmed": "1"})
    assert future.status_code == 400 and "核查日期不能晚于今天" in future.content.decode()
    assert not Verification.objects.exists()
    done = client.post(url, {"outcome": "completed", "verified_on": "2026-10-13", "confirmed": "1"})
    assert done.status_code == 302
    assert Verification.objects.get().verified_on == D(2026, 10, 13)


def test_publication_date_is_stated_and_checked(login, staff, inspection, inspector, inspector3_entry):
    record_all(inspection, inspector, problem=False)
    rectification.inspection_conclude(inspection=inspection, user=inspector, result="pass")
    rectification.inspection_sign(
        inspection=inspection, user=inspector3_entry.user, concluded_on=D(2026, 9, 24)
    )
    client = login(staff)
    url = f"/inspections/{inspection.pk}/publish/"
    early = client.post(url, {"published_on": "2026-09-23", "confirmed": "1"})
    assert early.status_code == 400 and "公开日期不能早于检查结束日期（2026-09-24）" in early.content.decode()
    assert client.post(url, {"published_on": "2026-09-28", "confirmed": "1"}).status_code == 302
    inspection.refresh_from_db()
    assert inspection.published_on == D(2026, 9, 28) and inspection.published_at is not None


def test_inspection_notice_date_is_asked_on_the_confirmation(login, staff, inspection):
    client = login(staff)
    url = f"/inspections/{inspection.pk}/notice/issue/"
    asked = client.post(url)
    assert asked.status_code == 200 and 'name="issued_on"' in asked.content.decode()
    future = client.post(url, {"confirmed": "1", "issued_on": _tomorrow()})
    assert future.status_code == 400 and "签发日期不能晚于今天" in future.content.decode()
    assert client.post(url, {"confirmed": "1", "issued_on": "2026-09-14"}).status_code == 302
    inspection.refresh_from_db()
    assert inspection.notice_issued_on == D(2026, 9, 14) and inspection.notice_number


def test_services_refuse_future_dates(staff, inspection, inspector, inspector3_entry):
    record_all(inspection, inspector, problem=False)
    rectification.inspection_conclude(inspection=inspection, user=inspector, result="pass")
    rectification.inspection_sign(inspection=inspection, user=inspector3_entry.user)
    with pytest.raises(ValidationError, match="公开日期不能晚于今天"):
        services.inspection_publish(
            inspection=inspection, user=staff, published_on=timezone.localdate() + datetime.timedelta(days=1)
        )
