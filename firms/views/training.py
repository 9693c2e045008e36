"""Training pages: sessions, who attended, and the yearly shortfall list."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import Count
from django.db.models.functions import Collate
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from bureau.forms import apply_errors
from bureau.http import year_param
from bureau.models import BureauSettings
from bureau.permissions import bureau_required

from .. import selectors, services
from ..filters import TrainingSessionFilter
from ..forms import TrainingSessionForm
from ..models import PINYIN, TrainingSession
from .common import page_of


def _years():
    return range(timezone.localdate().year, 2014, -1)


@bureau_required
def training_list(request):
    year = year_param(request)
    sessions = (
        TrainingSession.objects.filter(held_on__year=year)
        .annotate(attendees=Count("attendances"))
        .order_by("-held_on", "id")
    )
    filterset = TrainingSessionFilter(request.GET, queryset=sessions)
    return render(
        request,
        "firms/training_list.html",
        {
            "sessions": filterset.qs,
            "filter": filterset,
            "kinds": TrainingSession.Kind.choices,
            "year": year,
            "years": _years(),
        },
    )


@bureau_required
def training_create(request):
    form = TrainingSessionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            session = services.training_session_create(**form.cleaned_data)
        except ValidationError as exc:
            apply_errors(form, exc)
        else:
            messages.success(request, _("已登记培训，请记录参训律师。"))
            return redirect("firms:training_detail", session_id=session.pk)
    return render(request, "firms/simple_form.html", {"form": form, "title": _("登记培训")})


@bureau_required
def training_detail(request, session_id):
    session = get_object_or_404(TrainingSession, pk=session_id)
    if request.method == "POST":
        chosen = {int(x) for x in request.POST.getlist("lawyer") if x.isascii() and x.isdecimal()}
        attending = services.training_attendance_set(session=session, lawyer_ids=chosen)
        messages.success(request, _("已保存参训名单：%(n)s人。") % {"n": len(attending)})
        return redirect("firms:training_detail", session_id=session.pk)
    lawyers = selectors.training_roll(session.held_on).order_by(
        Collate("firm__name", PINYIN), Collate("name", PINYIN)
    )
    return render(
        request,
        "firms/training_detail.html",
        {
            "session": session,
            "lawyers": lawyers,
            "attending": dict(session.attendances.values_list("lawyer_id", "hours")),
        },
    )


def training_shortfall(request):
    """Practising lawyers under the yearly hours requirement (bureau: all; director: own firm)."""
    year = year_param(request)
    lawyers = selectors.lawyers_short_of_training(year, selectors.visible_lawyers(request.user)).order_by(
        "year_hours", Collate("name", PINYIN)
    )
    return render(
        request,
        "firms/training_shortfall.html",
        {
            "page": page_of(request, lawyers, 50),
            "year": year,
            "required": BureauSettings.load().training_hours_required,
            "years": _years(),
        },
    )
