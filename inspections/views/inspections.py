"""The inspection list and one inspection: its checklist findings, evidence, conclusion,
signatures, date and publication."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from bureau.downloads import file_response
from bureau.forms import apply_errors
from bureau.permissions import Role, bureau_required, has_role, is_bureau

from .. import rectification, selectors, services
from ..filters import InspectionFilter
from ..forms import (
    ConcludeForm,
    EvidenceForm,
    FindingsForm,
    NoticeForm,
    PublishForm,
    ResponseForm,
    ScheduleForm,
    SignForm,
    VerificationForm,
)
from ..models import Evidence, Inspection, InspectionSettings
from .common import (
    PAGE_SIZE,
    get_inspection_for_user,
    is_firm_director,
    querystring_without_page,
    require_assigned,
)


def inspection_list(request):
    if not (is_bureau(request.user) or has_role(request.user, Role.INSPECTOR, Role.FIRM_DIRECTOR)):
        raise PermissionDenied
    filterset = InspectionFilter(request.GET, queryset=selectors.inspection_list(request.user))
    page = Paginator(filterset.qs, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "inspections/inspection_list.html",
        {
            "filter": filterset,
            "page": page,
            "query": querystring_without_page(request),
            "today": timezone.localdate(),
        },
    )


def detail_context(request, inspection, **forms):
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
        "is_director": is_firm_director(user, inspection),
        "is_bureau": is_bureau(user),
        "may_issue_inspection_notice": selectors.may_issue_inspection_notice(inspection, user),
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
    # The issued 检查通知书 states the date, so the date moves only before it is issued.
    if context["is_bureau"] and inspection.is_open_for_findings and not inspection.notice_number:
        context["schedule_form"] = forms.get("schedule_form") or ScheduleForm(
            initial={"scheduled_on": inspection.scheduled_on}
        )
    if assigned and inspection.is_open_for_findings:
        context["findings_form"] = forms.get("findings_form") or FindingsForm(items=items, findings=findings)
        context["evidence_form"] = forms.get("evidence_form") or EvidenceForm(inspection=inspection)
        context["conclude_form"] = forms.get("conclude_form") or ConcludeForm()
    if (
        inspection.status == Inspection.Status.SIGNING
        and context["my_assignment"] is not None
        and not context["my_assignment"].signed_at
    ):
        context["sign_form"] = forms.get("sign_form") or SignForm()
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
    inspection = get_inspection_for_user(request, inspection_id)
    return render(request, "inspections/inspection_detail.html", detail_context(request, inspection))


def after_post(request, inspection, form_name, form, action):
    """Run `action` if the form is valid; on a ValidationError show the page with the form's errors."""
    if form.is_valid():
        try:
            action(form.cleaned_data)
        except ValidationError as exc:
            apply_errors(form, exc)
        else:
            return redirect("inspections:inspection_detail", inspection_id=inspection.pk)
    context = detail_context(request, inspection, **{form_name: form})
    return render(request, "inspections/inspection_detail.html", context, status=400)


@require_POST
def findings_save(request, inspection_id):
    inspection = get_inspection_for_user(request, inspection_id)
    require_assigned(request, inspection)
    items = list(inspection.plan.checklist.items.all())
    form = FindingsForm(request.POST, items=items, findings=inspection.findings.all())

    def action(data):
        rectification.findings_save(inspection=inspection, user=request.user, entries=form.entries())
        messages.success(request, _("检查记录已保存。"))

    return after_post(request, inspection, "findings_form", form, action)


@require_POST
def evidence_add(request, inspection_id):
    inspection = get_inspection_for_user(request, inspection_id)
    require_assigned(request, inspection)
    form = EvidenceForm(request.POST, request.FILES, inspection=inspection)

    def action(data):
        rectification.evidence_add(finding=data["finding"], user=request.user, file=data["file"])
        messages.success(request, _("证据材料已上传。"))

    return after_post(request, inspection, "evidence_form", form, action)


@require_POST
def inspection_conclude(request, inspection_id):
    inspection = get_inspection_for_user(request, inspection_id)
    require_assigned(request, inspection)
    form = ConcludeForm(request.POST)

    def action(data):
        rectification.inspection_conclude(
            inspection=inspection,
            user=request.user,
            result=data["result"],
            summary=data["summary"],
            concluded_on=data["concluded_on"],
        )
        messages.success(request, _("检查结论已作出并签字，等待其他检查人员签字。"))

    return after_post(request, inspection, "conclude_form", form, action)


@require_POST
def inspection_sign(request, inspection_id):
    inspection = get_inspection_for_user(request, inspection_id)
    require_assigned(request, inspection)
    form = SignForm(request.POST)

    def action(data):
        rectification.inspection_sign(
            inspection=inspection, user=request.user, concluded_on=data["concluded_on"]
        )
        messages.success(request, _("已签字。"))

    return after_post(request, inspection, "sign_form", form, action)


@require_POST
@bureau_required
def inspection_schedule(request, inspection_id):
    inspection = get_inspection_for_user(request, inspection_id)
    form = ScheduleForm(request.POST)

    def action(data):
        services.inspection_schedule(inspection=inspection, scheduled_on=data["scheduled_on"])
        messages.success(request, _("检查日期已调整。"))

    return after_post(request, inspection, "schedule_form", form, action)


@require_POST
@bureau_required
def inspection_publish(request, inspection_id):
    """The 公开 button asks first: a published result is on the public page for good. The answer
    page states the publication date (default today); its confirmed POST publishes."""
    inspection = get_object_or_404(Inspection.objects.select_related("firm", "plan"), pk=inspection_id)
    target = request.POST.get("next", "")
    if not url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}):
        target = reverse("inspections:publication_queue")
    confirmed = request.POST.get("confirmed") == "1"
    form = PublishForm(request.POST if confirmed else None)
    if confirmed and form.is_valid():
        try:
            services.inspection_publish(
                inspection=inspection, user=request.user, published_on=form.cleaned_data["published_on"]
            )
        except ValidationError as exc:
            apply_errors(form, exc)
        else:
            messages.success(request, _("检查结果已公开。"))
            return redirect(target)
    context = {
        "title": _("确认公开检查结果"),
        "facts": [
            (_("律所"), inspection.firm.name),
            (_("抽查计划"), inspection.plan.title),
            (_("检查结论"), inspection.get_result_display() or "—"),
            (_("检查结束日期"), inspection.concluded_on.isoformat() if inspection.concluded_on else "—"),
        ],
        "warning": _("公开后，检查结果即在公开页面向社会公布，不能撤回。"),
        "edit_form": form,
        "next": target,
        "action_url": request.path,
        "back_url": target,
        "button": _("确认公开"),
    }
    return render(request, "inspections/confirm.html", context, status=400 if confirmed else 200)


def evidence_file(request, evidence_id):
    evidence = get_object_or_404(
        Evidence, pk=evidence_id, finding__inspection__in=selectors.visible_inspections(request.user)
    )
    return file_response(request, evidence.file, record=evidence)
