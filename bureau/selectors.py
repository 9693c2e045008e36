import datetime

from django.db import models
from django.utils import timezone
from django.utils.dateparse import parse_datetime
from django.utils.translation import gettext as _
from pghistory.models import Events

from .contrib import registry
from .jobs import kind_label
from .models import Job, User

# What each dashboard shows of the apps comes from the contribution registry (bureau.contrib):
# cards (label, count, url, warn), charts and panels, each built by the app that owns the records.


def _dashboard(dashboard, user):
    today = timezone.localdate()
    return {
        "items": registry.dashboard_cards(dashboard, user, today),
        "panels": registry.dashboard_panels(dashboard, user, today),
    }


def bureau_dashboard(user):
    return {
        **_dashboard("bureau", user),
        "recent_jobs": named_jobs(Job.objects.select_related("created_by").order_by("-created_at")[:5]),
        "charts": registry.dashboard_charts(timezone.localdate().year),
    }


def named_jobs(jobs):
    """The jobs, each with `kind_label`: its kind's name as registered with its handler."""
    jobs = list(jobs)
    for job in jobs:
        job.kind_label = kind_label(job.kind)
    return jobs


def director_dashboard(user):
    return _dashboard("director", user)


def inspector_dashboard(user):
    return _dashboard("inspector", user)


def is_audited(model):
    """True when pghistory tracks the model (its event model is registered)."""
    return any(getattr(m, "pgh_tracked_model", None) is model for m in _event_models())


def _event_models():
    from django.apps import apps

    return [m for m in apps.get_models() if hasattr(m, "pgh_tracked_model")]


def audit_events(obj, limit=200):
    """Events of one record, newest first, told in words (see describe_events)."""
    # Events of one transaction share their time; the event id keeps them in the order made.
    events = list(Events.objects.tracks(obj).order_by("-pgh_created_at", "-pgh_id")[:limit])
    return describe_events(type(obj), events)


def _hidden_in_history(field):
    """Bookkeeping a reader of the history has no use for: the id, the optimistic-lock version,
    recorded-at timestamps and other columns no form edits (the audit row has its own time)."""
    return (
        field.primary_key
        or not field.editable
        or getattr(field, "auto_now", False)
        or getattr(field, "auto_now_add", False)
    )


def describe_events(model, events):
    """Give each event its actor's name and its changes in words: [(field label, old, new)],
    with choice labels for codes and related records by name.

    Queries: one for the actors and one per related model whose ids appear in the events
    (not one per event), whatever the number of events."""
    fields = {f.attname: f for f in model._meta.concrete_fields}
    wanted = {}  # related model -> ids to name
    user_ids = set()
    for event in events:
        user_ids.add((event.pgh_context or {}).get("user"))
        for key, values in (event.pgh_diff or {}).items():
            field = fields.get(key)
            if field is not None and field.is_relation and not _hidden_in_history(field):
                wanted.setdefault(field.related_model, set()).update(v for v in values if v is not None)
    user_ids.discard(None)
    names = {u.pk: u.display_name for u in User.objects.filter(pk__in=user_ids)}
    related = {
        related_model: {o.pk: str(o) for o in related_model._base_manager.filter(pk__in=ids)}
        for related_model, ids in wanted.items()
        if ids
    }
    order = {f.attname: i for i, f in enumerate(model._meta.concrete_fields)}
    for event in events:
        context = event.pgh_context or {}
        event.actor = names.get(context.get("user"), "")
        event.url = context.get("url", "")
        changes = []
        for key, (old, new) in sorted(
            (event.pgh_diff or {}).items(), key=lambda item: order.get(item[0], len(order))
        ):
            field = fields.get(key)
            if field is None:
                # A column the model no longer has: shown as recorded.
                changes.append((key, _plain(old), _plain(new)))
            elif not _hidden_in_history(field):
                changes.append(
                    (
                        str(field.verbose_name),
                        _field_value(field, old, related),
                        _field_value(field, new, related),
                    )
                )
        event.changes = changes
    return events


def _plain(value):
    if value is None or value == "":
        return ""
    return str(value)


def _field_value(field, value, related):
    """One recorded value as the record's page would show it."""
    if value is None or value == "":
        return ""
    if field.is_relation:
        name = related.get(field.related_model, {}).get(value)
        # A related record deleted since: say so rather than show a bare number.
        return name if name is not None else _("（已删除的记录）")
    if isinstance(value, bool):
        return _("是") if value else _("否")
    if field.choices:
        return str(dict(field.flatchoices).get(value, value))
    if isinstance(field, models.DateTimeField):
        # Recorded as ISO text in UTC; shown in local time, as the rest of the site shows times.
        moment = parse_datetime(str(value))
        if moment is not None:
            if timezone.is_naive(moment):
                moment = timezone.make_aware(moment, datetime.UTC)
            return timezone.localtime(moment).strftime("%Y-%m-%d %H:%M")
    return str(value)
