"""Restructuring (改制) of a state-funded firm: its steps and their documents."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from bureau.downloads import file_response
from bureau.forms import apply_errors
from bureau.http import int_param

from .. import selectors, services
from ..forms import RestructuringDocumentForm, RestructuringStartForm, RestructuringStepForm
from ..models import Firm, Restructuring, RestructuringDocument, RestructuringStep
from .common import get_firm_for_user


def restructuring_detail(request, firm_id):
    firm = get_firm_for_user(request, firm_id)
    restructuring = Restructuring.objects.filter(firm=firm).first()
    can_edit = selectors.can_edit_registry(request.user)
    if restructuring is None:
        if not can_edit or firm.organisation_form != Firm.Form.STATE:
            return render(request, "firms/restructuring.html", {"firm": firm, "restructuring": None})
        start_form = RestructuringStartForm(request.POST if request.method == "POST" else None)
        if request.method == "POST" and start_form.is_valid():
            try:
                services.restructuring_start(firm=firm, **start_form.cleaned_data)
            except ValidationError as exc:
                apply_errors(start_form, exc)
            else:
                return redirect("firms:restructuring", firm_id=firm.pk)
        return render(
            request,
            "firms/restructuring.html",
            {"firm": firm, "restructuring": None, "can_edit": can_edit, "start_form": start_form},
        )
    steps = list(restructuring.steps.prefetch_related("documents")) if restructuring else []
    step_forms = {s.pk: RestructuringStepForm(instance=s, prefix=f"s{s.pk}") for s in steps}
    doc_form = RestructuringDocumentForm()
    if request.method == "POST" and can_edit and restructuring:
        step_id = int_param(request.POST, "step", default=None)
        if step_id is None:
            raise Http404
        step = get_object_or_404(RestructuringStep, pk=step_id, restructuring=restructuring)
        if request.POST.get("action") == "upload":
            doc_form = RestructuringDocumentForm(request.POST, request.FILES)
            if doc_form.is_valid():
                try:
                    services.restructuring_document_add(step=step, user=request.user, **doc_form.cleaned_data)
                except ValidationError as exc:
                    apply_errors(doc_form, exc)
                else:
                    messages.success(request, _("已上传文件。"))
                    return redirect("firms:restructuring", firm_id=firm.pk)
        else:
            form = RestructuringStepForm(request.POST, instance=step, prefix=f"s{step.pk}")
            step_forms[step.pk] = form
            if form.is_valid():
                try:
                    services.restructuring_step_update(step=step, **form.cleaned_data)
                except ValidationError as exc:
                    apply_errors(form, exc)
                else:
                    messages.success(request, _("已更新步骤：%(step)s") % {"step": step.get_step_display()})
                    return redirect("firms:restructuring", firm_id=firm.pk)
    return render(
        request,
        "firms/restructuring.html",
        {
            "firm": firm,
            "restructuring": restructuring,
            "steps": [(s, step_forms[s.pk]) for s in steps],
            "doc_form": doc_form,
            "can_edit": can_edit,
            "forms": Firm.Form.choices,
            "done": sum(1 for s in steps if s.status == RestructuringStep.Status.DONE),
        },
    )


def restructuring_document(request, firm_id, document_id):
    """Documents are served only to users who may see the firm."""
    firm = get_firm_for_user(request, firm_id)
    document = get_object_or_404(RestructuringDocument, pk=document_id, step__restructuring__firm=firm)
    return file_response(request, document.file, record=document)
