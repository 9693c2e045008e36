from django.contrib import admin
from django.shortcuts import render

from ..audit_list import parse_cursor, recent_events
from ..models import User

PAGE = 50


def audit_list(request):
    """The audit list in /admin/: every audit event, newest first, paged by a cursor (keyset)."""
    before = parse_cursor(request.GET.get("before", ""))
    events = recent_events(before=before, limit=PAGE)
    user_ids = {e["user_id"] for e in events} - {None}
    names = {u.pk: u.display_name for u in User.objects.filter(pk__in=user_ids)}
    for event in events:
        event["actor"] = names.get(event["user_id"], "")
    context = {
        **admin.site.each_context(request),
        "events": events,
        "next_before": events[-1]["cursor"] if len(events) == PAGE else "",
    }
    return render(request, "admin/bureau/audit_list.html", context)
