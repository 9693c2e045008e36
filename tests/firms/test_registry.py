"""Forms, transfers, director access, ratings, training, assessments, restructuring."""

import datetime
from decimal import Decimal

import pytest

from firms.models import (
    Firm,
    FirmAssessment,
    Lawyer,
    PracticeRecord,
    Restructuring,
    RestructuringStep,
    TrainingAttendance,
    TrainingSession,
)
from firms.permissions import managed_firm_ids
from firms.selectors import lawyers_short_of_training, short_of_training_count
from firms.services import lawyer_transfer
from tests.factories import LawyerFactory

D = datetime.date

FIRM_FORM = {
    "name": "示范县新设律师事务所",
    "short_name": "新设所",
    "credit_code": "",
    "organisation_form": "partnership",
    "status": "practising",
    "office_rooms": 0,
    "computers": 0,
    "printers": 0,
    "copiers": 0,
    "projectors": 0,
    "scanners": 0,
    "av_recorders": 0,
}


@pytest.mark.parametrize(
    "code, message",
    [
        ("31999999MD00009901", "校验位不正确"),
        ("91350100M000100Y43", "应以“31”开头"),
        ("31999999MD000099", "应为18位"),
    ],
)
def test_bad_credit_codes_refused_on_the_form(login, staff, code, message):
    response = login(staff).post("/firms/new/", {**FIRM_FORM, "credit_code": code})
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not Firm.objects.exists()


def test_valid_firm_registered(login, staff):
    from bureau.demo import demo_credit_code

    response = login(staff).post("/firms/new/", {**FIRM_FORM, "credit_code": demo_credit_code(77).lower()})
    firm = Firm.objects.get()
    assert response["Location"] == f"/firms/{firm.pk}/"
    assert firm.credit_code == demo_credit_code(77)


def test_bad_identity_number_and_licence_refused_on_the_form(login, staff, firm):
    data = {
        "firm": firm.pk,
        "name": "新律师",
        "gender": "F",
        "id_number": "110105194912310021",
        "licence_no": "1234",
        "licence_date": "2020-01-01",
        "category": "full_time",
        "status": "practising",
    }
    html = login(staff).post("/lawyers/new/", data).content.decode()
    assert "身份证号码校验位不正确" in html and "律师执业证号应为17位数字" in html
    assert not Lawyer.objects.exists()


def test_negative_area_refused(login, staff, firm):
    response = login(staff).post(
        f"/firms/{firm.pk}/edit/",
        {
            **FIRM_FORM,
            "name": firm.name,
            "credit_code": firm.credit_code,
            "version": firm.version,
            "office_area": "-3",
        },
    )
    assert response.status_code == 200
    assert "大于或等于0" in response.content.decode()


def test_concurrent_edit_is_refused_not_overwritten(login, staff, firm):
    client = login(staff)
    base = {**FIRM_FORM, "name": firm.name, "credit_code": firm.credit_code, "version": firm.version}
    assert client.post(f"/firms/{firm.pk}/edit/", {**base, "phone": "111"}).status_code == 302
    stale = client.post(f"/firms/{firm.pk}/edit/", {**base, "phone": "222"})  # same old version
    assert stale.status_code == 200
    assert "已被他人修改" in stale.content.decode()
    firm.refresh_from_db()
    assert firm.phone == "111"


def test_transfer_keeps_history(firm, other_firm):
    lawyer = LawyerFactory(firm=firm, licence_date=D(2012, 3, 1))
    lawyer_transfer(lawyer=lawyer, to_firm=other_firm, on_date=D(2024, 6, 30), note="调动")
    lawyer.refresh_from_db()
    assert lawyer.firm == other_firm
    records = list(
        PracticeRecord.objects.filter(lawyer=lawyer).values_list("firm_id", "started_on", "ended_on")
    )
    assert records == [(firm.pk, D(2012, 3, 1), D(2024, 6, 30)), (other_firm.pk, D(2024, 6, 30), None)]


