import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from openpyxl import Workbook, load_workbook

from bureau.demo import demo_id_number
from firms.imports import lawyer_columns
from firms.models import Firm, Lawyer, PracticeRecord
from tests.factories import FirmFactory


def _sheet(header, rows):
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(header)
    for row in rows:
        sheet.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return SimpleUploadedFile("lawyers.xlsx", buffer.getvalue())


def _lawyer_rows(firm, count):
    import datetime

    rows = []
    for i in range(count):
        rows.append(
            [
                f"导入律师{i}",
                "男" if i % 2 else "女",
                demo_id_number(datetime.date(1985, 1 + i % 12, 1 + i % 28), i),
                f"16299201510{i:06d}",
                "2015-07-01",
                "专职",
                "否",
                "执业",
                firm.name if i % 2 else firm.credit_code,
                f"139{i:08d}",
                "大学本科",
                "群众",
            ]
        )
    return rows


HEADER = [c.header + ("*" if c.required else "") for c in lawyer_columns()]


@pytest.fixture
def import_client(login, staff):
    return login(staff)


def test_500_rows_with_3_bad_rows_import_nothing_and_list_exactly_those(import_client, firm):
    rows = _lawyer_rows(firm, 500)
    rows[9][2] = rows[9][2][:-1] + ("0" if rows[9][2][-1] != "0" else "1")  # wrong check character: row 11
    rows[199][5] = "特聘"  # not a category: row 201
    rows[449][3] = rows[0][3]  # duplicate licence number of row 2: row 451
    response = import_client.post("/registry/import/lawyers/", {"file": _sheet(HEADER, rows)})
    result = response.context["result"]
    assert not result.ok
    assert sorted({row for row, _column, _message in result.errors}) == [11, 201, 451]
    by_row = {row: (column, message) for row, column, message in result.errors}
    assert by_row[11][0] == "身份证号码" and "校验位" in by_row[11][1]
    assert by_row[201][0] == "执业类别" and "特聘" in by_row[201][1]
    assert by_row[451][0] == "执业证号" and "第2行" in by_row[451][1]
    assert Lawyer.objects.count() == 0
    html = response.content.decode()
    assert "未导入任何数据" in html and "校验位" in html

    good = _lawyer_rows(firm, 500)
    response = import_client.post("/registry/import/lawyers/", {"file": _sheet(HEADER, good)})
    result = response.context["result"]
    assert result.ok, result.errors[:5]
    assert result.created == 500
    assert Lawyer.objects.filter(firm=firm).count() == 500
    assert PracticeRecord.objects.filter(firm=firm, ended_on__isnull=True).count() == 500

    response = import_client.post("/registry/import/lawyers/", {"file": _sheet(HEADER, good)})
    result = response.context["result"]
    assert result.ok and result.created == 0 and result.updated == 0 and result.unchanged == 500
    assert Lawyer.objects.count() == 500


def test_reimport_with_a_change_updates_in_place(import_client, firm):
    rows = _lawyer_rows(firm, 3)
    import_client.post("/registry/import/lawyers/", {"file": _sheet(HEADER, rows)})
    rows[1][9] = "13800000000"
    result = import_client.post("/registry/import/lawyers/", {"file": _sheet(HEADER, rows)}).context["result"]
    assert result.ok and result.updated == 1 and result.created == 0
    assert Lawyer.objects.get(licence_no=rows[1][3]).phone == "13800000000"


def test_unknown_firm_and_missing_column_are_reported(import_client, firm):
    rows = _lawyer_rows(firm, 2)
    rows[0][8] = "不存在的律所"
    result = import_client.post("/registry/import/lawyers/", {"file": _sheet(HEADER, rows)}).context["result"]
    assert [(r, c) for r, c, _m in result.errors] == [(2, "所在律所")]
    result = import_client.post(
        "/registry/import/lawyers/", {"file": _sheet(HEADER[:-1], [r[:-1] for r in rows])}
    ).context["result"]
    assert result.errors and result.errors[0][1] == "政治面貌"


def test_wrong_file_type_refused_on_the_form(import_client):
    response = import_client.post(
        "/registry/import/lawyers/", {"file": SimpleUploadedFile("x.xlsx", b"not a spreadsheet")}
    )
    assert "请上传由模板填写的 .xlsx 文件" in response.content.decode()
    assert response.context["result"] is None


def test_template_downloads_and_reads_back_as_headers(import_client):
    response = import_client.get("/registry/import/lawyers/template.xlsx")
    sheet = load_workbook(io.BytesIO(response.content)).active
    assert [c.value for c in sheet[1]] == HEADER


def test_firm_import_creates_and_is_idempotent(import_client):
    from bureau.demo import demo_credit_code
    from firms.imports import firm_columns

    header = [c.header + ("*" if c.required else "") for c in firm_columns()]
    rows = [
        [
            f"导入第{i}律师事务所",
            "",
            demo_credit_code(900 + i),
            "",
            "普通合伙",
            "2020-01-01",
            "执业",
            "",
            "",
            "",
            "100",
        ]
        for i in range(5)
    ]
    rows.append(["坏代码律师事务所", "", "91350100M000100Y43", "", "普通合伙", "", "执业", "", "", "", "-5"])
    result = import_client.post("/registry/import/firms/", {"file": _sheet(header, rows)}).context["result"]
    assert {(r, c) for r, c, _m in result.errors} == {(7, "统一社会信用代码"), (7, "办公面积（㎡）")}
    assert Firm.objects.count() == 0
    result = import_client.post("/registry/import/firms/", {"file": _sheet(header, rows[:5])}).context[
        "result"
    ]
    assert result.ok and result.created == 5
    result = import_client.post("/registry/import/firms/", {"file": _sheet(header, rows[:5])}).context[
        "result"
    ]
    assert result.ok and result.created == 0 and Firm.objects.count() == 5


def test_export_neutralises_formula_like_names(login, staff):
    FirmFactory(name='=HYPERLINK("http://x","点我")')
    FirmFactory(name="@SUM(1)律师事务所")
    response = login(staff).get("/firms/?export=xlsx")
    sheet = load_workbook(io.BytesIO(response.content)).active
    names = {row[0].value: row[0].data_type for row in sheet.iter_rows(min_row=2)}
    # The text is kept as typed (a literal apostrophe would show in the cell) and is a string cell.
    assert '=HYPERLINK("http://x","点我")' in names
    assert "@SUM(1)律师事务所" in names
    assert set(names.values()) == {"s"}  # text cells, never formulas


def test_firm_import_reports_a_duplicate_licence_number(import_client):
    from bureau.demo import demo_credit_code
    from firms.imports import firm_columns

    FirmFactory(licence_no="31620000LIC")
    header = [c.header + ("*" if c.required else "") for c in firm_columns()]
    rows = [
        ["甲导入律师事务所", "", demo_credit_code(801), "LIC-1", "普通合伙", "", "执业", "", "", "", ""],
        ["乙导入律师事务所", "", demo_credit_code(802), "LIC-1", "普通合伙", "", "执业", "", "", "", ""],
        [
            "丙导入律师事务所",
            "",
            demo_credit_code(803),
            "31620000LIC",
            "普通合伙",
            "",
            "执业",
            "",
            "",
            "",
            "",
        ],
    ]
    result = import_client.post("/registry/import/firms/", {"file": _sheet(header, rows)}).context["result"]
    assert {(r, c) for r, c, _m in result.errors} == {(3, "执业许可证号"), (4, "执业许可证号")}
    assert Firm.objects.count() == 1
