"""Writes of quarterly statistics (季度统计报表): a director opens, fills and submits a report; bureau
staff accept or return it."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from bureau.concurrency import save_versioned

from ..models import QuarterlyReport, QuarterlyReportVersion
from ..quarters import quarter_bounds, quarter_due
from ..statistics import figure_errors, period_figures


@transaction.atomic
def quarterly_create(*, firm, user, year, quarter, today=None):
    """Open the firm's report for a quarter, prefilled from the records. A second report for the
    same quarter is refused."""
    today = today or timezone.localdate()
    if quarter not in (1, 2, 3, 4):
        raise ValidationError({"quarter": _("季度须为1至4。")})
    start, end = quarter_bounds(year, quarter)
    if end >= today:
        raise ValidationError({"quarter": _("该季度尚未结束，不能报送。")})
    if QuarterlyReport.objects.filter(firm=firm, year=year, quarter=quarter).exists():
        raise ValidationError(
            {
                "quarter": _("本所%(year)s年第%(quarter)s季度的统计报表已经存在，不能重复报送。")
                % {"year": year, "quarter": quarter}
            }
        )
    prefilled = period_figures(start, end, [firm.pk])
    due = quarter_due(year, quarter)
    report = QuarterlyReport(
        firm=firm,
        year=year,
        quarter=quarter,
        figures={key: {"prefilled": n, "value": n, "reason": ""} for key, n in prefilled.items()},
        due_on=due.date,
        due_provisional=due.provisional,
        created_by=user,
    )
    report.full_clean()
    report.save()
    return report


EDITABLE_STATUSES = (QuarterlyReport.Status.DRAFT, QuarterlyReport.Status.RETURNED)


@transaction.atomic
def quarterly_save_figures(*, report, expected_version, values):
    """`values` maps figure keys to (value, reason). A value that differs from the prefilled
    one needs a reason; values are whole numbers, not negative, and keep the cross-checks of
    statistics.figure_errors (types add up to the total, no "其中" above its parent)."""
    if report.status not in EDITABLE_STATUSES:
        raise ValidationError(_("报表已报送，待审核期间不能修改。"))
    errors = {}
    figures = {key: dict(entry) for key, entry in report.figures.items()}
    for key, (value, reason) in values.items():
        if key not in figures:
            continue
        reason = (reason or "").strip()
        if value is None or value < 0:
            errors[key] = _("数值不能为负数。")
            continue
        if value != figures[key]["prefilled"] and not reason:
            errors[key] = _("修改了系统预填的数值，须说明理由。")
            continue
        figures[key]["value"] = int(value)
        figures[key]["reason"] = reason if value != figures[key]["prefilled"] else ""
    if not errors:
        errors = figure_errors({key: entry["value"] for key, entry in figures.items()})
    if errors:
        raise ValidationError(errors)
    report.figures = figures
    save_versioned(report, expected_version=expected_version, fields=["figures"])
    return report


@transaction.atomic
def quarterly_submit(*, report, user, today=None):
    report = QuarterlyReport.objects.select_for_update().get(pk=report.pk)
    if report.status not in EDITABLE_STATUSES:
        raise ValidationError(_("该季度报表已经报送，不能重复报送。"))
    number = report.versions.count() + 1
    QuarterlyReportVersion.objects.create(
        report=report, number=number, figures=report.figures, submitted_by=user
    )
    report.status = QuarterlyReport.Status.SUBMITTED
    if not report.first_submitted_on:
        report.first_submitted_on = today or timezone.localdate()
    report.version += 1
    report.save(update_fields=["status", "first_submitted_on", "version"])
    return report


@transaction.atomic
def quarterly_review(*, report, user, accept, comment=""):
    report = QuarterlyReport.objects.select_for_update().get(pk=report.pk)
    if report.status != QuarterlyReport.Status.SUBMITTED:
        raise ValidationError(_("只有已报送待审核的报表才能审核。"))
    comment = comment.strip()
    if not accept and not comment:
        raise ValidationError({"comment": _("退回须填写审核意见。")})
    version = report.versions.order_by("-number").first()
    version.decision = (
        QuarterlyReportVersion.Decision.ACCEPTED if accept else QuarterlyReportVersion.Decision.RETURNED
    )
    version.comment = comment
    version.reviewed_by = user
    version.reviewed_at = timezone.now()
    version.save(update_fields=["decision", "comment", "reviewed_by", "reviewed_at"])
    report.status = QuarterlyReport.Status.ACCEPTED if accept else QuarterlyReport.Status.RETURNED
    report.version += 1
    report.save(update_fields=["status", "version"])
    return report


@transaction.atomic
def quarterly_save(*, report, user, expected_version, values, submit=False):
    """Save the figures and, when asked, submit them: the two stand or fall together, so a
    refused submission leaves the figures as they were."""
    quarterly_save_figures(report=report, expected_version=expected_version, values=values)
    if submit:
        quarterly_submit(report=report, user=user)
    return report
