"""Who may see and change what in the registry, by list, by URL and by guessed id."""

import pytest

from firms.models import Firm

# (url template, roles that get 200; everyone else gets 403 or 404)
READ_PAGES = ["/firms/", "/lawyers/"]


@pytest.mark.parametrize("who", ["bureau_admin", "bureau_staff", "inspector", "director"])
def test_lists_open_for_every_role(login, role_users, who, firm, lawyer):
    for url in READ_PAGES:
        assert login(role_users[who]).get(url).status_code == 200


def test_no_role_user_sees_empty_lists(login, no_role_user, firm, lawyer):
    client = login(no_role_user)
    assert firm.name not in client.get("/firms/").content.decode()
    assert lawyer.name not in client.get("/lawyers/").content.decode()
    assert client.get(f"/firms/{firm.pk}/").status_code == 404


def test_director_sees_only_own_firm_in_lists(login, director, firm, other_firm, lawyer, other_lawyer):
    client = login(director)
    firms_html = client.get("/firms/").content.decode()
    assert firm.name in firms_html and other_firm.name not in firms_html
    lawyers_html = client.get("/lawyers/").content.decode()
    assert lawyer.name in lawyers_html and other_lawyer.name not in lawyers_html
    # The firm filter offers only the director's own firm.
    assert other_firm.name not in client.get("/lawyers/?firm=" + str(other_firm.pk)).content.decode()


def test_director_cannot_reach_other_firm_or_its_lawyers_by_url(login, director, other_firm, other_lawyer):
    client = login(director)
    for url in (
        f"/firms/{other_firm.pk}/",
        f"/firms/{other_firm.pk}/edit/",
        f"/firms/{other_firm.pk}/restructuring/",
        f"/lawyers/{other_lawyer.pk}/",
    ):
        assert client.get(url).status_code == 404, url
    response = client.post(f"/firms/{other_firm.pk}/edit/", {"phone": "110"})
    assert response.status_code == 404
    other_firm.refresh_from_db()
    assert other_firm.phone != "110"


def test_guessed_ids_are_404_not_403(login, director, other_firm):
    client = login(director)
    missing = Firm.objects.order_by("-pk").first().pk + 1000
    assert client.get(f"/firms/{missing}/").status_code == 404
    assert client.get(f"/firms/{other_firm.pk}/").status_code == 404


def test_exports_are_scoped_too(login, director, firm, other_firm, lawyer, other_lawyer):
    import io

    from openpyxl import load_workbook

    client = login(director)
    for url, own, other in (
        ("/firms/?export=xlsx", firm.name, other_firm.name),
        ("/lawyers/?export=xlsx", lawyer.name, other_lawyer.name),
    ):
        response = client.get(url)
        sheet = load_workbook(io.BytesIO(response.content)).active
        values = [c.value for row in sheet.iter_rows() for c in row]
        assert own in values and other not in values


def test_director_edits_facilities_but_not_codes(login, director, firm):
    client = login(director)
    page = client.get(f"/firms/{firm.pk}/edit/").content.decode()
    assert 'name="computers"' in page
    assert 'name="credit_code"' not in page and 'name="name"' not in page
    response = client.post(
        f"/firms/{firm.pk}/edit/",
        {
            "version": firm.version,
            "phone": "0937-1234567",
            "email": "",
            "address": "新地址",
            "office_rooms": 5,
            "computers": 9,
            "printers": 1,
            "copiers": 1,
            "projectors": 0,
            "scanners": 0,
            "av_recorders": 0,
            "credit_code": "31999999MD0000990H",
            "name": "改名",
        },
    )
    assert response.status_code == 302
    firm.refresh_from_db()
    assert firm.computers == 9 and firm.phone == "0937-1234567"
    assert firm.name == "甲律师事务所"  # ignored: not a field the director may change


@pytest.mark.parametrize("who", ["director", "inspector", "no_role"])
def test_only_bureau_registers_and_edits_registry(login, role_users, no_role_user, who, firm, lawyer):
    user = no_role_user if who == "no_role" else role_users[who]
    client = login(user)
    for url in (
        "/firms/new/",
        "/lawyers/new/",
        f"/lawyers/{lawyer.pk}/edit/",
        f"/lawyers/{lawyer.pk}/transfer/",
        f"/firms/{firm.pk}/ratings/new/",
        "/training/",
        "/training/new/",
        "/firms/assessments/2025/",
        "/registry/import/lawyers/",
        "/registry/import/firms/template.xlsx",
    ):
        assert client.get(url).status_code in (403, 404), url


def test_inspector_reads_but_cannot_edit(login, inspector, firm, lawyer):
    client = login(inspector)
    assert client.get(f"/firms/{firm.pk}/").status_code == 200
    assert client.get(f"/lawyers/{lawyer.pk}/").status_code == 200
    assert client.get(f"/firms/{firm.pk}/edit/").status_code == 403


def test_identity_numbers_masked_for_all_but_bureau(login, staff, director, inspector, lawyer):
    masked = lawyer.id_number[:4] + "*" * 10 + lawyer.id_number[-4:]
    assert lawyer.id_number in login(staff).get(f"/lawyers/{lawyer.pk}/").content.decode()
    for user in (director, inspector):
        for url in (f"/lawyers/{lawyer.pk}/", "/lawyers/", f"/firms/{lawyer.firm_id}/"):
            html = login(user).get(url).content.decode()
            assert lawyer.id_number not in html, url
            assert masked in html, url


def test_public_directory_shows_no_personal_data(client, firm, lawyer):
    html = client.get("/public/firms/").content.decode()
    assert firm.name in html
    assert lawyer.id_number not in html and lawyer.phone not in html and lawyer.name not in html


def test_only_admin_creates_director_accounts(login, staff, bureau_admin, firm, lawyer):
    firm.director = lawyer
    firm.save()
    assert login(staff).get(f"/firms/{firm.pk}/director-account/").status_code == 403
    assert login(bureau_admin).get(f"/firms/{firm.pk}/director-account/").status_code == 200


def test_firm_page_in_english(login, staff, firm, lawyer):
    client = login(staff)
    client.post("/i18n/setlang/", {"language": "en", "next": "/"})
    html = client.get(f"/firms/{firm.pk}/").content.decode()
    assert "Roster" in html and "Premises and facilities" in html and "Unified social credit code" in html
    assert "律师名册" not in html
