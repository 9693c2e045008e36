"""Django's i18n tag library with one change: ``{% translate %}`` of a constant text remembers its
result per language, so a column label repeated on every row of a list (``data-label`` of the
stacked phone layout) is translated once per process rather than once per row.

Registered under the name ``i18n`` (TEMPLATES OPTIONS "libraries" in bureau.settings), so every
template's ``{% load i18n %}`` loads it; every other tag and filter is Django's own. A translation
depends only on the text, its context, the active language and the escaping in force, all of which
are in the key; catalogues do not change while a process runs (a test that changes LOCALE_PATHS,
LANGUAGES or LANGUAGE_CODE forgets every remembered result).
"""

from django import template
from django.core.signals import setting_changed
from django.template.base import render_value_in_context
from django.templatetags import i18n
from django.utils.safestring import SafeData, mark_safe
from django.utils.translation import get_language

register = template.Library()
register.tags.update(i18n.register.tags)
register.filters.update(i18n.register.filters)

_generation = [0]


def _forget(*, setting, **kwargs):
    if setting in ("LANGUAGES", "LANGUAGE_CODE", "LOCALE_PATHS"):
        _generation[0] += 1


setting_changed.connect(_forget, dispatch_uid="portal_i18n_forget")


def _language(context):
    """The active language, asked once per template render: asking costs a context-local lookup,
    and a list page has hundreds of labels."""
    language = context.render_context.get(_language)
    if language is None:
        language = context.render_context[_language] = get_language()
    return language


class RememberedTranslateNode(i18n.TranslateNode):
    def __init__(self, filter_expression, noop, asvar=None, message_context=None):
        super().__init__(filter_expression, noop, asvar, message_context)
        variable = self.filter_expression.var
        self.constant = getattr(variable, "literal", None) is not None and not self.filter_expression.filters
        self.remembered = {}

    def render(self, context):
        if not self.constant:
            return super().render(context)
        message_context = self.message_context.resolve(context) if self.message_context else None
        key = (_generation[0], _language(context), context.autoescape, context.use_l10n, message_context)
        value = self.remembered.get(key)
        if value is None:
            value = self.remembered[key] = self.translated(context)
        if self.asvar:
            context[self.asvar] = value
            return ""
        return value

    def translated(self, context):
        """What TranslateNode.render returns (or puts in its variable), computed as it does."""
        self.filter_expression.var.translate = not self.noop
        if self.message_context:
            self.filter_expression.var.message_context = self.message_context.resolve(context)
        value = render_value_in_context(self.filter_expression.resolve(context), context)
        # Percent signs are doubled in template text so that they are no format flags: restored.
        is_safe = isinstance(value, SafeData)
        value = value.replace("%%", "%")
        return mark_safe(value) if is_safe else value


@register.tag("translate")
@register.tag("trans")
def do_translate(parser, token):
    node = i18n.do_translate(parser, token)
    return RememberedTranslateNode(node.filter_expression, node.noop, node.asvar, node.message_context)


class LanguageNode(template.Node):
    """Django's {% language %}, forgetting the language asked for the render (see _language) on
    entering and leaving its block."""

    def __init__(self, node):
        self.node = node

    def render(self, context):
        state = context.render_context.dicts[-1]  # the current template's render state
        state.pop(_language, None)
        try:
            return self.node.render(context)
        finally:
            state.pop(_language, None)


@register.tag("language")
def do_language(parser, token):
    return LanguageNode(i18n.language(parser, token))