def test_transfer_before_current_start_refused_on_form(login, staff, firm, other_firm):
    lawyer = LawyerFactory(firm=firm, licence_date=D(2012, 3, 1))
    response = login(staff).post(
        f"/lawyers/{lawyer.pk}/transfer/", {"to_firm": other_firm.pk, "on_date": "2010-01-01"}
    )
    assert "不能早于" in response.content.decode()
    assert PracticeRecord.objects.filter(lawyer=lawyer).count() == 1


def test_director_access_moves_with_the_chair(login, bureau_admin, staff, firm):
    first, second = LawyerFactory(firm=firm, name="甲"), LawyerFactory(firm=firm, name="乙")
    client = login(staff)
    base = {**FIRM_FORM, "name": firm.name, "credit_code": firm.credit_code}
    client.post(f"/firms/{firm.pk}/edit/", {**base, "director": first.pk, "version": firm.version})
    firm.refresh_from_db()
    response = login(bureau_admin).post(f"/firms/{firm.pk}/director-account/", {"username": "jia"})
    assert "初始密码" in response.content.decode()
    first.refresh_from_db()
    account = first.user
    assert account.username == "jia" and list(
        managed_firm_ids(account).values_list("content_object_id", flat=True)
    ) == [firm.pk]
    # An account made by the bureau changes its initial password at first sign-in (issue 16).
    assert login(account).get(f"/firms/{firm.pk}/")["Location"] == "/accounts/password/"
    account.must_change_password = False
    account.save(update_fields=["must_change_password"])
    assert login(account).get(f"/firms/{firm.pk}/").status_code == 200
    # The chair moves to 乙: 甲's account loses the firm.
    client.post(f"/firms/{firm.pk}/edit/", {**base, "director": second.pk, "version": firm.version})
    firm.refresh_from_db()
    assert firm.director == second
    assert not managed_firm_ids(account).exists()
    assert login(account).get(f"/firms/{firm.pk}/").status_code == 404


def test_director_must_be_of_the_firm(login, staff, firm, other_firm):
    outsider = LawyerFactory(firm=other_firm)
    response = login(staff).post(
        f"/firms/{firm.pk}/edit/",
        {
            **FIRM_FORM,
            "name": firm.name,
            "credit_code": firm.credit_code,
            "version": firm.version,
            "director": outsider.pk,
        },
    )
    assert response.status_code == 200
    firm.refresh_from_db()
    assert firm.director is None


def test_rating_dates_out_of_order_refused(login, staff, firm):
    response = login(staff).post(
        f"/firms/{firm.pk}/ratings/new/",
        {
            "level": "city",
            "conferred_by": "示范市司法局",
            "conferred_on": "2025-06-01",
            "valid_until": "2024-06-01",
        },
    )
    assert "有效期须晚于授予日期" in response.content.decode()
    assert not firm.ratings.exists()


def test_shortfall_lists_exactly_the_lawyers_under_the_requirement(login, staff, firm):
    year = 2026
    enough, short, exact, suspended, none = (
        LawyerFactory(firm=firm, name=n) for n in ("够", "差", "正好", "停", "无")
    )
    suspended.status = Lawyer.Status.SUSPENDED
    suspended.save()
    big = TrainingSession.objects.create(
        title="A", held_on=D(year, 3, 1), organiser="局", kind="ethics", hours=30
    )
    small = TrainingSession.objects.create(
        title="B", held_on=D(year, 9, 1), organiser="局", kind="practice", hours=10
    )
    last_year = TrainingSession.objects.create(
        title="C", held_on=D(year - 1, 9, 1), organiser="局", kind="practice", hours=40
    )
    for lawyer, session, hours in (
        (enough, big, 30),
        (enough, small, 15),
        (short, big, 30),
        (exact, big, 30),
        (exact, small, 10),
        (none, last_year, 40),
    ):
        TrainingAttendance.objects.create(lawyer=lawyer, session=session, hours=Decimal(hours))
    assert {x.name for x in lawyers_short_of_training(year)} == {"差", "无"}
    # The dashboards' count, from the year's sessions rather than lawyer by lawyer: the same two.
    assert short_of_training_count(year) == 2
    assert short_of_training_count(year, Lawyer.objects.filter(name__in=["差", "够"])) == 1
    html = login(staff).get(f"/training/shortfall/?year={year}").content.decode()
    assert "差" in html and "无" in html and "正好" not in html and "够" not in html


