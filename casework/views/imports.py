"""Bulk entry of a firm's cases and service logs from a spreadsheet: the template, the firm to
import for (bureau staff choose one; a director has their own) and the upload with its report."""

from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render

from bureau import spreadsheets
from bureau.permissions import is_bureau
from firms.forms import ImportForm

from .. import imports, selectors
from .common import casework_reader

# How many imported cases with conflict-search hits the report page lists in full.
HIT_ROWS_SHOWN = 200


def _kind(kind):
    if kind not in imports.KINDS:
        raise Http404
    return kind


def _firm_for_import(request, firm_id):
    """Bureau staff import for any firm; a director only for their own (another firm: 404)."""
    return get_object_or_404(selectors.importable_firms(request.user), pk=firm_id)


@casework_reader
def import_start(request):
    firms = selectors.importable_firms(request.user).order_by("name")
    if not is_bureau(request.user):
        firm = firms.first()
        if firm is None:
            raise Http404
        return redirect("casework:import_upload", firm_id=firm.pk, kind="cases")
    return render(request, "casework/import_start.html", {"firms": firms.only("id", "name")})


@casework_reader
def import_template(request, kind):
    kind = _kind(kind)
    return spreadsheets.xlsx_response(f"{kind}-import-template", imports.template(kind), stamp=False)


@casework_reader
def import_upload(request, firm_id, kind):
    kind = _kind(kind)
    firm = _firm_for_import(request, firm_id)
    form = ImportForm(request.POST or None, request.FILES or None)
    result = None
    if request.method == "POST" and form.is_valid():
        result = imports.run_import(
            kind, form.cleaned_data["file"], firm=firm, user=request.user, on_behalf=is_bureau(request.user)
        )
    with_hits = [row for row in result.imported if row["hits"]] if result else []
    return render(
        request,
        "casework/import.html",
        {
            "form": form,
            "firm": firm,
            "kind": kind,
            "kinds": imports.KINDS,
            "title": imports.KINDS[kind]["title"],
            "columns": imports.KINDS[kind]["columns"](),
            "notes": imports.KINDS[kind]["notes"](),
            "result": result,
            "with_hits": with_hits[:HIT_ROWS_SHOWN],
            "with_hits_count": len(with_hits),
            "on_behalf": is_bureau(request.user),
        },
        status=400 if result and not result.ok else 200,
    )
