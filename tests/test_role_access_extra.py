"""Role tests for views that had none: job_retry, training_detail, training_shortfall,
restructuring_document and lawyer_assessments. Each is requested by bureau staff, the bureau
administrator, the firm's director, another firm's director, an inspector and an anonymous visitor;
refused POSTs carry real, valid data, so "nothing changed" can only hold because they were refused."""

import datetime
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from bureau.models import Job
from firms import services as firm_services
from firms.models import Firm, LawyerAssessment, TrainingAttendance, TrainingSession
from tests.factories import LawyerFactory

ROLES = ["staff", "bureau_admin", "director", "director2", "inspector", "anonymous"]
LAST_YEAR = datetime.date.today().year - 1


@pytest.fixture
def clients(login, staff, bureau_admin, director, director2, inspector):
    users = {
        "staff": staff,
        "bureau_admin": bureau_admin,
        "director": director,
        "director2": director2,
        "inspector": inspector,
    }
    made = {role: login(user) for role, user in users.items()}
    made["anonymous"] = Client()
    return made


def _statuses(clients, method, url, data=None, roles=ROLES):
    result = {}
    for role in roles:
        client = clients[role]
        response = client.get(url) if method == "get" else client.post(url, data or {})
        result[role] = response.status_code
        if role == "anonymous" and response.status_code == 302:
            assert reverse("login") in response["Location"]
    return result


# --- job_retry -------------------------------------------------------------------------------


@pytest.fixture
def failed_jobs(staff, director):
    """A failed job asked for by bureau staff and one asked for by the firm's director."""
    return {
        role: Job.objects.create(kind="yearly_report", status=Job.Status.FAILED, error="x", created_by=user)
        for role, user in (("staff", staff), ("director", director))
    }


def test_job_retry_refused_for_users_who_did_not_ask_and_are_not_bureau(clients, failed_jobs):
    job = failed_jobs["staff"]
    url = reverse("job_retry", args=[job.pk])
    refused = ["director", "director2", "inspector", "anonymous"]
    assert _statuses(clients, "post", url, roles=refused) == {
        "director": 404,
        "director2": 404,
        "inspector": 404,
        "anonymous": 302,
    }
    job.refresh_from_db()
    assert job.status == Job.Status.FAILED and job.error == "x"
    assert clients["staff"].get(url).status_code == 405  # a GET never retries
    assert _statuses(clients, "post", url, roles=["staff"]) == {"staff": 302}
    job.refresh_from_db()
    assert job.status == Job.Status.QUEUED and job.error == ""


def test_job_retry_by_its_own_requester_and_by_the_administrator(clients, failed_jobs):
    own = failed_jobs["director"]
    url = reverse("job_retry", args=[own.pk])
    assert _statuses(clients, "post", url, roles=["director2"]) == {"director2": 404}
    own.refresh_from_db()
    assert own.status == Job.Status.FAILED
    assert _statuses(clients, "post", url, roles=["director"]) == {"director": 302}
    own.refresh_from_db()
    assert own.status == Job.Status.QUEUED
    other = failed_jobs["staff"]
    assert _statuses(clients, "post", reverse("job_retry", args=[other.pk]), roles=["bureau_admin"]) == {
        "bureau_admin": 302
    }
    other.refresh_from_db()
    assert other.status == Job.Status.QUEUED


# --- training_detail -------------------------------------------------------------------------


@pytest.fixture
def session(db):
    return TrainingSession.objects.create(
        title="律师职业道德专题培训",
        held_on=datetime.date(LAST_YEAR, 5, 1),
        organiser="县司法局",
        kind=TrainingSession.Kind.ETHICS,
        hours=Decimal("8"),
    )


def test_training_detail_is_for_the_bureau_only(clients, session, firm):
    lawyer = LawyerFactory(firm=firm, name="甲所律师")
    url = reverse("firms:training_detail", args=[session.pk])
    assert _statuses(clients, "get", url) == {
        "staff": 200,
        "bureau_admin": 200,
        "director": 403,
        "director2": 403,
        "inspector": 403,
        "anonymous": 302,
    }
    page = clients["staff"].get(url).content.decode()
    assert "律师职业道德专题培训" in page and "甲所律师" in page
    data = {"lawyer": [str(lawyer.pk)]}
    refused = ["director", "director2", "inspector", "anonymous"]
    assert _statuses(clients, "post", url, data, roles=refused) == {
        "director": 403,
        "director2": 403,
        "inspector": 403,
        "anonymous": 302,
    }
    assert not TrainingAttendance.objects.exists()
    assert _statuses(clients, "post", url, data, roles=["staff"]) == {"staff": 302}
    assert list(TrainingAttendance.objects.values_list("lawyer_id", "hours")) == [(lawyer.pk, Decimal("8"))]


