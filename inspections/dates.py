"""The rule for every date a user states in this app: given (default today), never in the future,
never before the event it follows. Errors name the field, in Chinese, for the form."""

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _


def stated(value, *, field, label, after=None, after_label=""):
    """`value` (today when None) checked against today and against `after` (the date of the event
    it follows, if any); raises ValidationError on `field`."""
    today = timezone.localdate()
    value = value or today
    if value > today:
        raise ValidationError({field: _("%(label)s不能晚于今天。") % {"label": label}})
    if after is not None and value < after:
        raise ValidationError(
            {
                field: _("%(label)s不能早于%(event)s（%(date)s）。")
                % {"label": label, "event": after_label, "date": after.isoformat()}
            }
        )
    return value
