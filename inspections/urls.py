from django.urls import path

from .views import inspections, notices, plans, public, visits

app_name = "inspections"

urlpatterns = [
    path("inspections/", inspections.inspection_list, name="inspection_list"),
    path("inspections/plans/", plans.plan_list, name="plan_list"),
    path("inspections/plans/new/", plans.plan_create, name="plan_create"),
    path("inspections/plans/<int:plan_id>/", plans.plan_detail, name="plan_detail"),
    path("inspections/plans/<int:plan_id>/draw/", plans.plan_draw, name="plan_draw"),
    path("inspections/draws/<int:draw_id>/", plans.draw_detail, name="draw_detail"),
    path("inspections/draws/<int:draw_id>/record.pdf", plans.draw_record_pdf, name="draw_record_pdf"),
    path("inspections/publication/", plans.publication_queue, name="publication_queue"),
    path("inspections/registers/", plans.registers, name="registers"),
    path(
        "inspections/registers/<int:inspector_id>/toggle/",
        plans.inspector_toggle,
        name="inspector_toggle",
    ),
    path("inspections/checklists/", plans.checklists, name="checklists"),
    path("inspections/notices/<int:notice_id>/correct/", notices.notice_correct, name="notice_correct"),
    path("inspections/visits/", visits.visit_list, name="visit_list"),
    path("inspections/visits/<int:visit_id>/", visits.visit_detail, name="visit_detail"),
    path("inspections/<int:inspection_id>/", inspections.inspection_detail, name="inspection_detail"),
    path(
        "inspections/<int:inspection_id>/schedule/",
        inspections.inspection_schedule,
        name="inspection_schedule",
    ),
    path("inspections/<int:inspection_id>/findings/", inspections.findings_save, name="findings_save"),
    path("inspections/<int:inspection_id>/evidence/", inspections.evidence_add, name="evidence_add"),
    path(
        "inspections/<int:inspection_id>/conclude/",
        inspections.inspection_conclude,
        name="inspection_conclude",
    ),
    path("inspections/<int:inspection_id>/sign/", inspections.inspection_sign, name="inspection_sign"),
    path(
        "inspections/<int:inspection_id>/notice/issue/",
        notices.inspection_notice_issue,
        name="inspection_notice_issue",
    ),
    path(
        "inspections/<int:inspection_id>/notice.pdf",
        notices.inspection_notice_pdf,
        name="inspection_notice_pdf",
    ),
    path("inspections/<int:inspection_id>/rectification/", notices.notice_issue, name="notice_issue"),
    path("inspections/<int:inspection_id>/response/", notices.response_submit, name="response_submit"),
    path(
        "inspections/<int:inspection_id>/verification/",
        notices.verification_record,
        name="verification_record",
    ),
    path(
        "inspections/<int:inspection_id>/publish/",
        inspections.inspection_publish,
        name="inspection_publish",
    ),
    path("inspections/notices/<int:notice_id>.pdf", notices.notice_pdf, name="notice_pdf"),
    path("inspections/responses/<int:response_id>/file", notices.response_file, name="response_file"),
    path("inspections/evidence/<int:evidence_id>/file", inspections.evidence_file, name="evidence_file"),
    path("public/inspections/", public.published_list, name="public_list"),
    path("public/draws/<int:draw_id>/verify/", public.draw_verify, name="public_draw_verify"),
    path("public/draws/<int:draw_id>/inputs.json", public.draw_inputs, name="public_draw_inputs"),
    path("public/draws/verify_draw.py", public.verify_script, name="public_verify_script"),
]
