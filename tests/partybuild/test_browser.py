"""In Chromium: staff creates a joint branch for two firms, adds members, records a members' meeting
with attendance, and sees the check page change."""

import datetime

from partybuild.models import Attendance, Branch, Meeting, Member
from tests.browser_helpers import sign_in
from tests.factories import FirmFactory, LawyerFactory


def test_staff_builds_a_joint_branch_and_the_checks_follow(page, live_server, staff, shot):
    year = datetime.date.today().year - 1  # a whole finished year, whatever the date of the run
    east = FirmFactory(name="东方律师事务所", short_name="东方所")
    west = FirmFactory(name="西山律师事务所", short_name="西山所")
    LawyerFactory(firm=east, name="孟庆")
    LawyerFactory(firm=west, name="蔡琳")
    checks_url = f"{live_server.url}/party/checks/?year={year}"

    sign_in(page, live_server, "staff")
    page.goto(checks_url)
    assert page.locator("#findings-total").inner_text() == "0"
    shot(page, "party-01-checks-empty")

    # A joint branch for the two firms.
    page.goto(f"{live_server.url}/party/")
    page.click("text=新建党支部")
    page.fill("#id_name", "东西联合党支部")
    page.select_option("#id_kind", "joint")
    page.get_by_label("东方律师事务所").check()
    page.get_by_label("西山律师事务所").check()
    page.fill("#id_founded_on", f"{year}-01-01")
    page.get_by_label("组织设置规范").check()
    shot(page, "party-02-branch-form")
    page.click("main button[type=submit]")
    page.wait_for_url(f"{live_server.url}/party/branches/*/")
    branch = Branch.objects.get(name="东西联合党支部")
    assert set(branch.firms.values_list("name", flat=True)) == {"东方律师事务所", "西山律师事务所"}

    # Two members: a lawyer (full member, archive complete) and a staff member (probationary).
    page.click("text=登记党员")
    page.select_option("#id_lawyer", label="孟庆（东方所）")
    page.select_option("#id_stage", label="正式党员")
    for field, day in [
        ("applied_on", "2010-03-01"),
        ("activist_on", "2010-09-01"),
        ("target_on", "2011-10-01"),
        ("probationary_on", "2012-03-01"),
        ("full_on", "2013-03-01"),
    ]:
        page.fill(f"#id_{field}", day)
    for i in range(7):
        page.check(f"#id_archive_docs_{i}")
    page.click("button[name=another]")
    page.wait_for_load_state()
    assert "已登记：孟庆" in page.content()
    page.fill("#id_name", "白雪")
    page.select_option("#id_firm", label="西山律师事务所")
    page.select_option("#id_stage", label="预备党员")
    for field, day in [
        ("applied_on", f"{year - 3}-03-01"),
        ("activist_on", f"{year - 3}-09-01"),
        ("target_on", f"{year - 2}-10-01"),
        ("probationary_on", f"{year}-03-01"),
    ]:
        page.fill(f"#id_{field}", day)
    page.check("#id_archive_docs_0")
    shot(page, "party-03-member-form")
    page.get_by_role("button", name="保存", exact=True).click()
    page.wait_for_url(f"{live_server.url}/party/members/*/")
    assert Member.objects.filter(branch=branch).count() == 2
    shot(page, "party-04-member-detail")

    # The check page now lists the branch's missing meetings and the incomplete archive.
    page.goto(checks_url)
    gaps = page.locator("#check-meetings li")
    assert gaps.filter(has_text=f"{year} Q3 · 未召开支部党员大会").count() == 1
    assert page.locator("#check-archives li").filter(has_text="白雪").count() == 1
    before = int(page.locator("#findings-total").inner_text())
    shot(page, "party-05-checks-before")

    # A members' meeting in the third quarter: one present, one absent with a reason.
    page.goto(f"{live_server.url}/party/branches/{branch.pk}/")
    page.click("text=登记会议")
    page.select_option("#id_kind", "members")
    page.fill("#id_held_on", f"{year}-08-20")
    page.fill("#id_topic", "第三季度党员大会")
    page.fill("#id_host", "孟庆")
    page.get_by_label("白雪的出席情况").select_option("absent")
    page.get_by_label("白雪的缺席原因").fill("外地出庭")
    shot(page, "party-06-meeting-form")
    page.get_by_role("button", name="保存", exact=True).click()
    page.wait_for_url(f"{live_server.url}/party/meetings/*/")
    assert "50%（1/2）" in page.content()
    meeting = Meeting.objects.get(topic="第三季度党员大会")
    assert sorted(Attendance.objects.filter(meeting=meeting).values_list("member__name", "present")) == [
        ("孟庆", True),
        ("白雪", False),
    ]
    shot(page, "party-07-meeting-detail")

    page.goto(checks_url)
    assert page.locator("#check-meetings li").filter(has_text=f"{year} Q3 · 未召开支部党员大会").count() == 0
    assert page.locator("#check-meetings li").filter(has_text=f"{year} Q2 · 未召开支部党员大会").count() == 1
    assert int(page.locator("#findings-total").inner_text()) == before - 1
    shot(page, "party-08-checks-after")

    page.goto(f"{live_server.url}/party/branches/{branch.pk}/")
    assert page.locator("h1").inner_text().startswith("东西联合党支部")
    shot(page, "party-09-branch-detail")
    page.goto(f"{live_server.url}/party/?year={year}")
    assert page.locator("table").filter(has_text="东西联合党支部").count() == 1
    shot(page, "party-10-index")


def test_director_reads_only_their_firms_branch(page, live_server, director, branch, other_branch, shot):
    sign_in(page, live_server, "director")
    page.click("text=党建工作")
    page.wait_for_url(f"{live_server.url}/party/")
    assert "甲所党支部" in page.content() and "乙所党支部" not in page.content()
    assert page.locator("text=新建党支部").count() == 0
    page.click("text=甲所党支部")
    page.wait_for_url(f"{live_server.url}/party/branches/{branch.pk}/")
    assert page.locator("text=登记会议").count() == 0  # reads, does not record
    shot(page, "party-11-director-branch")
    response = page.goto(f"{live_server.url}/party/branches/{other_branch.pk}/")
    assert response.status == 404
