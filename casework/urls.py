from django.urls import path

from . import views, views_quarterly, views_services

app_name = "casework"

urlpatterns = [
    path("cases/", views.case_list, name="case_list"),
    path("cases/new/", views.case_new, name="case_new"),
    path("cases/new/<int:check_id>/", views.case_register, name="case_register"),
    path("cases/numbering/", views.numbering, name="numbering"),
    path("cases/<int:case_id>/", views.case_detail, name="case_detail"),
    path("cases/<int:case_id>/edit/", views.case_edit, name="case_edit"),
    path("cases/<int:case_id>/receipts/", views.receipt_add, name="receipt_add"),
    path("cases/<int:case_id>/sensitive/", views.sensitive_file, name="sensitive_file"),
    path("sensitive/", views.sensitive_list, name="sensitive_list"),
    path("sensitive/<int:filing_id>/", views.sensitive_detail, name="sensitive_detail"),
    path("sensitive/<int:filing_id>/review/", views.sensitive_review, name="sensitive_review"),
    path("services/", views_services.service_list, name="service_list"),
    path("services/new/", views_services.service_new, name="service_new"),
    path("quarterly/", views_quarterly.quarterly_list, name="quarterly_list"),
    path("quarterly/new/", views_quarterly.quarterly_new, name="quarterly_new"),
    path("quarterly/export.xlsx", views_quarterly.quarterly_export, name="quarterly_export"),
    path("quarterly/<int:report_id>/", views_quarterly.quarterly_detail, name="quarterly_detail"),
    path("quarterly/<int:report_id>/review/", views_quarterly.quarterly_review, name="quarterly_review"),
]
