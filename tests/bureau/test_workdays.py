"""Working days on the official calendar. Expected dates come from the State Council's notices."""

import datetime

import pytest

from bureau.models import CalendarDay, CalendarYear
from bureau.workdays import add_working_days, deadline_after, is_provisional, is_workday, working_days_between

D = datetime.date


@pytest.mark.django_db
class TestOfficialCalendar:
    def test_national_day_2026_is_skipped(self):
        # 2026-09-30 (Wed) + 1 working day: 10-01..10-07 are holidays, so the 8th.
        assert add_working_days(D(2026, 9, 30), 1) == D(2026, 10, 8)

    def test_tiaoxiu_saturday_after_national_day_counts(self):
        # 2026-10-10 is a Saturday worked in exchange (调休).
        assert is_workday(D(2026, 10, 10))
        assert add_working_days(D(2026, 10, 8), 2) == D(2026, 10, 10)

    def test_national_day_2025(self):
        # 2025: 10-01..10-08 off; Sunday 09-28 and Saturday 10-11 worked.
        assert add_working_days(D(2025, 9, 27), 1) == D(2025, 9, 28)
        assert add_working_days(D(2025, 9, 30), 1) == D(2025, 10, 9)
        assert working_days_between(D(2025, 9, 30), D(2025, 10, 12)) == 3  # 10-09, 10-10, 10-11

    def test_spring_festival_2026(self):
        # 02-14 (Sat) worked; 02-15..02-23 off; 02-28 (Sat) worked.
        assert add_working_days(D(2026, 2, 13), 1) == D(2026, 2, 14)
        assert add_working_days(D(2026, 2, 14), 1) == D(2026, 2, 24)
        assert working_days_between(D(2026, 2, 13), D(2026, 2, 28)) == 6

    def test_ten_working_days_across_national_day(self):
        # From 2026-09-25 (Fri): 9-28, 9-29, 9-30, 10-8, 10-9, 10-10, 10-12, 10-13, 10-14, 10-15.
        result = deadline_after(D(2026, 9, 25), 10)
        assert result.date == D(2026, 10, 15)
        assert not result.provisional

    def test_zero_days_is_the_start(self):
        assert add_working_days(D(2026, 5, 6), 0) == D(2026, 5, 6)

    def test_negative_days_refused(self):
        with pytest.raises(ValueError):
            add_working_days(D(2026, 5, 6), -1)


@pytest.mark.django_db
class TestUnannouncedYear:
    def test_december_deadline_into_unknown_year_is_provisional_not_a_crash(self):
        result = deadline_after(D(2026, 12, 28), 10)
        # Weekends only in 2027: 12-29..12-31 (3), then 01-01 (Fri), 01-04..01-08 (5), 01-11 (1).
        assert result.date == D(2027, 1, 11)
        assert result.provisional
        assert is_provisional(D(2026, 12, 28), result.date)

    def test_bureau_entered_holidays_are_used_and_not_provisional(self):
        year = CalendarYear.objects.create(year=2027, notice="国办发明电〔2026〕X号（测试）")
        CalendarDay.objects.create(calendar_year=year, date=D(2027, 1, 1), is_workday=False, name="元旦")
        CalendarDay.objects.create(calendar_year=year, date=D(2027, 1, 9), is_workday=True, name="调休上班")
        result = deadline_after(D(2026, 12, 28), 10)
        # 12-29..12-31 (3), 01-04..01-08 (5), 01-09 Sat worked (1), 01-11 (1).
        assert result.date == D(2027, 1, 11)
        assert not result.provisional
        assert working_days_between(D(2026, 12, 31), D(2027, 1, 10)) == 6

    def test_query_count_is_fixed(self, django_assert_num_queries):
        CalendarYear.objects.create(year=2027)
        for days in (5, 60):
            with django_assert_num_queries(2):  # entered years, entered days
                deadline_after(D(2026, 12, 1), days)
