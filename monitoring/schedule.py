"""Reporting periods from an agreement's dates, and when returns are reminded. Pure functions,
so the schedule people see is the one the reminder task follows."""

from __future__ import annotations

import calendar
import datetime
from dataclasses import dataclass

from monitoring.constants import (
    FREQUENCY_MONTHS,
    REMIND_DUE_SOON_DAYS,
    REMIND_FINAL_DAYS,
    REMIND_OVERDUE_DAYS,
    RETURN_DUE_DAYS,
    Frequency,
    ReminderKind,
)


@dataclass(frozen=True)
class PlannedPeriod:
    number: int
    label: str
    starts_on: datetime.date
    ends_on: datetime.date
    due_on: datetime.date


def _add_months(day: datetime.date, months: int) -> datetime.date:
    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    return datetime.date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def _financial_year(day: datetime.date) -> str:
    start = day.year if day.month >= 4 else day.year - 1
    return f"{start}\N{EN DASH}{str(start + 1)[-2:]}"


def _label(number: int, frequency: str, starts_on: datetime.date) -> str:
    if frequency == Frequency.QUARTERLY:
        return f"Quarter {number} ({starts_on:%B %Y} start)"
    if frequency == Frequency.HALF_YEARLY:
        return f"Half-year {number} ({starts_on:%B %Y} start)"
    return f"Year {number} ({_financial_year(starts_on)})"


def reporting_periods(
    *, starts_on: datetime.date, ends_on: datetime.date, frequency: str
) -> list[PlannedPeriod]:
    """Consecutive periods of the frequency's length from the start; the last ends with the
    agreement. Each return is due RETURN_DUE_DAYS after its period ends."""
    months = FREQUENCY_MONTHS[frequency]
    periods = []
    start = starts_on
    number = 1
    while start <= ends_on:
        end = min(_add_months(start, months) - datetime.timedelta(days=1), ends_on)
        periods.append(
            PlannedPeriod(
                number=number,
                label=_label(number, frequency, start),
                starts_on=start,
                ends_on=end,
                due_on=end + datetime.timedelta(days=RETURN_DUE_DAYS),
            )
        )
        start = end + datetime.timedelta(days=1)
        number += 1
    return periods


@dataclass(frozen=True)
class Reminder:
    kind: ReminderKind
    on: datetime.date


def reminder_schedule(due_on: datetime.date) -> list[Reminder]:
    """When a return not yet submitted is reminded: a week before it is due, the day after,
    and two weeks after."""
    return [
        Reminder(ReminderKind.DUE_SOON, due_on - datetime.timedelta(days=REMIND_DUE_SOON_DAYS)),
        Reminder(ReminderKind.OVERDUE, due_on + datetime.timedelta(days=REMIND_OVERDUE_DAYS)),
        Reminder(ReminderKind.FINAL, due_on + datetime.timedelta(days=REMIND_FINAL_DAYS)),
    ]


def reminder_due(
    *, due_on: datetime.date, today: datetime.date, already_sent: set[str]
) -> ReminderKind | None:
    """The one reminder to send today, if any: the latest whose day has come and that has not
    been sent. A missed day is caught up, but an out-of-date "due soon" is never sent once the
    return is overdue."""
    latest = None
    for reminder in reminder_schedule(due_on):
        if reminder.on <= today:
            latest = reminder.kind
    if latest is None or latest in already_sent:
        return None
    return latest
