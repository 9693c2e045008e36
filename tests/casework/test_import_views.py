"""Who may import for which firm, the template download, and the audit trail of an import made by
bureau staff on a firm's behalf."""

import io

import pytest
from django.urls import reverse
from openpyxl import load_workbook
from pghistory.models import Events

from casework.models import Case, ServiceLog
from tests.factories import LawyerFactory

from .import_sheets import case_row, case_sheet, log_row, log_sheet

pytestmark = pytest.mark.django_db


@pytest.fixture
def our_licence(firm):
    return LawyerFactory(firm=firm, licence_no="16299201010900011").licence_no


def _upload(firm, kind="cases"):
    return reverse("casework:import_upload", args=[firm.pk, kind])


def test_staff_import_on_a_firms_behalf_is_audited_as_such(login, staff, firm, our_licence):
    response = login(staff).post(_upload(firm), {"file": case_sheet([case_row(1, our_licence)])})
    assert response.status_code == 200
    assert "导入完成：共 1 行，新增 1 条" in response.content.decode()
    case = Case.objects.get(firm=firm)
    assert case.registered_by == staff
    event = Events.objects.tracks(case).get(pgh_label="insert")
    context = event.pgh_context
    assert (context["user"], context["firm"], context["on_behalf_of_firm"]) == (staff.pk, firm.pk, True)
    assert context["bulk_import"] == "cases"


def test_director_imports_for_own_firm_not_on_behalf(login, director, firm, our_licence):
    response = login(director).post(_upload(firm, "services"), {"file": log_sheet([log_row(1, our_licence)])})
    assert response.status_code == 200
    log = ServiceLog.objects.get(firm=firm)
    context = Events.objects.tracks(log).get(pgh_label="insert").pgh_context
    assert (context["user"], context["on_behalf_of_firm"]) == (director.pk, False)


def test_director_cannot_import_for_another_firm(login, director2, firm, our_licence):
    client = login(director2)
    assert client.get(_upload(firm)).status_code == 404
    response = client.post(_upload(firm), {"file": case_sheet([case_row(1, our_licence)])})
    assert response.status_code == 404
    assert Case.objects.count() == 0


@pytest.mark.parametrize("kind", ["cases", "services"])
def test_who_may_open_the_import_pages(login, client, role_users, firm, other_firm, kind):
    upload = _upload(firm, kind)
    template = reverse("casework:import_template", args=[kind])
    start = reverse("casework:import_start")
    for name in ("bureau_admin", "bureau_staff"):
        user_client = login(role_users[name])
        assert user_client.get(upload).status_code == 200
        assert user_client.get(template).status_code == 200
        page = user_client.get(start)
        assert page.status_code == 200 and firm.name in page.content.decode()
    director = login(role_users["director"])
    assert director.get(upload).status_code == 200
    assert director.get(start).status_code == 302
    assert director.get(_upload(other_firm, kind)).status_code == 404
    assert director.get(reverse("casework:import_upload", args=[999999, kind])).status_code == 404
    for name in ("inspector", "inspector2"):
        inspector = login(role_users[name])
        assert inspector.get(upload).status_code == 403
        assert inspector.get(template).status_code == 403
        assert inspector.get(start).status_code == 403
    for url in (upload, template, start):
        assert client.get(url).status_code == 302  # anonymous: to the sign-in page
    unknown_kind = reverse("casework:import_upload", args=[firm.pk, "x"])
    assert login(role_users["bureau_staff"]).get(unknown_kind).status_code == 404


def test_template_has_header_row_and_instructions(login, staff):
    response = login(staff).get(reverse("casework:import_template", args=["cases"]))
    book = load_workbook(io.BytesIO(response.content))
    assert book.sheetnames == ["案件登记", "填写说明"]
    header = [cell.value for cell in book["案件登记"][1]]
    assert header[:4] == ["收案编号*", "案件类型*", "案由*", "收案日期*"]
    guide = [row[0] for row in book["填写说明"].iter_rows(values_only=True)]
    assert "当事人" in guide and "收费票据" in guide


def test_a_bad_sheet_lists_rows_with_400_and_writes_nothing(login, director, firm, our_licence):
    response = login(director).post(
        _upload(firm), {"file": case_sheet([case_row(1, our_licence, 案件类型="民")])}
    )
    assert response.status_code == 400
    text = response.content.decode()
    assert "发现 1 处错误，未导入任何数据" in text and "案件类型" in text
    assert Case.objects.count() == 0


def test_a_file_that_is_no_xlsx_gets_a_form_error(login, director, firm):
    upload = io.BytesIO(b"not a spreadsheet")
    upload.name = "cases.xlsx"
    response = login(director).post(_upload(firm), {"file": upload})
    assert response.status_code == 200 and "请上传由模板填写的 .xlsx 文件" in response.content.decode()


def test_import_start_query_count(login, staff, firm, other_firm, django_assert_max_num_queries):
    client = login(staff)
    client.get(reverse("casework:import_start"))
    # Session, user, roles and menu, then one query for the firms, whatever their number.
    with django_assert_max_num_queries(8):
        assert client.get(reverse("casework:import_start")).status_code == 200
