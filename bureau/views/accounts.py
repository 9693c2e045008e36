"""Account pages: the second sign-in step, enrolment, password change, the user's own security
page (sessions, recovery codes), and the administrator's user actions and sign-in log."""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import get_user_model
from django.contrib.auth import views as auth_views
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse_lazy
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from ..permissions import Role, role_required
from ..security import selectors, services, sessions, signin_audit, twofactor
from ..security.forms import AdminUserActionForm, OTPCodeForm, SignInLogFilterForm, UserSearchForm
from ..security.models import SignInEvent
from ..security.passwords import password_expired
from ..spreadsheets import workbook_response

admin_required = role_required(Role.BUREAU_ADMIN)

SIGNIN_LOG_EXPORT_LIMIT = 50_000


def _next_url(request):
    candidate = request.POST.get("next") or request.GET.get("next") or ""
    if candidate and url_has_allowed_host_and_scheme(candidate, {request.get_host()}, request.is_secure()):
        return candidate
    return reverse_lazy("dashboard")


def otp_verify(request):
    """The second step: a TOTP code from the app, or one of the recovery codes."""
    if not twofactor.session_needs_otp(request):
        return redirect(_next_url(request))
    if twofactor.confirmed_totp(request.user) is None:
        return redirect("otp_enrol")
    form = OTPCodeForm(request.POST or None)
    locked = twofactor.is_locked(request.user)
    if request.method == "POST" and form.is_valid():
        outcome = twofactor.verify(request, form.cleaned_data["code"])
        if outcome == "ok":
            return redirect(_next_url(request))
        locked = outcome == "locked"
        if not locked:
            form.add_error("code", _("动态口令不正确，请重新输入。"))
    return render(
        request,
        "registration/otp_verify.html",
        {
            "form": form,
            "locked": locked,
            "next": request.GET.get("next", ""),
            "status": 429 if locked else 200,
        },
        status=429 if locked else 200,
    )


def otp_enrol(request):
    """Enrolment: scan the QR code, confirm with a code; the recovery codes are shown once."""
    # An unverified session never replaces a device it has not proved it holds.
    if twofactor.session_needs_otp(request) and twofactor.confirmed_totp(request.user) is not None:
        return redirect("otp_verify")
    form = OTPCodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        codes = twofactor.confirm_enrolment(request, form.cleaned_data["code"])
        if codes is not None:
            return render(request, "registration/otp_recovery_codes.html", {"codes": codes})
        form.add_error("code", _("动态口令不正确，请确认手机时间准确后重新输入。"))
    device = twofactor.pending_device(request)
    return render(
        request,
        "registration/otp_enrol.html",
        {"form": form, "qr_svg": twofactor.qr_svg(device), "secret": twofactor.base32_secret(device)},
    )


class PasswordChangeView(auth_views.PasswordChangeView):
    """Django's password change, which also ends a forced change and follows the session's new key."""

    success_url = reverse_lazy("password_change_done")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        user = self.request.user
        context["forced"] = user.must_change_password
        context["expired"] = password_expired(user)
        return context

    def form_valid(self, form):
        old_key = self.request.session.session_key
        response = super().form_valid(form)
        signin_audit.session_key_changed(self.request, old_key)
        services.password_changed(user=self.request.user, request=self.request)
        return response


def security(request):
    """The user's own page: second factor, recovery codes left, active sessions."""
    user = request.user
    return render(
        request,
        "bureau/security/security.html",
        {
            "sessions": sessions.active_sessions(user),
            "current_key": request.session.session_key,
            "totp": twofactor.confirmed_totp(user),
            "otp_required": twofactor.otp_required_for(user),
            "codes_left": twofactor.recovery_codes_left(user),
        },
    )


@require_POST
def end_sessions(request):
    key = request.POST.get("session_key")
    if key and key != request.session.session_key:
        services.end_session(user=request.user, session_key=key, request=request)
        messages.success(request, _("已结束该会话。"))
    else:
        count = services.end_other_sessions(user=request.user, request=request)
        messages.success(request, _("已结束其他 %(count)d 个会话。") % {"count": count})
    return redirect("security")


@require_POST
def new_recovery_codes(request):
    if twofactor.confirmed_totp(request.user) is None:
        return redirect("otp_enrol")
    codes = twofactor.new_recovery_codes(request.user)
    return render(request, "registration/otp_recovery_codes.html", {"codes": codes})


@admin_required
def user_list(request):
    form = UserSearchForm(request.GET or None)
    q = form.cleaned_data["q"] if form.is_valid() else ""
    page = Paginator(selectors.users_for_admin(q), 50).get_page(request.GET.get("page"))
    return render(
        request,
        "bureau/security/user_list.html",
        {"form": form, "page": page, "query": f"q={q}" if q else ""},
    )


@admin_required
def user_security(request, user_id):
    target = get_object_or_404(get_user_model(), pk=user_id)
    if request.method == "POST":
        form = AdminUserActionForm(request.POST)
        if form.is_valid() and form.cleaned_data["user"] == target:
            action = form.cleaned_data["action"]
            if target == request.user and action in ("disable", "end_sessions", "reset_otp"):
                messages.error(request, _("不能对自己的账号执行此操作。"))
            else:
                getattr(services, f"admin_{action}")(user=target, actor=request.user, request=request)
                messages.success(request, _("已完成：%(action)s。") % {"action": dict(form.ACTIONS)[action]})
            return redirect("user_security", user_id=target.pk)
        messages.error(request, _("操作无效。"))
    return render(
        request,
        "bureau/security/user_security.html",
        {
            "target": target,
            "sessions": sessions.active_sessions(target),
            "totp": twofactor.confirmed_totp(target),
            "locked": twofactor.is_locked(target),
            "events": SignInEvent.objects.filter(user=target)
            .select_related("actor")
            .order_by("-at", "-id")[:20],
        },
    )


@admin_required
def signin_log(request):
    form = SignInLogFilterForm(request.GET or None)
    filters = form.cleaned_data if form.is_valid() else {}
    events = selectors.signin_events(**{k: v for k, v in filters.items() if v})
    if request.GET.get("export") == "xlsx" and form.is_valid():
        return _export(events)
    page = Paginator(events, 50).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "bureau/security/signin_log.html",
        {
            "form": form,
            "page": page,
            "query": query.urlencode(),
            "retention_days": max(settings.SIGNIN_LOG_RETENTION_DAYS, 180),
        },
    )


def _export(events):
    kinds = dict(SignInEvent.Kind.choices)
    rows = (
        [
            timezone.localtime(event.at).strftime("%Y-%m-%d %H:%M:%S"),
            event.username,
            str(kinds.get(event.kind, event.kind)),
            event.ip_address or "",
            event.user_agent,
            event.actor.username if event.actor else "",
            event.detail,
        ]
        for event in events[:SIGNIN_LOG_EXPORT_LIMIT].iterator(chunk_size=2000)
    )
    headers = [_("时间"), _("用户名"), _("事件"), _("IP 地址"), _("浏览器标识"), _("操作人"), _("说明")]
    return workbook_response("signin-log", [(_("登录日志"), headers, rows)])
