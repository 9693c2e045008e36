from django.urls import path

from .views import assessments, facilities, firms, imports, lawyers, public, restructuring, training

app_name = "firms"

urlpatterns = [
    path("firms/", firms.firm_list, name="firm_list"),
    path("firms/new/", firms.firm_create, name="firm_create"),
    path("firms/<int:firm_id>/", firms.firm_detail, name="firm_detail"),
    path("firms/<int:firm_id>/edit/", firms.firm_edit, name="firm_edit"),
    path("firms/<int:firm_id>/ratings/new/", firms.rating_add, name="rating_add"),
    path("firms/<int:firm_id>/improvements/new/", facilities.improvement_add, name="improvement_add"),
    path("firms/<int:firm_id>/stations/new/", facilities.station_add, name="station_add"),
    path("stations/", facilities.station_list, name="station_list"),
    path("stations/<int:station_id>/edit/", facilities.station_edit, name="station_edit"),
    path("firms/<int:firm_id>/director-account/", firms.director_account, name="director_account"),
    path("firms/<int:firm_id>/restructuring/", restructuring.restructuring_detail, name="restructuring"),
    path(
        "firms/<int:firm_id>/restructuring/documents/<int:document_id>",
        restructuring.restructuring_document,
        name="restructuring_document",
    ),
    path(
        "firms/<int:firm_id>/lawyer-assessments/<int:year>/",
        assessments.lawyer_assessments,
        name="lawyer_assessments",
    ),
    path("firms/assessments/<int:year>/", assessments.firm_assessments, name="firm_assessments"),
    path("lawyers/", lawyers.lawyer_list, name="lawyer_list"),
    path("lawyers/new/", lawyers.lawyer_create, name="lawyer_create"),
    path("lawyers/<int:lawyer_id>/", lawyers.lawyer_detail, name="lawyer_detail"),
    path("lawyers/<int:lawyer_id>/edit/", lawyers.lawyer_edit, name="lawyer_edit"),
    path("lawyers/<int:lawyer_id>/transfer/", lawyers.lawyer_transfer, name="lawyer_transfer"),
    path("training/", training.training_list, name="training_list"),
    path("training/new/", training.training_create, name="training_create"),
    path("training/<int:session_id>/", training.training_detail, name="training_detail"),
    path("training/shortfall/", training.training_shortfall, name="training_shortfall"),
    path("registry/import/<str:kind>/", imports.import_upload, name="import"),
    path("registry/import/<str:kind>/template.xlsx", imports.import_template, name="import_template"),
    path("public/firms/", public.public_directory, name="public_directory"),
]
