"""Bulk entry by spreadsheet: every bad row listed and nothing written, then all rows, then none
again; the conflict check "历史导入" with its hits; what a service-log sheet records per kind."""

import datetime

import pytest

from casework.imports import run_import
from casework.models import Case, CaseLawyer, ConflictCheck, FeeReceipt, Party, ServiceLog
from tests.factories import LawyerFactory

from .import_sheets import case_row, case_sheet, log_row, log_sheet

pytestmark = pytest.mark.django_db


@pytest.fixture
def licences(firm, other_firm):
    ours = LawyerFactory(firm=firm, licence_no="16299201010900001")
    theirs = LawyerFactory(firm=other_firm, licence_no="16299201010900002")
    return ours.licence_no, theirs.licence_no


def _import(kind, upload, firm, user):
    return run_import(kind, upload, firm=firm, user=user, on_behalf=False)


def test_600_case_rows_with_three_bad_rows_import_nothing_then_all_then_none(firm, director, licences):
    ours, theirs = licences
    rows = [case_row(n, ours) for n in range(1, 601)]
    # Sheet rows are numbered from 2 (row 1 is the header): case n is on row n + 1.
    rows[49] = case_row(50, ours, 收案日期="2024-13-01")
    rows[199] = case_row(200, theirs)
    rows[399] = case_row(400, ours, 结案日期="2024-02-01")
    result = _import("cases", case_sheet(rows), firm, director)
    assert result.errors == [
        (51, "收案日期", "日期格式应为 2024-01-31。"),
        (201, "承办律师执业证号", "执业证号16299201010900002的律师不是本所律师。"),
        (401, "结案日期", "结案日期不能早于收案日期。"),
    ]
    assert Case.objects.count() == 0 and ConflictCheck.objects.count() == 0 and Party.objects.count() == 0

    rows[49], rows[199], rows[399] = case_row(50, ours), case_row(200, ours), case_row(400, ours)
    result = _import("cases", case_sheet(rows), firm, director)
    assert result.ok and (result.created, result.existing) == (600, 0)
    assert Case.objects.filter(firm=firm).count() == 600
    assert Party.objects.filter(firm=firm).count() == 1200
    assert CaseLawyer.objects.count() == 600 and FeeReceipt.objects.count() == 600
    assert ConflictCheck.objects.filter(kind=ConflictCheck.Kind.HISTORICAL_IMPORT).count() == 600
    case = Case.objects.get(intake_no="〔2024〕律民字第50号")
    assert (case.year, case.intake_date, case.status) == (2024, datetime.date(2024, 3, 5), Case.Status.CLOSED)
    assert case.closed_on == datetime.date(2024, 9, 30) and case.result == "调解结案"
    assert sorted(Case.objects.values_list("serial", flat=True)) == list(range(1, 601))

    again = _import("cases", case_sheet(rows), firm, director)
    assert again.ok and (again.created, again.existing) == (0, 600)
    assert Case.objects.count() == 600 and ConflictCheck.objects.count() == 600