# --- training_shortfall ----------------------------------------------------------------------


def test_training_shortfall_shows_each_reader_only_what_they_may_see(clients, firm, other_firm, session):
    own = LawyerFactory(firm=firm, name="甲所学时不足律师")
    other = LawyerFactory(firm=other_firm, name="乙所学时不足律师")
    done = LawyerFactory(firm=firm, name="甲所学时已满律师")
    TrainingAttendance.objects.create(session=session, lawyer=done, hours=Decimal("40"))
    url = reverse("firms:training_shortfall") + f"?year={LAST_YEAR}"
    assert _statuses(clients, "get", url) == {
        "staff": 200,
        "bureau_admin": 200,
        "director": 200,
        "director2": 200,
        "inspector": 200,
        "anonymous": 302,
    }

    def names(role):
        return {n for n in (own.name, other.name, done.name) if n in clients[role].get(url).content.decode()}

    assert names("staff") == names("bureau_admin") == {own.name, other.name}
    assert names("director") == {own.name}
    assert names("director2") == {other.name}
    # Inspectors read the whole registry (firms.selectors.visible_lawyers).
    assert names("inspector") == {own.name, other.name}


# --- restructuring_document ------------------------------------------------------------------


@pytest.fixture
def document(settings, tmp_path, staff):
    settings.MEDIA_ROOT = tmp_path
    state_firm = Firm.objects.get(name="甲律师事务所")
    state_firm.organisation_form = Firm.Form.STATE
    state_firm.save(update_fields=["organisation_form"])
    restructuring = firm_services.restructuring_start(
        firm=state_firm, target_form=Firm.Form.PARTNERSHIP, started_on=datetime.date(LAST_YEAR, 1, 5)
    )
    step = restructuring.steps.order_by("step").first()
    return firm_services.restructuring_document_add(
        step=step,
        title="改制方案",
        file=SimpleUploadedFile("plan.pdf", b"%PDF-1.4\n% plan\n", content_type="application/pdf"),
        user=staff,
    )


def test_restructuring_document_is_served_to_those_who_see_the_firm(clients, firm, other_firm, document):
    url = reverse("firms:restructuring_document", args=[firm.pk, document.pk])
    assert _statuses(clients, "get", url) == {
        "staff": 200,
        "bureau_admin": 200,
        "director": 200,
        "director2": 404,
        "inspector": 200,  # inspectors read every firm's record
        "anonymous": 302,
    }
    response = clients["director"].get(url)
    assert b"".join(response.streaming_content).startswith(b"%PDF-1.4")
    # The document reached through another firm's URL does not exist for anybody.
    wrong = reverse("firms:restructuring_document", args=[other_firm.pk, document.pk])
    assert set(_statuses(clients, "get", wrong, roles=["staff", "director2"]).values()) == {404}


# --- lawyer_assessments ----------------------------------------------------------------------


def test_lawyer_assessments_are_for_the_bureau_only(clients, firm):
    lawyer = LawyerFactory(firm=firm, name="甲所考核律师")
    url = reverse("firms:lawyer_assessments", args=[firm.pk, LAST_YEAR])
    assert _statuses(clients, "get", url) == {
        "staff": 200,
        "bureau_admin": 200,
        "director": 403,
        "director2": 403,
        "inspector": 403,
        "anonymous": 302,
    }
    assert "甲所考核律师" in clients["staff"].get(url).content.decode()
    data = {f"result_{lawyer.pk}": LawyerAssessment.Result.COMPETENT, f"remarks_{lawyer.pk}": "良好"}
    refused = ["director", "director2", "inspector", "anonymous"]
    assert _statuses(clients, "post", url, data, roles=refused) == {
        "director": 403,
        "director2": 403,
        "inspector": 403,
        "anonymous": 302,
    }
    assert not LawyerAssessment.objects.exists()
    assert _statuses(clients, "post", url, data, roles=["staff"]) == {"staff": 302}
    assert list(LawyerAssessment.objects.values_list("lawyer_id", "year", "result", "remarks")) == [
        (lawyer.pk, LAST_YEAR, "competent", "良好")
    ]
