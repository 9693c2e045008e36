from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_not_required
from django.urls import include, path
from django.views.i18n import set_language

from .views import dashboard, health, history, jobs

urlpatterns = [
    path("", dashboard.dashboard, name="dashboard"),
    path("healthz", health.healthz, name="healthz"),
    path("accounts/login/", auth_views.LoginView.as_view(redirect_authenticated_user=True), name="login"),
    path("accounts/logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("accounts/password/", auth_views.PasswordChangeView.as_view(), name="password_change"),
    path("accounts/password/done/", auth_views.PasswordChangeDoneView.as_view(), name="password_change_done"),
    path("i18n/setlang/", login_not_required(set_language), name="set_language"),
    path("jobs/<int:job_id>/", jobs.job_detail, name="job_detail"),
    path("jobs/<int:job_id>/download", jobs.job_download, name="job_download"),
    path("jobs/<int:job_id>/retry", jobs.job_retry_view, name="job_retry"),
    path("system/selfcheck/", jobs.selfcheck_request, name="selfcheck"),
    path("history/<str:app_label>/<str:model_name>/<int:object_id>/", history.history, name="history"),
    path("reports/", include("bureau.report.urls")),
    path("public/", include("bureau.public_urls")),
    path("", include("firms.urls")),
    path("", include("casework.urls")),
    path("", include("partybuild.urls")),
    path("", include("inspections.urls")),
    path("admin/", admin.site.urls),
]
