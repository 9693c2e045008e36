"""Who may open what: every view, each role, and what must stay hidden (by list, URL and id)."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from inspections import rectification, services
from inspections.models import Evidence, Visit

from .conftest import rectifying

pytestmark = pytest.mark.django_db
PDF_BYTES = b"%PDF-1.4\n% report\n"


@pytest.fixture
def users(role_users, no_role_user):
    return {**role_users, "nobody": no_role_user}


@pytest.fixture
def world(inspection, other_inspection, inspector, inspector3_entry, director, staff, firm):
    """`inspection` (firm, inspector + inspector3) with a notice, a response and evidence;
    `other_inspection` (other_firm, inspector2 + inspector3) untouched."""
    rectification.inspection_notice_issue(inspection=inspection, user=staff)
    rectifying(inspection, inspector, inspector3_entry.user)
    finding = inspection.findings.first()
    Evidence.objects.create(
        finding=finding, file=SimpleUploadedFile("e.pdf", PDF_BYTES), uploaded_by=inspector
    )
    notice = rectification.notice_issue(inspection=inspection, user=inspector, requirement="整改")
    response = rectification.response_submit(
        inspection=inspection, user=director, file=SimpleUploadedFile("r.pdf", PDF_BYTES)
    )
    visit = services.visit_record(
        recorded_by=staff, firm=firm, visited_on="2026-05-06", visitors="王科员", problems="档案室狭小"
    )
    return {"notice": notice, "response": response, "evidence": finding.evidence.first(), "visit": visit}


BUREAU_ONLY = [
    "/inspections/plans/",
    "/inspections/plans/new/",
    "/inspections/plans/{plan}/",
    "/inspections/draws/{draw}/",
    "/inspections/draws/{draw}/record.pdf",
    "/inspections/publication/",
    "/inspections/registers/",
    "/inspections/checklists/",
]


def _fill(path, inspection, world):
    return path.format(
        plan=inspection.plan_id,
        draw=inspection.draw_id,
        inspection=inspection.pk,
        notice=world["notice"].pk,
        response=world["response"].pk,
        evidence=world["evidence"].pk,
    )


@pytest.mark.parametrize("path", BUREAU_ONLY)
@pytest.mark.parametrize(
    "role,status",
    [
        ("bureau_admin", 200),
        ("bureau_staff", 200),
        ("director", 403),
        ("director2", 403),
        ("inspector", 403),
        ("inspector2", 403),
        ("nobody", 403),
    ],
)
def test_bureau_pages(login, users, inspection, world, path, role, status):
    response = login(users[role]).get(_fill(path, inspection, world))
    assert response.status_code == status


@pytest.mark.parametrize("path", BUREAU_ONLY + ["/inspections/{inspection}/", "/inspections/"])
def test_anonymous_goes_to_login(client, inspection, world, path):
    response = client.get(_fill(path, inspection, world))
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


VISIBLE_GETS = [
    "/inspections/{inspection}/",
    "/inspections/{inspection}/notice.pdf",
    "/inspections/notices/{notice}.pdf",
    "/inspections/responses/{response}/file",
    "/inspections/evidence/{evidence}/file",
]


@pytest.mark.parametrize("path", VISIBLE_GETS)
@pytest.mark.parametrize(
    "role,status",
    [
        ("bureau_admin", 200),
        ("bureau_staff", 200),
        ("director", 200),
        ("director2", 404),
        ("inspector", 200),
        ("inspector2", 404),
        ("nobody", 404),
    ],
)
def test_one_inspection_is_seen_only_by_bureau_its_inspectors_and_its_firm(
    login, users, inspection, world, path, role, status
):
    response = login(users[role]).get(_fill(path, inspection, world))
    assert response.status_code == status
    if status == 200 and path.endswith(".pdf"):
        assert response["Content-Type"] == "application/pdf"


def test_guessed_ids_give_404(login, users, inspection, world):
    client = login(users["inspector2"])
    for path in [
        "/inspections/999999/",
        "/inspections/notices/999999.pdf",
        "/inspections/responses/999999/file",
    ]:
        assert client.get(path).status_code == 404


@pytest.mark.parametrize(
    "role,sees,hidden",
    [
        ("bureau_staff", ["甲律师事务所", "乙律师事务所"], []),
        ("director", ["甲律师事务所"], ["乙律师事务所"]),
        ("director2", ["乙律师事务所"], ["甲律师事务所"]),
        ("inspector", ["甲律师事务所"], ["乙律师事务所"]),
        ("inspector2", ["乙律师事务所"], ["甲律师事务所"]),
    ],
)
def test_inspection_list_is_scoped(login, users, inspection, other_inspection, world, role, sees, hidden):
    html = login(users[role]).get("/inspections/").content.decode()
    for name in sees:
        assert name in html
    for name in hidden:
        assert name not in html


def test_list_refuses_users_without_role(login, no_role_user):
    assert login(no_role_user).get("/inspections/").status_code == 403


INSPECTOR_POSTS = [
    "/inspections/{inspection}/findings/",
    "/inspections/{inspection}/evidence/",
    "/inspections/{inspection}/conclude/",
    "/inspections/{inspection}/sign/",
    "/inspections/{inspection}/rectification/",
    "/inspections/{inspection}/verification/",
    "/inspections/notices/{notice}/correct/",
]


@pytest.mark.parametrize("path", INSPECTOR_POSTS)
@pytest.mark.parametrize(
    "role,status",
    [("bureau_staff", 403), ("director", 403), ("director2", 404), ("inspector2", 404), ("nobody", 404)],
)
def test_inspector_actions_refused_to_others(login, users, inspection, world, path, role, status):
    assert login(users[role]).post(_fill(path, inspection, world), {}).status_code == status


@pytest.mark.parametrize("role,status", [("bureau_staff", 403), ("inspector", 403), ("director2", 404)])
def test_only_the_firms_director_responds(login, users, inspection, world, role, status):
    response = login(users[role]).post(
        f"/inspections/{inspection.pk}/response/", {"file": SimpleUploadedFile("r.pdf", PDF_BYTES)}
    )
    assert response.status_code == status


@pytest.mark.parametrize("role", ["director", "inspector", "nobody"])
def test_only_bureau_publishes_and_draws(login, users, inspection, world, role):
    client = login(users[role])
    assert client.post(f"/inspections/{inspection.pk}/publish/").status_code == 403
    assert (
        client.post(f"/inspections/{inspection.pk}/schedule/", {"scheduled_on": "2026-10-01"}).status_code
        == 403
    )
    assert client.post(f"/inspections/plans/{inspection.plan_id}/draw/").status_code == 403
    entry = inspection.assignments.first().inspector
    assert client.post(f"/inspections/registers/{entry.pk}/toggle/").status_code == 403
    entry.refresh_from_db()
    assert entry.is_active


@pytest.mark.parametrize(
    "role,status,sees_visit,can_record",
    [
        ("bureau_staff", 200, True, True),
        ("inspector", 200, True, True),
        ("inspector2", 200, False, True),
        ("director", 200, True, False),
        ("director2", 200, False, False),
        ("nobody", 403, False, False),
    ],
)
def test_visit_log_access(login, users, world, role, status, sees_visit, can_record):
    client = login(users[role])
    response = client.get("/inspections/visits/")
    assert response.status_code == status
    if status == 200:
        assert ("档案室狭小" in response.content.decode()) is sees_visit
        assert ("记录走访" in response.content.decode()) is can_record
    if not can_record:
        before = Visit.objects.count()
        assert client.post("/inspections/visits/", {"firm": world["visit"].firm_id}).status_code == 403
        assert Visit.objects.count() == before
