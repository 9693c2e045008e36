from django import template

from partybuild import selectors

register = template.Library()


@register.simple_tag(takes_context=True)
def party_access(context):
    """Whether the navigation shows the Party-building pages (a query only for users outside the
    bureau: branch secretaries hold no role)."""
    request = context.get("request")
    return bool(request and request.user.is_authenticated and selectors.may_use_party(request.user))
