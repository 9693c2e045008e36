"""Account actions of users and administrators; each one is written to the sign-in log."""

from django.db import transaction

from . import sessions, signin_audit, twofactor
from .models import SignInEvent

Kind = SignInEvent.Kind


@transaction.atomic
def end_other_sessions(*, user, request):
    count = sessions.end_others(user=user, current_key=request.session.session_key)
    signin_audit.record(Kind.SESSIONS_ENDED, request=request, user=user, detail=f"others:{count}")
    return count


@transaction.atomic
def end_session(*, user, session_key, request):
    count = sessions.end(user=user, session_keys=[session_key])
    signin_audit.record(Kind.SESSIONS_ENDED, request=request, user=user, detail=f"one:{count}")
    return count


@transaction.atomic
def admin_end_sessions(*, user, actor, request):
    count = sessions.end_all(user=user)
    signin_audit.record(Kind.SESSIONS_ENDED, request=request, user=user, actor=actor, detail=f"all:{count}")
    return count


@transaction.atomic
def admin_disable(*, user, actor, request):
    """Disable the account and end its sessions at once: the next request of any of its browsers
    is signed out (Django refuses inactive users' sessions too)."""
    user.is_active = False
    user.save(update_fields=["is_active"])
    sessions.end_all(user=user)
    signin_audit.record(Kind.ACCOUNT_DISABLED, request=request, user=user, actor=actor)


@transaction.atomic
def admin_enable(*, user, actor, request):
    user.is_active = True
    user.save(update_fields=["is_active"])
    signin_audit.record(Kind.ACCOUNT_DISABLED, request=request, user=user, actor=actor, detail="enabled")


@transaction.atomic
def admin_reset_otp(*, user, actor, request):
    twofactor.reset(user=user, actor=actor, request=request)


@transaction.atomic
def admin_force_password_change(*, user, actor, request):
    user.must_change_password = True
    user.save(update_fields=["must_change_password"])
    signin_audit.record(Kind.PASSWORD_EXPIRED, request=request, user=user, actor=actor, detail="forced")


@transaction.atomic
def password_changed(*, user, request):
    """After a successful change: the forced change is done; the log records it."""
    if user.must_change_password:
        user.must_change_password = False
        user.save(update_fields=["must_change_password"])
    signin_audit.record(Kind.PASSWORD_CHANGE, request=request, user=user)
