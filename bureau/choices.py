"""get_FOO_display() for the fields of every model, with the labels of a field's choices kept per
field and language.

Django's own get_FOO_display() rebuilds the dict of a field's choices on every call, and hashing
each lazy label translates it: a list of fifty cases with their type and status translated a
thousand labels to show a hundred. Choices given as a list are fixed when the model class is made,
and a label's translation depends only on the active language, so the dict is built once per
field and language. Fields whose choices are a callable (evaluated anew each time) and methods a
model defines itself keep Django's behaviour.
"""

from functools import partialmethod

from django.db.models import Model
from django.utils.encoding import force_str
from django.utils.hashable import make_hashable
from django.utils.translation import get_language

_labels = {}


def labels(field, language):
    key = (field, language)
    found = _labels.get(key)
    if found is None:
        found = _labels[key] = {make_hashable(value): force_str(label) for value, label in field.flatchoices}
    return found


def _get_field_display(self, field):
    value = getattr(self, field.attname)
    return force_str(labels(field, get_language()).get(make_hashable(value), value), strings_only=True)


def install(models):
    """Gives each model's get_FOO_display() of a field with a fixed list of choices the kept labels."""
    for model in models:
        for field in model._meta.get_fields():
            name = f"get_{getattr(field, 'name', '')}_display"
            method = model.__dict__.get(name)
            if (
                isinstance(method, partialmethod)
                and method.func is Model._get_FIELD_display
                and isinstance(getattr(field, "choices", None), (list, tuple))
            ):
                setattr(model, name, partialmethod(_get_field_display, field=field))
