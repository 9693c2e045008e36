"""Excel import of firms and lawyers: the template and the upload."""

from django.http import Http404, HttpResponse
from django.shortcuts import render

from bureau.permissions import bureau_required

from .. import imports
from ..forms import ImportForm

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _kind(kind):
    if kind not in ("firms", "lawyers"):
        raise Http404
    return kind


@bureau_required
def import_template(request, kind):
    response = HttpResponse(imports.template_bytes(_kind(kind)), content_type=XLSX)
    response["Content-Disposition"] = f'attachment; filename="{kind}-import-template.xlsx"'
    return response


@bureau_required
def import_upload(request, kind):
    kind = _kind(kind)
    form = ImportForm(request.POST or None, request.FILES or None)
    result = None
    if request.method == "POST" and form.is_valid():
        importer = imports.import_firms if kind == "firms" else imports.import_lawyers
        result = importer(form.cleaned_data["file"])
    return render(
        request,
        "firms/import.html",
        {
            "form": form,
            "kind": kind,
            "title": imports.IMPORT_TITLES[kind],
            "result": result,
            "empty_cell_rule": imports.EMPTY_CELL_RULE,
        },
    )
