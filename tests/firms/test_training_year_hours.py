"""The yearly training hours the database keeps per lawyer follow every write of the attendance
and every move of a session, and the dashboards' shortfall count reads them."""

import datetime
from decimal import Decimal

import pytest

from bureau.models import BureauSettings
from firms.models import TrainingAttendance, TrainingSession, TrainingYearHours
from firms.selectors import short_of_training_count
from tests.factories import LawyerFactory

pytestmark = pytest.mark.django_db


def _session(day, hours="8"):
    return TrainingSession.objects.create(
        title="新法培训",
        held_on=day,
        organiser="县律师协会",
        kind=TrainingSession.Kind.NEW_LAW,
        hours=Decimal(hours),
    )


def _hours(lawyer):
    return {
        row.year: row.hours for row in TrainingYearHours.objects.filter(lawyer_id=lawyer.pk).order_by("year")
    }


def test_the_yearly_sum_follows_attendance_and_sessions():
    lawyer = LawyerFactory()
    spring, autumn = _session(datetime.date(2025, 4, 1)), _session(datetime.date(2025, 10, 1))
    first = TrainingAttendance.objects.create(session=spring, lawyer=lawyer, hours=Decimal("8"))
    TrainingAttendance.objects.bulk_create(
        [TrainingAttendance(session=autumn, lawyer=lawyer, hours=Decimal("6.5"))]
    )
    assert _hours(lawyer) == {2025: Decimal("14.5")}
    first.hours = Decimal("4")
    first.save()
    assert _hours(lawyer) == {2025: Decimal("10.5")}
    # The autumn session was in fact held the next January: its hours move to 2026.
    autumn.held_on = datetime.date(2026, 1, 10)
    autumn.save()
    assert _hours(lawyer) == {2025: Decimal("4"), 2026: Decimal("6.5")}
    first.delete()
    assert _hours(lawyer) == {2025: Decimal("0"), 2026: Decimal("6.5")}


def test_the_shortfall_count_reads_the_yearly_sums():
    settings_row = BureauSettings.load()
    settings_row.training_hours_required = 10
    settings_row.save()
    met, short, absent = LawyerFactory(), LawyerFactory(), LawyerFactory()
    day = datetime.date(2025, 5, 5)
    morning, afternoon = _session(day, "6"), _session(day, "6")
    TrainingAttendance.objects.bulk_create(
        [
            TrainingAttendance(session=morning, lawyer=met, hours=Decimal("6")),
            TrainingAttendance(session=afternoon, lawyer=met, hours=Decimal("4")),
            TrainingAttendance(session=morning, lawyer=short, hours=Decimal("6")),
        ]
    )
    assert short_of_training_count(2025) == 2  # `short` and `absent`; `met` has exactly 10
    assert short_of_training_count(2026) == 3
    assert absent.pk
