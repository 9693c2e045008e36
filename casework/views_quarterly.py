"""Quarterly statistics (季度统计报表): directors file, bureau staff accept or return."""

from io import BytesIO

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from bureau.concurrency import StaleEdit
from bureau.forms import apply_errors
from bureau.permissions import bureau_required, is_bureau

from . import selectors, services
from .forms import FiguresForm, QuarterForm, ReviewForm
from .views import _director_firm_or_403, casework_reader, director_only


def _period_from(request):
    default_year, default_quarter = services.current_quarter()
    try:
        year = int(request.GET.get("year", default_year))
        quarter = int(request.GET.get("quarter", default_quarter))
    except ValueError:
        year, quarter = default_year, default_quarter
    if quarter not in (1, 2, 3, 4) or not 2000 <= year <= 2100:
        year, quarter = default_year, default_quarter
    return year, quarter


@casework_reader
def quarterly_list(request):
    if is_bureau(request.user):
        year, quarter = _period_from(request)
        overview = selectors.quarter_overview(year, quarter)
        totals = [(label, overview["totals"].get(key, 0)) for key, label in selectors.FIGURES]
        return render(
            request,
            "casework/quarterly_bureau.html",
            {
                "year": year,
                "quarter": quarter,
                "overview": overview,
                "totals": totals,
                "quarters": (1, 2, 3, 4),
            },
        )
    firm = _director_firm_or_403(request.user)
    year, quarter = services.current_quarter()
    reports = (
        selectors.visible_reports(request.user).select_related("firm").order_by("-year", "-quarter")[:40]
    )
    return render(
        request,
        "casework/quarterly_list.html",
        {"firm": firm, "reports": reports, "form": QuarterForm(initial={"year": year, "quarter": quarter})},
    )


@require_POST
@director_only
def quarterly_new(request):
    firm = _director_firm_or_403(request.user)
    form = QuarterForm(request.POST)
    if form.is_valid():
        try:
            report = services.quarterly_create(firm=firm, user=request.user, **form.cleaned_data)
        except ValidationError as exc:
            apply_errors(form, exc)
        else:
            messages.success(request, _("已按登记数据预填本季度统计，请核对后报送。"))
            return redirect("casework:quarterly_detail", report_id=report.pk)
    reports = selectors.visible_reports(request.user).order_by("-year", "-quarter")[:40]
    return render(
        request, "casework/quarterly_list.html", {"firm": firm, "reports": reports, "form": form}, status=400
    )


def _get_report_for_user(request, report_id):
    return get_object_or_404(selectors.visible_reports(request.user).select_related("firm"), pk=report_id)


@casework_reader
def quarterly_detail(request, report_id):
    report = _get_report_for_user(request, report_id)
    can_edit = selectors.can_edit_firm_records(request.user, report.firm_id)
    editable = can_edit and report.status in services.EDITABLE_STATUSES
    form = None
    if request.method == "POST":
        if not editable:
            raise PermissionDenied
        form = FiguresForm(request.POST, report=report, labels=selectors.FIGURES)
        if form.is_valid():
            try:
                # Saving the figures and submitting them stand or fall together.
                with transaction.atomic():
                    services.quarterly_save_figures(
                        report=report, expected_version=form.cleaned_data["version"], values=form.values()
                    )
                    if request.POST.get("action") == "submit":
                        services.quarterly_submit(report=report, user=request.user)
            except StaleEdit as exc:
                form.add_error(None, exc.messages)
            except ValidationError as exc:
                form.add_service_errors(exc)
            else:
                if request.POST.get("action") == "submit":
                    messages.success(request, _("统计报表已报送司法局。"))
                else:
                    messages.success(request, _("已保存。"))
                return redirect("casework:quarterly_detail", report_id=report.pk)
    elif editable:
        form = FiguresForm(report=report, labels=selectors.FIGURES)
    versions = report.versions.select_related("submitted_by", "reviewed_by").order_by("-number")
    return render(
        request,
        "casework/quarterly_detail.html",
        {
            "report": report,
            "form": form,
            "rows": [(label, report.figures.get(key)) for key, label in selectors.FIGURES],
            "versions": versions,
            "late_days": services.late_working_days(report),
            "review_form": ReviewForm() if is_bureau(request.user) and report.status == "submitted" else None,
        },
    )


@require_POST
@bureau_required
def quarterly_review(request, report_id):
    report = _get_report_for_user(request, report_id)
    form = ReviewForm(request.POST)
    form.is_valid()
    try:
        services.quarterly_review(
            report=report,
            user=request.user,
            accept=request.POST.get("action") == "accept",
            comment=form.cleaned_data.get("comment", ""),
        )
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, _("审核结果已记录。"))
    return redirect("casework:quarterly_detail", report_id=report.pk)


@bureau_required
def quarterly_export(request):
    from openpyxl import Workbook

    year, quarter = _period_from(request)
    overview = selectors.quarter_overview(year, quarter)
    book = Workbook()
    sheet = book.active
    sheet.title = f"{year}Q{quarter}"
    sheet.append(
        [
            _("律师事务所"),
            _("状态"),
            _("首次报送日期"),
            _("逾期工作日"),
            *[str(lbl) for _k, lbl in selectors.FIGURES],
        ]
    )
    for row in overview["rows"]:
        report = row["report"]
        figures = report.figures if report else {}
        sheet.append(
            [
                row["firm"].name,
                str(report.get_status_display()) if report else _("未报送"),
                report.first_submitted_on if report and report.first_submitted_on else "",
                row["late_days"],
                *[(figures.get(key) or {}).get("value", "") for key, _label in selectors.FIGURES],
            ]
        )
    sheet.append(
        [_("全县合计（已报送）"), "", "", "", *[overview["totals"].get(k, 0) for k, _l in selectors.FIGURES]]
    )
    buffer = BytesIO()
    book.save(buffer)
    response = HttpResponse(
        buffer.getvalue(), content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    )
    stamp = timezone.localdate().strftime("%Y%m%d")
    response["Content-Disposition"] = f'attachment; filename="quarterly-{year}Q{quarter}-{stamp}.xlsx"'
    return response
