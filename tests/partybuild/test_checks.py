"""Each rule check finds exactly the seeded violations and nothing else."""

import pytest

from partybuild import checks
from partybuild.models import Branch, CommitteeSeat, Meeting, Member
from tests.factories import FirmFactory

from .helpers import D, make_branch, make_member

TODAY = D(2026, 11, 28)
P, F = Member.Stage.PROBATIONARY, Member.Stage.FULL


def _committee(branch, members):
    CommitteeSeat.objects.bulk_create([CommitteeSeat(branch=branch, member=m) for m in members])


@pytest.fixture
def county(db):
    """A county with one violation of each rule next to a case just inside it."""
    f = {name: FirmFactory(name=name) for name in ["三人所", "二预一正所", "自建所", "七人所", "六人所"]}
    extra = [FirmFactory() for _ in range(8)]
    joint6 = make_branch("六所联合支部", f["三人所"], f["二预一正所"], *extra[:4])
    joint5 = make_branch("五所联合支部", *extra[4:8], FirmFactory())
    own = make_branch("自建所支部", f["自建所"], kind=Branch.Kind.OWN)
    seven = make_branch("七人所支部", f["七人所"], kind=Branch.Kind.OWN)
    six = make_branch("六人所支部", f["六人所"], kind=Branch.Kind.OWN)
    big = make_branch("行业大支部", kind=Branch.Kind.SECTOR)
    fifty = make_branch("行业五十人支部", kind=Branch.Kind.SECTOR)

    for i in range(3):
        make_member(joint6, f"三人所党员{i}", F, firm=f["三人所"])
    make_member(joint6, "二预一正所正式", F, firm=f["二预一正所"])
    for i in range(2):
        make_member(joint6, f"二预一正所预备{i}", P, firm=f["二预一正所"], probationary_on=D(2026, 6, 1))
    for i in range(4):
        make_member(own, f"自建所党员{i}", F, firm=f["自建所"])
    for i in range(7):
        make_member(seven, f"七人所党员{i}", F, firm=f["七人所"])
    for i in range(6):
        make_member(six, f"六人所党员{i}", F, firm=f["六人所"])
    for i in range(3):
        make_member(six, f"六人所预备{i}", P, firm=f["六人所"], probationary_on=D(2026, 3, 1))
    # Applicants and activists do not count towards the 50.
    big_members = [make_member(big, f"大支部党员{i}", F) for i in range(51)]
    _committee(big, big_members[:3])
    fifty_members = [make_member(fifty, f"五十人支部党员{i}", F) for i in range(50)]
    make_member(fifty, "五十人支部积极分子", Member.Stage.ACTIVIST)
    _committee(fifty, fifty_members[:3])

    # Development: activist 1 March 2020; a year is up on 1 March 2021, not on 28 February.
    early = make_member(
        own,
        "过早发展对象",
        Member.Stage.TARGET,
        activist_on=D(2020, 3, 1),
        target_on=D(2021, 2, 28),
        applied_on=D(2019, 1, 1),
    )
    make_member(
        own,
        "按期发展对象",
        Member.Stage.TARGET,
        activist_on=D(2020, 3, 1),
        target_on=D(2021, 3, 1),
        applied_on=D(2019, 1, 1),
    )
    # Conversions, today 28 November 2026 with 30 days' notice.
    due20 = make_member(joint5, "12月20日转正", P, probationary_on=D(2025, 12, 20))
    due28 = make_member(joint5, "12月28日转正", P, probationary_on=D(2025, 12, 28))
    make_member(joint5, "12月29日转正", P, probationary_on=D(2025, 12, 29))
    overdue = make_member(joint5, "逾期未转正", P, probationary_on=D(2025, 11, 1))
    make_member(joint5, "已转正", F, probationary_on=D(2024, 11, 1), full_on=D(2025, 11, 1))
    # Archives.
    no_review = make_member(
        joint5, "缺政审材料", F, docs=[d for d in Member.Doc.values if d != Member.Doc.POLITICAL_REVIEW]
    )
    no_bio = make_member(joint5, "缺自传", Member.Stage.ACTIVIST, docs=[Member.Doc.APPLICATION])
    make_member(joint5, "申请人材料齐", Member.Stage.APPLICANT, docs=[Member.Doc.APPLICATION])
    # Transferred out: on no list.
    gone = make_member(joint5, "已转出", P, probationary_on=D(2025, 1, 1), docs=[])
    gone.branch, gone.status = None, Member.Status.TRANSFERRED_OUT
    gone.save()
    return {
        "firms": f,
        "joint6": joint6,
        "big": big,
        "seven": seven,
        "early": early,
        "due": [due20, due28],
        "overdue": overdue,
        "archives": [no_review, no_bio],
    }


def _names(rows):
    return sorted(r.name for r in rows)


def test_firms_with_three_full_members_need_their_own_branch(county):
    # 三人所 (exactly 3 full, in a joint branch) must have its own; 二预一正所 (2 probationary + 1 full)
    # need not; 自建所 has one; 七人所 and 六人所 have one.
    assert _names(checks.firms_needing_own_branch()) == ["三人所"]


def test_firm_gets_off_the_list_once_it_has_its_own_branch(county):
    from partybuild.models import BranchFirm

    BranchFirm.objects.filter(firm=county["firms"]["三人所"]).delete()
    make_branch("三人所支部", county["firms"]["三人所"], kind=Branch.Kind.OWN)
    assert list(checks.firms_needing_own_branch()) == []