def test_attendance_recorded_from_the_session_page(login, staff, lawyer):
    session = TrainingSession.objects.create(
        title="新法", held_on=D(2026, 5, 1), organiser="局", kind="new_law", hours=8
    )
    login(staff).post(f"/training/{session.pk}/", {"lawyer": [lawyer.pk]})
    assert TrainingAttendance.objects.get(session=session).hours == Decimal("8")


def test_year_assessments_saved_at_once_and_fail_needs_a_reason(login, staff, firm, other_firm):
    client = login(staff)
    bad = client.post(
        "/firms/assessments/2025/", {f"result_{firm.pk}": "pass", f"result_{other_firm.pk}": "fail"}
    )
    assert "须在备注中写明原因" in bad.content.decode()
    assert not FirmAssessment.objects.exists()
    client.post(
        "/firms/assessments/2025/",
        {
            f"result_{firm.pk}": "pass",
            f"result_{other_firm.pk}": "fail",
            f"remarks_{other_firm.pk}": "档案不全",
        },
    )
    assert dict(FirmAssessment.objects.values_list("firm_id", "result")) == {
        firm.pk: "pass",
        other_firm.pk: "fail",
    }


def test_restructuring_progress_on_the_firm_page(login, staff):
    from tests.factories import FirmFactory

    firm = FirmFactory(organisation_form=Firm.Form.STATE)
    client = login(staff)
    client.post(
        f"/firms/{firm.pk}/restructuring/",
        {"action": "start", "target_form": "partnership", "started_on": "2026-01-05"},
    )
    restructuring = Restructuring.objects.get(firm=firm)
    assert restructuring.steps.count() == 7
    step = restructuring.steps.get(step=RestructuringStep.Step.PLAN_APPROVED)
    bad = client.post(
        f"/firms/{firm.pk}/restructuring/",
        {"step": step.pk, f"s{step.pk}-status": "done", f"s{step.pk}-started_on": "2026-03-01"},
    )
    assert "已完成的步骤须填写完成日期" in bad.content.decode()
    client.post(
        f"/firms/{firm.pk}/restructuring/",
        {
            "step": step.pk,
            f"s{step.pk}-status": "done",
            f"s{step.pk}-started_on": "2026-03-01",
            f"s{step.pk}-completed_on": "2026-03-20",
            f"s{step.pk}-responsible": "郭",
        },
    )
    html = client.get(f"/firms/{firm.pk}/").content.decode()
    assert "改制进度" in html and "1/7" in html


def test_restructuring_upload_checks_type(login, staff):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from tests.factories import FirmFactory

    firm = FirmFactory(organisation_form=Firm.Form.STATE)
    client = login(staff)
    client.post(
        f"/firms/{firm.pk}/restructuring/",
        {"action": "start", "target_form": "partnership", "started_on": "2026-01-05"},
    )
    step = Restructuring.objects.get(firm=firm).steps.first()
    response = client.post(
        f"/firms/{firm.pk}/restructuring/",
        {
            "step": step.pk,
            "action": "upload",
            "title": "方案",
            "file": SimpleUploadedFile("a.pdf", b"MZ\x90 not pdf"),
        },
    )
    assert "只接受PDF" in response.content.decode()
    assert not step.documents.exists()
    client.post(
        f"/firms/{firm.pk}/restructuring/",
        {
            "step": step.pk,
            "action": "upload",
            "title": "方案",
            "file": SimpleUploadedFile("a.pdf", b"%PDF-1.4 x"),
        },
    )
    document = step.documents.get()
    download = client.get(f"/firms/{firm.pk}/restructuring/documents/{document.pk}")
    assert b"".join(download.streaming_content).startswith(b"%PDF")


