"""The rule checks page: what the Party-building records break, by rule."""

from django.shortcuts import render

from bureau.http import year_param
from bureau.permissions import bureau_required

from .. import checks

# Rows shown per check; the heading gives the full count. Keeps the page small at province scale.
CHECK_ROWS = 100


@bureau_required
def check_list(request):
    year = year_param(request)
    findings = checks.all_findings(year, limit=CHECK_ROWS)
    counts = findings["counts"]
    return render(
        request,
        "partybuild/checks.html",
        {"year": year, "f": findings, "counts": counts, "total": sum(counts.values()), "limit": CHECK_ROWS},
    )
