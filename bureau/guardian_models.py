"""Direct foreign-key object-permission tables (django-guardian), one shape for every app.

Guardian's generic tables key objects by text; for tables that grow it advises a pair of tables
per model with a real foreign key. An app that grants rows of its own model calls
`direct_permission_models()` in its models module and binds the two classes it returns."""

import pghistory
from django.db import models
from guardian.models import GroupObjectPermissionBase, UserObjectPermissionBase


def direct_permission_models(target, *, module, user_index_name):
    """(UserObjectPermission, GroupObjectPermission) models for `target`, audited like every
    table. `module` is the caller's `__name__` (it gives the models their app); the user table
    carries an index on (user, permission) named `user_index_name` for "the rows one user keeps"."""
    name = target.__name__

    class UserMeta(UserObjectPermissionBase.Meta):
        indexes = [models.Index(fields=["user", "permission"], name=user_index_name)]

    user_model = type(
        f"{name}UserObjectPermission",
        (UserObjectPermissionBase,),
        {
            "__module__": module,
            "__doc__": f"Object permissions of users on {name} rows, by a direct foreign key.",
            "content_object": models.ForeignKey(target, on_delete=models.CASCADE),
            "Meta": UserMeta,
        },
    )
    group_model = type(
        f"{name}GroupObjectPermission",
        (GroupObjectPermissionBase,),
        {
            "__module__": module,
            "__doc__": f"Object permissions of groups on {name} rows, by a direct foreign key.",
            "content_object": models.ForeignKey(target, on_delete=models.CASCADE),
        },
    )
    return pghistory.track()(user_model), pghistory.track()(group_model)
