"""The public firm directory (anonymous)."""

from django.contrib.auth.decorators import login_not_required
from django.db.models.functions import Collate
from django.shortcuts import render

from .. import selectors
from ..models import PINYIN, Firm
from ..search import firm_search_q
from .common import page_of


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
        firms = firms.filter(firm_search_q(query))
    return render(
        request,
        "public/firm_directory.html",
        {"page": page_of(request, firms, 30), "q": query, "query": f"q={query}" if query else ""},
    )
