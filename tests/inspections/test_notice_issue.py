"""Official numbers are given only by a confirmed POST (签发); printing never numbers anything."""

import pytest

from inspections import rectification
from inspections.models import DocumentCounter, Inspection, RectificationNotice

from .conftest import rectifying

pytestmark = pytest.mark.django_db


@pytest.fixture
def users(role_users, no_role_user):
    return {**role_users, "nobody": no_role_user}


def _number(inspection):
    return Inspection.objects.values_list("notice_number", flat=True).get(pk=inspection.pk)


def test_unissued_notice_pdf_says_so_and_numbers_nothing(login, users, inspection):
    for role in ("bureau_staff", "inspector", "director"):
        response = login(users[role]).get(f"/inspections/{inspection.pk}/notice.pdf")
        assert response.status_code == 409
        assert response["Content-Type"].startswith("text/html")
        assert "检查通知书尚未签发" in response.content.decode()
    assert _number(inspection) == "" and not DocumentCounter.objects.exists()


def test_issue_asks_for_confirmation_then_numbers_once(login, inspector, inspection):
    client = login(inspector)
    page = client.get(f"/inspections/{inspection.pk}/").content.decode()
    assert "签发检查通知书" in page and "打印检查通知书" not in page

    asked = client.post(f"/inspections/{inspection.pk}/notice/issue/")
    html = asked.content.decode()
    assert asked.status_code == 200 and "确认签发检查通知书" in html and 'name="confirmed"' in html
    assert _number(inspection) == ""

    done = client.post(f"/inspections/{inspection.pk}/notice/issue/", {"confirmed": "1"})
    assert done.status_code == 302 and done["Location"] == f"/inspections/{inspection.pk}/"
    assert _number(inspection) == "示司律检〔2026〕1号"
    page = client.get(f"/inspections/{inspection.pk}/").content.decode()
    assert "打印检查通知书" in page and "示司律检〔2026〕1号" in page

    pdf = client.get(f"/inspections/{inspection.pk}/notice.pdf")
    assert pdf.status_code == 200 and pdf.content.startswith(b"%PDF")

    again = client.post(f"/inspections/{inspection.pk}/notice/issue/", {"confirmed": "1"}, follow=True)
    assert "检查通知书已签发" in again.content.decode()
    assert _number(inspection) == "示司律检〔2026〕1号"
    assert DocumentCounter.objects.get(series="inspect", year=2026).last == 1


@pytest.mark.parametrize(
    "role,status,issued",
    [
        ("bureau_admin", 302, True),
        ("bureau_staff", 302, True),
        ("inspector", 302, True),  # drawn for this inspection
        ("inspector2", 404, False),  # not drawn for it: it is invisible
        ("director", 403, False),  # the firm receives the notice, it does not issue it
        ("director2", 404, False),
        ("nobody", 404, False),
    ],
)
def test_who_may_issue_the_inspection_notice(login, users, inspection, role, status, issued):
    response = login(users[role]).post(f"/inspections/{inspection.pk}/notice/issue/", {"confirmed": "1"})
    assert response.status_code == status
    assert bool(_number(inspection)) is issued


def test_anonymous_cannot_issue(client, inspection):
    response = client.post(f"/inspections/{inspection.pk}/notice/issue/", {"confirmed": "1"})
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]
    assert _number(inspection) == ""


def test_get_of_the_issue_url_is_refused(login, staff, inspection):
    assert login(staff).get(f"/inspections/{inspection.pk}/notice/issue/").status_code == 405
    assert _number(inspection) == ""


def test_no_inspection_notice_after_the_conclusion(login, inspection, inspector, inspector3_entry):
    rectifying(inspection, inspector, inspector3_entry.user)
    client = login(inspector)
    assert "签发检查通知书" not in client.get(f"/inspections/{inspection.pk}/").content.decode()
    response = client.post(f"/inspections/{inspection.pk}/notice/issue/", {"confirmed": "1"}, follow=True)
    assert "检查结论已作出，不能再签发检查通知书" in response.content.decode()
    assert _number(inspection) == ""


def test_rectification_notice_is_issued_only_when_confirmed(login, inspection, inspector, inspector3_entry):
    rectifying(inspection, inspector, inspector3_entry.user)
    client = login(inspector)
    url = f"/inspections/{inspection.pk}/rectification/"
    asked = client.post(url, {"requirement": "逐项整改", "workdays": 20})
    html = asked.content.decode()
    assert asked.status_code == 200 and "确认签发责令限期整改通知书" in html and "逐项整改" in html
    assert not RectificationNotice.objects.exists() and not DocumentCounter.objects.exists()
    # Bad input is refused on the form before any confirmation.
    bad = client.post(url, {"requirement": "", "workdays": 0})
    assert bad.status_code == 400 and not RectificationNotice.objects.exists()
    done = client.post(url, {"requirement": "逐项整改", "workdays": 20, "confirmed": "1"})
    assert done.status_code == 302
    notice = RectificationNotice.objects.get()
    assert notice.doc_number == f"示司律整〔{notice.year}〕1号" and notice.requirement == "逐项整改"


def test_follow_up_notice_of_a_failed_verification_is_confirmed_first(
    login, inspection, inspector, inspector3_entry, director
):
    from django.core.files.uploadedfile import SimpleUploadedFile

    rectifying(inspection, inspector, inspector3_entry.user)
    rectification.notice_issue(inspection=inspection, user=inspector, requirement="整改")
    rectification.response_submit(
        inspection=inspection, user=director, file=SimpleUploadedFile("r.pdf", b"%PDF-1.4 r")
    )
    client = login(inspector)
    url = f"/inspections/{inspection.pk}/verification/"
    data = {"outcome": "not_completed", "requirement": "再次整改", "workdays": 10}
    asked = client.post(url, data)
    assert asked.status_code == 200 and "确认签发" in asked.content.decode()
    assert "未完成整改" in asked.content.decode()  # the outcome as the user reads it
    assert RectificationNotice.objects.count() == 1
    assert client.post(url, {**data, "confirmed": "1"}).status_code == 302
    assert RectificationNotice.objects.filter(kind="follow_up").count() == 1
