"""Quarterly statistics (季度统计报表): directors file, bureau staff accept or return and export."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from bureau import spreadsheets
from bureau.concurrency import StaleEdit
from bureau.forms import apply_errors
from bureau.http import quarter_param, year_param
from bureau.permissions import bureau_required, is_bureau

from .. import selectors, services
from ..forms import FiguresForm, QuarterForm, ReviewForm
from ..models import QuarterlyReport
from ..quarters import QUARTERS, current_quarter, late_working_days
from ..statistics import FIGURES, SUB_ITEMS, quarter_overview
from .common import casework_reader, director_firm_or_403, director_only, page_of, querystring_without_page


def _period_from(request):
    """The quarter asked for in ?year=&quarter=, or the one being filed now."""
    default_year, default_quarter = current_quarter()
    year = year_param(request, default=default_year)
    quarter = quarter_param(request, default=default_quarter)
    return year, quarter


FIRM_ROWS = 100


@casework_reader
def quarterly_list(request):
    # ?status= lists the reports in one state (whatever their quarter), as the dashboard cards
    # count them; an unknown value is left out.
    status = request.GET.get("status", "")
    if status not in QuarterlyReport.Status.values:
        status = ""
    if is_bureau(request.user) and status:
        reports = (
            selectors.visible_reports(request.user)
            .filter(status=status)
            .select_related("firm")
            .order_by("due_on", "firm__name", "id")[:200]
        )
        return render(
            request,
            "casework/quarterly_by_status.html",
            {"reports": reports, "status_label": QuarterlyReport.Status(status).label},
        )
    if is_bureau(request.user):
        year, quarter = _period_from(request)
        overview = quarter_overview(year, quarter)
        totals = [(label, overview["totals"].get(key, 0)) for key, label in FIGURES]
        return render(
            request,
            "casework/quarterly_bureau.html",
            {
                "year": year,
                "quarter": quarter,
                "overview": overview,
                # A province has thousands of firms: the status table is shown a page at a time
                # (the counts above it and the totals below are the whole county's).
                "page": page_of(request, overview["rows"], size=FIRM_ROWS),
                "query": querystring_without_page(request),
                "totals": totals,
                "quarters": QUARTERS,
            },
        )
    firm = director_firm_or_403(request.user)
    year, quarter = current_quarter()
    reports = selectors.visible_reports(request.user).select_related("firm")
    if status:
        reports = reports.filter(status=status)
    reports = reports.order_by("-year", "-quarter")[:40]
    return render(
        request,
        "casework/quarterly_list.html",
        {"firm": firm, "reports": reports, "form": QuarterForm(initial={"year": year, "quarter": quarter})},
    )


@require_POST
@director_only
def quarterly_new(request):
    firm = director_firm_or_403(request.user)
    form = QuarterForm(request.POST)
    existing = None
    if form.is_valid():
        wanted = {"firm": firm, "year": form.cleaned_data["year"], "quarter": form.cleaned_data["quarter"]}
        try:
            report = services.quarterly_create(firm=firm, user=request.user, **form.cleaned_data)
        except ValidationError as exc:
            apply_errors(form, exc)
            # When the quarter's report exists already, the page links to it (not a dead end).
            existing = selectors.visible_reports(request.user).filter(**wanted).first()
        else:
            messages.success(request, _("已按登记数据预填本季度统计，请核对后报送。"))
            return redirect("casework:quarterly_detail", report_id=report.pk)
    reports = selectors.visible_reports(request.user).order_by("-year", "-quarter")[:40]
    return render(
        request,
        "casework/quarterly_list.html",
        {"firm": firm, "reports": reports, "form": form, "existing": existing},
        status=400,
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
        form = FiguresForm(request.POST, report=report, labels=FIGURES)
        if form.is_valid():
            try:
                services.quarterly_save(
                    report=report,
                    user=request.user,
                    expected_version=form.cleaned_data["version"],
                    values=form.values(),
                    submit=request.POST.get("action") == "submit",
                )
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
        form = FiguresForm(report=report, labels=FIGURES)
    versions = report.versions.select_related("submitted_by", "reviewed_by").order_by("-number")
    return render(
        request,
        "casework/quarterly_detail.html",
        {
            "report": report,
            "form": form,
            "rows": [(label, report.figures.get(key), key in SUB_ITEMS) for key, label in FIGURES],
            "versions": versions,
            "late_days": late_working_days(report),
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
    year, quarter = _period_from(request)
    overview = quarter_overview(year, quarter)
    headers = [
        _("律师事务所"),
        _("状态"),
        _("首次报送日期"),
        _("逾期工作日"),
        *[str(lbl) for _k, lbl in FIGURES],
    ]
    rows = []
    for row in overview["rows"]:
        report = row["report"]
        figures = report.figures if report else {}
        rows.append(
            [
                row["firm"].name,
                str(report.get_status_display()) if report else _("未报送"),
                report.first_submitted_on if report and report.first_submitted_on else "",
                row["late_days"],
                *[(figures.get(key) or {}).get("value", "") for key, _label in FIGURES],
            ]
        )
    totals = [overview["totals"].get(key, 0) for key, _label in FIGURES]
    rows.append([_("全县合计（已报送）"), "", "", "", *totals])
    stamp = timezone.localdate().strftime("%Y%m%d")
    return spreadsheets.workbook_response(
        f"quarterly-{year}Q{quarter}-{stamp}", [(f"{year}Q{quarter}", headers, rows)], stamp=False
    )
