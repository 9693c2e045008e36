"""Training shortfall from the fourth quarter, standardisation ratings about to expire, and the
annual assessment window."""

import pytest

from firms.models import FirmAssessment, StandardisationRating
from tests.factories import LawyerFactory

from .conftest import D, run_days, steps

pytestmark = pytest.mark.django_db


def test_training_shortfall_from_the_fourth_quarter(firm, other_firm, director, director2, staff, inspector):
    LawyerFactory(firm=firm)
    LawyerFactory(firm=firm)
    LawyerFactory(firm=other_firm)
    # Due 31 December 2026 (a Thursday): five working days before is the 24th.
    run_days([D(2026, 9, 30), D(2026, 12, 23), D(2026, 12, 24), D(2026, 12, 30), D(2026, 12, 31)])
    run_days([D(2027, 1, 4)])  # a new year: last year's hours are no longer a deadline
    expected = ["before:5", "before:1", "due"]
    assert steps(director, "firms.training") == [(f"firms.training:firm={firm.pk}:2026", s) for s in expected]
    assert steps(director2, "firms.training") == [
        (f"firms.training:firm={other_firm.pk}:2026", s) for s in expected
    ]
    assert steps(staff, "firms.training") == [("firms.training:county:2026", s) for s in expected]
    assert steps(inspector, "firms.training") == []
    title = director.notifications.filter(kind="firms.training").first().title
    assert "2名律师2026年继续教育学时不足" in title


def test_rating_expiry_reminded_to_the_bureau_and_the_firms_director(firm, director, director2, staff):
    rating = StandardisationRating.objects.create(
        firm=firm,
        level="province",
        conferred_by="省司法厅",
        conferred_on=D(2023, 11, 1),
        valid_until=D(2026, 11, 2),
    )
    run_days([D(2026, 10, 26), D(2026, 10, 30), D(2026, 11, 2), D(2026, 11, 3), D(2026, 11, 10)])
    key = f"firms.rating_expiry:rating={rating.pk}:2026-11-02"
    expected = [(key, s) for s in ("before:5", "before:1", "due", "overdue:1", "overdue:2")]
    assert steps(director, "firms.rating_expiry") == expected
    assert steps(staff, "firms.rating_expiry") == expected
    assert steps(director2, "firms.rating_expiry") == []


def test_a_renewed_rating_is_not_reminded(firm, director):
    StandardisationRating.objects.create(
        firm=firm,
        level="province",
        conferred_by="省司法厅",
        conferred_on=D(2023, 11, 1),
        valid_until=D(2026, 11, 2),
    )
    StandardisationRating.objects.create(
        firm=firm,
        level="province",
        conferred_by="省司法厅",
        conferred_on=D(2026, 10, 1),
        valid_until=D(2029, 10, 1),
    )
    run_days([D(2026, 10, 30)])
    assert steps(director, "firms.rating_expiry") == []


def test_annual_assessment_window(firm, other_firm, director, director2, staff):
    FirmAssessment.objects.create(firm=other_firm, year=2026, result="pass")  # 乙所 is done for 2026
    # The window for 2026 closes on 31 May 2027 (a Monday); 2027's holidays are unknown, so the
    # calendar counts weekends only.
    run_days([D(2027, 2, 26), D(2027, 3, 1), D(2027, 5, 24), D(2027, 5, 28), D(2027, 5, 31), D(2027, 6, 1)])
    key = f"firms.assessment:firm={firm.pk}:2026"
    assert steps(director, "firms.assessment") == [
        (key, s) for s in ("before:5", "before:1", "due", "overdue:1")
    ]
    assert steps(director2, "firms.assessment") == []
    assert steps(staff, "firms.assessment") == [
        ("firms.assessment:county:2026", s) for s in ("before:5", "before:1", "due", "overdue:1")
    ]
