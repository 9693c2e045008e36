"""CSV import of the bureau's member register."""

from django.core.files.uploadedfile import SimpleUploadedFile

from partybuild import checks
from partybuild.models import Member
from tests.factories import LawyerFactory

HEADER = "姓名,执业证号,所在律所,发展阶段,入党申请日期,积极分子日期,发展对象日期,预备党员日期,转正日期\n"


def _post(client, branch, text):
    upload = SimpleUploadedFile("members.csv", text.encode("utf-8-sig"), content_type="text/csv")
    return client.post(f"/party/branches/{branch.pk}/import/", {"file": upload})


def test_import_keeps_early_steps_and_the_check_lists_them(login, staff, branch, firm):
    lawyer = LawyerFactory(firm=firm, name="导入律师")
    text = HEADER + (
        f",{lawyer.licence_no},,发展对象,2023-01-01,2023-03-01,2023-09-01,,\n"
        f"行政小王,,{firm.name},入党申请人,2025-05-01,,,,\n"
    )
    response = _post(login(staff), branch, text)
    assert response.status_code == 302
    imported = Member.objects.filter(imported=True).order_by("name")
    assert {m.name for m in imported} == {"导入律师", "行政小王"}
    assert [m.name for m in checks.development_too_early()] == ["导入律师"]


def test_one_bad_row_refuses_the_whole_file_with_line_numbers(login, staff, branch, firm):
    text = HEADER + (
        "好人,,,入党申请人,2025-05-01,,,,\n"
        "乱序,,,入党积极分子,2025-05-01,2025-04-01,,,\n"
        "坏日期,,,入党申请人,2025-13-01,,,,\n"
        "无名阶段,,,党员,2025-05-01,,,,\n"
        "假证号,12345678901234567,,入党申请人,2025-05-01,,,,\n"
    )
    response = _post(login(staff), branch, text)
    body = response.content.decode()
    assert response.status_code == 400
    assert "第 4 行" in body and "2025-13-01" in body
    assert "第 5 行" in body and "无法识别" in body
    assert "第 6 行" in body and "不在律师名册中" in body
    assert not Member.objects.filter(imported=True).exists()
    # The file parses once those are fixed; then the out-of-order dates of line 3 are refused.
    text = HEADER + "好人,,,入党申请人,2025-05-01,,,,\n乱序,,,入党积极分子,2025-05-01,2025-04-01,,,\n"
    body = _post(login(staff), branch, text).content.decode()
    assert "第 3 行（乱序）" in body and "不能早于上一步" in body
    assert not Member.objects.filter(imported=True).exists()


def test_missing_columns_and_wrong_encoding(login, staff, branch):
    assert "缺少列" in _post(login(staff), branch, "姓名\n张三\n").content.decode()
    upload = SimpleUploadedFile("m.csv", HEADER.encode("gbk"))
    body = login(staff).post(f"/party/branches/{branch.pk}/import/", {"file": upload}).content.decode()
    assert "UTF-8" in body


def test_import_is_for_the_bureau(login, director, secretary, director2, branch):
    assert login(director).get(f"/party/branches/{branch.pk}/import/").status_code == 403
    assert login(secretary).get(f"/party/branches/{branch.pk}/import/").status_code == 403
    assert login(director2).get(f"/party/branches/{branch.pk}/import/").status_code == 404


def test_revoking_a_secretary(login, staff, secretary, director, branch):
    assert secretary.has_perm("partybuild.manage_branch", branch)
    url = f"/party/branches/{branch.pk}/secretaries/{secretary.pk}/revoke/"
    assert login(director).post(url).status_code == 403
    assert login(staff).post(url).status_code == 302
    assert login(secretary).get(f"/party/branches/{branch.pk}/").status_code == 404
