"""Firm pages: the list and its export, the firm page, registration, edits, ratings and the
director's account."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models.functions import Collate
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from bureau.concurrency import StaleEdit
from bureau.contrib import registry
from bureau.forms import apply_errors
from bureau.models import BureauSettings
from bureau.permissions import Role, bureau_required, has_role, role_required
from bureau.spreadsheets import xlsx_response

from .. import selectors, services
from ..exports import xlsx_bytes
from ..filters import FirmFilter
from ..forms import DirectorAccountForm, FacilitiesForm, FirmForm, RatingForm
from ..models import PINYIN, Lawyer, Restructuring, RestructuringStep, StandardisationRating
from .common import get_firm_for_user, page_of, querystring_without_page

EXPORT_LIMIT = 100_000
# The firm page shows the latest improvements; the report counts them all.
IMPROVEMENTS_SHOWN = 20


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
            "page": page_of(request, filterset.qs),
            "query": querystring_without_page(request),
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
    return xlsx_response("firms", xlsx_bytes(_("律师事务所"), headers, rows))


def firm_detail(request, firm_id):
    firm = get_firm_for_user(request, firm_id)
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
            "improvements": firm.improvements.all()[:IMPROVEMENTS_SHOWN],
            "stations": firm.stations.all(),
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
            "sections": registry.firm_sections(request.user, firm),
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
            apply_errors(form, exc)
        else:
            messages.success(request, _("已登记律师事务所：%(name)s") % {"name": firm.name})
            return redirect("firms:firm_detail", firm_id=firm.pk)
    return render(request, "firms/firm_form.html", {"form": form, "title": _("登记律师事务所")})


def firm_edit(request, firm_id):
    firm = get_firm_for_user(request, firm_id)
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
                status_changed_on=form.cleaned_data.get("status_changed_on"),
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
    firm = get_firm_for_user(request, firm_id)
    form = RatingForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.rating_add(firm=firm, **form.cleaned_data)
        except ValidationError as exc:
            apply_errors(form, exc)
        else:
            messages.success(request, _("已记录规范化评定。"))
            return redirect("firms:firm_detail", firm_id=firm.pk)
    return render(
        request, "firms/simple_form.html", {"form": form, "firm": firm, "title": _("记录规范化评定")}
    )


@role_required(Role.BUREAU_ADMIN)
def director_account(request, firm_id):
    firm = get_firm_for_user(request, firm_id)
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
