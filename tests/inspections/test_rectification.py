"""Findings, sign-off, rectification notices (numbers, deadlines, PDF), responses, verification."""

import datetime
import io
import threading

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import ProgrammingError, connection, transaction
from pypdf import PdfReader

from bureau.models import BureauSettings
from bureau.pdf import render_pdf
from inspections import rectification, services
from inspections.models import DocumentCounter, Inspection, RectificationNotice

from .conftest import make_inspection, record_all, rectifying

D = datetime.date
pytestmark = pytest.mark.django_db
PDF_BYTES = b"%PDF-1.4\n% test report\n"


def test_conclusion_needs_every_item_and_matching_result(inspection, inspector):
    with pytest.raises(ValidationError, match="未记录"):
        rectification.inspection_conclude(inspection=inspection, user=inspector, result="pass")
    record_all(inspection, inspector)
    with pytest.raises(ValidationError) as exc:
        rectification.inspection_conclude(inspection=inspection, user=inspector, result="pass")
    assert "责令整改" in str(exc.value)
    inspection.refresh_from_db()
    assert inspection.status == Inspection.Status.SCHEDULED


def test_nonconforming_needs_a_note(inspection, inspector, checklist):
    item = checklist.items.first()
    with pytest.raises(ValidationError, match="写明存在的问题"):
        rectification.findings_save(
            inspection=inspection, user=inspector, entries={item.pk: ("nonconforming", " ")}
        )
    assert not inspection.findings.exists()


def test_only_assigned_inspectors_record(inspection, inspector2, inspector2_entry, checklist):
    with pytest.raises(PermissionDenied):
        rectification.findings_save(
            inspection=inspection, user=inspector2, entries={checklist.items.first().pk: ("conforming", "")}
        )


def test_both_inspectors_sign_before_the_inspection_ends(inspection, inspector, inspector3_entry):
    record_all(inspection, inspector, problem=False)
    rectification.inspection_conclude(inspection=inspection, user=inspector, result="pass")
    inspection.refresh_from_db()
    assert inspection.status == Inspection.Status.SIGNING and inspection.concluded_on is None
    rectification.inspection_sign(inspection=inspection, user=inspector3_entry.user)
    inspection.refresh_from_db()
    assert inspection.status == Inspection.Status.CLOSED and inspection.concluded_on is not None
    assert inspection.publish_due > inspection.concluded_on
    with pytest.raises(ValidationError, match="不能再修改"):
        record_all(inspection, inspector)


def test_deadline_across_national_day_uses_the_holiday_calendar(inspection, inspector, inspector3_entry):
    rectifying(inspection, inspector, inspector3_entry.user, on=D(2026, 9, 21))
    notice = rectification.notice_issue(
        inspection=inspection, user=inspector, requirement="逐项整改", workdays=5, issued_on=D(2026, 9, 29)
    )
    # 9-30 (1), 10-1..7 国庆 off, 10-8 (2), 10-9 (3), Saturday 10-10 调休 working (4), 10-12 (5).
    assert notice.deadline == D(2026, 10, 12)
    assert not notice.deadline_provisional
    inspection.refresh_from_db()
    assert inspection.rectification == Inspection.Rectification.PENDING
    assert inspection.rectification_deadline == D(2026, 10, 12)


def test_notice_number_format_and_immutability(inspection, inspector, inspector3_entry):
    BureauSettings.load()
    BureauSettings.objects.filter(pk=1).update(doc_prefix="示")
    rectifying(inspection, inspector, inspector3_entry.user, on=D(2026, 9, 21))
    notice = rectification.notice_issue(
        inspection=inspection, user=inspector, requirement="整改", issued_on=D(2026, 9, 22)
    )
    assert notice.doc_number == "示司律整〔2026〕1号"
    with pytest.raises(ProgrammingError), transaction.atomic():
        RectificationNotice.objects.filter(pk=notice.pk).update(requirement="改了")
    with pytest.raises(ValidationError, match="更正"):
        rectification.notice_issue(inspection=inspection, user=inspector, requirement="再发一次")
    correction = rectification.notice_correct(
        notice=notice, user=inspector, requirement="更正后的要求", issued_on=D(2026, 9, 23)
    )
    assert correction.refers_to == notice and correction.doc_number == "示司律整〔2026〕2号"
    assert RectificationNotice.objects.get(pk=notice.pk).requirement == "整改"


def test_rolled_back_issue_gives_its_number_back():
    with pytest.raises(RuntimeError), transaction.atomic():
        assert rectification.next_serial("rectify", 2030) == 1
        raise RuntimeError
    with transaction.atomic():
        assert rectification.next_serial("rectify", 2030) == 1
    with transaction.atomic():
        assert rectification.next_serial("rectify", 2030) == 2
        assert rectification.next_serial("rectify", 2031) == 1  # a new year starts again at 1


