"""Casework's section of the yearly report: filed quarterly figures beside the register, every
figure in the summary, counted by the dates users state. Expected values are set by construction."""

import datetime
import re

import pytest

from bureau.report.summary import draft_summary
from casework import services
from casework.contrib import report_section
from casework.models import SensitiveFiling, ServiceLog

from .conftest import make_case

D = datetime.date
YEAR = 2025
# Every quarter of 2025 has ended by then, so all four can be filed.
FILED_ON = D(2026, 1, 20)


def _table(section, title):
    return next(t for t in section["tables"] if t["title"] == title)["rows"]


def _rows_by_label(section, title):
    return {str(row[0]): row[1:] for row in _table(section, title)}


def _file_year(firm, director, staff, changes=None):
    """The firm's four quarters of YEAR filed and accepted; `changes` maps a quarter to
    {figure: new value} changed (with a reason) before submitting."""
    for quarter in (1, 2, 3, 4):
        report = services.quarterly_create(
            firm=firm, user=director, year=YEAR, quarter=quarter, today=FILED_ON
        )
        values = (changes or {}).get(quarter)
        if values:
            services.quarterly_save_figures(
                report=report,
                expected_version=report.version,
                values={key: (value, "台账漏登") for key, value in values.items()},
            )
        services.quarterly_submit(report=report, user=director, today=FILED_ON)
        services.quarterly_review(report=report, user=staff, accept=True)


@pytest.fixture
def year_records(firm, other_firm, director, director2, lawyer, other_lawyer):
    """firm: 3 civil cases and 10 person-times of legal help in 2025; other_firm: 2 criminal cases
    (one legal aid) and 4 person-times of legal help."""
    for month in (2, 5, 8):
        make_case(firm, director, [lawyer], case_type="civil", intake_date=D(YEAR, month, 3))
    services.service_log_create(
        firm=firm,
        user=director,
        kind=ServiceLog.Kind.LEGAL_HELP,
        date=D(YEAR, 4, 1),
        lawyers=[lawyer],
        person_times=10,
    )
    make_case(other_firm, director2, [other_lawyer], case_type="criminal", intake_date=D(YEAR, 3, 1))
    make_case(
        other_firm,
        director2,
        [other_lawyer],
        case_type="criminal",
        intake_date=D(YEAR, 9, 1),
        is_legal_aid=True,
        aid_body="示范县法律援助中心",
        aid_notice_no="援1",
    )
    services.service_log_create(
        firm=other_firm,
        user=director2,
        kind=ServiceLog.Kind.LEGAL_HELP,
        date=D(YEAR, 6, 1),
        lawyers=[other_lawyer],
        person_times=4,
    )


def test_four_accepted_quarters_differing_from_the_register_show_both_flagged_and_headline_is_filed(
    firm, other_firm, director, director2, staff, year_records
):
    # The firm's Q2 report says 13 person-times of legal help (register: 10) and 4 civil cases in
    # Q3 (register: 1): 1 + 1 + 4 = 6 cases filed against 3 in the register.
    _file_year(
        firm,
        director,
        staff,
        changes={
            2: {"legal_help_person_times": 13},
            3: {"cases_total": 4, "cases_civil": 4},
        },
    )
    # other_firm files only Q1, accepted: its figures come from the register.
    report = services.quarterly_create(firm=other_firm, user=director2, year=YEAR, quarter=1, today=FILED_ON)
    services.quarterly_save_figures(
        report=report,
        expected_version=report.version,
        values={"legal_help_person_times": (50, "另计")},
    )
    services.quarterly_submit(report=report, user=director2, today=FILED_ON)
    services.quarterly_review(report=report, user=staff, accept=True)

    section = report_section(YEAR)
    comparison = _rows_by_label(section, "季度报表数与台账数对照（四个季度报表均已审核通过的律所）")
    # firm filed 1 + 1 + 4 = 6 cases (register 3) and 13 person-times (register 10).
    assert comparison["收案总数"] == [6, 3, "不一致"]
    assert comparison["民事案件"] == [6, 3, "不一致"]
    assert comparison["法律帮助（人次）"] == [13, 10, "不一致"]
    assert comparison["刑事案件"] == [0, 0, ""]

    annex = _table(section, "附表：季度报表数与台账数不一致明细")
    assert sorted(annex) == sorted(
        [
            [firm.name, "收案总数", 6, 3],
            [firm.name, "民事案件", 6, 3],
            [firm.name, "法律帮助（人次）", 13, 10],
        ]
    )
    sources = {
        row[0]: row[1:]
        for row in _table(section, "统计数据来源（四个季度均已审核通过的采用报表数，其余采用台账数）")
    }
    assert sources[firm.name] == [4, "季度报表"]
    assert sources[other_firm.name] == [1, "台账"]

    # Headline: firm's filed figures plus other_firm's register (2 criminal cases, 4 person-times).
    facts = section["facts"]
    assert facts["cases_total"] == 6 + 2
    assert facts["cases_civil"] == 6 and facts["cases_criminal"] == 2
    assert facts["legal_help"] == 13 + 4
    assert facts["legal_aid_cases"] == 1
    assert facts["quarterly_differences"] == 3
    by_type = _rows_by_label(section, "代理案件（按类型）")
    assert by_type["合计"] == [8] and by_type["民事"] == [6]
    assert "代理各类案件8件（其中刑事案件2件、民事案件6件）" in section["summary"][0][1]
    assert "提供法律帮助17人次" in section["summary"][1][1]


