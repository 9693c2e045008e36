"""Official documents of an inspection and what answers them: the 检查通知书, the 责令限期整改通知书
(initial, correction, follow-up), the firm's response and the inspector's verification.

A document number is gapless and final, so it is given only by a POST that the user confirmed:
the 签发 button posts the form, the answer is a page that shows what will be issued and asks
again, and only the second POST (with `confirmed`) issues. Printing is a GET that renders an
issued document and never numbers one."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from bureau.downloads import file_response
from bureau.forms import apply_errors
from bureau.models import BureauSettings
from bureau.pdf import render_pdf
from bureau.permissions import is_bureau

from .. import rectification, selectors
from ..forms import NoticeForm, NoticeIssueForm, ResponseForm, VerificationForm
from ..models import RectificationNotice, Response, Verification
from .common import (
    get_inspection_for_user,
    is_firm_director,
    pdf_response,
    require_assigned,
)
from .inspections import after_post


def _summary(form):
    """(label, value as the user reads it) of each filled field, for the confirmation page."""
    rows = []
    for name, field in form.fields.items():
        value = form.cleaned_data.get(name)
        if value in (None, ""):
            continue
        if hasattr(field, "choices"):
            value = dict(field.choices).get(value, value)
        rows.append((field.label, value))
    return rows


def _confirm_or_run(request, inspection, form_name, form, action, *, document, needs_confirmation=True):
    """A valid form not yet confirmed gets the confirmation page; a confirmed one runs `action`."""
    if needs_confirmation and form.is_valid() and request.POST.get("confirmed") != "1":
        return render(
            request,
            "inspections/confirm_issue.html",
            {
                "inspection": inspection,
                "form": form,
                "summary": _summary(form),
                "document": document,
                "action_url": request.path,
            },
        )
    return after_post(request, inspection, form_name, form, action)


# ---- 检查通知书 ------------------------------------------------------------------------------


@require_POST
def inspection_notice_issue(request, inspection_id):
    inspection = get_inspection_for_user(request, inspection_id)
    if not (is_bureau(request.user) or selectors.is_assigned(inspection, request.user)):
        raise PermissionDenied
    confirmed = request.POST.get("confirmed") == "1"
    # The confirmation page asks for the 签发日期 printed on the notice (default today).
    form = NoticeIssueForm(request.POST if confirmed else None)
    if confirmed and form.is_valid():
        try:
            number = rectification.inspection_notice_issue(
                inspection=inspection, user=request.user, issued_on=form.cleaned_data["issued_on"]
            )
        except ValidationError as exc:
            apply_errors(form, exc)
        else:
            messages.success(request, _("检查通知书%(number)s已签发。") % {"number": number})
            return redirect("inspections:inspection_detail", inspection_id=inspection.pk)
    return render(
        request,
        "inspections/confirm_issue.html",
        {
            "inspection": inspection,
            "document": _("检查通知书"),
            "action_url": request.path,
            "edit_form": form,
        },
        status=400 if confirmed else 200,
    )


def inspection_notice_pdf(request, inspection_id):
    """The issued 检查通知书; before it is issued, a page that says so (409)."""
    inspection = get_inspection_for_user(request, inspection_id)
    if not inspection.notice_number:
        return render(
            request,
            "inspections/not_issued.html",
            {"inspection": inspection, "document": _("检查通知书")},
            status=409,
        )
    context = {
        "inspection": inspection,
        "number": inspection.notice_number,
        "issued_on": inspection.notice_issued_on,
        "firm_name": inspection.firm.name,
        "firm_address": inspection.firm.address,
        "bureau_name": BureauSettings.load().bureau_name,
        "items": inspection.plan.checklist.items.all(),
    }
    pdf = render_pdf("inspections/pdf/inspection_notice.html", context)
    return pdf_response(pdf, "inspection-notice.pdf")


# ---- 责令限期整改通知书 ------------------------------------------------------------------------


@require_POST
def notice_issue(request, inspection_id):
    inspection = get_inspection_for_user(request, inspection_id)
    require_assigned(request, inspection)
    form = NoticeForm(request.POST)

    def action(data):
        notice = rectification.notice_issue(
            inspection=inspection,
            user=request.user,
            requirement=data["requirement"],
            workdays=data["workdays"],
            issued_on=data["issued_on"],
        )
        messages.success(request, _("整改通知书%(number)s已签发。") % {"number": notice.doc_number})

    return _confirm_or_run(request, inspection, "notice_form", form, action, document=_("责令限期整改通知书"))


@require_POST
def notice_correct(request, notice_id):
    notice = get_object_or_404(RectificationNotice, pk=notice_id)
    inspection = get_inspection_for_user(request, notice.inspection_id)
    require_assigned(request, inspection)
    form = NoticeForm(request.POST)

    def action(data):
        new = rectification.notice_correct(
            notice=notice,
            user=request.user,
            requirement=data["requirement"],
            workdays=data["workdays"],
            issued_on=data["issued_on"],
        )
        messages.success(request, _("更正通知%(number)s已签发。") % {"number": new.doc_number})

    return _confirm_or_run(
        request,
        inspection,
        "correction_form",
        form,
        action,
        document=_("更正通知（更正%(number)s）") % {"number": notice.doc_number},
    )


def notice_pdf(request, notice_id):
    notice = get_object_or_404(
        RectificationNotice.objects.select_related("refers_to", "inspection__firm"),
        pk=notice_id,
        inspection__in=selectors.visible_inspections(request.user),
    )
    context = {
        "notice": notice,
        "firm_address": notice.inspection.firm.address,
        "bureau_name": BureauSettings.load().bureau_name,
    }
    return pdf_response(
        render_pdf("inspections/pdf/rectification_notice.html", context),
        f"notice-{notice.year}-{notice.serial}.pdf",
    )


# ---- the firm's response and the verification ----------------------------------------------


@require_POST
def response_submit(request, inspection_id):
    inspection = get_inspection_for_user(request, inspection_id)
    if not is_firm_director(request.user, inspection):
        raise PermissionDenied
    form = ResponseForm(request.POST, request.FILES)

    def action(data):
        rectification.response_submit(
            inspection=inspection,
            user=request.user,
            file=data["file"],
            note=data["note"],
            responded_on=data["responded_on"],
        )
        messages.success(request, _("整改报告已报送。"))

    return after_post(request, inspection, "response_form", form, action)


def response_file(request, response_id):
    response = get_object_or_404(
        Response, pk=response_id, notice__inspection__in=selectors.visible_inspections(request.user)
    )
    return file_response(request, response.file, record=response)


@require_POST
def verification_record(request, inspection_id):
    """Completed closes the inspection; not completed issues a numbered follow-up notice, so that
    outcome is confirmed first."""
    inspection = get_inspection_for_user(request, inspection_id)
    require_assigned(request, inspection)
    form = VerificationForm(request.POST)

    def action(data):
        rectification.verification_record(
            inspection=inspection,
            user=request.user,
            outcome=data["outcome"],
            note=data["note"],
            requirement=data["requirement"],
            workdays=data["workdays"],
            verified_on=data["verified_on"],
        )
        messages.success(request, _("核查结论已记录。"))

    # Both outcomes are final: completed closes the inspection, not completed issues a numbered
    # follow-up notice. Either is confirmed first.
    issues_notice = request.POST.get("outcome") == Verification.Outcome.NOT_COMPLETED
    return _confirm_or_run(
        request,
        inspection,
        "verification_form",
        form,
        action,
        document=_("再次责令限期整改通知书") if issues_notice else None,
    )
