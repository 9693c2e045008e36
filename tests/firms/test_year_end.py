"""A past year entered through the services with the dates it happened, its report built; the next
year recorded (a firm deregistered, lawyers transferred and deregistered, a rating expired, a firm
founded, a station closed); the past year's figures and summary are unchanged. Expected values are
known by construction."""

import datetime
import re
from decimal import Decimal

import pytest

from bureau.demo import demo_credit_code, demo_id_number
from bureau.report.summary import draft_summary
from firms import contrib, facilities, selectors, services
from firms.models import Firm, Lawyer, RestructuringStep, ServiceStation
from tests.factories import set_firm_status

D = datetime.date
Y = 2024

pytestmark = pytest.mark.django_db


def _firm(n, name, founded, form=Firm.Form.PARTNERSHIP):
    return services.firm_create(
        name=name, credit_code=demo_credit_code(700 + n), founded_on=founded, organisation_form=form
    )


def _lawyer(firm, n, licensed, **fields):
    return services.lawyer_create(
        firm=firm,
        name=f"律师{'甲乙丙丁戊己庚辛壬癸'[n]}",
        gender=fields.pop("gender", "M"),
        id_number=demo_id_number(D(1980, 1, 1 + n), 900 + n),
        licence_no=f"1629920101{n + 1:07d}",
        licence_date=licensed,
        **fields,
    )


@pytest.fixture
def year_y(db):
    """Year Y: 明德 (founded 2015), 正源 (2018), 新华 founded in Y, 旧城 deregistered in Y, 国信
    (state-funded) restructuring with two of seven steps done in Y."""
    mingde = _firm(1, "明德律师事务所", D(2015, 1, 1))
    zhengyuan = _firm(2, "正源律师事务所", D(2018, 1, 1))
    xinhua = _firm(3, "新华律师事务所", D(Y, 3, 1))
    jiucheng = _firm(4, "旧城律师事务所", D(2010, 1, 1))
    guoxin = _firm(5, "国信律师事务所", D(2000, 1, 1), Firm.Form.STATE)
    set_firm_status(jiucheng, Firm.Status.DEREGISTERED, D(Y, 6, 1))
    lawyers = {
        # 明德: a woman partner (Party member), a man licensed in Y, a part-time man.
        "a": _lawyer(mingde, 0, D(2015, 7, 1), gender="F", is_partner=True, political_status="party_member"),
        "b": _lawyer(mingde, 1, D(Y, 2, 1)),
        "c": _lawyer(mingde, 2, D(2016, 1, 1), category=Lawyer.Category.PART_TIME),
        # 正源: two men, one a partner.
        "d": _lawyer(zhengyuan, 3, D(2018, 1, 1), is_partner=True),
        "e": _lawyer(zhengyuan, 4, D(2019, 1, 1)),
        # 新华: one woman licensed in Y.
        "f": _lawyer(xinhua, 5, D(Y, 5, 1), gender="F"),
    }
    services.rating_add(
        firm=mingde,
        level="province",
        conferred_by="省司法厅",
        conferred_on=D(Y, 5, 1),
        valid_until=D(Y + 1, 6, 30),
    )
    session = services.training_session_create(
        title="职业道德培训", held_on=D(Y, 4, 10), organiser="县司法局", kind="ethics", hours=Decimal("40")
    )
    # 新华's lawyer was licensed after the session: not on that day's roll, so not recorded.
    recorded = services.training_attendance_set(
        session=session, lawyer_ids=[lawyers[k].pk for k in ("a", "b", "f")]
    )
    assert recorded == {lawyers["a"].pk, lawyers["b"].pk}
    restructuring = services.restructuring_start(
        firm=guoxin, target_form=Firm.Form.PARTNERSHIP, started_on=D(Y, 2, 1)
    )
    for step, done_on in (
        (RestructuringStep.Step.PLAN_APPROVED, D(Y, 3, 1)),
        (RestructuringStep.Step.ASSET_CHECK, D(Y, 9, 1)),
    ):
        services.restructuring_step_update(
            step=restructuring.steps.get(step=step),
            status="done",
            started_on=D(Y, 2, 1),
            completed_on=done_on,
        )
    facilities.improvement_add(
        firm=mingde, made_on=D(Y, 7, 1), description="新建会议室", area=60, amount=150000
    )
    facilities.improvement_add(
        firm=zhengyuan, made_on=D(Y, 8, 1), description="改造档案室", area=20, amount=30000
    )
    station = facilities.station_add(
        firm=zhengyuan, kind=ServiceStation.Kind.VETERANS, name="城关镇退役军人法律服务站", since=D(Y, 1, 10)
    )
    facilities.station_add(
        firm=mingde, kind=ServiceStation.Kind.LEGAL_AID, name="明德法律援助工作站", since=D(Y, 3, 1)
    )
    return {"firms": (mingde, zhengyuan, xinhua, jiucheng, guoxin), "lawyers": lawyers, "station": station}