def test_a_returned_or_resubmitted_quarter_is_not_taken(firm, director, staff, year_records):
    """Three quarters accepted and the fourth returned: the firm's figures come from the register."""
    for quarter in (1, 2, 3, 4):
        report = services.quarterly_create(
            firm=firm, user=director, year=YEAR, quarter=quarter, today=FILED_ON
        )
        if quarter == 2:
            services.quarterly_save_figures(
                report=report, expected_version=report.version, values={"legal_help_person_times": (99, "误")}
            )
        services.quarterly_submit(report=report, user=director, today=FILED_ON)
        services.quarterly_review(report=report, user=staff, accept=quarter != 4, comment="请核对")
    facts = report_section(YEAR)["facts"]
    assert facts["legal_help"] == 10 + 4
    assert facts["quarterly_differences"] == 0


def _numbers(text):
    return [int(n) for n in re.findall(r"\d+", text)]


def _int_cells(section):
    return {
        cell for table in section["tables"] for row in table["rows"] for cell in row if isinstance(cell, int)
    }


@pytest.fixture
def full_year(firm, director, lawyer):
    """One record of every kind the section counts, each with distinct counts."""
    log = services.service_log_create

    def add(kind, day, **fields):
        return log(
            firm=firm, user=director, kind=kind, date=D(YEAR, day.month, day.day), lawyers=[lawyer], **fields
        )

    k = ServiceLog.Kind
    add(k.CONSULTATION, D(YEAR, 1, 5), person_times=21)
    add(k.PETITION, D(YEAR, 1, 6), person_times=22)
    for i, org_kind in enumerate(("party_government", "town", "town")):
        add(k.ADVISER, D(YEAR, 2, 1 + i), counterpart=f"单位{i}", org_kind=org_kind, term_start=D(YEAR, 1, 1))
    add(
        k.MEDIATION,
        D(YEAR, 3, 1),
        counterpart="县人民调解委员会",
        dispute_category="道路交通事故纠纷",
        disputes_taken=17,
        disputes_settled=15,
    )
    add(
        k.MEDIATION,
        D(YEAR, 3, 2),
        counterpart="县人民调解委员会",
        dispute_category="婚姻家庭纠纷",
        disputes_taken=8,
        disputes_settled=6,
    )
    add(k.MILITARY, D(YEAR, 4, 1), counterpart="某部队")
    add(k.VETERANS, D(YEAR, 4, 2), person_times=31)
    add(k.DUTY, D(YEAR, 4, 3), person_times=9, duty_place="service_centre")
    add(
        k.HEALTH_CHECK,
        D(YEAR, 5, 1),
        counterpart="某建材公司",
        publicity_sessions=41,
        consultations=42,
        opinion_letters=43,
        risk_points=44,
        matters_handled=45,
        contracts_reviewed=46,
        problems_found=47,
    )
    case = make_case(
        firm, director, [lawyer], case_type="administrative", intake_date=D(YEAR, 6, 1), is_sensitive=True
    )
    return case


def test_summary_says_every_figure_with_numbers_from_the_tables_and_no_zero_clause(full_year):
    section = report_section(YEAR)
    text = draft_summary(YEAR, "示范县", [section])
    for phrase in (
        "代理各类案件1件（其中行政案件1件）",
        "解答法律咨询21人次",
        "参与信访接待值班22人次",
        "担任法律顾问3家（其中党政机关1家、镇2家）",
        "参与调解纠纷25件（其中道路交通事故纠纷17件、婚姻家庭纠纷8件）",
        "调解成功21件",
        "签订军地法律服务协议1份",
        "为退役军人提供法律服务31人次",
        "在公共法律服务场所值班1次",
        "为1家民营企业开展“法治体检”",
        "开展法治宣传41场",
        "解答咨询42次",
        "出具法律意见书43份",
        "发现风险点44个",
        "办理企业法律事务45件",
        "审查劳动合同46份",
        "发现问题47个",
    ):
        assert phrase in text
    # Nothing recorded: no clause about it, and no zero anywhere.
    assert "法律帮助" not in text and "法律援助" not in text and "重大敏感" not in text
    assert 0 not in _numbers(text)
    assert set(_numbers(text)) <= _int_cells(section)


