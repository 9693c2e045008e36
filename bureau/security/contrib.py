"""The security panel of the administrator's dashboard: the last audit-chain verification."""

from django.conf import settings

from bureau.contrib import registry
from bureau.permissions import Role, has_role

from .selectors import latest_verification


def audit_panel(user, today):
    if not has_role(user, Role.BUREAU_ADMIN):
        return None
    return {
        "verification": latest_verification(),
        "retention_days": max(settings.SIGNIN_LOG_RETENTION_DAYS, 180),
    }


registry.register_dashboard_panel(
    audit_panel, template="bureau/security/_dashboard_panel.html", dashboards=("bureau",), order=900
)
