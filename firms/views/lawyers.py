"""Lawyer pages: the list and its export, the lawyer page, registration, edits and transfers."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from bureau.forms import apply_errors
from bureau.permissions import bureau_required
from bureau.spreadsheets import xlsx_response

from .. import selectors, services
from ..exports import xlsx_bytes
from ..filters import LawyerFilter
from ..forms import LawyerCreateForm, LawyerForm, TransferForm
from ..models import PracticeRecord
from .common import get_lawyer_for_user, page_of, querystring_without_page
from .firms import EXPORT_LIMIT


def lawyer_list(request):
    lawyers = selectors.visible_lawyers(request.user).select_related("firm")
    filterset = LawyerFilter(
        request.GET,
        queryset=lawyers,
        firms=selectors.visible_firms(request.user),
        can_search_id=selectors.can_see_id_numbers(request.user),
    )
    if request.GET.get("export") == "xlsx":
        return _lawyer_export(filterset.qs, selectors.can_see_id_numbers(request.user))
    return render(
        request,
        "firms/lawyer_list.html",
        {
            "filter": filterset,
            "page": page_of(request, filterset.qs),
            "query": querystring_without_page(request),
            "can_edit": selectors.can_edit_registry(request.user),
            "can_see_ids": selectors.can_see_id_numbers(request.user),
        },
    )


def _lawyer_export(lawyers, show_ids):
    headers = [
        _("姓名"),
        _("性别"),
        _("身份证号码"),
        _("执业证号"),
        _("首次执业日期"),
        _("执业类别"),
        _("合伙人"),
        _("执业状态"),
        _("所在律所"),
        _("学历"),
        _("政治面貌"),
    ]
    rows = (
        (
            x.name,
            x.get_gender_display(),
            x.id_number if show_ids else x.masked_id_number,
            x.licence_no,
            x.licence_date,
            x.get_category_display(),
            _("是") if x.is_partner else _("否"),
            x.get_status_display(),
            x.firm.name,
            x.get_education_display(),
            x.get_political_status_display(),
        )
        for x in lawyers[:EXPORT_LIMIT]
    )
    return xlsx_response("lawyers", xlsx_bytes(_("律师"), headers, rows))


def lawyer_detail(request, lawyer_id):
    lawyer = get_lawyer_for_user(request, lawyer_id)
    records = PracticeRecord.objects.filter(lawyer=lawyer).select_related("firm")
    return render(
        request,
        "firms/lawyer_detail.html",
        {
            "lawyer": lawyer,
            "records": records,
            "assessments": lawyer.assessments.all(),
            "hours_by_year": selectors.hours_by_year(lawyer),
            "trainings": lawyer.trainings.select_related("session").order_by("-session__held_on")[:20],
            "can_edit": selectors.can_edit_registry(request.user),
            "can_see_ids": selectors.can_see_id_numbers(request.user),
        },
    )


@bureau_required
def lawyer_create(request):
    initial = {}
    if request.GET.get("firm"):
        initial["firm"] = request.GET["firm"]
    form = LawyerCreateForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = {k: v for k, v in form.cleaned_data.items() if k != "version"}
        try:
            lawyer = services.lawyer_create(**data)
        except ValidationError as exc:
            apply_errors(form, exc)
        else:
            messages.success(request, _("已登记律师：%(name)s") % {"name": lawyer.name})
            return redirect("firms:lawyer_detail", lawyer_id=lawyer.pk)
    return render(request, "firms/lawyer_form.html", {"form": form, "title": _("登记律师")})


@bureau_required
def lawyer_edit(request, lawyer_id):
    lawyer = get_lawyer_for_user(request, lawyer_id)
    form = LawyerForm(request.POST or None, instance=lawyer)
    if request.method == "POST" and form.is_valid():
        try:
            services.lawyer_update(
                lawyer=form.instance,
                expected_version=form.expected_version(),
                fields=LawyerForm.Meta.fields,
                changed_on=form.cleaned_data.get("changed_on"),
            )
        except ValidationError as exc:
            apply_errors(form, exc)
        else:
            messages.success(request, _("已保存。"))
            return redirect("firms:lawyer_detail", lawyer_id=lawyer.pk)
    return render(
        request, "firms/lawyer_form.html", {"form": form, "title": _("编辑律师信息"), "lawyer": lawyer}
    )


@bureau_required
def lawyer_transfer(request, lawyer_id):
    lawyer = get_lawyer_for_user(request, lawyer_id)
    form = TransferForm(request.POST or None, lawyer=lawyer)
    if request.method == "POST" and form.is_valid():
        try:
            services.lawyer_transfer(lawyer=lawyer, **form.cleaned_data)
        except ValidationError as exc:
            apply_errors(form, exc)
        else:
            messages.success(request, _("已办理转所。"))
            return redirect("firms:lawyer_detail", lawyer_id=lawyer.pk)
    return render(
        request,
        "firms/simple_form.html",
        {"form": form, "title": _("办理转所：%(name)s") % {"name": lawyer.name}, "lawyer": lawyer},
    )
