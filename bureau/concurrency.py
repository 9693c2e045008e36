"""Optimistic locking for edits of regulated records: a form carries the version it was opened
at, and the save succeeds only if the row still has that version."""

from django.core.exceptions import ValidationError
from django.db.models import F
from django.utils.translation import gettext_lazy as _

STALE_MESSAGE = _("该记录已被他人修改，请刷新页面查看最新内容后再保存。")


class StaleEdit(ValidationError):
    def __init__(self):
        super().__init__(STALE_MESSAGE, code="stale")


def save_versioned(obj, *, expected_version, fields):
    """Save `fields` of `obj` if its row is still at `expected_version`; bump the version.
    Raises StaleEdit when someone saved in between."""
    model = type(obj)
    values = {name: getattr(obj, model._meta.get_field(name).attname) for name in fields}
    updated = model.objects.filter(pk=obj.pk, version=expected_version).update(
        version=F("version") + 1, **values
    )
    if not updated:
        raise StaleEdit()
    obj.version = expected_version + 1
