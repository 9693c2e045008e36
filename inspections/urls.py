from django.urls import path

from . import plan_views, public_views, views

app_name = "inspections"

urlpatterns = [
    path("inspections/", views.inspection_list, name="inspection_list"),
    path("inspections/plans/", plan_views.plan_list, name="plan_list"),
    path("inspections/plans/new/", plan_views.plan_create, name="plan_create"),
    path("inspections/plans/<int:plan_id>/", plan_views.plan_detail, name="plan_detail"),
    path("inspections/plans/<int:plan_id>/draw/", plan_views.plan_draw, name="plan_draw"),
    path("inspections/draws/<int:draw_id>/", plan_views.draw_detail, name="draw_detail"),
    path("inspections/draws/<int:draw_id>/record.pdf", plan_views.draw_record_pdf, name="draw_record_pdf"),
    path("inspections/publication/", plan_views.publication_queue, name="publication_queue"),
    path("inspections/registers/", plan_views.registers, name="registers"),
    path(
        "inspections/registers/<int:inspector_id>/toggle/",
        plan_views.inspector_toggle,
        name="inspector_toggle",
    ),
    path("inspections/checklists/", plan_views.checklists, name="checklists"),
    path("inspections/notices/<int:notice_id>/correct/", views.notice_correct, name="notice_correct"),
    path("inspections/visits/", views.visit_list, name="visit_list"),
    path("inspections/<int:inspection_id>/", views.inspection_detail, name="inspection_detail"),
    path("inspections/<int:inspection_id>/schedule/", views.inspection_schedule, name="inspection_schedule"),
    path("inspections/<int:inspection_id>/findings/", views.findings_save, name="findings_save"),
    path("inspections/<int:inspection_id>/evidence/", views.evidence_add, name="evidence_add"),
    path("inspections/<int:inspection_id>/conclude/", views.inspection_conclude, name="inspection_conclude"),
    path("inspections/<int:inspection_id>/sign/", views.inspection_sign, name="inspection_sign"),
    path(
        "inspections/<int:inspection_id>/notice.pdf",
        views.inspection_notice_pdf,
        name="inspection_notice_pdf",
    ),
    path("inspections/<int:inspection_id>/rectification/", views.notice_issue, name="notice_issue"),
    path("inspections/<int:inspection_id>/response/", views.response_submit, name="response_submit"),
    path(
        "inspections/<int:inspection_id>/verification/", views.verification_record, name="verification_record"
    ),
    path("inspections/<int:inspection_id>/publish/", views.inspection_publish, name="inspection_publish"),
    path("inspections/notices/<int:notice_id>.pdf", views.notice_pdf, name="notice_pdf"),
    path("inspections/responses/<int:response_id>/file", views.response_file, name="response_file"),
    path("inspections/evidence/<int:evidence_id>/file", views.evidence_file, name="evidence_file"),
    path("public/inspections/", public_views.published_list, name="public_list"),
    path("public/draws/<int:draw_id>/verify/", public_views.draw_verify, name="public_draw_verify"),
]
