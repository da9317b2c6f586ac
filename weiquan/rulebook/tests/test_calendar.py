"""Deadlines in Chinese working days, with holidays and make-up workdays (issue 3 §11)."""

import datetime
import zoneinfo

import pytest

from weiquan.rulebook.calendar import deadline_after, is_workday, working_days_after
from weiquan.rulebook.models import CalendarDay
from weiquan.rulebook.schema import Duration

SHANGHAI = zoneinfo.ZoneInfo("Asia/Shanghai")


@pytest.mark.django_db
def test_national_day_2026_is_not_counted_and_the_make_up_saturday_is():
    # Filed Wednesday 30 September 2026: 1-7 October is the National Day holiday,
    # Saturday 10 October is a make-up workday (调休).
    days = working_days_after(datetime.date(2026, 9, 30), 4)
    assert days == [datetime.date(2026, 10, 8), datetime.date(2026, 10, 9),
                    datetime.date(2026, 10, 10), datetime.date(2026, 10, 12)]
    assert is_workday(datetime.date(2026, 10, 10))  # a Saturday
    assert not is_workday(datetime.date(2026, 10, 5))  # a Monday


@pytest.mark.django_db
def test_a_working_day_deadline_closes_at_local_midnight_after_the_last_day():
    """RULES 5.1: 4 working days from filing."""
    filed = datetime.datetime(2026, 9, 30, 16, 0, tzinfo=SHANGHAI)
    due = deadline_after(filed, Duration(4, "working"))
    assert due == datetime.datetime(2026, 10, 13, 0, 0, tzinfo=SHANGHAI)


@pytest.mark.django_db
def test_calendar_days_are_exact():
    """RULES 4.1: 3 days to answer."""
    filed = datetime.datetime(2026, 9, 30, 16, 0, tzinfo=SHANGHAI)
    assert deadline_after(filed, Duration(3, "calendar")) == filed + datetime.timedelta(days=3)


@pytest.mark.django_db
def test_staff_entries_take_precedence_and_cover_years_the_package_does_not_know():
    CalendarDay.objects.create(date=datetime.date(2026, 10, 12), is_workday=False, note="test closure")
    assert working_days_after(datetime.date(2026, 10, 9), 2) == [datetime.date(2026, 10, 10),
                                                                 datetime.date(2026, 10, 13)]
    CalendarDay.objects.create(date=datetime.date(2027, 1, 1), is_workday=False, note="元旦")
    assert not is_workday(datetime.date(2027, 1, 1))
    assert is_workday(datetime.date(2027, 1, 4))  # unknown year: Monday-Friday
