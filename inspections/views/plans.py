"""Bureau pages: plans, draws, the draw record, the publication queue, registers and checklists."""

import segno
from django.conf import settings
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db.models import Prefetch
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from bureau.forms import apply_errors
from bureau.models import BureauSettings
from bureau.pdf import render_pdf
from bureau.permissions import bureau_required
from firms.models import Firm

from .. import selectors, services
from ..filters import PlanFilter, PublicationFilter
from ..forms import ChecklistItemForm, ChecklistTemplateForm, ConflictForm, DrawForm, InspectorForm, PlanForm
from ..models import ChecklistTemplate, Conflict, Draw, Inspector, Plan
from .common import PAGE_SIZE, pdf_response, querystring_without_page


@bureau_required
def plan_list(request):
    filterset = PlanFilter(request.GET, queryset=selectors.plan_list())
    page = Paginator(filterset.qs, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "inspections/plan_list.html",
        {"filter": filterset, "page": page, "query": querystring_without_page(request)},
    )


@bureau_required
def plan_create(request):
    form = PlanForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            plan = services.plan_create(created_by=request.user, **form.cleaned_data)
        except ValidationError as exc:
            apply_errors(form, exc)
        else:
            messages.success(request, _("抽查计划已创建。"))
            return redirect("inspections:plan_detail", plan_id=plan.pk)
    return render(request, "inspections/plan_form.html", {"form": form})


def _plan_context(plan, draw_form=None):
    draws = list(selectors.plan_draws(plan))
    current = next((d for d in draws if not hasattr(d, "superseded_by")), None)
    return {
        "plan": plan,
        "draws": draws,
        "current_draw": current,
        "inspections": selectors.inspection_list_for_plan(plan),
        "draw_form": draw_form or DrawForm(),
    }


@bureau_required
def plan_detail(request, plan_id):
    plan = get_object_or_404(Plan.objects.select_related("checklist", "created_by"), pk=plan_id)
    return render(request, "inspections/plan_detail.html", _plan_context(plan))


def _draw_confirmation(request, plan, form, redraw):
    """The page that asks once more before a draw: its result is archived and published for
    anyone to verify, and cannot be taken back (a re-draw keeps the earlier one on record)."""
    if plan.sampling == Plan.Sampling.RATIO:
        sampling = _("按比例 %(p)s%%") % {"p": plan.ratio_percent}
    else:
        sampling = _("按数量 %(n)s 家") % {"n": plan.target_count}
    facts = [
        (_("抽查计划"), plan.title),
        (_("类型"), plan.get_kind_display()),
        (_("抽取方式"), sampling),
        (_("每所检查人员数"), plan.inspectors_per_target),
        (_("改制中的律所"), _("纳入") if plan.restructuring_eligible else _("不纳入")),
    ]
    if redraw:
        facts.append((_("重新抽取理由"), form.cleaned_data["reason"]))
    return render(
        request,
        "inspections/confirm.html",
        {
            "title": _("确认重新抽取") if redraw else _("确认抽取"),
            "facts": facts,
            "warning": _(
                "抽取结果一经生成即存档并公开供复核，不能修改或撤回；重新抽取须写明理由，原抽取记录保留。"
            ),
            "hidden_form": form,
            "action_url": request.path,
            "back_url": reverse("inspections:plan_detail", args=[plan.pk]),
            "button": _("确认重新抽取") if redraw else _("确认抽取"),
        },
    )


@require_POST
@bureau_required
def plan_draw(request, plan_id):
    plan = get_object_or_404(Plan, pk=plan_id)
    form = DrawForm(request.POST)
    redraw = plan.draws.exists()
    if redraw and form.is_valid() and not form.cleaned_data["reason"].strip():
        form.add_error("reason", _("重新抽取须写明理由。"))
    if form.is_valid() and request.POST.get("confirmed") != "1":
        return _draw_confirmation(request, plan, form, redraw)
    if form.is_valid():
        try:
            draw = services.draw_plan(plan=plan, user=request.user, reason=form.cleaned_data["reason"])
        except ValidationError as exc:
            apply_errors(form, exc)
        else:
            messages.success(request, _("抽取完成，共抽中%(n)s家律所。") % {"n": len(draw.result["targets"])})
            return redirect("inspections:draw_detail", draw_id=draw.pk)
    return render(request, "inspections/plan_detail.html", _plan_context(plan, form), status=400)


