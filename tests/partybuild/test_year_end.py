"""A year's Party figures as at 31 December, from dated records: known by construction, and the
same after the next year is recorded (members converted, one transferred out, another moved, a
branch dissolved and one added)."""

import re

import pytest
from django.core.exceptions import ValidationError

from bureau.report.summary import draft_summary
from partybuild import services
from partybuild.contrib import report_section
from partybuild.models import Branch, Meeting, Member
from partybuild.selectors import year_figures
from tests.factories import FirmFactory, UserFactory

from .helpers import D

S = Member.Stage
YEAR = 2024


def _member(branch, name, firm, stage, **dates):
    return services.member_create(branch=branch, name=name, firm=firm, stage=stage, **dates)


FULL = {
    "applied_on": D(2015, 1, 1),
    "activist_on": D(2015, 6, 1),
    "target_on": D(2016, 7, 1),
    "probationary_on": D(2016, 12, 1),
    "full_on": D(2017, 12, 1),
}


def _probationary(received):
    return {
        "applied_on": D(2020, 1, 1),
        "activist_on": D(2020, 6, 1),
        "target_on": D(2021, 7, 1),
        "probationary_on": received,
    }


@pytest.fixture
def county(db):
    """Three branches and nine people at the end of 2024 (see the comments for what each counts as)."""
    user = UserFactory()
    firm_a, firm_b, firm_c, firm_d = (FirmFactory() for _ in range(4))
    own = services.branch_create(
        name="甲所党支部", kind=Branch.Kind.OWN, founded_on=D(2020, 1, 1), firms=[firm_a]
    )
    joint = services.branch_create(
        name="联合党支部", kind=Branch.Kind.JOINT, founded_on=D(2020, 1, 1), firms=[firm_b, firm_c]
    )
    sector = services.branch_create(name="行业党支部", kind=Branch.Kind.SECTOR, founded_on=D(2023, 1, 1))
    people = {
        "a1": _member(own, "甲一", firm_a, S.FULL, **FULL),
        "a2": _member(own, "甲二", firm_a, S.FULL, **FULL),
        # Received March 2024: due March 2025, not overdue at the end of 2024.
        "a3": _member(own, "甲三", firm_a, S.PROBATIONARY, **_probationary(D(YEAR, 3, 1))),
        # Received June 2023: due June 2024, overdue at the end of 2024.
        "a4": _member(own, "甲四", firm_a, S.PROBATIONARY, **_probationary(D(2023, 6, 1))),
        "a5": _member(own, "甲五", firm_a, S.ACTIVIST, applied_on=D(YEAR, 1, 5), activist_on=D(YEAR, 5, 1)),
        # Three full members of 乙所 in a joint branch: 乙所 should have its own branch.
        "b1": _member(joint, "乙一", firm_b, S.FULL, **FULL),
        "b2": _member(joint, "乙二", firm_b, S.FULL, **FULL),
        "b3": _member(joint, "乙三", firm_b, S.FULL, **FULL),
        "c1": _member(
            joint,
            "丙一",
            firm_c,
            S.TARGET,
            applied_on=D(2022, 1, 1),
            activist_on=D(2022, 3, 1),
            target_on=D(2023, 4, 1),
        ),
    }
    # 甲所 holds its members' meeting and lecture every quarter of 2024 (8); the others hold none:
    # 联合 and 行业 miss both in each of the four quarters (8 gaps each).
    for month in (2, 5, 8, 11):
        for kind in (Meeting.Kind.MEMBERS, Meeting.Kind.LECTURE):
            services.meeting_record(
                branch=own, kind=kind, held_on=D(YEAR, month, 10), topic="学习", host="书记", user=user
            )
    services.meeting_record(
        branch=own,
        kind=Meeting.Kind.THEME_DAY,
        held_on=D(YEAR, 7, 1),
        topic="主题党日",
        host="书记",
        user=user,
    )
    # Last year's meeting is not this year's.
    services.meeting_record(
        branch=joint,
        kind=Meeting.Kind.MEMBERS,
        held_on=D(YEAR - 1, 12, 20),
        topic="学习",
        host="书记",
        user=user,
    )
    services.liaison_training_record(
        title="党建联络员培训",
        held_on=D(YEAR, 9, 1),
        hours=4,
        attendees=[services.liaison_create(name="联络员一"), services.liaison_create(name="联络员二")],
    )
    return {"user": user, "own": own, "joint": joint, "sector": sector, "firm_d": firm_d, **people}


