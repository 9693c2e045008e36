from django.urls import path

from . import io_views, training_views, views

app_name = "firms"

urlpatterns = [
    path("firms/", views.firm_list, name="firm_list"),
    path("firms/new/", views.firm_create, name="firm_create"),
    path("firms/<int:firm_id>/", views.firm_detail, name="firm_detail"),
    path("firms/<int:firm_id>/edit/", views.firm_edit, name="firm_edit"),
    path("firms/<int:firm_id>/ratings/new/", views.rating_add, name="rating_add"),
    path("firms/<int:firm_id>/director-account/", views.director_account, name="director_account"),
    path("firms/<int:firm_id>/restructuring/", training_views.restructuring_detail, name="restructuring"),
    path(
        "firms/<int:firm_id>/restructuring/documents/<int:document_id>",
        training_views.restructuring_document,
        name="restructuring_document",
    ),
    path(
        "firms/<int:firm_id>/lawyer-assessments/<int:year>/",
        training_views.lawyer_assessments,
        name="lawyer_assessments",
    ),
    path("firms/assessments/<int:year>/", training_views.firm_assessments, name="firm_assessments"),
    path("lawyers/", views.lawyer_list, name="lawyer_list"),
    path("lawyers/new/", views.lawyer_create, name="lawyer_create"),
    path("lawyers/<int:lawyer_id>/", views.lawyer_detail, name="lawyer_detail"),
    path("lawyers/<int:lawyer_id>/edit/", views.lawyer_edit, name="lawyer_edit"),
    path("lawyers/<int:lawyer_id>/transfer/", views.lawyer_transfer, name="lawyer_transfer"),
    path("training/", training_views.training_list, name="training_list"),
    path("training/new/", training_views.training_create, name="training_create"),
    path("training/<int:session_id>/", training_views.training_detail, name="training_detail"),
    path("training/shortfall/", training_views.training_shortfall, name="training_shortfall"),
    path("registry/import/<str:kind>/", io_views.import_upload, name="import"),
    path("registry/import/<str:kind>/template.xlsx", io_views.import_template, name="import_template"),
    path("public/firms/", io_views.public_directory, name="public_directory"),
]