def _draw_context(draw):
    target_ids = [t["id"] for t in draw.result["targets"]]
    inspector_ids = {i for t in draw.result["targets"] for i in t["inspectors"]}
    firms = dict(Firm.objects.filter(pk__in=target_ids).values_list("pk", "name"))
    inspectors = {i.pk: i for i in Inspector.objects.filter(pk__in=inspector_ids).select_related("user")}
    rows = [
        {
            "position": n,
            "firm_id": t["id"],
            "firm": firms.get(t["id"], ""),
            "rank": t["rank"],
            "inspectors": [inspectors.get(i) for i in t["inspectors"]],
        }
        for n, t in enumerate(draw.result["targets"], 1)
    ]
    return {
        "draw": draw,
        "rows": rows,
        "verification": services.verify_draw(draw),
        "n_targets": len(draw.targets_listing.split("\n")) if draw.targets_listing else 0,
        "n_inspectors": len(draw.inspectors_listing.split("\n")) if draw.inspectors_listing else 0,
        "n_avoid": len(draw.avoidance_listing.split("\n")) if draw.avoidance_listing else 0,
    }


def _get_draw(draw_id):
    return get_object_or_404(
        Draw.objects.select_related("plan", "drawn_by", "supersedes", "superseded_by"), pk=draw_id
    )


@bureau_required
def draw_detail(request, draw_id):
    return render(request, "inspections/draw_detail.html", _draw_context(_get_draw(draw_id)))


@bureau_required
def draw_record_pdf(request, draw_id):
    draw = _get_draw(draw_id)
    # The printed record must lead a reader to the public check from paper: the full address of
    # the site (a setting) and the same address as a QR code.
    verify_url = settings.PORTAL_BASE_URL.rstrip("/") + reverse(
        "inspections:public_draw_verify", args=[draw.pk]
    )
    context = {
        **_draw_context(draw),
        "bureau_name": BureauSettings.load().bureau_name,
        "verify_url": verify_url,
        "verify_qr": segno.make(verify_url, error="m").png_data_uri(scale=8, border=2),
    }
    pdf = render_pdf("inspections/pdf/draw_record.html", context)
    return pdf_response(pdf, f"draw-{draw.pk}.pdf")


@bureau_required
def publication_queue(request):
    filterset = PublicationFilter(request.GET, queryset=selectors.publication_queue())
    page = Paginator(filterset.qs, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "inspections/publication_queue.html",
        {
            "filter": filterset,
            "page": page,
            "query": querystring_without_page(request),
            "today": timezone.localdate(),
        },
    )


def _one_of_two_forms(request, choices):
    """A page with two forms, told apart by the posted `form` field. `choices` maps that field's
    value to (form class, prefix, service). Returns the bound or blank forms by name, and whether
    the posted one was saved."""
    which = request.POST.get("form") if request.method == "POST" else None
    forms = {
        name: form_class(request.POST if which == name else None, prefix=prefix)
        for name, (form_class, prefix, _service) in choices.items()
    }
    if which in forms and forms[which].is_valid():
        try:
            choices[which][2](**forms[which].cleaned_data)
        except ValidationError as exc:
            apply_errors(forms[which], exc)
        else:
            return forms, True
    return forms, False


@bureau_required
def registers(request):
    """The inspector register and declared conflicts; the target register is every practising firm."""
    forms, saved = _one_of_two_forms(
        request,
        {
            "conflict": (ConflictForm, "conflict", services.conflict_declare),
            "inspector": (InspectorForm, "inspector", services.inspector_register),
        },
    )
    if saved:
        messages.success(request, _("检查人员名录已更新。"))
        return redirect("inspections:registers")
    inspectors = Inspector.objects.select_related("user").prefetch_related(
        Prefetch("conflicts", queryset=Conflict.objects.select_related("firm"))
    )
    return render(
        request,
        "inspections/registers.html",
        {"inspectors": inspectors, "form": forms["conflict"], "inspector_form": forms["inspector"]},
    )


@require_POST
@bureau_required
def inspector_toggle(request, inspector_id):
    inspector = get_object_or_404(Inspector, pk=inspector_id)
    services.inspector_set_active(inspector=inspector, is_active=not inspector.is_active)
    messages.success(request, _("检查人员名录已更新。"))
    return redirect("inspections:registers")


@bureau_required
def checklists(request):
    """检查表: templates and their items, editable by the bureau."""
    forms, saved = _one_of_two_forms(
        request,
        {
            "template": (ChecklistTemplateForm, "template", services.checklist_template_create),
            "item": (ChecklistItemForm, "item", services.checklist_item_add),
        },
    )
    if saved:
        messages.success(request, _("检查表已保存。"))
        return redirect("inspections:checklists")
    templates = ChecklistTemplate.objects.prefetch_related("items")
    return render(
        request,
        "inspections/checklists.html",
        {"templates": templates, "template_form": forms["template"], "item_form": forms["item"]},
    )
