"""The audit list across every audit (pghistory event) table, newest first, one bounded page at a
time. pghistory's own Events view computes each event's data and diff over every event of every
table before it can sort, which takes seconds at a million events. Here each table gives only its
newest `limit` rows before the cursor, walking its primary key backwards (pgh_id grows with time),
and only the page's rows are merged, sorted and decorated: the cost does not grow with the table."""

from django.apps import apps
from django.db import connection


def event_models():
    return sorted(
        (m for m in apps.get_models() if hasattr(m, "pgh_tracked_model")), key=lambda m: m._meta.db_table
    )


def recent_events(*, before=None, limit=50):
    """Up to `limit` events after the cursor `before` ((created_at, model label, event id) of the
    last event of the previous page; all when None), newest first, as dicts."""
    models = {m._meta.label: m for m in event_models()}
    parts, params = [], []
    for label, model in models.items():
        where = "where (pgh_created_at, %s::text, pgh_id) < (%s, %s, %s)" if before else ""
        parts.append(
            "(select %s::text as model, pgh_id, pgh_created_at, pgh_label, pgh_obj_id::text as obj_id, "
            f'pgh_context_id from "{model._meta.db_table}" {where} order by pgh_id desc limit %s)'
        )
        params += [label, *([label, *before] if before else []), limit]
    if not parts:
        return []
    sql = (
        "select e.model, e.pgh_id, e.pgh_created_at, e.pgh_label, e.obj_id, c.metadata "
        f"from ({' union all '.join(parts)}) e left join pghistory_context c on c.id = e.pgh_context_id "
        "order by e.pgh_created_at desc, e.model desc, e.pgh_id desc limit %s"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, [*params, limit])
        rows = cursor.fetchall()
    events = []
    for label, event_id, created_at, action, obj_id, metadata in rows:
        tracked = models[label].pgh_tracked_model
        metadata = metadata or {}
        events.append(
            {
                "model": tracked._meta.verbose_name,
                "label": action,
                "obj_id": obj_id,
                "created_at": created_at,
                "user_id": metadata.get("user"),
                "url": metadata.get("url", ""),
                "cursor": f"{created_at.isoformat()}|{label}|{event_id}",
            }
        )
    return events


def parse_cursor(value):
    """(created_at, model label, event id) from a page link's cursor, or None if it is not one."""
    from django.utils.dateparse import parse_datetime

    try:
        stamp, label, event_id = value.split("|")
        created_at = parse_datetime(stamp)
        return (created_at, label, int(event_id)) if created_at else None
    except ValueError:
        return None
