from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_not_required
from django.urls import include, path
from django.views.i18n import set_language

from .views import accounts, audit, dashboard, health, history, jobs

handler500 = "bureau.views.errors.server_error"

urlpatterns = [
    path("", dashboard.dashboard, name="dashboard"),
    path("healthz", health.healthz, name="healthz"),
    path("accounts/login/", auth_views.LoginView.as_view(redirect_authenticated_user=True), name="login"),
    path("accounts/logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("accounts/password/", accounts.PasswordChangeView.as_view(), name="password_change"),
    path("accounts/otp/", accounts.otp_verify, name="otp_verify"),
    path("accounts/otp/enrol/", accounts.otp_enrol, name="otp_enrol"),
    path("accounts/otp/recovery-codes/", accounts.new_recovery_codes, name="otp_recovery_codes"),
    path("accounts/security/", accounts.security, name="security"),
    path("accounts/security/end-sessions/", accounts.end_sessions, name="end_sessions"),
    path("accounts/users/", accounts.user_list, name="security_users"),
    path("accounts/users/<int:user_id>/", accounts.user_security, name="user_security"),
    path("accounts/signin-log/", accounts.signin_log, name="signin_log"),
    path("accounts/password/done/", auth_views.PasswordChangeDoneView.as_view(), name="password_change_done"),
    path("i18n/setlang/", login_not_required(set_language), name="set_language"),
    path("jobs/<int:job_id>/", jobs.job_detail, name="job_detail"),
    path("jobs/<int:job_id>/download", jobs.job_download, name="job_download"),
    path("jobs/<int:job_id>/retry", jobs.job_retry_view, name="job_retry"),
    path("system/selfcheck/", jobs.selfcheck_request, name="selfcheck"),
    path("history/<str:app_label>/<str:model_name>/<int:object_id>/", history.history, name="history"),
    path("reports/", include("bureau.report.urls")),
    path("notifications/", include("bureau.notifications.urls")),
    path("public/", include("bureau.public_urls")),
    path("", include("firms.urls")),
    path("", include("casework.urls")),
    path("", include("partybuild.urls")),
    path("", include("inspections.urls")),
    # The audit list across all records, bounded per page (pghistory's own list sorts every event).
    path("admin/audit/", admin.site.admin_view(audit.audit_list), name="admin_audit_list"),
    path("admin/", admin.site.urls),
]
