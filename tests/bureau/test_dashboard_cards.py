"""Every dashboard card's number is the number of rows on the page its link opens.

The data below gives every card of every role a known, non-zero count; the test then follows
each card's link as the same user and counts the record rows there (`data-row` on each row; a
link to one section of a page, `#id`, counts the rows of that `data-section` only)."""

import datetime
import re
from urllib.parse import urlsplit

import pytest
from django.utils import timezone

from casework import services as casework_services
from casework.models import QuarterlyReport
from firms.models import Firm
from inspections.models import Inspection
from partybuild.models import Meeting, Member
from tests.casework.conftest import make_case
from tests.factories import FirmFactory, LawyerFactory
from tests.inspections.conftest import (  # noqa: F401  (fixtures)
    checklist,
    inspector2_entry,
    inspector3_entry,
    inspector_entry,
    make_inspection,
    plan,
)
from tests.partybuild.helpers import make_branch, make_member

CARD = re.compile(
    r'<a class="card attention-card[^"]*" href="(?P<url>[^"]+)"[^>]*>\s*<div class="card-body">\s*'
    r'<div class="text-muted small">(?P<label>.*?)</div>\s*<div class="count">(?P<count>\d+)</div>',
    re.S,
)


def cards(client):
    response = client.get("/")
    assert response.status_code == 200
    found = CARD.findall(response.content.decode())
    return [(label.strip(), int(count), url.replace("&amp;", "&")) for url, label, count in found]


def rows_on(client, url):
    response = client.get(url)
    assert response.status_code == 200, (url, response.status_code)
    html = response.content.decode()
    fragment = urlsplit(url).fragment
    if fragment:
        start = html.index(f'id="{fragment}" data-section')
        end = html.find("data-section", html.index("data-section", start) + 1)
        html = html[start : end if end != -1 else len(html)]
    return len(re.findall(r"<(?:tr|li)\b[^>]*\bdata-row\b", html))


@pytest.fixture
def county(request, firm, other_firm, staff, director, inspector, inspector2):
    """Three firms; what each card counts is built here, and the expected numbers follow."""
    today = timezone.localdate()
    days = datetime.timedelta
    the_plan, mine_a, theirs_a, both = (
        request.getfixturevalue(name)
        for name in ("plan", "inspector_entry", "inspector2_entry", "inspector3_entry")
    )
    third = FirmFactory(name="丙律师事务所")

    # Training: no hours recorded, so every practising lawyer is short (2 in `firm`, 1 elsewhere).
    zhang, qian = LawyerFactory(firm=firm, name="张律师"), LawyerFactory(firm=firm, name="钱律师")
    sun = LawyerFactory(firm=other_firm, name="孙律师")

    # Cases of this year: `firm` has an overdue unfiled sensitive case, a filed one and an
    # ordinary one (none has a fee receipt: all three are incomplete); `other_firm` has one
    # overdue unfiled sensitive case.
    intake = datetime.date(today.year, 3, 2)
    make_case(firm, director, [zhang], intake_date=intake, is_sensitive=True)
    filed = make_case(firm, director, [zhang], intake_date=intake, is_sensitive=True)
    casework_services.sensitive_file(
        case=filed, user=director, client="甲方公司", authority="示范县人民法院",
        facts="案情", legal_issues="法律问题", lawyer_opinion="意见",
    )  # fmt: skip
    make_case(firm, director, [qian], intake_date=intake)
    make_case(other_firm, staff, [sun], intake_date=intake, is_sensitive=True)

    # Quarterly reports awaiting review in three different quarters (the overview page shows
    # one quarter: the card's list must show them all), and one of `firm`'s returned.
    for f, year, quarter in ((firm, 2025, 4), (other_firm, 2026, 1), (third, 2026, 2)):
        end = datetime.date(year + (quarter == 4), 1 if quarter == 4 else 3 * quarter + 1, 10)
        QuarterlyReport.objects.create(
            firm=f, year=year, quarter=quarter, status=QuarterlyReport.Status.SUBMITTED,
            due_on=end, first_submitted_on=end, created_by=staff,
        )  # fmt: skip
    QuarterlyReport.objects.create(
        firm=firm, year=2026, quarter=1, status=QuarterlyReport.Status.RETURNED,
        due_on=datetime.date(2026, 4, 10), first_submitted_on=datetime.date(2026, 4, 9), created_by=director,
    )  # fmt: skip

    # Party: a joint branch of `firm` and `third`; `third` has 3 full members (should form its
    # own branch) and a probationary member whose year ends in 10 days.
    branch = make_branch("城关律师行业联合党支部", firm, third)
    for name in ("党员甲", "党员乙", "党员丙"):
        make_member(branch, name, firm=third)
    make_member(
        branch, "预备党员丁", Member.Stage.PROBATIONARY, firm=third,
        probationary_on=today.replace(year=today.year - 1) + datetime.timedelta(days=10),
    )  # fmt: skip
    # Two meetings this year and one last year, which the card does not count.
    for held_on in ((today.year, 3, 5), (today.year, 6, 5), (today.year - 1, 6, 5)):
        Meeting.objects.create(
            branch=branch, kind=Meeting.Kind.MEMBERS, held_on=datetime.date(*held_on), topic="学习", host="甲"
        )

    # Inspections (states set directly: the cards count states, not how they were reached).
    mine = [mine_a, both]
    concluded = {"status": Inspection.Status.RECTIFYING, "result": Inspection.Result.RECTIFY}

    def inspection(f, entries, **state):
        i = make_inspection(the_plan, f, entries, user=staff)
        Inspection.objects.filter(pk=i.pk).update(**state)

    inspection(firm, mine, **concluded, rectification="pending", rectification_deadline=today - days(3))
    inspection(firm, mine, **concluded, rectification="pending", rectification_deadline=today + days(20))
    inspection(other_firm, mine, **concluded, rectification="responded")
    inspection(third, mine)  # scheduled: still to be done
    theirs = [theirs_a, both]
    closed = {"status": Inspection.Status.CLOSED, "result": Inspection.Result.PASS}
    inspection(other_firm, theirs, **closed, concluded_on=today - days(1), publish_due=today + days(6))
    inspection(third, theirs, **closed, concluded_on=datetime.date(2026, 9, 25), publish_due=today - days(5))
    assert Firm.objects.count() == 3
    year = today.year
    bureau = {
        "登记律师事务所": 3,
        f"{year}年继续教育学时不足的律师": 3,
        "逾期未备案的重大敏感案件": 2,
        "待审阅的敏感案件备案": 1,
        "待审核的季度统计": 3,
        "应单独建立党支部的律所": 1,
        "预备党员30日内待转正或逾期": 1,
        "待公开的检查结果": 1,
        "逾期未公开的检查结果": 1,
        "逾期未整改": 1,
    }
    return {
        "bureau": bureau,
        "director": {
            f"本所{year}年学时不足的律师": 2,
            "本年收案": 3,
            "四统一不完整的案件": 3,
            "逾期未备案的重大敏感案件": 1,
            "被退回的季度统计": 1,
            "本所所在党支部：城关律师行业联合党支部": 2,
            "待报送的整改": 2,
            "逾期未整改": 1,
        },
        "inspector": {"待完成的检查": 1, "待核查的整改报告": 1, "逾期未整改": 1},
    }


