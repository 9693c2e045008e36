"""Roles and the generic permission helpers of the foundation.

A user's role is the Django group they belong to; the groups are created by a data migration.
Which firm a director keeps is a firm grant, kept by the firms app (firms.permissions); the
foundation knows only roles and generic object helpers.
"""

from functools import wraps

from django.core.exceptions import PermissionDenied
from django.db import models
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    BUREAU_ADMIN = "bureau_admin", _("司法局管理员")
    BUREAU_STAFF = "bureau_staff", _("司法局工作人员")
    FIRM_DIRECTOR = "firm_director", _("律所主任")
    INSPECTOR = "inspector", _("检查人员")


BUREAU_ROLES = (Role.BUREAU_ADMIN, Role.BUREAU_STAFF)


def roles_of(user):
    """The set of role names of a user, read once per request and cached on the user."""
    if not user.is_authenticated:
        return frozenset()
    cached = getattr(user, "_portal_roles", None)
    if cached is None:
        cached = frozenset(user.groups.values_list("name", flat=True))
        if user.is_superuser:
            cached |= {Role.BUREAU_ADMIN}
        user._portal_roles = cached
    return cached


def has_role(user, *roles):
    return bool(roles_of(user) & set(roles))


def is_bureau(user):
    """Bureau administrators and staff see every firm's records."""
    return has_role(user, *BUREAU_ROLES)


def primary_role(user):
    """The role whose dashboard the user lands on; bureau roles come first."""
    held = roles_of(user)
    for role in (Role.BUREAU_ADMIN, Role.BUREAU_STAFF, Role.INSPECTOR, Role.FIRM_DIRECTOR):
        if role in held:
            return role
    return None


def role_required(*roles):
    """View decorator: 403 unless the user holds one of the roles (login is enforced globally)."""

    def decorator(view):
        @wraps(view)
        def wrapped(request, *args, **kwargs):
            if not has_role(request.user, *roles):
                raise PermissionDenied
            return view(request, *args, **kwargs)

        return wrapped

    return decorator


bureau_required = role_required(*BUREAU_ROLES)


def assign_role(user, role):
    from django.contrib.auth.models import Group

    group, _created = Group.objects.get_or_create(name=role)
    user.groups.add(group)
    user.__dict__.pop("_portal_roles", None)
