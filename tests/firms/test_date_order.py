"""Dates that must be ordered: refused on the form in Chinese, and by a named constraint in the
database whatever writes the row."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from bureau.demo import demo_credit_code
from firms import services
from firms.models import Firm, PracticeRecord, Restructuring, RestructuringStep, StandardisationRating
from tests.factories import FirmFactory

from .test_registry import FIRM_FORM

D = datetime.date


def _refused_by_database(queryset, constraint, **values):
    with pytest.raises(IntegrityError, match=constraint), transaction.atomic():
        queryset.update(**values)


def test_firm_deregistered_before_founded_is_refused_on_the_form(login, staff):
    response = login(staff).post(
        "/firms/new/",
        {
            **FIRM_FORM,
            "credit_code": demo_credit_code(77),
            "founded_on": "2026-01-01",
            "status": "deregistered",
            "deregistered_on": "2020-01-01",
        },
    )
    assert response.status_code == 200
    assert "注销日期不能早于成立日期。" in response.content.decode()
    assert not Firm.objects.filter(name=FIRM_FORM["name"]).exists()


def test_firm_deregistered_before_founded_is_refused_on_edit(login, staff, firm):
    firm.founded_on = D(2026, 1, 1)
    firm.save()
    response = login(staff).post(
        f"/firms/{firm.pk}/edit/",
        {
            **FIRM_FORM,
            "name": firm.name,
            "credit_code": firm.credit_code,
            "founded_on": "2026-01-01",
            "status": "deregistered",
            "deregistered_on": "2020-01-01",
            "version": firm.version,
        },
    )
    assert "注销日期不能早于成立日期。" in response.content.decode()
    firm.refresh_from_db()
    assert (firm.status, firm.deregistered_on) == (Firm.Status.PRACTISING, None)


def test_firm_deregistered_before_founded_is_refused_by_the_service(db):
    with pytest.raises(ValidationError) as error:
        services.firm_create(
            name="某所",
            credit_code=demo_credit_code(77),
            founded_on=D(2026, 1, 1),
            status=Firm.Status.DEREGISTERED,
            deregistered_on=D(2020, 1, 1),
        )
    assert error.value.message_dict == {"deregistered_on": ["注销日期不能早于成立日期。"]}
    assert not Firm.objects.exists()


def test_firm_deregistered_before_founded_is_refused_by_the_database(firm):
    _refused_by_database(
        Firm.objects.filter(pk=firm.pk),
        "firms_firm_deregistered_after_founded",
        founded_on=D(2026, 1, 1),
        deregistered_on=D(2020, 1, 1),
    )
    # Both on the same day is in order.
    Firm.objects.filter(pk=firm.pk).update(founded_on=D(2020, 1, 1), deregistered_on=D(2020, 1, 1))


def test_rating_valid_until_not_after_conferred(login, staff, firm):
    response = login(staff).post(
        f"/firms/{firm.pk}/ratings/new/",
        {
            "level": "county",
            "conferred_by": "县局",
            "conferred_on": "2025-06-30",
            "valid_until": "2025-06-30",
        },
    )
    assert "有效期须晚于授予日期。" in response.content.decode()
    assert not StandardisationRating.objects.exists()
    rating = StandardisationRating.objects.create(
        firm=firm,
        level="county",
        conferred_by="县局",
        conferred_on=D(2025, 6, 30),
        valid_until=D(2028, 6, 29),
    )
    _refused_by_database(
        StandardisationRating.objects.filter(pk=rating.pk),
        "firms_standardisationrating_valid_after_conferred",
        valid_until=D(2025, 1, 1),
    )


def test_practice_record_ending_before_it_starts(lawyer):
    # A closed record, so it cannot clash with the lawyer's open one.
    record = PracticeRecord.objects.create(
        lawyer=lawyer, firm=lawyer.firm, started_on=D(2010, 7, 1), ended_on=D(2012, 1, 1)
    )
    record.ended_on = D(2009, 1, 1)
    with pytest.raises(ValidationError) as error:
        record.full_clean()
    assert error.value.message_dict["ended_on"] == ["结束日期不能早于起始日期。"]
    _refused_by_database(
        PracticeRecord.objects.filter(pk=record.pk),
        "firms_practicerecord_dates_in_order",
        ended_on=D(2009, 1, 1),
    )


def test_restructuring_completed_before_started(db):
    firm = FirmFactory(organisation_form=Firm.Form.STATE)
    restructuring = services.restructuring_start(
        firm=firm, target_form=Firm.Form.PARTNERSHIP, started_on=D(2026, 2, 1)
    )
    restructuring.completed_on = D(2026, 1, 1)
    with pytest.raises(ValidationError) as error:
        restructuring.full_clean()
    assert error.value.message_dict["completed_on"] == ["完成日期不能早于开始日期。"]
    _refused_by_database(
        Restructuring.objects.filter(pk=restructuring.pk),
        "firms_restructuring_completed_after_started",
        completed_on=D(2026, 1, 1),
    )


def test_restructuring_step_completed_before_started(login, staff):
    firm = FirmFactory(organisation_form=Firm.Form.STATE)
    client = login(staff)
    client.post(
        f"/firms/{firm.pk}/restructuring/",
        {"action": "start", "target_form": "partnership", "started_on": "2026-01-05"},
    )
    step = Restructuring.objects.get(firm=firm).steps.get(step=RestructuringStep.Step.PLAN_APPROVED)
    response = client.post(
        f"/firms/{firm.pk}/restructuring/",
        {
            "step": step.pk,
            f"s{step.pk}-status": "done",
            f"s{step.pk}-started_on": "2026-03-20",
            f"s{step.pk}-completed_on": "2026-03-01",
        },
    )
    assert "完成日期不能早于开始日期。" in response.content.decode()
    step.refresh_from_db()
    assert (step.status, step.started_on, step.completed_on) == (RestructuringStep.Status.PENDING, None, None)
    _refused_by_database(
        RestructuringStep.objects.filter(pk=step.pk),
        "firms_restructuringstep_dates_in_order",
        started_on=D(2026, 3, 20),
        completed_on=D(2026, 3, 1),
    )