def test_dashboards_count_training_shortfall_by_scope(login, staff, director, firm, other_firm):
    LawyerFactory(firm=firm)
    LawyerFactory.create_batch(2, firm=other_firm)
    bureau_items = login(staff).get("/").context["items"]
    short = next(i for i in bureau_items if "学时不足" in str(i["label"]))
    assert short["count"] == 3
    director_items = login(director).get("/").context["items"]
    own = next(i for i in director_items if "学时不足" in str(i["label"]))
    assert own["count"] == 1


def test_bureau_dashboard_draws_charts(login, staff, firm):
    html = login(staff).get("/").content.decode()
    assert html.count("<svg") >= 2 and "执业律师（按执业类别）" in html


def test_assessment_years_out_of_range_are_404(login, staff, firm):
    client = login(staff)
    assert client.post("/firms/assessments/40000/", {}).status_code == 404
    assert client.get("/firms/assessments/1999/").status_code == 404
    assert client.get(f"/firms/{firm.pk}/lawyer-assessments/40000/").status_code == 404


def test_restructuring_refuses_bad_step_and_target(login, staff):
    from tests.factories import FirmFactory

    firm = FirmFactory(organisation_form=Firm.Form.STATE)
    client = login(staff)
    for target in ("state", "x" * 40):
        response = client.post(
            f"/firms/{firm.pk}/restructuring/",
            {"action": "start", "target_form": target, "started_on": "2026-01-05"},
        )
        assert response.status_code == 200 and "is-invalid" in response.content.decode()
    assert not Restructuring.objects.filter(firm=firm).exists()
    client.post(
        f"/firms/{firm.pk}/restructuring/",
        {"action": "start", "target_form": "partnership", "started_on": "2026-01-05"},
    )
    assert client.post(f"/firms/{firm.pk}/restructuring/", {"step": "abc"}).status_code == 404


def test_upload_whose_extension_and_content_disagree_is_refused(login, staff):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from tests.factories import FirmFactory

    firm = FirmFactory(organisation_form=Firm.Form.STATE)
    client = login(staff)
    client.post(
        f"/firms/{firm.pk}/restructuring/",
        {"action": "start", "target_form": "partnership", "started_on": "2026-01-05"},
    )
    step = Restructuring.objects.get(firm=firm).steps.first()
    response = client.post(
        f"/firms/{firm.pk}/restructuring/",
        {
            "step": step.pk,
            "action": "upload",
            "title": "x",
            "file": SimpleUploadedFile("x.jar", b"PK\x03\x04 a jar"),
        },
    )
    assert "只接受PDF" in response.content.decode()
    assert not step.documents.exists()


def test_saving_attendance_keeps_hours_of_lawyers_no_longer_practising(login, staff, firm):
    session = TrainingSession.objects.create(
        title="旧培训", held_on=D(2024, 5, 1), organiser="局", kind="ethics", hours=8
    )
    gone, here = LawyerFactory(firm=firm, name="已注销"), LawyerFactory(firm=firm, name="在执业")
    for lawyer in (gone, here):
        TrainingAttendance.objects.create(session=session, lawyer=lawyer, hours=8)
    gone.status = Lawyer.Status.DEREGISTERED
    gone.save()
    login(staff).post(f"/training/{session.pk}/", {"lawyer": [here.pk]})
    assert set(session.attendances.values_list("lawyer__name", flat=True)) == {"已注销", "在执业"}


def test_edit_without_its_version_is_refused_not_saved(login, staff, firm):
    response = login(staff).post(
        f"/firms/{firm.pk}/edit/",
        {**FIRM_FORM, "name": firm.name, "credit_code": firm.credit_code, "phone": "999"},
    )
    assert response.status_code == 200 and "已被他人修改" in response.content.decode()
    firm.refresh_from_db()
    assert firm.phone != "999"
