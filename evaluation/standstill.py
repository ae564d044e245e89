"""The standstill period before an award can be confirmed (Procurement Act 2023 and the
Provider Selection Regime): a number of working days, in England and Wales, beginning with the
day after the notice is sent. Bank holidays come from the `holidays` package."""

from __future__ import annotations

import datetime
from functools import cache

import holidays

from evaluation.constants import STANDSTILL_WORKING_DAYS


@cache
def _bank_holidays(year: int) -> holidays.HolidayBase:
    return holidays.UK(subdiv="ENG", years=year)


def is_working_day(day: datetime.date) -> bool:
    return day.weekday() < 5 and day not in _bank_holidays(day.year)


def standstill_end(
    start: datetime.date, working_days: int = STANDSTILL_WORKING_DAYS
) -> datetime.date:
    """The last day of the standstill that begins the day after `start`: the award may be
    confirmed from the day after the date returned."""
    if working_days < 0:
        raise ValueError("working_days cannot be negative")
    day = start
    counted = 0
    while counted < working_days:
        day += datetime.timedelta(days=1)
        if is_working_day(day):
            counted += 1
    return day
