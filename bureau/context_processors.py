import time

from django.conf import settings
from django.utils import timezone
from django.utils.functional import SimpleLazyObject

from .models import BureauSettings
from .permissions import BUREAU_ROLES, Role, has_role, primary_role

# The settings row as the page header shows it (the bureau's name), kept per process for a few
# seconds: every page shows it, and it changes once in a blue moon. Rules are never read from here;
# services read BureauSettings.load() when they decide.
_header = {"row": None, "until": 0.0}


def header_settings():
    now = time.monotonic()
    if _header["row"] is None or now >= _header["until"]:
        _header["row"], _header["until"] = BureauSettings.load(), now + settings.HEADER_SETTINGS_SECONDS
    return _header["row"]


def forget_header_settings(**kwargs):
    """Saving the settings shows at once in this process, in the others within
    HEADER_SETTINGS_SECONDS (connected to post_save in BureauConfig.ready)."""
    _header["row"] = None


def portal(request):
    user = request.user
    return {
        "portal_name": settings.PORTAL_NAME,
        "bureau": SimpleLazyObject(header_settings),
        "portal_role": primary_role(user) if user.is_authenticated else None,
        "is_bureau_user": user.is_authenticated and has_role(user, *BUREAU_ROLES),
        "is_bureau_admin": user.is_authenticated and has_role(user, Role.BUREAU_ADMIN),
        "Role": Role,
        "cooloff_minutes": settings.AXES_COOLOFF_MINUTES,
        "assessment_year": timezone.localdate().year - 1,  # annual assessments cover the past year
    }
