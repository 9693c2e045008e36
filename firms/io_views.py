"""Excel import pages and the public firm directory."""

from django.contrib.auth.decorators import login_not_required
from django.core.paginator import Paginator
from django.db.models.functions import Collate
from django.http import Http404, HttpResponse
from django.shortcuts import render

from bureau.permissions import bureau_required

from . import imports, selectors
from .forms import ImportForm
from .models import PINYIN, Firm

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
        {"form": form, "kind": kind, "title": imports.IMPORT_TITLES[kind], "result": result},
    )


@login_not_required
def public_directory(request):
    """The public firm directory: name, address, phone, form, lawyer count and current rating only."""
    firms = (
        selectors.with_list_annotations(Firm.objects.exclude(status=Firm.Status.DEREGISTERED))
        .only("id", "name", "address", "phone", "organisation_form", "status")
        .order_by(Collate("name", PINYIN), "id")
    )
    query = request.GET.get("q", "").strip()
    if query:
        firms = firms.filter(name__icontains=query)
    page = Paginator(firms, 30).get_page(request.GET.get("page"))
    return render(
        request,
        "public/firm_directory.html",
        {"page": page, "q": query, "query": f"q={query}" if query else ""},
    )
