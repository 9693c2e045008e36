"""The sign-in log: every sign-in, failure, lockout, sign-out, password change and second-factor
event, with time, username, IP address and user agent; and the users' session register."""

import datetime
import logging

from django.conf import settings
from django.contrib.auth.signals import user_logged_in, user_logged_out, user_login_failed
from django.db import transaction
from django.utils import timezone

from .models import SignInEvent, UserSession
from .policy import OTP_REQUIRED_SESSION_KEY, otp_required_for

logger = logging.getLogger(__name__)

Kind = SignInEvent.Kind



def client_ip(request):
    if request is None:
        return None
    try:
        from axes.helpers import get_client_ip_address

        return get_client_ip_address(request) or None
    except Exception:  # a request built by hand (Client.force_login) has no address at all
        return request.META.get("REMOTE_ADDR") or None


def client_agent(request):
    if request is None:
        return ""
    return request.META.get("HTTP_USER_AGENT", "")[:300]


def record(kind, *, request=None, user=None, username="", actor=None, detail=""):
    """Write one sign-in log row. The log must never make a sign-in fail, yet a lost row is a gap
    an assessor would see, so a failure is logged loudly."""
    try:
        with transaction.atomic():
            return SignInEvent.objects.create(
                kind=kind,
                user=user if user is not None and user.pk else None,
                username=(username or getattr(user, "username", "") or "")[:150],
                actor=actor,
                ip_address=client_ip(request),
                user_agent=client_agent(request),
                detail=detail[:300],
            )
    except Exception:
        logger.exception("could not write the sign-in log (%s, %s)", kind, username)
        return None


def _on_logged_in(sender, request, user, **kwargs):
    record(Kind.SIGN_IN, request=request, user=user)
    session = getattr(request, "session", None)
    if session is None:
        return
    session[OTP_REQUIRED_SESSION_KEY] = otp_required_for(user)
    if session.session_key:
        UserSession.objects.update_or_create(
            session_key=session.session_key,
            defaults={"user": user, "ip_address": client_ip(request), "user_agent": client_agent(request)},
        )


def _on_logged_out(sender, request, user, **kwargs):
    if user is None:
        return
    record(Kind.SIGN_OUT, request=request, user=user)
    session = getattr(request, "session", None)
    if session is not None and session.session_key:
        UserSession.objects.filter(session_key=session.session_key).delete()


def _on_login_failed(sender, credentials, request=None, **kwargs):
    record(Kind.FAILURE, request=request, username=str(credentials.get("username", "")))


def _on_locked_out(sender, request=None, username=None, ip_address=None, **kwargs):
    record(Kind.LOCKOUT, request=request, username=str(username or ""), detail="password")


def connect_signals():
    from axes.signals import user_locked_out

    user_logged_in.connect(_on_logged_in, dispatch_uid="security_logged_in")
    user_logged_out.connect(_on_logged_out, dispatch_uid="security_logged_out")
    user_login_failed.connect(_on_login_failed, dispatch_uid="security_login_failed")
    user_locked_out.connect(_on_locked_out, dispatch_uid="security_locked_out")


def session_key_changed(request, old_key):
    """Follow a session whose key was rotated (a password change cycles it)."""
    new_key = request.session.session_key
    if old_key and new_key and old_key != new_key:
        UserSession.objects.filter(session_key=old_key).update(session_key=new_key)


def prune(now=None):
    """Delete sign-in log rows older than SIGNIN_LOG_RETENTION_DAYS, never younger than 180 days."""
    days = max(settings.SIGNIN_LOG_RETENTION_DAYS, 180)
    cutoff = (now or timezone.now()) - datetime.timedelta(days=days)
    deleted, _ = SignInEvent.objects.filter(at__lt=cutoff).delete()
    return deleted
