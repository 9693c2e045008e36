from django.db.models import Count, Q
from django.urls import reverse
from django.utils.translation import gettext as _
from pghistory.models import Events

from firms.models import Firm

from .models import Job, User
from .permissions import managed_firm_ids

DASHBOARD_APPS = ("firms", "casework", "partybuild", "inspections")


def _items(kind, user):
    """Attention items from each app's dashboard module: dicts with label, count, url, warn."""
    from importlib import import_module

    items = []
    for app in DASHBOARD_APPS:
        items.extend(getattr(import_module(f"{app}.dashboard"), f"{kind}_items")(user))
    return items


def _charts():
    from importlib import import_module

    from django.utils import timezone

    charts = []
    for app in DASHBOARD_APPS:
        builder = getattr(import_module(f"{app}.dashboard"), "bureau_charts", None)
        if builder:
            charts.extend(builder(timezone.localdate().year))
    return charts


def bureau_dashboard(user):
    firm_counts = Firm.objects.aggregate(
        total=Count("id"),
        practising=Count("id", filter=Q(status=Firm.Status.PRACTISING)),
    )
    registered = {
        "label": _("登记律师事务所"),
        "count": firm_counts["total"],
        "url": reverse("firms:firm_list"),
        "note": _("其中执业 %(n)s 家") % {"n": firm_counts["practising"]},
        "warn": False,
    }
    return {
        "firm_counts": firm_counts,
        "recent_jobs": Job.objects.select_related("created_by").order_by("-created_at")[:5],
        "items": [registered, *_items("bureau", user)],
        "charts": _charts(),
    }


def director_dashboard(user):
    return {
        "firms": Firm.objects.filter(id__in=managed_firm_ids(user)).order_by("name"),
        "items": _items("director", user),
    }


def inspector_dashboard(user):
    return {"items": _items("inspector", user)}


def is_audited(model):
    """True when pghistory tracks the model (its event model is registered)."""
    return any(getattr(m, "pgh_tracked_model", None) is model for m in _event_models())


def _event_models():
    from django.apps import apps

    return [m for m in apps.get_models() if hasattr(m, "pgh_tracked_model")]


def audit_events(obj, limit=200):
    """Events of one record, newest first, with the acting user's name resolved in one query."""
    events = list(Events.objects.tracks(obj).order_by("-pgh_created_at")[:limit])
    user_ids = {(e.pgh_context or {}).get("user") for e in events} - {None}
    names = {u.pk: u.display_name for u in User.objects.filter(pk__in=user_ids)}
    for event in events:
        context = event.pgh_context or {}
        event.actor = names.get(context.get("user"), "")
        event.url = context.get("url", "")
        event.changes = sorted((event.pgh_diff or {}).items())
    return events
