"""Reads of Party-building records, scoped to what the user may see, and the year figures.

Who sees what (object-permission code for branches lives here, in one place):
- bureau staff and administrators: everything;
- a branch secretary (a user granted `partybuild.manage_branch` on a branch, guardian direct-FK
  table BranchUserObjectPermission): that branch, its members and its meetings;
- a firm director: the branch covering their firm, its meetings, and the members of their firm;
- anyone else: nothing.
"""

import datetime

from django.db.models import Count, OuterRef, Prefetch, Q

from bureau.permissions import Role, has_role, is_bureau
from firms.permissions import managed_firm_ids

from .models import (
    Attendance,
    Branch,
    BranchFirm,
    BranchUserObjectPermission,
    LiaisonTraining,
    Meeting,
    Member,
    Transfer,
)
from .year_end import branches_at, members_at, year_end_findings

MANAGE_BRANCH = "partybuild.manage_branch"


def secretary_branch_ids(user):
    """Ids of the branches whose Party work the user keeps, as a subquery-friendly queryset."""
    return BranchUserObjectPermission.objects.filter(
        user=user, permission__codename="manage_branch", permission__content_type__app_label="partybuild"
    ).values("content_object_id")


def director_branch_ids(user):
    return BranchFirm.objects.filter(firm_id__in=managed_firm_ids(user)).values("branch_id")


def _is_director(user):
    return has_role(user, Role.FIRM_DIRECTOR)


def visible_branches(user):
    if is_bureau(user):
        return Branch.objects.all()
    if not user.is_authenticated:
        return Branch.objects.none()
    scope = Q(id__in=secretary_branch_ids(user))
    if _is_director(user):
        scope |= Q(id__in=director_branch_ids(user))
    return Branch.objects.filter(scope)


def visible_members(user):
    if is_bureau(user):
        return Member.objects.all()
    if not user.is_authenticated:
        return Member.objects.none()
    scope = Q(branch_id__in=secretary_branch_ids(user))
    if _is_director(user):
        scope |= Q(firm_id__in=managed_firm_ids(user), status=Member.Status.ACTIVE)
    return Member.objects.filter(scope)


def visible_meetings(user):
    if is_bureau(user):
        return Meeting.objects.all()
    return Meeting.objects.filter(branch__in=visible_branches(user))


def secretary_accounts(branch):
    """The accounts granted the branch (its secretaries' logins), one query."""
    from bureau.models import User

    return User.objects.filter(
        id__in=BranchUserObjectPermission.objects.filter(
            content_object=branch, permission__codename="manage_branch"
        ).values("user_id")
    ).order_by("username")


def can_edit_party(user):
    """Branches, members, development steps, transfers, liaison officers: bureau staff only."""
    return is_bureau(user)


def can_record_meetings(user, branch):
    """Bureau staff, and the branch's secretary for that branch."""
    if is_bureau(user):
        return True
    return BranchUserObjectPermission.objects.filter(
        user=user, permission__codename="manage_branch", content_object=branch
    ).exists()


def may_use_party(user):
    """Whether the Party-building pages are for this user: bureau staff, firm directors (their firm's
    branch, if any) and branch secretaries (one query at most)."""
    return is_bureau(user) or _is_director(user) or visible_branches(user).exists()


def branch_list(user):
    """Visible branches with member and firm counts, each a correlated subquery (no join fan-out)."""
    from .checks import _count

    active = Member.objects.filter(branch=OuterRef("pk"), status=Member.Status.ACTIVE)
    return (
        visible_branches(user)
        .select_related("liaison", "secretary")
        .annotate(
            firm_count=_count(BranchFirm.objects.filter(branch=OuterRef("pk")), "branch"),
            party_member_count=_count(active.filter(stage__gte=Member.Stage.PROBATIONARY), "branch"),
            pipeline_count=_count(active.filter(stage__lt=Member.Stage.PROBATIONARY), "branch"),
        )
        .prefetch_related("firms")
        .order_by("name")
    )