def test_200_service_rows_with_three_bad_rows_import_nothing_then_all_then_none(firm, director, licences):
    ours, _theirs = licences
    rows = [log_row(n, ours) for n in range(1, 201)]
    rows[9] = log_row(10, ours, 服务类型="法律援助咨询")
    rows[99] = log_row(
        100,
        ours,
        服务类型="调解",
        服务对象="城关镇人民调解委员会",
        人次="",
        **{"受理纠纷（件）": "2", "调解成功（件）": "3"},
    )
    rows[149] = log_row(150, ours, 人次="")
    result = _import("services", log_sheet(rows), firm, director)
    assert result.errors == [
        (
            11,
            "服务类型",
            "“法律援助咨询”不是有效选项，可选：法律帮助、法律咨询、接访、法律顾问、调解、法治体检、军地法律服务、退役军人法律服务站、值班。",
        ),
        (101, "调解成功（件）", "调解成功数不能多于受理纠纷数。"),
        (151, "人次", "请填写服务人次。"),
    ]
    assert ServiceLog.objects.count() == 0

    rows[9] = log_row(10, ours)
    rows[99] = log_row(
        100,
        ours,
        服务类型="调解",
        服务对象="城关镇人民调解委员会",
        人次="",
        **{"受理纠纷（件）": "3", "调解成功（件）": "2"},
    )
    rows[149] = log_row(150, ours)
    result = _import("services", log_sheet(rows), firm, director)
    assert result.ok and (result.created, result.existing) == (200, 0)
    assert ServiceLog.objects.filter(firm=firm, kind="legal_help").count() == 199
    mediation = ServiceLog.objects.get(import_key="FW-100")
    assert (mediation.kind, mediation.disputes_taken, mediation.disputes_settled) == ("mediation", 3, 2)
    assert ServiceLog.objects.get(import_key="FW-1").person_times == 3

    again = _import("services", log_sheet(rows), firm, director)
    assert again.ok and (again.created, again.existing) == (0, 200)
    assert ServiceLog.objects.count() == 200


def test_each_kind_fills_only_its_own_columns(firm, director, licences):
    ours, _theirs = licences
    rows = [
        log_row(
            1,
            ours,
            服务类型="法治体检",
            服务对象="示范县某某有限公司",
            人次="",
            **{"发现风险点（个）": "4", "出具法律意见书（份）": "1"},
        ),
        log_row(
            2,
            ours,
            服务类型="法律顾问",
            服务对象="城关镇人民政府",
            人次="",
            顾问单位类型="镇",
            顾问期限起="2024-01-01",
            顾问期限止="2024-12-31",
        ),
        log_row(3, ours, 服务类型="值班", 值班场所类型="公共法律服务中心", 人次="5"),
        log_row(4, ours, 服务类型="军地法律服务", 服务对象="某部队", 人次="", **{"法治宣传（场）": "2"}),
    ]
    result = _import("services", log_sheet(rows), firm, director)
    assert result.ok, result.errors
    check = ServiceLog.objects.get(import_key="FW-1")
    assert (check.kind, check.risk_points, check.opinion_letters) == ("health_check", 4, 1)
    adviser = ServiceLog.objects.get(import_key="FW-2")
    assert (adviser.org_kind, adviser.term_end) == ("town", datetime.date(2024, 12, 31))
    assert ServiceLog.objects.get(import_key="FW-3").duty_place == "service_centre"
    assert ServiceLog.objects.get(import_key="FW-4").publicity_sessions == 2

    wrong = _import("services", log_sheet([log_row(9, ours, **{"发现风险点（个）": "1"})]), firm, director)
    assert wrong.errors == [(2, "发现风险点（个）", "“法律帮助”不填写此列，请留空。")]


def test_imported_cases_carry_the_conflict_hits_found_at_import(firm, director, licences, lawyer):
    from .conftest import make_case, party

    earlier = make_case(firm, director, [lawyer], parties=[party("敦煌市鸣沙建筑有限公司")])
    ours, _theirs = licences
    row = case_row(
        1, ours, 当事人="示范县宏达商贸有限公司|委托人|单位|；敦煌市鸣沙建筑有限公司|对方当事人|单位|"
    )
    result = _import("cases", case_sheet([row]), firm, director)
    assert result.ok
    imported = Case.objects.get(intake_no="〔2024〕律民字第1号")
    check = imported.conflict_check
    assert check.kind == ConflictCheck.Kind.HISTORICAL_IMPORT and check.checked_by == director
    assert [(h["case_id"], h["conflict"]) for h in check.hits] == [(earlier.pk, True)]
    assert result.imported == [{"case": imported, "hits": check.hits}]


