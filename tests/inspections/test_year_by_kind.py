"""Supervision counted by kind, from dated records: acceptance checks do not use up the yearly cap of
dual-random draws; firms 改制中 are eligible by a plan setting; a past year can be back-filled with
its own dates, and its figures stay the same when later years are recorded."""

import datetime
import re

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from bureau.report.build import key_figures
from bureau.report.summary import draft_summary
from firms.models import Firm
from inspections import contrib, rectification, services
from inspections.draw import parse_ids
from inspections.models import Inspection, InspectionSettings, Plan
from tests.factories import FirmFactory

from .conftest import record_all

D = datetime.date
PDF = b"%PDF-1.4 report"


def _plan(staff, checklist, *, year, kind, batch=1, **extra):
    fields = {
        "sampling": Plan.Sampling.RATIO,
        "ratio_percent": 100,
        "starts_on": D(year, 6, 3),
        "ends_on": D(year, 12, 20),
        **extra,
    }
    return services.plan_create(
        created_by=staff,
        year=year,
        batch=batch,
        kind=kind,
        title=f"{year}年{kind}第{batch}批",
        checklist=checklist,
        inspectors_per_target=2,
        **fields,
    )


def _users(inspection):
    return [a.inspector.user for a in inspection.assignments.select_related("inspector__user")]


def _cells(section):
    return {cell for table in section["tables"] for row in table["rows"] for cell in row[1:]}


@pytest.fixture
def three_firms(firm, other_firm):
    return [firm, other_firm, FirmFactory(name="丙律师事务所")]


@pytest.fixture
def register(inspector_entry, inspector2_entry, inspector3_entry):
    # Three inspectors cannot avoid the previous round's pairs at two per firm; that rule has
    # tests of its own.
    InspectionSettings.objects.update_or_create(
        pk=InspectionSettings.SINGLETON_ID, defaults={"avoid_previous_round": False}
    )
    return [inspector_entry, inspector2_entry, inspector3_entry]


def test_acceptance_rounds_leave_the_dual_random_draw_possible(staff, checklist, three_firms, register):
    # Mid-year and year-end acceptance at 100 %: every firm is visited twice, the yearly cap.
    for kind in (Plan.Kind.ACCEPTANCE_MID, Plan.Kind.ACCEPTANCE_END):
        services.draw_plan(plan=_plan(staff, checklist, year=2026, kind=kind), user=staff)
    assert Inspection.objects.count() == 6
    random = _plan(staff, checklist, year=2026, kind=Plan.Kind.RANDOM, sampling="count", target_count=1)
    draw = services.draw_plan(plan=random, user=staff)  # not refused
    assert sorted(parse_ids(draw.targets_listing)) == sorted(f.pk for f in three_firms)

    section = contrib.report_section(2026)
    facts = section["facts"]
    assert facts["acceptance_checks"] == 2 and facts["acceptance_inspections"] == 6
    assert facts["random_rounds"] == 1
    # The headline "双随机检查" counts dual-random inspections only.
    assert facts["inspections_total"] == 1
    assert ("双随机检查", 1, "家次") in key_figures(facts)
    rows = {row[0]: row[1:] for row in section["tables"][0]["rows"]}
    assert rows["双随机抽查"][:2] == [1, 1]
    assert rows["规范化建设验收（年中）"][:2] == [1, 3]
    assert rows["规范化建设验收（年末）"][:2] == [1, 3]
    assert rows["规范化建设验收小计"][:2] == [2, 6]
    assert rows["专项检查"][:2] == [0, 0]
    summary = draft_summary(2026, "示范县", [section])
    assert "开展律师事务所规范化建设验收2次，验收律师事务所6家次。" in summary
    assert "开展“双随机、一公开”抽查1批次，检查律师事务所1家次。" in summary
    assert "专项检查" not in summary  # none happened: no zero clause


def test_a_second_random_round_still_respects_the_cap(staff, checklist, three_firms, register):
    for batch in (1, 2):
        services.draw_plan(plan=_plan(staff, checklist, year=2026, kind="random", batch=batch), user=staff)
    third = _plan(staff, checklist, year=2026, kind="random", batch=3, sampling="count", target_count=1)
    with pytest.raises(ValidationError, match="可抽取的检查对象只有0家"):
        services.draw_plan(plan=third, user=staff)


def test_restructuring_firms_are_eligible_as_the_plan_says(staff, checklist, three_firms, register):
    restructuring = three_firms[2]
    Firm.objects.filter(pk=restructuring.pk).update(status=Firm.Status.RESTRUCTURING)
    acceptance = _plan(staff, checklist, year=2026, kind=Plan.Kind.ACCEPTANCE_MID)
    random = _plan(staff, checklist, year=2026, kind=Plan.Kind.RANDOM)
    random_with = _plan(
        staff, checklist, year=2026, kind=Plan.Kind.RANDOM, batch=2, restructuring_eligible=True
    )
    # Defaults by kind: acceptance checks include firms 改制中, dual-random rounds do not.
    assert acceptance.restructuring_eligible is True and random.restructuring_eligible is False
    assert restructuring.pk in parse_ids(services.draw_plan(plan=acceptance, user=staff).targets_listing)
    assert restructuring.pk not in parse_ids(services.draw_plan(plan=random, user=staff).targets_listing)
    assert restructuring.pk in parse_ids(services.draw_plan(plan=random_with, user=staff).targets_listing)


