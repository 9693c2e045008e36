"""Pages: the bureau's forms, the secretary's meeting form, and query counts that do not grow."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from partybuild.models import Branch, BranchFirm, Meeting, Member
from tests.factories import FirmFactory

from .helpers import D, make_branch, make_member


def test_staff_creates_a_joint_branch_and_grants_a_secretary(login, staff, firm, other_firm, secretary):
    response = login(staff).post(
        "/party/branches/new/",
        {
            "name": "联合党支部一",
            "kind": "joint",
            "firms": [firm.pk, other_firm.pk],
            "founded_on": "2026-01-10",
            "status": "active",
            "standard_status": "in_progress",
            "standard_criteria": ["organisation", "venue"],
            "secretary_account": secretary.pk,
        },
    )
    assert response.status_code == 400 or response.status_code == 200  # 甲所 already has its branch
    assert "已由其他支部覆盖" in response.content.decode()
    BranchFirm.objects.filter(firm=firm).delete()
    response = login(staff).post(
        "/party/branches/new/",
        {
            "name": "联合党支部一",
            "kind": "joint",
            "firms": [firm.pk, FirmFactory().pk],
            "founded_on": "2026-01-10",
            "status": "active",
            "standard_status": "in_progress",
            "standard_criteria": ["organisation", "venue"],
            "secretary_account": secretary.pk,
        },
    )
    joint = Branch.objects.get(name="联合党支部一")
    assert response.status_code == 302 and response["Location"] == f"/party/branches/{joint.pk}/"
    assert joint.standard_progress == 29
    assert secretary.has_perm("partybuild.manage_branch", joint)


def test_member_form_refuses_a_step_before_the_previous_one(login, staff, branch):
    response = login(staff).post(
        "/party/members/new/",
        {
            "branch": branch.pk,
            "name": "新人",
            "stage": 2,
            "applied_on": "2025-05-01",
            "activist_on": "2025-04-01",
        },
    )
    assert "不能早于上一步" in response.content.decode()
    assert not Member.objects.filter(name="新人").exists()


def test_member_form_refuses_target_within_a_year(login, staff, branch):
    response = login(staff).post(
        "/party/members/new/",
        {
            "branch": branch.pk,
            "name": "新人",
            "stage": 3,
            "applied_on": "2024-01-01",
            "activist_on": "2024-06-01",
            "target_on": "2025-01-01",
        },
    )
    assert "一年以上培养考察" in response.content.decode()
    assert not Member.objects.filter(name="新人").exists()


def test_advance_view(login, staff, branch):
    member = make_member(branch, "积极分子", Member.Stage.ACTIVIST, firm=None, activist_on=D(2024, 6, 1))
    member.firm = branch.firms.get()
    member.save()
    client = login(staff)
    response = client.post(f"/party/members/{member.pk}/advance/", {"on_date": "2025-01-01"})
    assert response.status_code == 400 and "2025-06-01" in response.content.decode()
    response = client.post(f"/party/members/{member.pk}/advance/", {"on_date": "2025-06-01"})
    assert response.status_code == 302
    member.refresh_from_db()
    assert member.stage == Member.Stage.TARGET


def test_archive_view_shows_what_is_missing(login, staff, branch):
    member = make_member(branch, "材料", Member.Stage.ACTIVIST, docs=[])
    client = login(staff)
    body = client.get(f"/party/members/{member.pk}/").content.decode()
    assert "缺 2 项" in body
    client.post(
        f"/party/members/{member.pk}/archive/", {"docs": ["application", "autobiography"], "version": 1}
    )
    member.refresh_from_db()
    assert member.missing_docs() == [] and member.version == 2


def test_secretary_records_a_meeting_with_attendance(login, secretary, branch):
    response = login(secretary).post(
        "/party/meetings/new/",
        {
            "branch": branch.pk,
            "kind": "members",
            "held_on": "2026-06-01",
            "topic": "六月党员大会",
            "host": "甲书记",
            f"att_{branch.staff_member.pk}": "present",
            f"att_{branch.lawyer_member.pk}": "absent",
            f"reason_{branch.lawyer_member.pk}": "出庭",
        },
    )
    meeting = Meeting.objects.get(topic="六月党员大会")
    assert response.status_code == 302
    assert meeting.recorded_by == secretary
    body = login(secretary).get(f"/party/meetings/{meeting.pk}/").content.decode()
    assert "50%" in body and "出庭" in body


def test_meeting_form_refuses_an_attendee_from_another_branch(login, staff, branch, other_branch):
    response = login(staff).post(
        "/party/meetings/new/",
        {
            "branch": branch.pk,
            "kind": "members",
            "held_on": "2026-06-01",
            "topic": "混入",
            "host": "甲",
            f"att_{branch.staff_member.pk}": "present",
            f"att_{other_branch.member.pk}": "present",
        },
    )
    assert response.status_code == 400
    html = response.content.decode()
    assert "参会人员中有1人不是本支部在册党员" in html
    assert "乙党员" not in html  # another branch's member is not named
    assert not Meeting.objects.filter(topic="混入").exists()


def test_liaison_and_training(login, staff, firm):
    client = login(staff)
    client.post("/party/liaisons/", {"liaison": "1", "l-name": "刘联络", "l-firms": [firm.pk]})
    from partybuild.models import LiaisonOfficer

    officer = LiaisonOfficer.objects.get(name="刘联络")
    client.post(
        "/party/liaisons/",
        {
            "training": "1",
            "t-title": "党建业务培训",
            "t-held_on": "2026-04-01",
            "t-hours": "3",
            "t-attendees": [officer.pk],
        },
    )
    body = client.get("/party/liaisons/").content.decode()
    assert "党建业务培训" in body and "3.0" in body


# ---------------------------------------------------------------- query counts


def _grow(n, start=0):
    """n more joint branches with members and meetings."""
    for i in range(start, start + n):
        firms = [FirmFactory(), FirmFactory()]
        b = make_branch(f"增长支部{i}", *firms)
        members = [make_member(b, f"增长{i}-{j}", firm=firms[j % 2]) for j in range(4)]
        make_member(
            b, f"增长预备{i}", Member.Stage.PROBATIONARY, firm=firms[0], probationary_on=D(2025, 12, 1)
        )
        meeting = Meeting.objects.create(branch=b, kind="members", held_on=D(2026, 2, 1), topic="t", host="h")
        meeting.attendance.create(member=members[0])


def _count(client, url):
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(url).status_code == 200
    return len(ctx.captured_queries)


@pytest.mark.parametrize(
    "url", ["/party/checks/?year=2026", "/party/", "/party/meetings/?year=2026", "BRANCH", "MEMBER"]
)
def test_pages_run_a_fixed_number_of_queries(login, staff, branch, url):
    url = {
        "BRANCH": f"/party/branches/{branch.pk}/",
        "MEMBER": f"/party/members/{branch.staff_member.pk}/",
    }.get(url, url)
    client = login(staff)
    _grow(1)
    client.get(url)  # warm-up: the settings rows are created on first use
    small = _count(client, url)
    _grow(15, start=1)
    for i in range(20):
        make_member(branch, f"甲增{i}", firm=branch.firms.get())
    assert _count(client, url) == small


def test_checks_page_query_count_is_pinned(login, staff, branch, django_assert_num_queries):
    _grow(5)
    client = login(staff)
    client.get("/party/checks/")
    # session, user, groups (3); party settings (1); one query per check: firms, branch sizes, early
    # steps, conversions, meeting gaps, archives (6). The header's settings row is kept by the process,
    # the session renewed once a minute; the navigation asks nothing of a bureau user.
    with django_assert_num_queries(10):
        client.get("/party/checks/")


def test_checks_page_changes_when_a_firm_gets_its_branch(login, staff, db):
    firm = FirmFactory(name="三人律所")
    other = FirmFactory()
    joint = make_branch("临时联合支部", firm, other)
    for i in range(3):
        make_member(joint, f"三人{i}", firm=firm)
    client = login(staff)
    assert "三人律所" in client.get("/party/checks/").content.decode()
    BranchFirm.objects.filter(firm=firm).delete()
    make_branch("三人律所支部", firm, kind=Branch.Kind.OWN)
    Member.objects.filter(name__startswith="三人").update(branch=Branch.objects.get(name="三人律所支部"))
    assert "三人律所 ·" not in client.get("/party/checks/").content.decode()


def test_writes_are_audited_with_the_acting_user(login, staff, branch):
    from bureau.selectors import audit_events

    member = branch.staff_member
    login(staff).post(f"/party/members/{member.pk}/archive/", {"docs": ["application"], "version": 1})
    events = audit_events(Member.objects.get(pk=member.pk))
    # (a test runs in one transaction, so every event has the same timestamp: look for it)
    assert any(e.pgh_label == "update" and e.actor == staff.display_name for e in events)
    assert login(staff).get(f"/history/partybuild/member/{member.pk}/").status_code == 200


def test_check_page_in_english(login, staff, branch):
    client = login(staff)
    client.post("/i18n/setlang/", {"language": "en", "next": "/party/checks/"})
    body = client.get("/party/checks/").content.decode()
    assert "Party-building rule checks" in body and "Incomplete member archives" in body


def test_branch_edit_and_committee_views(login, staff, branch, firm):
    client = login(staff)
    data = {
        "name": "甲所党支部（改）",
        "kind": "own",
        "firms": [firm.pk],
        "founded_on": "2020-01-01",
        "status": "active",
        "secretary": branch.staff_member.pk,
        "standard_status": "recognised",
        "standard_recognised_on": "2026-06-01",
        "standard_criteria": list(Branch.Criterion.values),
        "version": 1,
    }
    assert client.post(f"/party/branches/{branch.pk}/edit/", data).status_code == 302
    branch.refresh_from_db()
    assert (branch.name, branch.secretary, branch.standard_progress) == (
        "甲所党支部（改）",
        branch.staff_member,
        100,
    )
    stale = client.post(f"/party/branches/{branch.pk}/edit/", {**data, "name": "过期编辑"})
    assert "已被他人修改" in stale.content.decode()
    assert Branch.objects.get(pk=branch.pk).name == "甲所党支部（改）"

    extra = make_member(branch, "委员三", firm=firm)
    members = [branch.staff_member.pk, branch.lawyer_member.pk, extra.pk]
    response = client.post(
        f"/party/branches/{branch.pk}/committee/", {"elected_on": "2026-01-05", "members": members[:2]}
    )
    assert "3至5" in response.content.decode()
    response = client.post(
        f"/party/branches/{branch.pk}/committee/", {"elected_on": "2026-01-05", "members": members}
    )
    assert response.status_code == 302
    assert branch.committee.count() == 3
    assert branch.committee.get(member=branch.staff_member).position == "secretary"
