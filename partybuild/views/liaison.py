"""Liaison officers (党建联络员) and their training."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import Count, Sum
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from bureau.forms import apply_errors
from bureau.permissions import bureau_required

from .. import services
from ..forms import LiaisonForm, TrainingForm
from ..models import LiaisonOfficer, LiaisonTraining


@bureau_required
def liaison_list(request):
    officers = (
        LiaisonOfficer.objects.prefetch_related("firms", "branches")
        .annotate(
            training_count=Count("trainings", distinct=True),
            training_hours=Sum("trainings__hours"),
        )
        .order_by("name")
    )
    trainings = LiaisonTraining.objects.prefetch_related("attendees").order_by("-held_on")[:50]
    liaison_form = LiaisonForm(request.POST if "liaison" in request.POST else None, prefix="l")
    training_form = TrainingForm(
        request.POST if "training" in request.POST else None,
        prefix="t",
        initial={"held_on": timezone.localdate()},
    )
    if request.method == "POST":
        try:
            if "liaison" in request.POST and liaison_form.is_valid():
                services.liaison_create(**liaison_form.cleaned_data)
                messages.success(request, _("联络员已登记。"))
                return redirect("partybuild:liaison_list")
            if "training" in request.POST and training_form.is_valid():
                services.liaison_training_record(**training_form.cleaned_data)
                messages.success(request, _("培训已登记。"))
                return redirect("partybuild:liaison_list")
        except ValidationError as exc:
            apply_errors(liaison_form if "liaison" in request.POST else training_form, exc)
    return render(
        request,
        "partybuild/liaisons.html",
        {
            "officers": officers,
            "trainings": trainings,
            "liaison_form": liaison_form,
            "training_form": training_form,
        },
    )