def test_branch_size_rules(county):
    rows = checks.branch_size_findings()
    assert _names(b for b in rows if b.too_many_firms) == ["六所联合支部"]
    assert _names(b for b in rows if b.too_many_members) == ["行业大支部"]
    assert _names(b for b in rows if b.needs_committee) == ["七人所支部"]
    assert _names(rows) == ["七人所支部", "六所联合支部", "行业大支部"]


def test_development_taken_too_early_is_listed(county):
    assert list(checks.development_too_early()) == [county["early"]]


def test_conversions_due_within_notice_and_overdue(county):
    found = checks.all_findings(2026, today=TODAY)
    assert found["conversions_due"] == county["due"]
    assert found["conversions_overdue"] == [county["overdue"]]


def test_incomplete_archives(county):
    assert _names(checks.incomplete_archives()) == _names(county["archives"])


def test_all_findings_counts(county):
    counts = checks.findings_counts(2026, today=TODAY)
    assert {k: v for k, v in counts.items() if k != "meeting_gaps" and k != "total"} == {
        "firms_without_branch": 1,
        "branches_too_many_firms": 1,
        "branches_too_many_members": 1,
        "branches_without_committee": 1,
        "development_too_early": 1,
        "conversions_due": 2,
        "conversions_overdue": 1,
        "incomplete_archives": 2,
    }


# ---------------------------------------------------------------- 三会一课 frequency


def _hold_everything(branch, year, months, groups=True, committee=True):
    kinds = [Meeting.Kind.MEMBERS, Meeting.Kind.LECTURE] + [Meeting.Kind.COMMITTEE] * committee
    meetings = []
    for month in months:
        for kind in kinds:
            if kind in (Meeting.Kind.MEMBERS, Meeting.Kind.LECTURE) and month % 3 != 2:
                continue  # quarterly: once, in the middle month
            meetings.append(
                Meeting(branch=branch, kind=kind, held_on=D(year, month, 15), topic="t", host="h")
            )
        if groups:
            meetings.append(
                Meeting(
                    branch=branch, kind=Meeting.Kind.GROUP, held_on=D(year, month, 3), topic="t", host="h"
                )
            )
    Meeting.objects.bulk_create(meetings)


@pytest.fixture
def two_branches(db):
    a = make_branch("甲支部", FirmFactory(), kind=Branch.Kind.OWN, has_party_groups=True)
    b = make_branch("乙支部", FirmFactory(), kind=Branch.Kind.OWN)
    for branch in (a, b):
        _committee(branch, [make_member(branch, f"{branch.name}{i}") for i in range(3)])
    return a, b


def test_one_missing_month_is_reported_for_that_branch_and_month_only(two_branches):
    a, b = two_branches
    _hold_everything(a, 2026, range(1, 12))
    _hold_everything(b, 2026, range(1, 12), groups=False)
    Meeting.objects.filter(branch=a, kind=Meeting.Kind.COMMITTEE, held_on__month=5).delete()

    gaps = checks.meeting_gaps(2026, today=TODAY)

    assert [(g.branch_id, g.kind, g.period_label) for g in gaps] == [(a.pk, "committee", "2026-05")]


def test_quarter_gap_and_unfinished_periods(two_branches):
    a, b = two_branches
    _hold_everything(a, 2026, range(1, 12))
    _hold_everything(b, 2026, range(1, 12), groups=False)
    # The lecture of Q3 moved into October: Q3 has none (Q4 is not over on 28 November, so not due).
    Meeting.objects.filter(branch=b, kind=Meeting.Kind.LECTURE, held_on__month=8).update(
        held_on=D(2026, 10, 2)
    )

    gaps = checks.meeting_gaps(2026, today=TODAY)

    assert [(g.branch_id, g.kind, g.period_label) for g in gaps] == [(b.pk, "lecture", "2026 Q3")]


def test_no_committee_no_groups_and_founding_date_limit_what_is_required(db):
    branch = make_branch("新支部", FirmFactory(), kind=Branch.Kind.OWN, founded_on=D(2026, 7, 1))
    gaps = checks.meeting_gaps(2026, today=TODAY)
    assert sorted((g.kind, g.period_label) for g in gaps) == [("lecture", "2026 Q3"), ("members", "2026 Q3")]
    branch.status = Branch.Status.DISSOLVED
    branch.save()
    assert checks.meeting_gaps(2026, today=TODAY) == []


def test_past_year_counts_every_period(two_branches):
    a, b = two_branches
    _hold_everything(a, 2025, range(1, 13))
    _hold_everything(b, 2025, range(1, 13), groups=False)
    Meeting.objects.filter(branch=b, kind=Meeting.Kind.COMMITTEE, held_on__month=12).delete()
    gaps = checks.meeting_gaps(2025, today=TODAY)
    assert [(g.branch_id, g.kind, g.period_label) for g in gaps] == [(b.pk, "committee", "2025-12")]


def test_cut_lists_keep_their_full_counts(county):
    full = checks.all_findings(2026, today=TODAY)
    cut = checks.all_findings(2026, today=TODAY, limit=1)
    for name, count in full["counts"].items():
        assert count == len(full[name]), name
        assert cut["counts"][name] == count, name
        assert len(cut[name]) <= 1
    assert cut["counts"]["meeting_gaps"] > 1  # the county's branches hold no meetings at all