def test_plan_form_offers_the_restructuring_setting(login, staff, checklist):
    client = login(staff)
    html = client.get("/inspections/plans/new/").content.decode()
    assert "改制中的律所纳入抽取" in html and "按检查类型默认" in html
    data = {
        "year": 2026,
        "batch": 1,
        "kind": "random",
        "title": "2026年第一批",
        "checklist": checklist.pk,
        "sampling": "count",
        "target_count": 1,
        "inspectors_per_target": 2,
        "restructuring_eligible": "true",
        "starts_on": "2026-09-01",
        "ends_on": "2026-09-30",
    }
    assert client.post("/inspections/plans/new/", data).status_code == 302
    assert Plan.objects.get().restructuring_eligible is True


def test_a_past_year_back_filled_with_its_dates_keeps_its_figures(
    staff, checklist, firm, other_firm, register
):
    """2024's round entered in 2026 with 2024's dates; then 2025 closes what 2024 left open. The
    figures of 2024 are those known by construction, before and after."""
    plan = _plan(staff, checklist, year=2024, kind=Plan.Kind.RANDOM, starts_on=D(2024, 9, 2))
    services.draw_plan(plan=plan, user=staff)
    passed, open_at_year_end = Inspection.objects.filter(plan=plan).order_by("firm__name")
    first, second = _users(passed)
    record_all(passed, first, problem=False)
    rectification.inspection_conclude(
        inspection=passed, user=first, result="pass", concluded_on=D(2024, 9, 10)
    )
    rectification.inspection_sign(inspection=passed, user=second, concluded_on=D(2024, 9, 10))
    services.inspection_publish(inspection=passed, user=staff, published_on=D(2024, 9, 13))

    first, second = _users(open_at_year_end)
    record_all(open_at_year_end, first)
    rectification.inspection_conclude(
        inspection=open_at_year_end, user=first, result="rectify", concluded_on=D(2024, 11, 18)
    )
    rectification.inspection_sign(inspection=open_at_year_end, user=second, concluded_on=D(2024, 11, 18))
    notice = rectification.notice_issue(
        inspection=open_at_year_end, user=first, requirement="整改", workdays=5, issued_on=D(2024, 11, 20)
    )
    # The notice is of 2024: its number, its date, and a deadline counted from that date.
    assert notice.issued_on == D(2024, 11, 20) and "〔2024〕1号" in notice.doc_number
    assert D(2024, 11, 27) <= notice.deadline <= D(2024, 11, 29)

    expected = {
        "random_rounds": 1,
        "inspections_total": 2,
        "rectifications_ordered": 1,
        "notices_issued": 1,
        "rectifications_completed": 0,
        "published": 1,
        "published_on_time": 1,
    }
    before = contrib.report_section(2024)
    assert {key: before["facts"][key] for key in expected} == expected
    overdue = {row[0]: row[1] for row in before["tables"][2]["rows"]}["整改逾期"]
    assert overdue == 1

    # 2025: the firm reports back, the inspector finds it done, the result goes public.
    rectification.response_submit(
        inspection=open_at_year_end,
        user=staff,
        file=SimpleUploadedFile("r.pdf", PDF, content_type="application/pdf"),
        responded_on=D(2025, 1, 6),
    )
    rectification.verification_record(
        inspection=open_at_year_end, user=first, outcome="completed", verified_on=D(2025, 1, 10)
    )
    services.inspection_publish(inspection=open_at_year_end, user=staff, published_on=D(2025, 1, 13))
    after = contrib.report_section(2024)
    assert after["facts"] == before["facts"] and after["tables"] == before["tables"]
    assert after["summary"] == before["summary"]
    # Every number of the summary is a cell of the tables.
    for _topic, text in after["summary"]:
        for number in re.findall(r"\d+", text):
            assert int(number) in _cells(after), (number, text)


def test_summary_says_each_kind_and_leaves_zeros_out():
    facts = dict.fromkeys(
        [
            "acceptance_checks",
            "acceptance_inspections",
            "acceptance_passed",
            "random_rounds",
            "inspections_total",
            "special_checks",
            "special_inspections",
            "rectifications_ordered",
            "notices_issued",
            "rectifications_completed",
            "published",
            "published_on_time",
        ],
        0,
    )
    assert contrib.summary_sentences(facts) == []
    facts.update(special_checks=1, special_inspections=4, rectifications_ordered=2, notices_issued=2)
    assert [text for _topic, text in contrib.summary_sentences(facts)] == [
        "开展专项检查1次，检查律师事务所4家次。",
        "对检查发现问题的2家次责令限期整改，下发整改通知书2份。",
    ]
