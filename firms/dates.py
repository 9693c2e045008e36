"""The rule for a date a user states: never in the future, never before the event it follows. The
services apply it, so a form shows the message beside the field and nothing is saved."""

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _


def stated_date_problem(value, *, label, after=None, after_label=""):
    """The Chinese message for a stated date that breaks the rule, or "" when it is fine."""
    if value is None:
        return ""
    if value > timezone.localdate():
        return _("%(label)s不能晚于今天。") % {"label": label}
    if after is not None and value < after:
        return _("%(label)s不能早于%(what)s（%(date)s）。") % {
            "label": label,
            "what": after_label,
            "date": after.isoformat(),
        }
    return ""


def check_stated_dates(*checks):
    """Each check is (field, value, keyword arguments of stated_date_problem); raises one
    ValidationError naming every bad field."""
    errors = {}
    for field, value, kwargs in checks:
        problem = stated_date_problem(value, **kwargs)
        if problem and field not in errors:
            errors[field] = problem
    if errors:
        raise ValidationError(errors)