@pytest.mark.parametrize(
    "who, dashboard",
    [("staff", "bureau"), ("bureau_admin", "bureau"), ("director", "director"), ("inspector", "inspector")],
)
def test_every_card_opens_the_rows_it_counts(request, login, county, who, dashboard):
    client = login(request.getfixturevalue(who))
    shown = cards(client)
    assert {label: count for label, count, _url in shown} == county[dashboard]
    for label, count, url in shown:
        assert rows_on(client, url) == count, (label, url)


def test_jobs_are_named_by_their_kind_not_their_key(login, staff):
    from bureau.models import Job

    report = Job.objects.create(kind="yearly_report", created_by=staff)
    check = Job.objects.create(kind="selfcheck", created_by=staff)
    client = login(staff)
    recent = client.get("/").content.decode()
    assert f"#{report.pk} 年度统计报告" in recent and f"#{check.pk} 系统自检" in recent
    assert "yearly_report" not in recent and "selfcheck<" not in recent
    page = client.get(f"/jobs/{report.pk}/").content.decode()
    assert "年度统计报告" in page.split("</h1>")[0].rsplit("<h1", 1)[1]
    assert "yearly_report" not in page


@pytest.mark.parametrize("who", ["director2", "inspector2"])
def test_other_users_cards_match_their_lists_too(request, login, county, who):
    client = login(request.getfixturevalue(who))
    shown = cards(client)
    assert shown  # the other firm's director and the other inspector have cards of their own
    assert [(label, rows_on(client, url)) for label, _count, url in shown] == [
        (label, count) for label, count, _url in shown
    ]


def test_the_card_filters_stay_within_what_the_user_may_see(login, client, county, director2, inspector2):
    # The other firm's director: their own submitted report, overdue sensitive case and no
    # overdue rectification (the overdue one is `firm`'s).
    other = login(director2)
    html = other.get("/quarterly/?status=submitted").content.decode()
    assert rows_on(other, "/quarterly/?status=submitted") == 1 and "2026年第1季度" in html
    assert rows_on(other, "/sensitive/?show=overdue") == 1
    assert rows_on(other, "/inspections/?task=overdue") == 0
    # An inspector not drawn for the overdue inspection does not see it through the filter.
    assert rows_on(login(inspector2), "/inspections/?task=overdue") == 0
    # Unknown filter values are left out rather than failing.
    assert rows_on(other, "/quarterly/?status=nonsense") == 1  # the director's usual list
    assert rows_on(other, "/inspections/?task=nonsense") == 2  # both of the other firm's
    for url in ("/quarterly/?status=submitted", "/sensitive/?show=overdue", "/inspections/?task=overdue"):
        response = client.get(url)
        assert response.status_code == 302 and "/accounts/login/" in response["Location"]
