from django.urls import path

from .views import cases, conflicts, imports, numbering, quarterly, receipts, sensitive, services

app_name = "casework"

urlpatterns = [
    path("cases/", cases.case_list, name="case_list"),
    path("cases/firm-summary/", cases.case_firm_summary, name="case_firm_summary"),
    path("cases/new/", conflicts.case_new, name="case_new"),
    path("cases/new/<int:check_id>/", conflicts.case_register, name="case_register"),
    path("cases/numbering/", numbering.numbering, name="numbering"),
    path("cases/import/", imports.import_start, name="import_start"),
    path("cases/import/<str:kind>/template.xlsx", imports.import_template, name="import_template"),
    path("cases/import/<int:firm_id>/<str:kind>/", imports.import_upload, name="import_upload"),
    path("cases/<int:case_id>/", cases.case_detail, name="case_detail"),
    path("cases/<int:case_id>/edit/", cases.case_edit, name="case_edit"),
    path("cases/<int:case_id>/receipts/", receipts.receipt_add, name="receipt_add"),
    path("cases/<int:case_id>/sensitive/", sensitive.sensitive_file, name="sensitive_file"),
    path("sensitive/", sensitive.sensitive_list, name="sensitive_list"),
    path("sensitive/<int:filing_id>/", sensitive.sensitive_detail, name="sensitive_detail"),
    path("sensitive/<int:filing_id>/review/", sensitive.sensitive_review, name="sensitive_review"),
    path("services/", services.service_list, name="service_list"),
    path("services/new/", services.service_new, name="service_new"),
    path("quarterly/", quarterly.quarterly_list, name="quarterly_list"),
    path("quarterly/new/", quarterly.quarterly_new, name="quarterly_new"),
    path("quarterly/export.xlsx", quarterly.quarterly_export, name="quarterly_export"),
    path("quarterly/<int:report_id>/", quarterly.quarterly_detail, name="quarterly_detail"),
    path("quarterly/<int:report_id>/review/", quarterly.quarterly_review, name="quarterly_review"),
]
