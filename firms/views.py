"""Registry pages: firms and lawyers (lists, pages, edits, exports)."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db.models.functions import Collate
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from bureau.concurrency import StaleEdit
from bureau.forms import apply_errors
from bureau.models import BureauSettings
from bureau.permissions import Role, bureau_required, has_role, role_required

from . import selectors, services
from .exports import xlsx_bytes
from .filters import FirmFilter, LawyerFilter
from .forms import (
    DirectorAccountForm,
    FacilitiesForm,
    FirmForm,
    LawyerCreateForm,
    LawyerForm,
    RatingForm,
    TransferForm,
)
from .models import PINYIN, Lawyer, PracticeRecord, Restructuring, RestructuringStep, StandardisationRating

PAGE_SIZE = 25
EXPORT_LIMIT = 100_000


def _page(request, queryset):
    paginator = Paginator(queryset, PAGE_SIZE)
    return paginator.get_page(request.GET.get("page"))


def _querystring_without_page(request):
    params = request.GET.copy()
    params.pop("page", None)
    return params.urlencode()


def _xlsx_response(name, content):
    response = HttpResponse(
        content, content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    )
    stamp = timezone.localtime().strftime("%Y%m%d-%H%M")
    response["Content-Disposition"] = f'attachment; filename="{name}-{stamp}.xlsx"'
    return response


# Firms ------------------------------------------------------------------------------------------


def firm_list(request):
    firms = selectors.with_list_annotations(selectors.visible_firms(request.user)).select_related("director")
    filterset = FirmFilter(request.GET, queryset=firms)
    if request.GET.get("export") == "xlsx":
        return _firm_export(filterset.qs)
    return render(
        request,
        "firms/firm_list.html",
        {
            "filter": filterset,
            "page": _page(request, filterset.qs),
            "query": _querystring_without_page(request),
            "can_edit": selectors.can_edit_registry(request.user),
        },
    )


def _firm_export(firms):
    headers = [
        _("名称"),
        _("简称"),
        _("统一社会信用代码"),
        _("执业许可证号"),
        _("组织形式"),
        _("状态"),
        _("成立日期"),
        _("主任"),
        _("执业律师人数"),
        _("规范化评定"),
        _("地址"),
        _("联系电话"),
    ]
    levels = dict(StandardisationRating.Level.choices)
    rows = (
        (
            f.name,
            f.short_name,
            f.credit_code,
            f.licence_no or "",
            f.get_organisation_form_display(),
            f.get_status_display(),
            f.founded_on,
            f.director.name if f.director else "",
            f.lawyer_count,
            str(levels.get(f.rating_level, "")),
            f.address,
            f.phone,
        )
        for f in firms[:EXPORT_LIMIT]
    )
    return _xlsx_response("firms", xlsx_bytes(_("律师事务所"), headers, rows))


def _get_firm_for_user(request, firm_id):
    """The firm if the user may see it; 404 otherwise (no hint that it exists)."""
    return get_object_or_404(selectors.visible_firms(request.user).select_related("director"), pk=firm_id)


def firm_detail(request, firm_id):
    firm = _get_firm_for_user(request, firm_id)
    year = timezone.localdate().year
    roster = selectors.training_hours(year, firm.lawyers.all()).order_by(Collate("name", PINYIN))
    restructuring = Restructuring.objects.filter(firm=firm).first()
    steps = list(restructuring.steps.all()) if restructuring else []
    required = BureauSettings.load().training_hours_required
    roster = list(roster)
    return render(
        request,
        "firms/firm_detail.html",
        {
            "firm": firm,
            "roster": roster,
            "ratings": firm.ratings.all(),
            "current_rating": firm.current_rating(),
            "assessments": firm.assessments.all()[:5],
            "restructuring": restructuring,
            "steps": steps,
            "steps_done": sum(1 for s in steps if s.status == RestructuringStep.Status.DONE),
            "year": year,
            "required_hours": required,
            "short_count": sum(
                1
                for lawyer in roster
                if lawyer.status == Lawyer.Status.PRACTISING and lawyer.year_hours < required
            ),
            "can_edit": selectors.can_edit_registry(request.user),
            "can_edit_facilities": selectors.can_edit_facilities(request.user, firm),
            "can_see_ids": selectors.can_see_id_numbers(request.user),
            "is_admin": has_role(request.user, Role.BUREAU_ADMIN),
            "sections": selectors.other_app_sections(request.user, firm),
        },
    )


@bureau_required
def firm_create(request):
    form = FirmForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = {k: v for k, v in form.cleaned_data.items() if k != "version"}
        try:
            firm = services.firm_create(**data)
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, _("已登记律师事务所：%(name)s") % {"name": firm.name})
            return redirect("firms:firm_detail", firm_id=firm.pk)
    return render(request, "firms/firm_form.html", {"form": form, "title": _("登记律师事务所")})


def firm_edit(request, firm_id):
    firm = _get_firm_for_user(request, firm_id)
    if selectors.can_edit_registry(request.user):
        form_class, title = FirmForm, _("编辑律师事务所")
    elif selectors.can_edit_facilities(request.user, firm):
        form_class, title = FacilitiesForm, _("编辑联系方式与办公设施")
    else:
        raise PermissionDenied
    form = form_class(request.POST or None, instance=firm)
    if request.method == "POST" and form.is_valid():
        try:
            services.firm_update(
                firm=form.instance,
                expected_version=form.expected_version(),
                fields=[f for f in form.Meta.fields if f in form.fields],
            )
        except StaleEdit as exc:
            form.add_error(None, exc)
        except ValidationError as exc:
            apply_errors(form, exc)
        else:
            messages.success(request, _("已保存。"))
            return redirect("firms:firm_detail", firm_id=firm.pk)
    return render(request, "firms/firm_form.html", {"form": form, "title": title, "firm": firm})


@bureau_required
def rating_add(request, firm_id):
    firm = _get_firm_for_user(request, firm_id)
    form = RatingForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        rating = form.save(commit=False)
        rating.firm = firm
        rating.full_clean()
        rating.save()
        messages.success(request, _("已记录规范化评定。"))
        return redirect("firms:firm_detail", firm_id=firm.pk)
    return render(
        request, "firms/simple_form.html", {"form": form, "firm": firm, "title": _("记录规范化评定")}
    )


@role_required(Role.BUREAU_ADMIN)
def director_account(request, firm_id):
    firm = _get_firm_for_user(request, firm_id)
    form = DirectorAccountForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            user, password = services.director_account_create(
                firm=firm, username=form.cleaned_data["username"]
            )
        except ValidationError as exc:
            apply_errors(form, exc)
        else:
            return render(
                request,
                "firms/director_account_done.html",
                {"firm": firm, "account": user, "password": password},
            )
    return render(
        request,
        "firms/simple_form.html",
        {
            "form": form,
            "firm": firm,
            "title": _("为主任%(name)s创建平台账号") % {"name": firm.director.name if firm.director else "—"},
        },
    )


# Lawyers ----------------------------------------------------------------------------------------


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
            "page": _page(request, filterset.qs),
            "query": _querystring_without_page(request),
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
    return _xlsx_response("lawyers", xlsx_bytes(_("律师"), headers, rows))


def _get_lawyer_for_user(request, lawyer_id):
    return get_object_or_404(selectors.visible_lawyers(request.user).select_related("firm"), pk=lawyer_id)


def lawyer_detail(request, lawyer_id):
    lawyer = _get_lawyer_for_user(request, lawyer_id)
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
            form.add_error(None, exc)
        else:
            messages.success(request, _("已登记律师：%(name)s") % {"name": lawyer.name})
            return redirect("firms:lawyer_detail", lawyer_id=lawyer.pk)
    return render(request, "firms/lawyer_form.html", {"form": form, "title": _("登记律师")})


@bureau_required
def lawyer_edit(request, lawyer_id):
    lawyer = _get_lawyer_for_user(request, lawyer_id)
    form = LawyerForm(request.POST or None, instance=lawyer)
    if request.method == "POST" and form.is_valid():
        try:
            services.lawyer_update(
                lawyer=form.instance, expected_version=form.expected_version(), fields=LawyerForm.Meta.fields
            )
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, _("已保存。"))
            return redirect("firms:lawyer_detail", lawyer_id=lawyer.pk)
    return render(
        request, "firms/lawyer_form.html", {"form": form, "title": _("编辑律师信息"), "lawyer": lawyer}
    )


@bureau_required
def lawyer_transfer(request, lawyer_id):
    lawyer = _get_lawyer_for_user(request, lawyer_id)
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
