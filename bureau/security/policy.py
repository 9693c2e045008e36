"""Who needs the second factor, read by the sign-in signal handlers and the middleware alike."""

from django.conf import settings

from ..permissions import roles_of

# The session flag that says the signed-in user needs the second factor (set once at sign-in, so
# that the middleware costs no query per request).
OTP_REQUIRED_SESSION_KEY = "security_otp_required"


def otp_required_for(user):
    return bool(roles_of(user) & set(settings.TWO_FACTOR_ROLES))
