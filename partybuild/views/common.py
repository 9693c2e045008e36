"""What the Party-building pages share: the visible-object lookups."""

from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404

from .. import selectors


def get_branch_for_user(request, branch_id, *, edit=False):
    branch = get_object_or_404(selectors.visible_branches(request.user), pk=branch_id)
    if edit and not selectors.can_edit_party(request.user):
        raise PermissionDenied
    return branch


def get_member_for_user(request, member_id, *, edit=False):
    member = get_object_or_404(selectors.member_detail_queryset(request.user), pk=member_id)
    if edit and not selectors.can_edit_party(request.user):
        raise PermissionDenied
    return member


def get_meeting_for_user(request, meeting_id):
    return get_object_or_404(selectors.meeting_detail_queryset(request.user), pk=meeting_id)