def test_case_columns_checked_like_the_forms(firm, director, licences):
    ours, _theirs = licences
    tomorrow = (datetime.date.today() + datetime.timedelta(days=1)).isoformat()
    rows = [
        case_row(1, ours, 法律援助="是"),
        case_row(2, ours, 收案日期=tomorrow, 合同签订日期="", 收费票据="", 结案日期="", 结案结果=""),
        case_row(3, ours, 当事人="张三|对方当事人|自然人|"),
        case_row(4, ours, 当事人="张三|委托人|自然人|123"),
        case_row(5, ours, 收费票据="P1|abc|2024-03-06"),
        case_row(6, ours, 承办律师执业证号="99999999999999999"),
        case_row(6, ours),
        case_row(8, ours, 归档号="GD-8"),
        case_row(9, ours, 案件类型="=1+1", **{"约定律师费（元）": "-5"}),
    ]
    result = _import("cases", case_sheet(rows), firm, director)
    by_row = {}
    for row, column, message in result.errors:
        by_row.setdefault(row, []).append((column, message))
    assert by_row[2] == [
        ("指派机构", "法律援助案件须填写指派机构。"),
        ("指派通知书编号", "法律援助案件须填写指派通知书编号。"),
    ]
    assert by_row[3] == [("收案日期", "日期不能晚于今天。")]
    assert by_row[4] == [("当事人", "至少填写一名委托人。")]
    assert by_row[5][0][0] == "当事人" and "张三" in by_row[5][0][1]
    assert by_row[6] == [("收费票据", "票据“P1|abc|2024-03-06”：金额应为不小于0的数字。")]
    assert by_row[7] == [("承办律师执业证号", "系统中没有执业证号为99999999999999999的律师。")]
    assert by_row[8] == [("收案编号", "与第7行重复。")]
    assert by_row[9] == [("归档日期", "归档须填写归档日期。")]
    assert [c for c, _m in by_row[10]] == ["案件类型", "约定律师费（元）"]
    assert Case.objects.count() == 0


def test_legal_aid_and_pro_bono_imported_without_receipts(firm, director, licences):
    ours, _theirs = licences
    rows = [
        case_row(
            1,
            ours,
            收费票据="",
            法律援助="是",
            指派机构="示范县法律援助中心",
            指派通知书编号="援指〔2024〕1号",
        ),
        case_row(2, ours, 收费票据="", 公益案件="是"),
        case_row(3, ours, 重大敏感案件="是", 结案日期="", 结案结果=""),
    ]
    result = _import("cases", case_sheet(rows), firm, director)
    assert result.ok, result.errors
    aid = Case.objects.get(intake_no="〔2024〕律民字第1号")
    assert (aid.is_legal_aid, aid.aid_notice_no, aid.receipts.count()) == (True, "援指〔2024〕1号", 0)
    assert Case.objects.get(intake_no="〔2024〕律民字第2号").is_pro_bono
    sensitive = Case.objects.get(intake_no="〔2024〕律民字第3号")
    assert sensitive.is_sensitive and sensitive.sensitive_due_on > sensitive.intake_date
    assert sensitive.status == Case.Status.RECEIVED


def test_unreadable_files_and_wrong_headers_are_errors_not_crashes(firm, director):
    import io

    junk = io.BytesIO(b"PK\x03\x04 not really a workbook")
    junk.name = "x.xlsx"
    assert _import("cases", junk, firm, director).errors == [
        (0, "", "无法读取该文件，请使用导入模板保存的 .xlsx 文件。")
    ]
    from .import_sheets import sheet_bytes

    wrong = _import("cases", sheet_bytes(["名称"], [{"名称": "x"}]), firm, director)
    assert (1, "收案编号", "缺少此列，请使用导入模板。") in wrong.errors
    empty = _import("services", log_sheet([]), firm, director)
    assert empty.errors == [(2, "", "文件中没有数据行。")]


def test_registration_skips_a_number_an_imported_case_holds(firm, director, licences, lawyer):
    from .conftest import make_case

    ours, _theirs = licences
    assert _import(
        "cases", case_sheet([case_row(1, ours, 收案编号="〔2024〕律民字第2号")]), firm, director
    ).ok
    registered = make_case(firm, director, [lawyer], intake_date=datetime.date(2024, 6, 1))
    assert registered.intake_no == "〔2024〕律民字第3号"