def test_nothing_recorded_says_nothing(db):
    assert all(text == "" for _topic, text in report_section(YEAR)["summary"])


def test_sensitive_filings_count_in_the_year_of_their_filing_date(firm, director, lawyer):
    """A filing recorded today but dated (as the clerk stated) in the report's year counts in that year."""
    case = make_case(
        firm, director, [lawyer], case_type="civil", intake_date=D(YEAR, 11, 3), is_sensitive=True
    )
    services.sensitive_file(
        case=case,
        user=director,
        client="某公司",
        authority="县法院",
        facts="事实",
        legal_issues="问题",
        lawyer_opinion="意见",
    )
    SensitiveFiling.objects.filter(case=case).update(filed_on=D(YEAR, 11, 5))
    assert report_section(YEAR)["facts"]["sensitive_filings"] == 1
    assert report_section(YEAR + 1)["facts"]["sensitive_filings"] == 0


def test_completeness_is_as_at_the_year_end(firm, director, lawyer):
    """A receipt dated the next year leaves the 2025 case without one in 2025's report; a legal-aid
    case needs none."""
    case = make_case(firm, director, [lawyer], case_type="civil", intake_date=D(YEAR, 3, 1))
    make_case(
        firm,
        director,
        [lawyer],
        case_type="civil",
        intake_date=D(YEAR, 3, 2),
        is_legal_aid=True,
        aid_body="示范县法律援助中心",
        aid_notice_no="援9",
    )
    from casework.models import FeeReceipt

    FeeReceipt.objects.create(case=case, receipt_no="R1", amount=1000, received_on=D(YEAR + 1, 1, 10))
    rows = _rows_by_label(report_section(YEAR), "“四统一”完整性（本年收案，截至年末）")
    assert rows["本年收案"] == [2]
    assert rows["缺收费票据"] == [1]


def test_a_pro_bono_case_owes_no_receipt_in_the_yearly_report(firm, director, lawyer):
    """As on the case list (with_completeness): a pro-bono case is not counted as missing a receipt."""
    make_case(firm, director, [lawyer], case_type="civil", intake_date=D(YEAR, 3, 1), is_pro_bono=True)
    make_case(firm, director, [lawyer], case_type="civil", intake_date=D(YEAR, 3, 2))
    rows = _rows_by_label(report_section(YEAR), "“四统一”完整性（本年收案，截至年末）")
    assert rows["本年收案"] == [2]
    assert rows["缺收费票据"] == [1]


def _queries(build):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as ctx:
        build()
    return len(ctx.captured_queries)


def test_section_query_count_does_not_grow_with_firms(
    firm, other_firm, director, director2, staff, year_records
):
    """Per-firm figures are grouped in SQL: the filed versions, three register aggregates, the firm
    names, and one aggregate per table, however many firms filed."""
    _file_year(firm, director, staff)
    before = _queries(lambda: report_section(YEAR))
    _file_year(other_firm, director2, staff)
    assert _queries(lambda: report_section(YEAR)) == before


def test_a_case_with_several_gaps_counts_once_among_the_incomplete(firm, director, lawyer):
    """Each gap is counted on its own row, and the total counts a case once however many gaps it
    has (the receipt gap is counted in a query of its own)."""
    from casework.models import Case, FeeReceipt

    def case(n, **fields):
        made = make_case(firm, director, [lawyer], case_type="civil", intake_date=D(YEAR, 3, n))
        Case.objects.filter(pk=made.pk).update(**fields)
        return made

    signed = {"contract_no": "合同", "contract_date": D(YEAR, 3, 10)}
    case(1, contract_no="")  # no contract, no receipt
    case(2, **signed)  # no receipt
    paid = case(3, contract_no="")  # no contract
    unarchived = case(4, closed_on=D(YEAR, 6, 1), **signed)  # no archive, no receipt
    complete = case(5, **signed)
    for n, receipt_for in enumerate((paid, complete)):
        FeeReceipt.objects.create(case=receipt_for, receipt_no=f"R{n}", amount=100, received_on=D(YEAR, 4, 1))
    assert unarchived.archive_no == ""
    rows = _rows_by_label(report_section(YEAR), "“四统一”完整性（本年收案，截至年末）")
    assert rows == {
        "本年收案": [5],
        "缺委托合同": [2],  # cases 1 and 3
        "缺收费票据": [3],  # cases 1, 2 and 4
        "结案后未归档": [1],  # case 4
        "不完整案件合计": [4],  # every case but 5
    }
