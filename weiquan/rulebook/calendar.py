"""Chinese working days, with make-up workdays (调休), and deadlines counted in them.

The days come from the chinesecalendar package; staff-entered CalendarDay rows take
precedence, so a new year's announcement can be entered before the package ships it.
For a year neither knows, Monday to Friday are working days and a warning is logged.
"""

import datetime
import logging
import zoneinfo

import chinese_calendar

from .models import CalendarDay
from .schema import Duration

log = logging.getLogger(__name__)


def _package_is_workday(day):
    try:
        return chinese_calendar.is_workday(day)
    except NotImplementedError:
        log.warning("No Chinese calendar data for %s; counting Monday-Friday.", day.year)
        return day.weekday() < 5


def working_days_after(start: datetime.date, count: int) -> list[datetime.date]:
    """The first `count` working days strictly after `start`."""
    # Holidays are at most ~9 days long, so count*2+14 calendar days always hold enough.
    horizon = start + datetime.timedelta(days=count * 2 + 14)
    overrides = dict(
        CalendarDay.objects.filter(date__gt=start, date__lte=horizon).values_list(
            "date", "is_workday"
        )
    )
    days, day = [], start
    while len(days) < count:
        day += datetime.timedelta(days=1)
        workday = overrides[day] if day in overrides else _package_is_workday(day)
        if workday:
            days.append(day)
    return days


def is_workday(day: datetime.date) -> bool:
    override = CalendarDay.objects.filter(date=day).values_list("is_workday", flat=True).first()
    return override if override is not None else _package_is_workday(day)


def deadline_after(start: datetime.datetime, duration: Duration, tz="Asia/Shanghai"):
    """When a window of `duration` that opens at `start` closes.

    Calendar days are exact: 3 days after 10:00 is 10:00 three days later. Working days
    are whole days: the window closes at the end (local midnight) of the Nth working day
    after the day `start` falls on, in the rulebook's time zone.
    """
    if duration.unit == "calendar":
        return start + datetime.timedelta(days=duration.days)
    zone = zoneinfo.ZoneInfo(tz)
    local_day = start.astimezone(zone).date()
    last = working_days_after(local_day, duration.days)[-1]
    return datetime.datetime.combine(last + datetime.timedelta(days=1), datetime.time(), zone)
