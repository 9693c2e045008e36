"""Re-importing firms or lawyers never blanks a field the file leaves empty: an empty cell keeps the
stored value. The rule is on the import page and in the template's notes."""

import datetime
import io

from django.core.files.uploadedfile import SimpleUploadedFile
from openpyxl import Workbook, load_workbook

from bureau.demo import demo_credit_code, demo_id_number
from firms.imports import firm_columns, import_firms, import_lawyers, lawyer_columns
from firms.models import Firm, FirmStatusChange, Lawyer

D = datetime.date


def _sheet(columns, rows):
    workbook = Workbook()
    sheet = workbook.active
    sheet.append([c.header + ("*" if c.required else "") for c in columns])
    for row in rows:
        sheet.append([row.get(c.header, "") for c in columns])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return SimpleUploadedFile("import.xlsx", buffer.getvalue())


FIRM_ROW = {
    "名称": "明德律师事务所",
    "简称": "明德所",
    "统一社会信用代码": demo_credit_code(801),
    "组织形式": "普通合伙",
    "成立日期": "2015-06-01",
    "状态": "执业",
    "地址": "人民路1号",
    "联系电话": "0937-6110000",
    "电子邮箱": "mingde@example.cn",
    "办公面积（㎡）": "120",
}


def test_reimported_firm_keeps_what_the_file_leaves_empty(db):
    assert import_firms(_sheet(firm_columns(), [FIRM_ROW])).ok
    sparse = {k: FIRM_ROW[k] for k in ("名称", "统一社会信用代码", "组织形式", "状态")}
    result = import_firms(_sheet(firm_columns(), [{**sparse, "联系电话": "0937-6229999"}]))
    assert result.ok and result.updated == 1
    firm = Firm.objects.get()
    assert (firm.short_name, firm.address, firm.email) == ("明德所", "人民路1号", "mingde@example.cn")
    assert (firm.founded_on, str(firm.office_area), firm.phone) == (D(2015, 6, 1), "120.0", "0937-6229999")
    # Imported firms have a status history like registered ones: practising since their founding.
    assert list(FirmStatusChange.objects.values_list("status", "changed_on")) == [
        ("practising", D(2015, 6, 1))
    ]


def test_reimported_lawyer_keeps_what_the_file_leaves_empty(db):
    firm = Firm.objects.create(name="明德律师事务所", credit_code=demo_credit_code(801))
    row = {
        "姓名": "张三",
        "性别": "女",
        "身份证号码": demo_id_number(D(1985, 3, 1), 7),
        "执业证号": "16299201010000007",
        "首次执业日期": "2012-07-01",
        "执业类别": "专职",
        "合伙人": "是",
        "执业状态": "执业",
        "所在律所": firm.name,
        "手机号码": "13900000007",
        "学历": "硕士研究生",
        "政治面貌": "中共党员",
    }
    assert import_lawyers(_sheet(lawyer_columns(), [row])).ok
    sparse = {k: v for k, v in row.items() if k not in ("合伙人", "手机号码", "学历", "政治面貌")}
    result = import_lawyers(_sheet(lawyer_columns(), [sparse]))
    assert result.ok and (result.updated, result.unchanged) == (0, 1)
    lawyer = Lawyer.objects.get()
    assert (lawyer.is_partner, lawyer.phone, lawyer.education, lawyer.political_status) == (
        True,
        "13900000007",
        "master",
        "party_member",
    )


def test_a_new_row_with_empty_cells_takes_the_defaults(db):
    row = {k: FIRM_ROW[k] for k in ("名称", "统一社会信用代码", "组织形式", "状态")}
    assert import_firms(_sheet(firm_columns(), [row])).ok
    firm = Firm.objects.get()
    assert (firm.short_name, firm.phone, firm.founded_on, firm.office_area) == ("", "", None, None)


def test_the_rule_is_on_the_import_page_and_in_the_template(login, staff):
    client = login(staff)
    for kind in ("firms", "lawyers"):
        page = client.get(f"/registry/import/{kind}/").content.decode()
        assert "留空的单元格保留系统中已有的内容" in page
        template = client.get(f"/registry/import/{kind}/template.xlsx")
        notes = load_workbook(io.BytesIO(template.content))["填写说明"]
        texts = [cell.value for row in notes.iter_rows() for cell in row if cell.value]
        assert any("留空的单元格保留系统中已有的内容" in str(text) for text in texts)