@pytest.mark.django_db(transaction=True)
def test_concurrent_issuing_gives_distinct_gapless_numbers(
    plan, firm, staff, inspector, inspector3_entry, inspector_entry
):
    from tests.factories import FirmFactory

    inspections = [
        make_inspection(plan, FirmFactory(), [inspector_entry, inspector3_entry], user=staff)
        for _ in range(6)
    ]
    for i in inspections:
        rectifying(i, inspector, inspector3_entry.user, on=D(2026, 9, 21))
    barrier = threading.Barrier(len(inspections))
    numbers, errors = [], []

    def issue(i):
        try:
            barrier.wait()
            notice = rectification.notice_issue(
                inspection=i, user=inspector, requirement="整改", issued_on=D(2026, 9, 22)
            )
            numbers.append(notice.serial)
        except Exception as exc:  # reported below
            errors.append(exc)
        finally:
            connection.close()  # each thread had its own connection

    threads = [threading.Thread(target=issue, args=(i,)) for i in inspections]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert not errors
    assert sorted(numbers) == [1, 2, 3, 4, 5, 6]
    assert DocumentCounter.objects.get(series="rectify", year=2026).last == 6
    assert sorted(RectificationNotice.objects.values_list("serial", flat=True)) == [1, 2, 3, 4, 5, 6]


def _pdf_text(pdf):
    return "".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages).replace("\n", "")


def test_notice_pdf_holds_firm_findings_and_deadline(inspection, inspector, inspector3_entry):
    rectifying(inspection, inspector, inspector3_entry.user, on=D(2026, 9, 21))
    notice = rectification.notice_issue(
        inspection=inspection,
        user=inspector,
        requirement="请逐项整改。",
        workdays=5,
        issued_on=D(2026, 9, 29),
    )
    pdf = render_pdf(
        "inspections/pdf/rectification_notice.html",
        {"notice": notice, "bureau_name": BureauSettings.load().bureau_name},
    )
    text = _pdf_text(pdf)
    assert "责令限期整改通知书" in text
    assert inspection.firm.name in text
    assert "执业许可证书未悬挂" in text and "律师事务所管理办法" in text
    assert "2026年10月12日" in text
    assert notice.doc_number in text
    assert "暂定" not in text


def test_provisional_deadline_is_marked(inspection, inspector, inspector3_entry):
    rectifying(inspection, inspector, inspector3_entry.user, on=D(2026, 9, 21))
    notice = rectification.notice_issue(
        inspection=inspection, user=inspector, requirement="整改", workdays=40, issued_on=D(2026, 12, 1)
    )
    assert notice.deadline.year == 2027 and notice.deadline_provisional
    pdf = render_pdf(
        "inspections/pdf/rectification_notice.html", {"notice": notice, "bureau_name": "示范县司法局"}
    )
    assert "（暂定）" in _pdf_text(pdf)


def test_response_then_verification_closes_or_follows_up(inspection, inspector, inspector3_entry, director):
    rectifying(inspection, inspector, inspector3_entry.user, on=D(2026, 9, 21))
    first = rectification.notice_issue(
        inspection=inspection, user=inspector, requirement="整改", issued_on=D(2026, 9, 22)
    )
    with pytest.raises(ValidationError, match="尚未报送"):
        rectification.verification_record(inspection=inspection, user=inspector, outcome="completed")
    rectification.response_submit(
        inspection=inspection,
        user=director,
        file=SimpleUploadedFile("r.pdf", PDF_BYTES),
        note="已整改",
        responded_on=D(2026, 10, 9),
    )
    rectification.verification_record(
        inspection=inspection,
        user=inspector,
        outcome="not_completed",
        requirement="仍未悬挂",
        workdays=10,
        verified_on=D(2026, 10, 12),
    )
    inspection.refresh_from_db()
    follow_up = rectification.current_notice(inspection)
    assert follow_up.kind == "follow_up" and follow_up.refers_to == first
    assert inspection.rectification == Inspection.Rectification.PENDING
    assert inspection.rectification_deadline == follow_up.deadline
    rectification.response_submit(
        inspection=inspection, user=director, file=SimpleUploadedFile("r2.pdf", PDF_BYTES)
    )
    rectification.verification_record(inspection=inspection, user=inspector3_entry.user, outcome="completed")
    inspection.refresh_from_db()
    assert inspection.status == Inspection.Status.CLOSED
    assert inspection.rectification == Inspection.Rectification.COMPLETED


def test_publication_needs_a_concluded_inspection(inspection, staff, inspector, inspector3_entry):
    with pytest.raises(ValidationError, match="尚未结束"):
        services.inspection_publish(inspection=inspection, user=staff)
    record_all(inspection, inspector, problem=False)
    rectification.inspection_conclude(inspection=inspection, user=inspector, result="pass")
    rectification.inspection_sign(inspection=inspection, user=inspector3_entry.user)
    services.inspection_publish(inspection=inspection, user=staff)
    inspection.refresh_from_db()
    assert inspection.published_at is not None
    with pytest.raises(ValidationError, match="已公开"):
        services.inspection_publish(inspection=inspection, user=staff)
