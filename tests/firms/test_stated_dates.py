"""Every dated event takes its date from the user: default today, never in the future, never before
the event it follows; refused on the form in Chinese with nothing saved. A clerk can back-fill a past
year."""

import datetime

import pytest
from django.utils import timezone

from firms import services
from firms.models import (
    Firm,
    FirmStatusChange,
    PracticeRecord,
    Restructuring,
    RestructuringStep,
    StandardisationRating,
    TrainingSession,
)
from tests.factories import FirmFactory, LawyerFactory

D = datetime.date


def _tomorrow():
    return (timezone.localdate() + datetime.timedelta(days=1)).isoformat()


def _firm_post(firm, **changes):
    return {
        "name": firm.name,
        "credit_code": firm.credit_code,
        "organisation_form": firm.organisation_form,
        "founded_on": firm.founded_on.isoformat() if firm.founded_on else "",
        "status": firm.status,
        "office_rooms": 0,
        **{k: 0 for k in ("computers", "printers", "copiers", "projectors", "scanners", "av_recorders")},
        "version": firm.version,
        **changes,
    }


def test_forms_offer_today_as_the_date(login, staff, firm):
    client = login(staff)
    today = timezone.localdate()
    assert client.get("/training/new/").context["form"]["held_on"].value() == today
    assert client.get(f"/firms/{firm.pk}/ratings/new/").context["form"]["conferred_on"].value() == today
    assert client.get(f"/firms/{firm.pk}/improvements/new/").context["form"]["made_on"].value() == today


def test_status_change_is_recorded_on_the_date_stated(login, staff):
    firm = services.firm_create(
        name="某某律师事务所", credit_code=FirmFactory.build().credit_code, founded_on=D(2015, 1, 1)
    )
    assert list(firm.status_changes.values_list("status", "changed_on")) == [("practising", D(2015, 1, 1))]
    response = login(staff).post(
        f"/firms/{firm.pk}/edit/", _firm_post(firm, status="suspended", status_changed_on="2024-05-06")
    )
    assert response.status_code == 302
    assert firm.status_changes.last().changed_on == D(2024, 5, 6)


def test_status_change_in_the_future_or_before_the_last_is_refused(login, staff):
    firm = services.firm_create(
        name="某某律师事务所", credit_code=FirmFactory.build().credit_code, founded_on=D(2015, 1, 1)
    )
    client = login(staff)
    response = client.post(
        f"/firms/{firm.pk}/edit/", _firm_post(firm, status="suspended", status_changed_on=_tomorrow())
    )
    assert "状态变更日期不能晚于今天。" in response.content.decode()
    response = client.post(
        f"/firms/{firm.pk}/edit/", _firm_post(firm, status="suspended", status_changed_on="2014-01-01")
    )
    assert "状态变更日期不能早于上次状态变更（2015-01-01）。" in response.content.decode()
    firm.refresh_from_db()
    assert firm.status == Firm.Status.PRACTISING and firm.status_changes.count() == 1


def test_deregistration_is_dated_by_its_deregistration_date(login, staff):
    firm = services.firm_create(
        name="某某律师事务所", credit_code=FirmFactory.build().credit_code, founded_on=D(2015, 1, 1)
    )
    login(staff).post(
        f"/firms/{firm.pk}/edit/", _firm_post(firm, status="deregistered", deregistered_on="2023-09-30")
    )
    assert FirmStatusChange.objects.filter(firm=firm).last().changed_on == D(2023, 9, 30)


def test_training_in_the_future_is_refused_and_a_past_year_is_accepted(login, staff):
    client = login(staff)
    post = {"title": "新法培训", "organiser": "县司法局", "kind": "new_law", "hours": "8"}
    response = client.post("/training/new/", {**post, "held_on": _tomorrow()})
    assert "培训日期不能晚于今天。" in response.content.decode()
    assert not TrainingSession.objects.exists()
    client.post("/training/new/", {**post, "held_on": "2023-03-15"})
    assert TrainingSession.objects.get().held_on == D(2023, 3, 15)


def test_training_roll_is_the_lawyers_practising_on_the_session_date(login, staff, firm):
    early = LawyerFactory(firm=firm, name="早律师", licence_date=D(2015, 1, 1))
    late = LawyerFactory(firm=firm, name="晚律师", licence_date=D(2024, 1, 1))
    session = services.training_session_create(
        title="培训", held_on=D(2023, 6, 1), organiser="局", kind="ethics", hours=8
    )
    page = login(staff).get(f"/training/{session.pk}/")
    roll = list(page.context["lawyers"])
    assert early in roll and late not in roll


