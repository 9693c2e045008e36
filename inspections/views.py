"""Pages of inspections for signed-in users. Public pages are in public_views.py."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import FileResponse, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from bureau.models import BureauSettings
from bureau.pdf import render_pdf
from bureau.permissions import Role, bureau_required, has_role, is_bureau, managed_firm_ids

from . import rectification, selectors, services
from .forms import (
    ConcludeForm,
    EvidenceForm,
    FindingsForm,
    NoticeForm,
    ResponseForm,
    ScheduleForm,
    VerificationForm,
    VisitForm,
)
from .models import (
    Evidence,
    Inspection,
    InspectionSettings,
    RectificationNotice,
    Response,
)

PAGE_SIZE = 50


def _form_error(form, exc):
    """Put a service's ValidationError on the form (field errors where the field exists)."""
    if hasattr(exc, "error_dict"):
        for field, errors in exc.error_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, exc)


def _get_inspection_for_user(request, inspection_id):
    """404 unless the user may see the inspection."""
    return get_object_or_404(selectors.inspection_detail_queryset(request.user), pk=inspection_id)


def _require_assigned(request, inspection):
    if not selectors.is_assigned(inspection, request.user):
        raise PermissionDenied


def _is_firm_director(user, inspection):
    return (
        has_role(user, Role.FIRM_DIRECTOR)
        and managed_firm_ids(user).filter(content_object_id=inspection.firm_id).exists()
    )


# ---- lists ----------------------------------------------------------------------------------