def _record_year_after(year_y):
    mingde, zhengyuan, _xinhua, _jiucheng, guoxin = year_y["firms"]
    lawyers = year_y["lawyers"]
    set_firm_status(mingde, Firm.Status.DEREGISTERED, D(Y + 1, 3, 1))
    services.lawyer_transfer(lawyer=lawyers["a"], to_firm=zhengyuan, on_date=D(Y + 1, 2, 1))
    services.lawyer_transfer(lawyer=lawyers["b"], to_firm=zhengyuan, on_date=D(Y + 1, 2, 1))
    lawyer = Lawyer.objects.get(pk=lawyers["c"].pk)
    lawyer.status = Lawyer.Status.DEREGISTERED
    services.lawyer_update(
        lawyer=lawyer, expected_version=lawyer.version, fields=["status"], changed_on=D(Y + 1, 2, 15)
    )
    lawyer = Lawyer.objects.get(pk=lawyers["d"].pk)
    lawyer.category, lawyer.is_partner = Lawyer.Category.PART_TIME, False
    services.lawyer_update(
        lawyer=lawyer,
        expected_version=lawyer.version,
        fields=["category", "is_partner"],
        changed_on=D(Y + 1, 3, 1),
    )
    _firm(6, "后来律师事务所", D(Y + 1, 5, 1))
    set_firm_status(zhengyuan, Firm.Status.SUSPENDED, D(Y + 1, 7, 1))
    step = guoxin.restructuring.steps.get(step=RestructuringStep.Step.LIQUIDATION)
    services.restructuring_step_update(
        step=step, status="done", started_on=D(Y + 1, 1, 5), completed_on=D(Y + 1, 2, 1)
    )
    facilities.improvement_add(
        firm=zhengyuan, made_on=D(Y + 1, 1, 5), description="购置设备", area=None, amount=9000
    )
    station = year_y["station"]
    facilities.station_update(
        station=station, kind=station.kind, name=station.name, since=station.since, until=D(Y + 1, 5, 1)
    )


def _tables(section):
    return {table["title"]: table["rows"] for table in section["tables"]}


def test_year_figures_equal_the_values_known_by_construction(year_y):
    f = selectors.year_figures(Y)
    assert (f["firms_total"], f["firms_new"], f["firms_deregistered"]) == (4, 1, 1)
    assert f["firms_by_form_status"] == {
        ("partnership", "practising"): 3,
        ("partnership", "deregistered"): 1,
        ("state", "practising"): 1,
    }
    assert (f["lawyers_total"], f["lawyers_new"], f["lawyers_partners"]) == (6, 2, 2)
    assert (f["lawyers_female"], f["lawyers_party"]) == (2, 1)
    assert f["lawyers_by_category"] == {"full_time": 5, "part_time": 1}
    assert f["ratings_by_level"] == {"province": 1}
    assert (f["training_sessions"], f["training_attendances"], f["training_short"]) == (1, 2, 4)
    assert f["restructurings"][0] | {"completed_on": None} == {
        "firm": "国信律师事务所",
        "done": 2,
        "steps": 7,
        "completed_on": None,
        "done_steps": ["方案审议通过", "清产核资"],
    }
    ff = selectors.facilities_figures(Y)
    assert (ff["improvements"], ff["area"], ff["amount"]) == (2, 80, 180000)
    assert ff["stations"] == {"veterans": 1, "legal_aid": 1}


