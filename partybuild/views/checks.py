"""The rule checks page: what the Party-building records break, by rule. The page shows each
check's full count and its first rows; each check's own page lists all its rows, a page at a time."""

from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import render
from django.utils import timezone

from bureau.http import year_param
from bureau.permissions import bureau_required

from .. import checks
from ..models import PartySettings

# Rows shown per check on the summary page; the heading gives the full count and links to the rest.
PREVIEW_ROWS = 10
# Rows per page of a check's own list.
SECTION_ROWS = 50


@bureau_required
def check_list(request):
    year = year_param(request)
    findings = checks.all_findings(year, limit=PREVIEW_ROWS)
    counts = findings["counts"]
    sections = checks.section_counts(counts)
    shown = checks.section_counts({name: len(findings[name]) for name in counts})
    more = {name: sections[name] > shown[name] for name in sections}
    return render(
        request,
        "partybuild/checks.html",
        {
            "year": year,
            "f": findings,
            "counts": counts,
            "sections": sections,
            "more": more,
            "total": sum(counts.values()),
            "limit": PREVIEW_ROWS,
            "settings": findings["settings"],
            "today": timezone.localdate(),
        },
    )


@bureau_required
def check_section(request, section):
    """Every finding of one check (a section of the summary page), SECTION_ROWS a page."""
    if section not in checks.SECTIONS:
        raise Http404
    year = year_param(request)
    settings = PartySettings.load()
    rows = checks.section_rows(section, year, timezone.localdate(), settings)
    page = Paginator(rows, SECTION_ROWS).get_page(request.GET.get("page"))
    return render(
        request,
        "partybuild/check_section.html",
        {
            "section": section,
            "year": year,
            "page": page,
            "rows": page.object_list,
            "settings": settings,
            "today": timezone.localdate(),
            "query": f"year={year}",
        },
    )
