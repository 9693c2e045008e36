"""Who keeps which firm: the firm grants of directors.

A director reaches their own firm through a django-guardian object permission stored in the
direct foreign-key table firms.FirmUserObjectPermission (guardian recommends direct tables for
tables that grow). The selectors of every app call `managed_firm_ids()` to scope their querysets;
the generic roles live in bureau.permissions."""

from guardian.shortcuts import assign_perm, remove_perm

from .models import FirmUserObjectPermission

# The object permission that makes a user the keeper of one firm's records.
MANAGE_FIRM = "firms.manage_firm"


def managed_firm_ids(user):
    """Ids of the firms whose records the user keeps (directors), as a subquery-friendly queryset."""
    return FirmUserObjectPermission.objects.filter(
        user=user,
        permission__codename="manage_firm",
        permission__content_type__app_label="firms",
    ).values("content_object_id")


def grant_firm(user, firm):
    assign_perm(MANAGE_FIRM, user, firm)


def revoke_firm(user, firm):
    remove_perm(MANAGE_FIRM, user, firm)