def branch_members(user, branch):
    return (
        visible_members(user)
        .filter(branch=branch)
        .select_related("firm", "lawyer")
        .order_by("-stage", "name")
    )


def member_detail_queryset(user):
    return (
        visible_members(user)
        .select_related("branch", "firm", "lawyer")
        .prefetch_related(Prefetch("transfers", queryset=Transfer.objects.select_related("branch")))
    )


def meeting_list(user, *, branch=None, year=None, kind=None):
    """Visible meetings, newest first, with attendance counts as correlated subqueries (so a cut
    list counts only the rows it shows)."""
    from .checks import _count

    meetings = visible_meetings(user).select_related("branch")
    if branch is not None:
        meetings = meetings.filter(branch=branch)
    if year:
        meetings = meetings.filter(held_on__range=(datetime.date(year, 1, 1), datetime.date(year, 12, 31)))
    if kind:
        meetings = meetings.filter(kind=kind)
    attendance = Attendance.objects.filter(meeting=OuterRef("pk"))
    return meetings.annotate(
        present_count=_count(attendance.filter(present=True), "meeting"),
        invited_count=_count(attendance, "meeting"),
    ).order_by("-held_on", "-id")


def meeting_detail_queryset(user):
    return (
        visible_meetings(user)
        .select_related("branch", "recorded_by")
        .prefetch_related(
            Prefetch(
                "attendance", queryset=Attendance.objects.select_related("member").order_by("member__name")
            ),
            "attachments",
        )
    )


def attendance_rate(present, invited):
    return round(100 * present / invited) if invited else None


def year_figures(year):
    """The Party-building figures of `year` for the yearly report, as a plain dict, each from dated
    records (see partybuild.year_end), so a year's figures never change when later years are recorded:

    branches_by_kind   branches that existed on 31 December, by kind (and "total");
    members_by_stage   people on the rolls on 31 December by their stage then (and "party_members",
                       probationary + full);
    new_probationary   members received as probationary members in the year;
    meetings_by_kind   三会一课 records held in the year, by kind (and "total");
    open_findings      rule-check findings as they stood on 31 December, by check (and "total").
    """
    end = datetime.date(year, 12, 31)
    start = datetime.date(year, 1, 1)

    branch_rows = branches_at(end).values("kind").annotate(n=Count("id")).order_by()
    branches_by_kind = {kind: 0 for kind in Branch.Kind.values}
    for row in branch_rows:
        branches_by_kind[row["kind"]] = row["n"]
    branches_by_kind["total"] = sum(branches_by_kind.values())

    member_rows = members_at(end).values("stage_then").annotate(n=Count("id")).order_by()
    members_by_stage = {int(stage): 0 for stage in Member.Stage.values}
    for row in member_rows:
        members_by_stage[row["stage_then"]] = row["n"]
    party_members = members_by_stage[Member.Stage.PROBATIONARY] + members_by_stage[Member.Stage.FULL]

    new_probationary = Member.objects.filter(probationary_on__range=(start, end)).count()

    meeting_rows = (
        Meeting.objects.filter(held_on__range=(start, end)).values("kind").annotate(n=Count("id")).order_by()
    )
    meetings_by_kind = {kind: 0 for kind in Meeting.Kind.values}
    for row in meeting_rows:
        meetings_by_kind[row["kind"]] = row["n"]
    meetings_by_kind["total"] = sum(meetings_by_kind.values())

    trainings = LiaisonTraining.objects.filter(held_on__range=(start, end)).aggregate(
        sessions=Count("id", distinct=True), attendances=Count("attendees")
    )

    return {
        "year": year,
        "branches_by_kind": branches_by_kind,
        "members_by_stage": members_by_stage,
        "party_members": party_members,
        "new_probationary": new_probationary,
        "meetings_by_kind": meetings_by_kind,
        "open_findings": year_end_findings(year),
        "liaison_trainings": trainings["sessions"],
        "liaison_trainees": trainings["attendances"],
    }
