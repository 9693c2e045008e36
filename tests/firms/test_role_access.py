"""Per-role access to the training, assessment and restructuring pages: what each role is shown,
what stays hidden, and that a refused POST with real data saves nothing."""

import datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from firms import services
from firms.models import Firm, LawyerAssessment, TrainingAttendance, TrainingSession

ROLES = ["bureau_staff", "director", "director2", "inspector", "anonymous"]


@pytest.fixture
def client_for(client, login, role_users):
    def make(who):
        return client if who == "anonymous" else login(role_users[who])

    return make


def _is_login_redirect(response):
    return response.status_code == 302 and "/accounts/login/" in response["Location"]


@pytest.fixture
def session(db):
    return TrainingSession.objects.create(
        title="执业纪律专题",
        held_on=datetime.date(2026, 5, 1),
        organiser="县司法局",
        kind="discipline",
        hours=4,
    )


@pytest.mark.parametrize("who", ROLES)
def test_training_detail_is_for_bureau_staff_only(client_for, who, session, lawyer, other_lawyer):
    client = client_for(who)
    response = client.get(f"/training/{session.pk}/")
    refused = client.post(f"/training/{session.pk}/", {"lawyer": [lawyer.pk, other_lawyer.pk]})
    if who == "bureau_staff":
        body = response.content.decode()
        assert response.status_code == 200 and lawyer.name in body and other_lawyer.name in body
        assert refused.status_code == 302
        assert TrainingAttendance.objects.filter(session=session).count() == 2
        return
    if who == "anonymous":
        assert _is_login_redirect(response) and _is_login_redirect(refused)
    else:
        assert response.status_code == 403 and refused.status_code == 403
    assert not TrainingAttendance.objects.exists()


@pytest.mark.parametrize("who", ROLES)
def test_training_shortfall_shows_only_visible_lawyers(client_for, who, lawyer, other_lawyer):
    response = client_for(who).get("/training/shortfall/?year=2026")
    if who == "anonymous":
        assert _is_login_redirect(response)
        return
    assert response.status_code == 200
    body = response.content.decode()
    # Neither lawyer has any hours this year: each is short wherever they are visible.
    sees_own = who in ("bureau_staff", "director", "inspector")
    sees_other = who in ("bureau_staff", "director2", "inspector")
    assert (lawyer.name in body) is sees_own
    assert (other_lawyer.name in body) is sees_other


@pytest.fixture
def document(firm, staff):
    firm.organisation_form = Firm.Form.STATE
    firm.save()
    restructuring = services.restructuring_start(firm=firm, target_form=Firm.Form.PARTNERSHIP)
    return services.restructuring_document_add(
        step=restructuring.steps.first(),
        title="改制方案",
        file=SimpleUploadedFile("plan.pdf", b"%PDF-1.4 plan"),
        user=staff,
    )


@pytest.mark.parametrize("who", ROLES)
def test_restructuring_document_served_only_to_those_who_see_the_firm(client_for, who, firm, document):
    response = client_for(who).get(f"/firms/{firm.pk}/restructuring/documents/{document.pk}")
    if who == "anonymous":
        assert _is_login_redirect(response)
    elif who == "director2":
        assert response.status_code == 404
    else:
        assert response.status_code == 200
        assert b"".join(response.streaming_content) == b"%PDF-1.4 plan"


@pytest.mark.parametrize("who", ROLES)
def test_lawyer_assessments_are_recorded_by_bureau_staff_only(client_for, who, firm, lawyer):
    client = client_for(who)
    url = f"/firms/{firm.pk}/lawyer-assessments/2025/"
    response = client.get(url)
    refused = client.post(url, {f"result_{lawyer.pk}": "competent", f"remarks_{lawyer.pk}": "良好"})
    if who == "bureau_staff":
        assert response.status_code == 200 and lawyer.name in response.content.decode()
        assert refused.status_code == 302
        assert LawyerAssessment.objects.get(lawyer=lawyer, year=2025).result == "competent"
        return
    if who == "anonymous":
        assert _is_login_redirect(response) and _is_login_redirect(refused)
    else:
        assert response.status_code == 403 and refused.status_code == 403
    assert not LawyerAssessment.objects.exists()