def test_rating_conferred_in_the_future_or_before_the_founding_is_refused(login, staff):
    firm = FirmFactory(founded_on=D(2015, 1, 1))
    client = login(staff)
    post = {"level": "province", "conferred_by": "省司法厅"}
    response = client.post(f"/firms/{firm.pk}/ratings/new/", {**post, "conferred_on": _tomorrow()})
    assert "授予日期不能晚于今天。" in response.content.decode()
    response = client.post(f"/firms/{firm.pk}/ratings/new/", {**post, "conferred_on": "2014-12-31"})
    assert "授予日期不能早于律所成立日期（2015-01-01）。" in response.content.decode()
    assert not StandardisationRating.objects.exists()
    client.post(
        f"/firms/{firm.pk}/ratings/new/", {**post, "conferred_on": "2022-12-01", "valid_until": "2025-12-01"}
    )
    assert StandardisationRating.objects.get().conferred_on == D(2022, 12, 1)


def test_restructuring_starts_on_the_date_stated_and_steps_follow_it(login, staff):
    firm = FirmFactory(organisation_form=Firm.Form.STATE, founded_on=D(2000, 1, 1))
    client = login(staff)
    url = f"/firms/{firm.pk}/restructuring/"
    response = client.post(url, {"action": "start", "target_form": "partnership", "started_on": _tomorrow()})
    assert "启动日期不能晚于今天。" in response.content.decode()
    assert not Restructuring.objects.exists()
    client.post(url, {"action": "start", "target_form": "partnership", "started_on": "2023-02-01"})
    restructuring = Restructuring.objects.get()
    assert restructuring.started_on == D(2023, 2, 1)
    step = restructuring.steps.get(step=RestructuringStep.Step.PLAN_APPROVED)
    response = client.post(
        url,
        {
            "step": step.pk,
            f"s{step.pk}-status": "done",
            f"s{step.pk}-started_on": "2023-01-10",
            f"s{step.pk}-completed_on": "2023-03-01",
        },
    )
    assert "开始日期不能早于改制启动日期（2023-02-01）。" in response.content.decode()
    response = client.post(
        url,
        {
            "step": step.pk,
            f"s{step.pk}-status": "done",
            f"s{step.pk}-started_on": "2023-02-10",
            f"s{step.pk}-completed_on": _tomorrow(),
        },
    )
    assert "完成日期不能晚于今天。" in response.content.decode()
    step.refresh_from_db()
    assert step.status == RestructuringStep.Status.PENDING


def test_restructuring_is_complete_on_the_day_of_its_last_step(db):
    firm = FirmFactory(organisation_form=Firm.Form.STATE)
    restructuring = services.restructuring_start(
        firm=firm, target_form="partnership", started_on=D(2023, 1, 1)
    )
    for number, step in enumerate(restructuring.steps.all(), start=1):
        services.restructuring_step_update(
            step=step, status="done", started_on=D(2023, 1, 2), completed_on=D(2023, number, 5)
        )
    restructuring.refresh_from_db()
    assert restructuring.completed_on == D(2023, 7, 5)


def test_lawyer_deregistered_on_the_date_stated_closes_the_practice_record(login, staff, firm):
    lawyer = LawyerFactory(firm=firm, licence_date=D(2015, 1, 1))
    client = login(staff)
    post = {
        "name": lawyer.name,
        "gender": "M",
        "id_number": lawyer.id_number,
        "licence_no": lawyer.licence_no,
        "licence_date": "2015-01-01",
        "category": "full_time",
        "status": "deregistered",
        "version": lawyer.version,
    }
    response = client.post(f"/lawyers/{lawyer.pk}/edit/", {**post, "changed_on": _tomorrow()})
    assert "变更生效日期不能晚于今天。" in response.content.decode()
    client.post(f"/lawyers/{lawyer.pk}/edit/", {**post, "changed_on": "2024-08-31"})
    assert PracticeRecord.objects.get(lawyer=lawyer).ended_on == D(2024, 8, 31)


def test_transfer_in_the_future_is_refused(login, staff, firm, other_firm):
    lawyer = LawyerFactory(firm=firm)
    response = login(staff).post(
        f"/lawyers/{lawyer.pk}/transfer/", {"to_firm": other_firm.pk, "on_date": _tomorrow()}
    )
    assert "转所日期不能晚于今天。" in response.content.decode()
    lawyer.refresh_from_db()
    assert lawyer.firm == firm


@pytest.mark.parametrize("field", ["made_on"])
def test_improvement_in_the_future_is_refused(login, staff, firm, field):
    response = login(staff).post(
        f"/firms/{firm.pk}/improvements/new/",
        {"made_on": _tomorrow(), "description": "新建会议室", "area": "10"},
    )
    assert "日期不能晚于今天。" in response.content.decode()
    assert not firm.improvements.exists()