def inspection_list(request):
    if not (is_bureau(request.user) or has_role(request.user, Role.INSPECTOR, Role.FIRM_DIRECTOR)):
        raise PermissionDenied
    status = request.GET.get("status", "")
    if status not in Inspection.Status.values:
        status = ""
    page = Paginator(selectors.inspection_list(request.user, status=status), PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    return render(
        request,
        "inspections/inspection_list.html",
        {
            "page": page,
            "status": status,
            "statuses": Inspection.Status.choices,
            "today": timezone.localdate(),
        },
    )


def _pdf_response(pdf, filename):
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="{filename}"'
    return response


# ---- one inspection -------------------------------------------------------------------------


def _detail_context(request, inspection, **forms):
    user = request.user
    assigned = selectors.is_assigned(inspection, user)
    items = list(inspection.plan.checklist.items.all())
    findings = list(inspection.findings.select_related("item").prefetch_related("evidence"))
    by_item = {f.item_id: f for f in findings}
    notices = list(inspection.notices.all())
    current = notices[-1] if notices else None
    config = InspectionSettings.load()
    context = {
        "inspection": inspection,
        "assigned": assigned,
        "is_director": _is_firm_director(user, inspection),
        "is_bureau": is_bureau(user),
        "items": items,
        "findings": findings,
        "finding_rows": [(item, by_item.get(item.pk)) for item in items],
        "notices": notices,
        "current_notice": current,
        "my_assignment": next(
            (a for a in inspection.assignments.all() if a.inspector.user_id == user.pk), None
        ),
        "today": timezone.localdate(),
    }
    if context["is_bureau"] and inspection.is_open_for_findings:
        context["schedule_form"] = forms.get("schedule_form") or ScheduleForm(
            initial={"scheduled_on": inspection.scheduled_on}
        )
    if assigned and inspection.is_open_for_findings:
        context["findings_form"] = forms.get("findings_form") or FindingsForm(items=items, findings=findings)
        context["evidence_form"] = forms.get("evidence_form") or EvidenceForm(inspection=inspection)
        context["conclude_form"] = forms.get("conclude_form") or ConcludeForm()
    if assigned and inspection.status == Inspection.Status.RECTIFYING and not notices:
        context["notice_form"] = forms.get("notice_form") or NoticeForm(
            initial={"workdays": config.rectification_workdays}
        )
    if (
        assigned
        and current is not None
        and not hasattr(current, "verification")
        and inspection.rectification == Inspection.Rectification.PENDING
    ):
        context["correction_form"] = forms.get("correction_form") or NoticeForm(
            initial={"workdays": current.workdays, "requirement": current.requirement}
        )
    if assigned and inspection.rectification == Inspection.Rectification.RESPONDED:
        context["verification_form"] = forms.get("verification_form") or VerificationForm(
            initial={"workdays": config.rectification_workdays}
        )
    if context["is_director"] and inspection.rectification in (
        Inspection.Rectification.PENDING,
        Inspection.Rectification.RESPONDED,
    ):
        context["response_form"] = forms.get("response_form") or ResponseForm()
    return context


def inspection_detail(request, inspection_id):
    inspection = _get_inspection_for_user(request, inspection_id)
    return render(request, "inspections/inspection_detail.html", _detail_context(request, inspection))


def _after_post(request, inspection, form_name, form, action):
    """Run `action` if the form is valid; on a ValidationError show the page with the form's errors."""
    if form.is_valid():
        try:
            action(form.cleaned_data)
        except ValidationError as exc:
            _form_error(form, exc)
        else:
            return redirect("inspections:inspection_detail", inspection_id=inspection.pk)
    context = _detail_context(request, inspection, **{form_name: form})
    return render(request, "inspections/inspection_detail.html", context, status=400)


@require_POST
def findings_save(request, inspection_id):
    inspection = _get_inspection_for_user(request, inspection_id)
    _require_assigned(request, inspection)
    items = list(inspection.plan.checklist.items.all())
    form = FindingsForm(request.POST, items=items, findings=inspection.findings.all())

    def action(data):
        rectification.findings_save(inspection=inspection, user=request.user, entries=form.entries())
        messages.success(request, _("检查记录已保存。"))

    return _after_post(request, inspection, "findings_form", form, action)


@require_POST
def evidence_add(request, inspection_id):
    inspection = _get_inspection_for_user(request, inspection_id)
    _require_assigned(request, inspection)
    form = EvidenceForm(request.POST, request.FILES, inspection=inspection)

    def action(data):
        rectification.evidence_add(finding=data["finding"], user=request.user, file=data["file"])
        messages.success(request, _("证据材料已上传。"))

    return _after_post(request, inspection, "evidence_form", form, action)


@require_POST
def inspection_conclude(request, inspection_id):
    inspection = _get_inspection_for_user(request, inspection_id)
    _require_assigned(request, inspection)
    form = ConcludeForm(request.POST)

    def action(data):
        rectification.inspection_conclude(
            inspection=inspection, user=request.user, result=data["result"], summary=data["summary"]
        )
        messages.success(request, _("检查结论已作出并签字，等待其他检查人员签字。"))

    return _after_post(request, inspection, "conclude_form", form, action)


@require_POST
def inspection_sign(request, inspection_id):
    inspection = _get_inspection_for_user(request, inspection_id)
    _require_assigned(request, inspection)
    try:
        rectification.inspection_sign(inspection=inspection, user=request.user)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, _("已签字。"))
    return redirect("inspections:inspection_detail", inspection_id=inspection.pk)


@require_POST
def notice_issue(request, inspection_id):
    inspection = _get_inspection_for_user(request, inspection_id)
    _require_assigned(request, inspection)
    form = NoticeForm(request.POST)

    def action(data):
        notice = rectification.notice_issue(
            inspection=inspection,
            user=request.user,
            requirement=data["requirement"],
            workdays=data["workdays"],
        )
        messages.success(request, _("整改通知书%(number)s已签发。") % {"number": notice.doc_number})

    return _after_post(request, inspection, "notice_form", form, action)


@require_POST
def response_submit(request, inspection_id):
    inspection = _get_inspection_for_user(request, inspection_id)
    if not _is_firm_director(request.user, inspection):
        raise PermissionDenied
    form = ResponseForm(request.POST, request.FILES)

    def action(data):
        rectification.response_submit(
            inspection=inspection, user=request.user, file=data["file"], note=data["note"]
        )
        messages.success(request, _("整改报告已报送。"))

    return _after_post(request, inspection, "response_form", form, action)


