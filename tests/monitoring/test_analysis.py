"""Statistics against hand-computed values, target ratings at their boundaries, and the
reminder schedule with the clock frozen."""

from __future__ import annotations

import datetime
from decimal import Decimal

import pytest

from monitoring.constants import Rag, Rating, ReminderKind, StatutoryRating
from monitoring.ratings import assess
from monitoring.schedule import reminder_due, reminder_schedule, reporting_periods
from monitoring.statistics import paired_analysis, summarise


def test_summarise_matches_hand_computed_mean_and_sd():
    # 2, 4, 4, 4, 5, 5, 7, 9: mean 5; squared deviations sum 32; sample variance 32/7.
    result = summarise([2, 4, 4, 4, 5, 5, 7, 9])
    assert (result.n, result.mean, round(result.sd, 6)) == (8, 5.0, round((32 / 7) ** 0.5, 6))


def test_paired_analysis_matches_hand_computed_values():
    # Changes 1, 2, 3, 4, 5: mean 3, SD sqrt(2.5) = 1.581139, SE 0.707107, t(4) 0.975 = 2.776445,
    # so the CI is 3 ± 1.963243 and t = 3 / 0.707107 = 4.242641 (two-sided p = 0.013236).
    pairs = [(10, 11), (10, 12), (10, 13), (10, 14), (10, 15)]
    result = paired_analysis(
        baseline=[b for b, _ in pairs], follow_up=[a for _, a in pairs], pairs=pairs, threshold=3
    )
    assert result.pairs == 5
    assert result.mean_change == 3.0
    assert round(result.sd_change, 6) == 1.581139
    assert (round(result.ci_low, 4), round(result.ci_high, 4)) == (1.0368, 4.9632)
    assert round(result.t_statistic, 6) == 4.242641
    assert round(result.p_value, 6) == 0.013236
    assert (result.improved, result.improved_share) == (3, 0.6)
    assert result.too_few_pairs is True


def test_paired_analysis_lower_is_better_counts_falls():
    pairs = [(8, 5), (6, 6), (7, 3)]
    result = paired_analysis(
        baseline=[8, 6, 7], follow_up=[5, 6, 3], pairs=pairs, threshold=1, lower_is_better=True
    )
    assert result.improved == 2


def test_paired_analysis_one_pair_has_no_interval():
    result = paired_analysis(baseline=[20], follow_up=[23], pairs=[(20, 23)], threshold=1)
    assert (result.mean_change, result.ci_low, result.p_value) == (3.0, None, None)


@pytest.mark.parametrize(
    ("actual", "rating", "rag", "statutory"),
    [
        ("50", Rating.STRETCH, Rag.GREEN, StatutoryRating.GOOD),
        ("49.99", Rating.EXPECTED, Rag.GREEN, StatutoryRating.GOOD),
        ("40", Rating.EXPECTED, Rag.GREEN, StatutoryRating.GOOD),
        ("39.99", Rating.MINIMUM, Rag.AMBER, StatutoryRating.APPROACHING),
        ("30", Rating.MINIMUM, Rag.AMBER, StatutoryRating.APPROACHING),
        ("29.99", Rating.BELOW_MINIMUM, Rag.RED, StatutoryRating.REQUIRES_IMPROVEMENT),
        ("20.01", Rating.BELOW_MINIMUM, Rag.RED, StatutoryRating.REQUIRES_IMPROVEMENT),
        ("20", Rating.BELOW_MINIMUM, Rag.RED, StatutoryRating.INADEQUATE),
    ],
)
def test_assess_boundaries_higher_is_better(actual, rating, rag, statutory):
    result = assess(
        actual=Decimal(actual), minimum=Decimal(30), expected=Decimal(40), stretch=Decimal(50)
    )
    assert (result.rating, result.rag, result.statutory) == (rating, rag, statutory)


@pytest.mark.parametrize(
    ("actual", "rating"),
    [
        ("100", Rating.STRETCH),
        ("120", Rating.EXPECTED),
        ("150", Rating.MINIMUM),
        ("150.01", Rating.BELOW_MINIMUM),
    ],
)
def test_assess_boundaries_lower_is_better(actual, rating):
    result = assess(
        actual=Decimal(actual),
        minimum=Decimal(150),
        expected=Decimal(120),
        stretch=Decimal(100),
        lower_is_better=True,
    )
    assert result.rating == rating


def test_reporting_periods_quarterly_cover_the_year():
    periods = reporting_periods(
        starts_on=datetime.date(2026, 4, 1),
        ends_on=datetime.date(2027, 3, 31),
        frequency="quarterly",
    )
    assert [(p.starts_on, p.ends_on, p.due_on) for p in periods] == [
        (datetime.date(2026, 4, 1), datetime.date(2026, 6, 30), datetime.date(2026, 7, 21)),
        (datetime.date(2026, 7, 1), datetime.date(2026, 9, 30), datetime.date(2026, 10, 21)),
        (datetime.date(2026, 10, 1), datetime.date(2026, 12, 31), datetime.date(2027, 1, 21)),
        (datetime.date(2027, 1, 1), datetime.date(2027, 3, 31), datetime.date(2027, 4, 21)),
    ]


def test_reminder_schedule_dates():
    assert [(r.kind, r.on) for r in reminder_schedule(datetime.date(2026, 7, 21))] == [
        (ReminderKind.DUE_SOON, datetime.date(2026, 7, 14)),
        (ReminderKind.OVERDUE, datetime.date(2026, 7, 22)),
        (ReminderKind.FINAL, datetime.date(2026, 8, 4)),
    ]


@pytest.mark.parametrize(
    ("today", "sent", "expected"),
    [
        (datetime.date(2026, 7, 13), set(), None),
        (datetime.date(2026, 7, 14), set(), ReminderKind.DUE_SOON),
        (datetime.date(2026, 7, 15), {"due_soon"}, None),
        (datetime.date(2026, 7, 22), {"due_soon"}, ReminderKind.OVERDUE),
        (datetime.date(2026, 7, 25), set(), ReminderKind.OVERDUE),
        (datetime.date(2026, 8, 4), {"due_soon", "overdue"}, ReminderKind.FINAL),
        (datetime.date(2026, 9, 1), {"due_soon", "overdue", "final"}, None),
    ],
)
def test_reminder_due(today, sent, expected):
    assert (
        reminder_due(due_on=datetime.date(2026, 7, 21), today=today, already_sent=sent) == expected
    )
