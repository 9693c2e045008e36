"""Before the second factor, and before a forced password change, a signed-in user reaches only
the pages of that step (and sign-out, the language switch and the public pages)."""

from urllib.parse import urlsplit

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
