"""Public pages (双随机一公开): published results and the verification of any draw. They show firms,
dates, results and the draw's inputs, inspectors by register number only, never a person's name
or data. A citizen can download the published inputs and a stand-alone script (Python standard
library only) that recomputes the draw."""

import json
from pathlib import Path

from django.contrib.auth.decorators import login_not_required
from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils.translation import gettext as _

from firms.models import Firm

from .. import draw as algorithm
from .. import selectors, services
from ..models import Draw
from .common import PAGE_SIZE

SCRIPT = Path(__file__).resolve().parent.parent / "public_files" / "verify_draw.py"


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
    names = _firm_names(draw)
    rows = [
        {**t, "firm": names.get(t["id"], ""), "inspectors": _("、").join(str(i) for i in t["inspectors"])}
        for t in draw.result.get("targets", [])
    ]
    pool = [{"id": i, "firm": names.get(i, "")} for i in algorithm.parse_ids(draw.targets_listing)]
    return render(
        request,
        "inspections/public/draw_verify.html",
        {
            "draw": draw,
            "superseded_by": superseded_by,
            "rows": rows,
            "pool": pool,
            "n_inspectors": len(algorithm.parse_ids(draw.inspectors_listing)),
            "n_avoid": len(algorithm.parse_pairs(draw.avoidance_listing)),
            "verification": services.verify_draw(draw),
        },
    )


def _firm_names(draw):
    """Names of every firm in the draw's target listing (firm names are public: the directory)."""
    return dict(
        Firm.objects.filter(pk__in=algorithm.parse_ids(draw.targets_listing)).values_list("pk", "name")
    )


@login_not_required
def draw_inputs(request, draw_id):
    """The published inputs and result of a draw, as the JSON file the script reads."""
    draw = get_object_or_404(Draw, pk=draw_id)
    data = {
        "draw": draw.pk,
        "seed": draw.seed,
        "targets_listing": draw.targets_listing,
        "targets_hash": draw.targets_hash,
        "inspectors_listing": draw.inspectors_listing,
        "inspectors_hash": draw.inspectors_hash,
        "avoidance_listing": draw.avoidance_listing,
        "avoidance_hash": draw.avoidance_hash,
        "n": draw.target_count,
        "k": draw.inspectors_per_target,
        "result": draw.result,
        "firms": {str(pk): name for pk, name in sorted(_firm_names(draw).items())},
    }
    response = HttpResponse(
        json.dumps(data, ensure_ascii=False, indent=1), content_type="application/json; charset=utf-8"
    )
    response["Content-Disposition"] = f'attachment; filename="draw-{draw.pk}.json"'
    return response


@login_not_required
def verify_script(request):
    """The stand-alone verification script, as a file download."""
    response = HttpResponse(SCRIPT.read_bytes(), content_type="text/x-python; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="verify_draw.py"'
    return response
