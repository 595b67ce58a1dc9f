"""The operator's working calendar: Brussels time, Monday to Friday 08:00–18:00, no holidays."""

from datetime import date, datetime, time, timedelta
from functools import cache
from zoneinfo import ZoneInfo

import holidays

BRUSSELS = ZoneInfo("Europe/Brussels")
OPENING = time(8)
CLOSING = time(18)


@cache
def _public_holidays(year: int) -> holidays.HolidayBase:
    # Built per year on first use: the package only computes the years it is asked for.
    return holidays.country_holidays("BE", years=year, expand=False)


def is_business_day(day: date) -> bool:
    """Monday to Friday, except Belgian public holidays."""
    return day.weekday() < 5 and day not in _public_holidays(day.year)


def next_business_day(day: date) -> date:
    """The first business day after ``day``."""
    following = day + timedelta(days=1)
    while not is_business_day(following):
        following += timedelta(days=1)
    return following


def opening_of(day: date) -> datetime:
    """08:00 in Brussels on ``day``."""
    return datetime.combine(day, OPENING, tzinfo=BRUSSELS)


def closing_of(day: date) -> datetime:
    """18:00 in Brussels on ``day``."""
    return datetime.combine(day, CLOSING, tzinfo=BRUSSELS)


def to_brussels(moment: datetime) -> datetime:
    """``moment`` in Brussels time; a naive datetime raises ValueError (its zone is unknown)."""
    if moment.tzinfo is None or moment.utcoffset() is None:
        raise ValueError(
            f"{moment.isoformat()} has no time zone: give a timezone-aware datetime "
            "(e.g. datetime.now(UTC))."
        )
    return moment.astimezone(BRUSSELS)


def start_of_work(moment: datetime) -> datetime:
    """When work on a request made at ``moment`` starts: then if open, else the next opening.

    Open means a business day from 08:00 up to, not including, 18:00.
    """
    local = to_brussels(moment)
    if is_business_day(local.date()):
        if local.time() < OPENING:
            return opening_of(local.date())
        if local.time() < CLOSING:
            return local
    return opening_of(next_business_day(local.date()))


def within_business_hours(moment: datetime) -> datetime:
    """``moment`` if it is on a business day from 08:00 to 18:00 included, else the next opening.

    Used for due times: a job may be due at closing time itself.
    """
    local = to_brussels(moment)
    if is_business_day(local.date()) and OPENING <= local.time() <= CLOSING:
        return local
    if is_business_day(local.date()) and local.time() < OPENING:
        return opening_of(local.date())
    return opening_of(next_business_day(local.date()))


def add_business_time(moment: datetime, duration: timedelta) -> datetime:
    """``moment`` plus ``duration`` counted in business hours only.

    Business hours never span a daylight-saving change (those happen at night), so wall-clock
    arithmetic within a day equals elapsed time.
    """
    current = start_of_work(moment)
    remaining = duration
    while True:
        left_today = closing_of(current.date()) - current
        if remaining <= left_today:
            return current + remaining
        remaining -= left_today
        current = opening_of(next_business_day(current.date()))


def add_business_days(moment: datetime, days: int) -> datetime:
    """The same Brussels clock time ``days`` business days after work on ``moment`` starts."""
    start = start_of_work(moment)
    day = start.date()
    for _ in range(days):
        day = next_business_day(day)
    # Rebuilt from the wall-clock time, not by adding hours, so a DST change keeps 10:00 at 10:00.
    return datetime.combine(day, start.time(), tzinfo=BRUSSELS)
