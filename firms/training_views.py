"""Training sessions, attendance, the yearly shortfall list, annual assessments and restructuring."""

import datetime

from django.contrib import messages
from django.core.paginator import Paginator
from django.db import transaction
from django.db.models import Count
from django.db.models.functions import Collate
from django.http import FileResponse, Http404, HttpResponseBadRequest
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from bureau.models import BureauSettings
from bureau.permissions import bureau_required

from . import selectors, services
from .forms import RestructuringDocumentForm, RestructuringStepForm, TrainingSessionForm
from .models import (
    PINYIN,
    Firm,
    FirmAssessment,
    Lawyer,
    LawyerAssessment,
    Restructuring,
    RestructuringDocument,
    RestructuringStep,
    TrainingAttendance,
    TrainingSession,
)
from .views import _get_firm_for_user


def _year(request, default=None):
    try:
        year = int(request.GET.get("year") or default or timezone.localdate().year)
    except ValueError:
        year = timezone.localdate().year
    return max(2000, min(year, timezone.localdate().year + 1))


@bureau_required
def training_list(request):
    year = _year(request)
    sessions = (
        TrainingSession.objects.filter(held_on__year=year)
        .annotate(attendees=Count("attendances"))
        .order_by("-held_on", "id")
    )
    return render(
        request,
        "firms/training_list.html",
        {"sessions": sessions, "year": year, "years": range(timezone.localdate().year, 2014, -1)},
    )


@bureau_required
def training_create(request):
    form = TrainingSessionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        session = form.save()
        messages.success(request, _("已登记培训，请记录参训律师。"))
        return redirect("firms:training_detail", session_id=session.pk)
    return render(request, "firms/simple_form.html", {"form": form, "title": _("登记培训")})


@bureau_required
def training_detail(request, session_id):
    session = get_object_or_404(TrainingSession, pk=session_id)
    lawyers = (
        Lawyer.objects.filter(status=Lawyer.Status.PRACTISING)
        .select_related("firm")
        .order_by(Collate("firm__name", PINYIN), Collate("name", PINYIN))
    )
    attending = dict(session.attendances.values_list("lawyer_id", "hours"))
    if request.method == "POST":
        chosen = {int(x) for x in request.POST.getlist("lawyer") if x.isdigit()}
        valid_ids = set(lawyers.filter(pk__in=chosen).values_list("pk", flat=True))
        with transaction.atomic():
            # Only the lawyers this page lists can be unticked; attendance of lawyers no longer in
            # practice stays as recorded.
            session.attendances.filter(lawyer__in=lawyers).exclude(lawyer_id__in=valid_ids).delete()
            TrainingAttendance.objects.bulk_create(
                [
                    TrainingAttendance(session=session, lawyer_id=i, hours=session.hours)
                    for i in valid_ids - set(attending)
                ]
            )
        messages.success(request, _("已保存参训名单：%(n)s人。") % {"n": len(valid_ids)})
        return redirect("firms:training_detail", session_id=session.pk)
    return render(
        request,
        "firms/training_detail.html",
        {"session": session, "lawyers": lawyers, "attending": attending},
    )


def training_shortfall(request):
    """Practising lawyers under the yearly hours requirement (bureau: all; director: own firm)."""
    year = _year(request)
    lawyers = selectors.lawyers_short_of_training(year, selectors.visible_lawyers(request.user)).order_by(
        "year_hours", Collate("name", PINYIN)
    )
    page = Paginator(lawyers, 50).get_page(request.GET.get("page"))
    return render(
        request,
        "firms/training_shortfall.html",
        {
            "page": page,
            "year": year,
            "required": BureauSettings.load().training_hours_required,
            "years": range(timezone.localdate().year, 2014, -1),
        },
    )


def _check_year(year):
    if not 2000 <= year <= timezone.localdate().year:
        raise Http404


