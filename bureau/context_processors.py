from django.conf import settings
from django.utils import timezone
from django.utils.functional import SimpleLazyObject

from .models import BureauSettings
from .permissions import BUREAU_ROLES, Role, has_role, primary_role


def portal(request):
    user = request.user
    return {
        "portal_name": settings.PORTAL_NAME,
        "bureau": SimpleLazyObject(BureauSettings.load),
        "portal_role": primary_role(user) if user.is_authenticated else None,
        "is_bureau_user": user.is_authenticated and has_role(user, *BUREAU_ROLES),
        "is_bureau_admin": user.is_authenticated and has_role(user, Role.BUREAU_ADMIN),
        "Role": Role,
        "cooloff_minutes": settings.AXES_COOLOFF_MINUTES,
        "assessment_year": timezone.localdate().year - 1,  # annual assessments cover the past year
    }