@require_POST
def verification_record(request, inspection_id):
    inspection = _get_inspection_for_user(request, inspection_id)
    _require_assigned(request, inspection)
    form = VerificationForm(request.POST)

    def action(data):
        rectification.verification_record(
            inspection=inspection,
            user=request.user,
            outcome=data["outcome"],
            note=data["note"],
            requirement=data["requirement"],
            workdays=data["workdays"],
        )
        messages.success(request, _("核查结论已记录。"))

    return _after_post(request, inspection, "verification_form", form, action)


@require_POST
@bureau_required
def inspection_schedule(request, inspection_id):
    inspection = _get_inspection_for_user(request, inspection_id)
    form = ScheduleForm(request.POST)

    def action(data):
        services.inspection_schedule(inspection=inspection, scheduled_on=data["scheduled_on"])
        messages.success(request, _("检查日期已调整。"))

    return _after_post(request, inspection, "schedule_form", form, action)


@require_POST
@bureau_required
def inspection_publish(request, inspection_id):
    inspection = get_object_or_404(Inspection, pk=inspection_id)
    try:
        services.inspection_publish(inspection=inspection, user=request.user)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, _("检查结果已公开。"))
    target = request.POST.get("next", "")
    if not url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}):
        target = "inspections:publication_queue"
    return redirect(target)


def inspection_notice_pdf(request, inspection_id):
    """检查通知书 for the firm."""
    inspection = _get_inspection_for_user(request, inspection_id)
    number = rectification.inspection_notice_number(inspection=inspection)
    context = {
        "inspection": inspection,
        "number": number,
        "bureau_name": BureauSettings.load().bureau_name,
        "items": inspection.plan.checklist.items.all(),
    }
    return _pdf_response(
        render_pdf("inspections/pdf/inspection_notice.html", context), "inspection-notice.pdf"
    )


def notice_pdf(request, notice_id):
    notice = get_object_or_404(
        RectificationNotice.objects.select_related("refers_to"),
        pk=notice_id,
        inspection__in=selectors.visible_inspections(request.user),
    )
    context = {"notice": notice, "bureau_name": BureauSettings.load().bureau_name}
    return _pdf_response(
        render_pdf("inspections/pdf/rectification_notice.html", context),
        f"notice-{notice.year}-{notice.serial}.pdf",
    )


def _file_response(field):
    return FileResponse(field.open("rb"), filename=field.name.rsplit("/", 1)[-1])


def response_file(request, response_id):
    response = get_object_or_404(
        Response, pk=response_id, notice__inspection__in=selectors.visible_inspections(request.user)
    )
    return _file_response(response.file)


def evidence_file(request, evidence_id):
    evidence = get_object_or_404(
        Evidence, pk=evidence_id, finding__inspection__in=selectors.visible_inspections(request.user)
    )
    return _file_response(evidence.file)


@require_POST
def notice_correct(request, notice_id):
    notice = get_object_or_404(RectificationNotice, pk=notice_id)
    inspection = _get_inspection_for_user(request, notice.inspection_id)
    _require_assigned(request, inspection)
    form = NoticeForm(request.POST)

    def action(data):
        new = rectification.notice_correct(
            notice=notice, user=request.user, requirement=data["requirement"], workdays=data["workdays"]
        )
        messages.success(request, _("更正通知%(number)s已签发。") % {"number": new.doc_number})

    return _after_post(request, inspection, "correction_form", form, action)


# ---- visits ---------------------------------------------------------------------------------


def visit_list(request):
    user = request.user
    if not (is_bureau(user) or has_role(user, Role.INSPECTOR, Role.FIRM_DIRECTOR)):
        raise PermissionDenied
    can_record = is_bureau(user) or has_role(user, Role.INSPECTOR)
    form = VisitForm(request.POST or None) if can_record else None
    if request.method == "POST":
        if not can_record:
            raise PermissionDenied
        if form.is_valid():
            services.visit_record(recorded_by=user, **form.cleaned_data)
            messages.success(request, _("走访记录已保存。"))
            return redirect("inspections:visit_list")
    visits = selectors.visible_visits(user).select_related("firm")
    page = Paginator(visits, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "inspections/visit_list.html", {"page": page, "form": form})