@bureau_required
def firm_assessments(request, year):
    """One page to record a whole year's firm assessments."""
    _check_year(year)
    firms = Firm.objects.exclude(status=Firm.Status.DEREGISTERED).order_by(Collate("name", PINYIN))
    existing = {a.firm_id: a for a in FirmAssessment.objects.filter(year=year)}
    rows = [
        {
            "firm": firm,
            "result": getattr(existing.get(firm.pk), "result", ""),
            "remarks": getattr(existing.get(firm.pk), "remarks", ""),
            "error": "",
        }
        for firm in firms
    ]
    if request.method == "POST":
        choices = set(FirmAssessment.Result.values)
        for row in rows:
            pk = row["firm"].pk
            row["result"] = request.POST.get(f"result_{pk}", "")
            row["remarks"] = request.POST.get(f"remarks_{pk}", "").strip()
            if row["result"] and row["result"] not in choices:
                row["error"] = _("考核结果无效。")
            elif row["result"] == FirmAssessment.Result.FAIL and not row["remarks"]:
                row["error"] = _("考核不合格须在备注中写明原因。")
            elif len(row["remarks"]) > 300:
                row["error"] = _("备注不能超过300字。")
        errors = sum(1 for row in rows if row["error"])
        if not errors:
            services.firm_assessments_save(
                year=year, results={row["firm"].pk: (row["result"], row["remarks"]) for row in rows}
            )
            messages.success(request, _("已保存%(year)s年度律师事务所考核结果。") % {"year": year})
            return redirect("firms:firm_assessments", year=year)
        messages.error(request, _("有%(n)s处需要更正，未保存任何结果。") % {"n": errors})
    return render(
        request,
        "firms/firm_assessments.html",
        {
            "rows": rows,
            "year": year,
            "choices": FirmAssessment.Result.choices,
            "years": range(timezone.localdate().year, 2014, -1),
        },
    )


@bureau_required
def lawyer_assessments(request, firm_id, year):
    _check_year(year)
    firm = _get_firm_for_user(request, firm_id)
    lawyers = firm.lawyers.exclude(status=Lawyer.Status.DEREGISTERED).order_by(Collate("name", PINYIN))
    existing = {a.lawyer_id: a for a in LawyerAssessment.objects.filter(year=year, lawyer__firm=firm)}
    if request.method == "POST":
        choices = set(LawyerAssessment.Result.values)
        results = {}
        for lawyer in lawyers:
            result = request.POST.get(f"result_{lawyer.pk}", "")
            results[lawyer.pk] = (
                result if result in choices else "",
                request.POST.get(f"remarks_{lawyer.pk}", "").strip()[:300],
            )
        services.lawyer_assessments_save(year=year, results=results)
        messages.success(request, _("已保存。"))
        return redirect("firms:firm_detail", firm_id=firm.pk)
    return render(
        request,
        "firms/lawyer_assessments.html",
        {
            "firm": firm,
            "year": year,
            "rows": [(x, existing.get(x.pk)) for x in lawyers],
            "choices": LawyerAssessment.Result.choices,
        },
    )


def restructuring_detail(request, firm_id):
    firm = _get_firm_for_user(request, firm_id)
    restructuring = Restructuring.objects.filter(firm=firm).first()
    can_edit = selectors.can_edit_registry(request.user)
    if restructuring is None:
        if not can_edit or firm.organisation_form != Firm.Form.STATE:
            return render(request, "firms/restructuring.html", {"firm": firm, "restructuring": None})
        if request.method == "POST" and request.POST.get("action") == "start":
            target = request.POST.get("target_form") or Firm.Form.PARTNERSHIP
            if target not in Firm.Form.values or target == Firm.Form.STATE:
                return HttpResponseBadRequest()
            with transaction.atomic():
                restructuring = Restructuring.objects.create(
                    firm=firm, target_form=target, started_on=datetime.date.today()
                )
                RestructuringStep.objects.bulk_create(
                    [RestructuringStep(restructuring=restructuring, step=s) for s in RestructuringStep.Step]
                )
            return redirect("firms:restructuring", firm_id=firm.pk)
    steps = list(restructuring.steps.prefetch_related("documents")) if restructuring else []
    step_forms = {s.pk: RestructuringStepForm(instance=s, prefix=f"s{s.pk}") for s in steps}
    doc_form = RestructuringDocumentForm()
    if request.method == "POST" and can_edit and restructuring:
        step_id = request.POST.get("step", "")
        if not (step_id.isascii() and step_id.isdecimal()):
            raise Http404
        step = get_object_or_404(RestructuringStep, pk=int(step_id), restructuring=restructuring)
        if request.POST.get("action") == "upload":
            doc_form = RestructuringDocumentForm(request.POST, request.FILES)
            if doc_form.is_valid():
                document = doc_form.save(commit=False)
                document.step, document.uploaded_by = step, request.user
                document.save()
                messages.success(request, _("已上传文件。"))
                return redirect("firms:restructuring", firm_id=firm.pk)
        else:
            form = RestructuringStepForm(request.POST, instance=step, prefix=f"s{step.pk}")
            step_forms[step.pk] = form
            if form.is_valid():
                form.save()
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
    firm = _get_firm_for_user(request, firm_id)
    document = get_object_or_404(RestructuringDocument, pk=document_id, step__restructuring__firm=firm)
    return FileResponse(
        document.file.open("rb"), as_attachment=True, filename=document.file.name.rsplit("/", 1)[-1]
    )
