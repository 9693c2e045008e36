"""Before the second factor, and before a forced password change, a signed-in user reaches only
the pages of that step (and sign-out, the language switch and the public pages). And a session's
idle timeout is renewed by activity, once a minute at most."""

import time
from urllib.parse import urlsplit

from django.conf import settings
from django.http import HttpResponse
from django.shortcuts import redirect
from django.urls import reverse

from . import twofactor
from .passwords import password_expired

OTP_STEP_URLS = frozenset({"otp_verify", "otp_enrol", "logout", "set_language"})
PASSWORD_STEP_URLS = frozenset({"password_change", "password_change_done", "logout", "set_language"})


def _redirect(request, url_name):
    url = reverse(url_name)
    if getattr(request, "htmx", False):
        # A fragment request would swap the step's page into a corner of the old one: the browser
        # goes to the step instead, unless the fragment was asked from the step's page itself
        # (the menu's notification bell), which would loop.
        response = HttpResponse(status=204)
        if urlsplit(request.htmx.current_url or "").path != url:
            response["HX-Redirect"] = url
        return response
    return redirect(url)


class SignInPolicyMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        user = request.user
        if not user.is_authenticated or getattr(view_func, "login_required", True) is False:
            return None
        url_name = request.resolver_match.url_name if request.resolver_match else None
        if twofactor.session_needs_otp(request):
            if url_name in OTP_STEP_URLS:
                return None
            target = "otp_verify" if twofactor.confirmed_totp(user) else "otp_enrol"
            return _redirect(request, target)
        if url_name in OTP_STEP_URLS - {"logout", "set_language"}:
            return None
        if user.must_change_password or password_expired(user):
            if url_name in PASSWORD_STEP_URLS:
                return None
            return _redirect(request, "password_change")
        return None


# The session's stamp of its last renewal (seconds since the epoch).
RENEWED_AT_SESSION_KEY = "security_renewed_at"


class SessionRenewalMiddleware:
    """Renews a signed-in session's idle timeout, at most once every SESSION_RENEW_SECONDS.

    Saving the session on every request (SESSION_SAVE_EVERY_REQUEST) cost each page a transaction
    with an UPDATE of its row. Renewing once a minute instead ends an idle session between
    SESSION_COOKIE_AGE - SESSION_RENEW_SECONDS and SESSION_COOKIE_AGE after the last request: never
    later than the idle timeout, at most a minute sooner. A session changed by the request is saved
    (and so renewed) by SessionMiddleware as always. Sits just below SessionMiddleware, so that its
    response step runs before the session is saved.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        session = getattr(request, "session", None)
        if session is None or response.status_code >= 500 or session.session_key is None:
            return response
        renewed_at = session.get(RENEWED_AT_SESSION_KEY, 0)  # loads the session
        # A session that has ended (or was never filled) is not brought back by renewing it.
        if session.is_empty():
            return response
        now = int(time.time())
        if session.modified or now - renewed_at >= settings.SESSION_RENEW_SECONDS:
            session[RENEWED_AT_SESSION_KEY] = now  # marks it modified: SessionMiddleware saves it
        return response
