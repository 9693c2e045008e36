from django.urls import path

from . import views

app_name = "partybuild"

urlpatterns = [
    path("party/", views.index, name="index"),
    path("party/branches/new/", views.branch_create, name="branch_create"),
    path("party/branches/<int:branch_id>/", views.branch_detail, name="branch_detail"),
    path("party/branches/<int:branch_id>/edit/", views.branch_edit, name="branch_edit"),
    path("party/branches/<int:branch_id>/committee/", views.branch_committee, name="branch_committee"),
    path(
        "party/branches/<int:branch_id>/secretaries/<int:user_id>/revoke/",
        views.branch_revoke_secretary,
        name="branch_revoke_secretary",
    ),
    path("party/branches/<int:branch_id>/import/", views.members_import, name="members_import"),
    path("party/members/new/", views.member_create, name="member_create"),
    path("party/members/<int:member_id>/", views.member_detail, name="member_detail"),
    path("party/members/<int:member_id>/advance/", views.member_advance, name="member_advance"),
    path("party/members/<int:member_id>/archive/", views.member_archive, name="member_archive"),
    path("party/members/<int:member_id>/transfer/", views.member_transfer, name="member_transfer"),
    path("party/meetings/", views.meeting_list, name="meeting_list"),
    path("party/meetings/new/", views.meeting_create, name="meeting_create"),
    path("party/meetings/<int:meeting_id>/", views.meeting_detail, name="meeting_detail"),
    path("party/meetings/<int:meeting_id>/attachments/", views.attachment_upload, name="attachment_upload"),
    path("party/attachments/<int:attachment_id>/", views.attachment_download, name="attachment_download"),
    path("party/checks/", views.check_list, name="check_list"),
    path("party/liaisons/", views.liaison_list, name="liaison_list"),
]
