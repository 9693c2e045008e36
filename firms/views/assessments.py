"""Annual assessments (年度检查考核): a year's firms on one page, a firm's lawyers on another."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models.functions import Collate
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from bureau.permissions import bureau_required

from .. import services
from ..models import PINYIN, Firm, FirmAssessment, Lawyer, LawyerAssessment
from .common import get_firm_for_user


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
        for row in rows:
            pk = row["firm"].pk
            row["result"] = request.POST.get(f"result_{pk}", "")
            row["remarks"] = request.POST.get(f"remarks_{pk}", "").strip()
        try:
            services.firm_assessments_save(
                year=year, results={row["firm"].pk: (row["result"], row["remarks"]) for row in rows}
            )
        except ValidationError as exc:
            problems = exc.message_dict
            for row in rows:
                row["error"] = " ".join(problems.get(str(row["firm"].pk), []))
            messages.error(request, _("有%(n)s处需要更正，未保存任何结果。") % {"n": len(problems)})
        else:
            messages.success(request, _("已保存%(year)s年度律师事务所考核结果。") % {"year": year})
            return redirect("firms:firm_assessments", year=year)
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
    firm = get_firm_for_user(request, firm_id)
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