def test_a_past_year_is_the_same_whatever_is_recorded_after_it(year_y):
    before = (contrib.report_section(Y), contrib.facilities_section(Y))
    before_firms = sorted(selectors.firms_at(D(Y, 12, 31)).values_list("name", flat=True))
    _record_year_after(year_y)
    after = (contrib.report_section(Y), contrib.facilities_section(Y))
    for old, new in zip(before, after, strict=True):
        assert _tables(new) == _tables(old)
        assert new["facts"] == old["facts"] and new["summary"] == old["summary"]
    assert sorted(selectors.firms_at(D(Y, 12, 31)).values_list("name", flat=True)) == before_firms
    # The year after says what happened in it.
    f = selectors.year_figures(Y + 1)
    assert (f["firms_total"], f["firms_new"], f["firms_deregistered"]) == (4, 1, 1)
    # a, b, d, e and f practise; a left the partnership with her transfer, d was regraded.
    assert (f["lawyers_total"], f["lawyers_partners"]) == (5, 0)
    assert f["lawyers_by_category"] == {"full_time": 4, "part_time": 1}
    assert f["ratings_by_level"] == {}
    assert selectors.facilities_figures(Y + 1)["stations"] == {"legal_aid": 1}


def test_firms_at_a_date_follows_the_status_history(year_y):
    names = lambda day: sorted(selectors.firms_at(day).values_list("name", flat=True))  # noqa: E731
    assert names(D(Y, 1, 1)) == ["国信律师事务所", "旧城律师事务所", "明德律师事务所", "正源律师事务所"]
    assert "新华律师事务所" in names(D(Y, 3, 1)) and "旧城律师事务所" not in names(D(Y, 6, 1))
    _record_year_after(year_y)
    suspended = selectors.firms_at(D(Y + 1, 12, 31)).get(name="正源律师事务所")
    assert suspended.status_at == Firm.Status.SUSPENDED


def test_summary_of_the_year_has_no_zero_and_every_number_is_a_table_cell(year_y):
    sections = [contrib.report_section(Y), contrib.facilities_section(Y)]
    summary = draft_summary(Y, "示范县", sections)
    assert (
        "截至2024年底，全县共有律师事务所4家，执业律师6名。本年新设律师事务所1家、新执业律师2名。"
        in summary
    )
    assert "明德律师事务所被评为省级规范化律师事务所（省司法厅授予）。" in summary
    assert "国信律师事务所改制已完成7项中的2项：方案审议通过、清产核资。" in summary
    assert "全年律师事务所改善办公设施2项，投入资金180000元，新建改造面积80平方米" in summary
    assert "年末共有退役军人法律服务站1个、法律援助工作站1个" in summary
    assert "考核" not in summary  # no assessment recorded: the clause is left out
    numbers = {int(n) for n in re.findall(r"\d+", summary)} - {Y}
    cells = {
        cell
        for section in sections
        for table in section["tables"]
        for row in table["rows"]
        for cell in row
        if isinstance(cell, int)
    }
    assert 0 not in numbers and numbers <= cells


def test_every_table_says_whether_it_is_at_year_end_or_during_the_year(year_y):
    for section in (contrib.report_section(Y), contrib.facilities_section(Y)):
        for table in section["tables"]:
            assert any(word in table["title"] for word in ("12月31日", "年度内", "年末")), table["title"]


def test_a_session_held_counts_before_its_attendance_is_entered(db):
    services.training_session_create(
        title="执业技能培训", held_on=D(2023, 5, 6), organiser="县司法局", kind="ethics", hours=Decimal("8")
    )
    services.training_session_create(
        title="下一年的培训", held_on=D(2024, 1, 8), organiser="县司法局", kind="ethics", hours=Decimal("8")
    )
    figures = selectors.year_figures(2023)
    assert (figures["training_sessions"], figures["training_attendances"]) == (1, 0)