EXPECTED_2024 = {
    "branches_by_kind": {"own": 1, "joint": 1, "sector": 1, "total": 3},
    "members_by_stage": {S.APPLICANT: 0, S.ACTIVIST: 1, S.TARGET: 1, S.PROBATIONARY: 2, S.FULL: 5},
    "party_members": 7,
    "new_probationary": 1,
    "meetings_by_kind": {"members": 4, "committee": 0, "group": 0, "lecture": 4, "theme_day": 1, "total": 9},
    "open_findings": {
        "firms_without_branch": 1,
        "branches_too_many_members": 0,
        "development_too_early": 0,
        "conversions_overdue": 1,
        "meeting_gaps": 16,
        "total": 18,
    },
    "liaison_trainings": 1,
    "liaison_trainees": 2,
}


def _record_2025(county):
    user = county["user"]
    services.member_advance(member=county["a3"], on_date=D(2025, 3, 5))
    services.member_advance(member=county["a4"], on_date=D(2025, 1, 10))
    # A development target a year after becoming an activist (1 May 2024).
    services.member_advance(member=county["a5"], on_date=D(2025, 6, 1))
    services.member_transfer(member=county["b1"], on_date=D(2025, 2, 1), to_organisation="外县律师党支部")
    services.member_transfer(member=county["c1"], on_date=D(2025, 4, 1), to_branch=county["sector"])
    joint = Branch.objects.get(pk=county["joint"].pk)
    joint.status, joint.dissolved_on = Branch.Status.DISSOLVED, D(2025, 6, 1)
    services.branch_update(branch=joint, expected_version=joint.version, fields=["status", "dissolved_on"])
    new = services.branch_create(
        name="丁所党支部", kind=Branch.Kind.OWN, founded_on=D(2025, 7, 1), firms=[county["firm_d"]]
    )
    # Came into the county in 2025, a full member since 2010: not on 2024's rolls.
    services.member_create(
        branch=new,
        name="丁一",
        firm=county["firm_d"],
        stage=S.FULL,
        applied_on=D(2008, 1, 1),
        activist_on=D(2008, 3, 1),
        target_on=D(2009, 4, 1),
        probationary_on=D(2009, 6, 1),
        full_on=D(2010, 6, 1),
        transfer_from="外县党委",
        transfer_on=D(2025, 8, 1),
    )
    services.meeting_record(
        branch=new, kind=Meeting.Kind.MEMBERS, held_on=D(2025, 8, 2), topic="学习", host="书记", user=user
    )


def test_year_end_figures_are_known_by_construction_and_do_not_change_when_next_year_is_recorded(county):
    figures = year_figures(YEAR)
    assert {key: figures[key] for key in EXPECTED_2024} == EXPECTED_2024
    section = report_section(YEAR)

    with pytest.raises(ValidationError):
        # An activist since May 2024 cannot be made a development target within the year.
        services.member_advance(member=county["a5"], on_date=D(2025, 1, 2))
    _record_2025(county)

    assert year_figures(YEAR) == figures
    again = report_section(YEAR)
    assert again["tables"] == section["tables"] and again["facts"] == section["facts"]
    assert again["summary"] == section["summary"]

    # And 2025 sees the new year: 丁所 and 行业 exist, 联合 was dissolved; 甲三 and 甲四 converted.
    later = year_figures(2025)
    assert later["branches_by_kind"] == {"own": 2, "joint": 0, "sector": 1, "total": 3}
    assert later["members_by_stage"][S.FULL] == 2 + 2 + 2 + 1  # a1 a2, a3 a4, b2 b3, 丁一
    assert later["open_findings"]["conversions_overdue"] == 0


def _numbers(text):
    return [int(n) for n in re.findall(r"\d+", text)]


def test_party_summary_has_every_figure_from_the_tables_and_no_zero_clause(county):
    section = report_section(YEAR)
    text = draft_summary(YEAR, "示范县", [section])
    assert "全行业共有党支部3个" in text
    assert "党员7名" in text and "其中正式党员5名" in text and "本年发展预备党员1名" in text
    assert "召开“三会一课”等组织生活9次（其中支部党员大会4次、党课4次、主题党日1次）" in text
    assert "组织党建联络员培训1期，参训2人次" in text
    assert "截至年末尚有18项党建规则检查问题待整改" in text
    assert "支部委员会" not in text and "党小组会" not in text
    cells = {c for t in section["tables"] for row in t["rows"] for c in row if isinstance(c, int)}
    assert 0 not in _numbers(text) and set(_numbers(text)) <= cells


def test_nothing_recorded_says_nothing(db):
    assert report_section(YEAR)["summary"] == [("party", "")]


def test_year_figures_run_a_fixed_number_of_queries(county):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as first:
        year_figures(YEAR)
    _record_2025(county)
    with CaptureQueriesContext(connection) as second:
        year_figures(YEAR)
    assert len(second.captured_queries) == len(first.captured_queries)
