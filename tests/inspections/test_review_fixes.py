"""Regressions found in review: an issued inspection notice fixes the date and the draw; a notice
the firm has answered can no longer be corrected."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from inspections import services
from inspections.models import Inspection
from inspections.rectification import (
    inspection_notice_issue,
    notice_correct,
    notice_issue,
    response_submit,
)

from .conftest import rectifying


def test_issued_inspection_notice_fixes_the_date(inspection, staff):
    inspection_notice_issue(inspection=inspection, user=staff)
    inspection.refresh_from_db()
    assert inspection.notice_number
    with pytest.raises(ValidationError, match="已编号下发"):
        services.inspection_schedule(inspection=inspection, scheduled_on=inspection.plan.starts_on)


def test_redraw_refused_once_a_notice_was_issued(
    plan, staff, firm, inspector_entry, inspector2_entry, inspector3_entry
):
    services.draw_plan(plan=plan, user=staff)
    inspection_notice_issue(inspection=Inspection.objects.get(), user=staff)
    with pytest.raises(ValidationError, match="不能重新抽取"):
        services.draw_plan(plan=plan, user=staff, reason="名录更新")


def test_notice_answered_by_the_firm_cannot_be_corrected(inspection, inspector, inspector3_entry, director):
    rectifying(inspection, inspector, inspector3_entry.user)
    notice = notice_issue(inspection=inspection, user=inspector, requirement="整改")
    response_submit(
        inspection=inspection,
        user=director,
        file=SimpleUploadedFile("r.pdf", b"%PDF-1.4 report", content_type="application/pdf"),
    )
    with pytest.raises(ValidationError, match="尚未报送整改情况"):
        notice_correct(
            notice=notice, user=inspector, requirement="更正", issued_on=datetime.date(2026, 10, 1)
        )
