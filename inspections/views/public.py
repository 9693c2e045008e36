"""Public pages (双随机一公开): published results and the verification of any draw. They show firms,
dates, results and the draw's inputs by id, never a person's name or data."""

from django.contrib.auth.decorators import login_not_required
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, render

from firms.models import Firm

from .. import draw as algorithm
from .. import selectors, services
from ..models import Draw
from .common import PAGE_SIZE


@login_not_required
def published_list(request):
    page = Paginator(selectors.published_inspections(), PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "inspections/public/published_list.html", {"page": page})


@login_not_required
def draw_verify(request, draw_id):
    draw = get_object_or_404(
        Draw.objects.select_related("plan").only(
            "id",
            "algorithm",
            "seed",
            "targets_listing",
            "targets_hash",
            "inspectors_listing",
            "inspectors_hash",
            "avoidance_listing",
            "avoidance_hash",
            "target_count",
            "inspectors_per_target",
            "result",
            "frozen_at",
            "drawn_at",
            "reason",
            "supersedes_id",
            "plan__title",
            "plan__year",
            "plan__kind",
        ),
        pk=draw_id,
    )
    superseded_by = Draw.objects.filter(supersedes=draw).values_list("id", flat=True).first()
    # Firm names are public (the firm directory); inspectors appear by register id only.
    names = dict(
        Firm.objects.filter(pk__in=[t["id"] for t in draw.result.get("targets", [])]).values_list(
            "pk", "name"
        )
    )
    rows = [{**t, "firm": names.get(t["id"], "")} for t in draw.result.get("targets", [])]
    return render(
        request,
        "inspections/public/draw_verify.html",
        {
            "draw": draw,
            "superseded_by": superseded_by,
            "rows": rows,
            "verification": services.verify_draw(draw),
            "specification": algorithm.__doc__,
        },
    )
