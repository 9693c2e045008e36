from django.urls import path

from . import views

app_name = "reports"

urlpatterns = [
    path("", views.report_list, name="list"),
    path("<int:report_id>/", views.report_detail, name="detail"),
    path("<int:report_id>/pdf", views.report_pdf, name="pdf"),
    path("<int:report_id>/xlsx", views.report_xlsx, name="xlsx"),
    path("<int:report_id>/retry", views.report_retry, name="retry"),
    path("<int:report_id>/summary", views.report_summary, name="summary"),
]
