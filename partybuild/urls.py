from django.urls import path

from .views import branches, checks, liaison, meetings, members

app_name = "partybuild"

urlpatterns = [
    path("party/", branches.index, name="index"),
    path("party/branches/new/", branches.branch_create, name="branch_create"),
    path("party/branches/<int:branch_id>/", branches.branch_detail, name="branch_detail"),
    path("party/branches/<int:branch_id>/edit/", branches.branch_edit, name="branch_edit"),
    path("party/branches/<int:branch_id>/committee/", branches.branch_committee, name="branch_committee"),
    path(
        "party/branches/<int:branch_id>/secretaries/<int:user_id>/revoke/",
        branches.branch_revoke_secretary,
        name="branch_revoke_secretary",
    ),
    path("party/branches/<int:branch_id>/import/", branches.members_import, name="members_import"),
    path("party/members/new/", members.member_create, name="member_create"),
    path("party/members/<int:member_id>/", members.member_detail, name="member_detail"),
    path("party/members/<int:member_id>/advance/", members.member_advance, name="member_advance"),
    path("party/members/<int:member_id>/archive/", members.member_archive, name="member_archive"),
    path("party/members/<int:member_id>/transfer/", members.member_transfer, name="member_transfer"),
    path("party/meetings/", meetings.meeting_list, name="meeting_list"),
    path("party/meetings/new/", meetings.meeting_create, name="meeting_create"),
    path("party/meetings/<int:meeting_id>/", meetings.meeting_detail, name="meeting_detail"),
    path(
        "party/meetings/<int:meeting_id>/attachments/", meetings.attachment_upload, name="attachment_upload"
    ),
    path("party/attachments/<int:attachment_id>/", meetings.attachment_download, name="attachment_download"),
    path("party/checks/", checks.check_list, name="check_list"),
    path("party/checks/<slug:section>/", checks.check_section, name="check_section"),
    path("party/liaisons/", liaison.liaison_list, name="liaison_list"),
]
