"""Weighted totals in exact decimals, the spread of scores, the funding line and the
standstill: the pure functions every page and report relies on."""

from __future__ import annotations

import datetime
from decimal import Decimal

import pytest

from evaluation import funding, scoring
from evaluation.standstill import is_working_day, standstill_end

D = Decimal
WEIGHTS = {1: D(40), 2: D(30), 3: D(20), 4: D(10)}


def test_weighted_total_is_exact_decimal_percent_of_scale():
    marks = {
        1: scoring.Mark(D(5)),
        2: scoring.Mark(D(4)),
        3: scoring.Mark(D(3)),
        4: scoring.Mark(D(1)),
    }

    total = scoring.weighted_total(weights=WEIGHTS, marks=marks, scale_max=D(5))

    # (40*5 + 30*4 + 20*3 + 10*1) / (100*5) = 390/500
    assert total.value == D("78.00")
    assert total.missing == []


def test_weighted_total_not_applicable_is_excluded_and_weights_renormalised():
    marks = {
        1: scoring.Mark(D(5)),
        2: scoring.Mark(None, not_applicable=True),
        3: scoring.Mark(D(3)),
        4: scoring.Mark(D(1)),
    }

    total = scoring.weighted_total(weights=WEIGHTS, marks=marks, scale_max=D(5))

    # Counting n/a as zero would give 54.00; excluding it: (200+60+10)/(70*5) = 77.14
    assert total.value == D("77.14")
    assert total.not_applicable == [2]
    assert total.weight_counted == D(70)


def test_weighted_total_missing_score_gives_no_total():
    marks = {1: scoring.Mark(D(5)), 3: scoring.Mark(D(3)), 4: scoring.Mark(None)}

    total = scoring.weighted_total(weights=WEIGHTS, marks=marks, scale_max=D(5))

    assert total.value is None
    assert total.missing == [2, 4]
    assert not total.is_complete


def test_weighted_total_all_not_applicable_gives_no_total():
    marks = {cid: scoring.Mark(None, not_applicable=True) for cid in WEIGHTS}

    assert scoring.weighted_total(weights=WEIGHTS, marks=marks, scale_max=D(5)).value is None


def test_spread_and_flag_at_threshold():
    result = scoring.spread([D(1), D(3), D(4)])

    assert (result.mean, result.median, result.low, result.high, result.range) == (
        D("2.67"),
        D("3.00"),
        D(1),
        D(4),
        D(3),
    )
    assert scoring.is_flagged(result, threshold=D(2))
    assert not scoring.is_flagged(scoring.spread([D(3), D(4)]), threshold=D(2))
    assert scoring.is_flagged(scoring.spread([D(2), D(4)]), threshold=D(2))
    assert not scoring.is_flagged(scoring.spread([D(5)]), threshold=D(2))


def c(bid_id, total, amount, lot=None):
    return funding.Candidate(bid_id=bid_id, total=D(total), amount=D(amount), lot_id=lot)


def test_funding_line_funds_by_rank_within_budget():
    line = funding.funding_line(
        candidates=[c(1, 80, 10000), c(2, 90, 15000), c(3, 70, 12000)], budget=D(30000)
    )

    assert [x.bid_id for x in line.funded] == [2, 1]
    assert line.left == D(5000)
    assert [x.bid_id for x in line.marginal] == [3]


def test_funding_line_skips_a_bid_that_does_not_fit_and_funds_a_lower_one_that_does():
    line = funding.funding_line(
        candidates=[c(1, 90, 15000), c(2, 85, 14000), c(3, 80, 6000), c(4, 75, 4000)],
        budget=D(25000),
    )

    # 15,000 funded; 14,000 does not fit in 10,000; 6,000 does, then 4,000 fills the rest.
    assert [x.bid_id for x in line.funded] == [1, 3, 4]
    assert [x.bid_id for x in line.skipped] == [2]
    assert line.left == D(0)


def test_funding_line_respects_lot_budgets():
    line = funding.funding_line(
        candidates=[c(1, 90, 9000, lot=1), c(2, 85, 9000, lot=1), c(3, 60, 9000, lot=2)],
        budget=D(100000),
        lot_budgets={1: D(10000), 2: D(10000)},
    )

    assert [x.bid_id for x in line.funded] == [1, 3]
    assert [x.bid_id for x in line.skipped] == [2]
    assert line.lot_left == {1: D(1000), 2: D(1000)}


def test_funding_line_one_per_lot_guarantee_funds_each_lot_first():
    candidates = [c(1, 95, 10000, lot=1), c(2, 90, 10000, lot=1), c(3, 50, 10000, lot=2)]

    without = funding.funding_line(candidates=candidates, budget=D(20000))
    with_guarantee = funding.funding_line(
        candidates=candidates, budget=D(20000), guarantee_one_per_lot=True
    )

    assert [x.bid_id for x in without.funded] == [1, 2]
    assert [x.bid_id for x in with_guarantee.funded] == [1, 3]
    assert with_guarantee.guaranteed == [1, 3]


def test_funding_line_ties_prefer_the_smaller_request():
    line = funding.funding_line(candidates=[c(1, 80, 12000), c(2, 80, 8000)], budget=D(10000))

    assert [x.bid_id for x in line.funded] == [2]


def test_standstill_end_counts_eight_working_days():
    # Monday 9 March 2026: no bank holidays in the next fortnight.
    assert standstill_end(datetime.date(2026, 3, 9)) == datetime.date(2026, 3, 19)


def test_standstill_end_across_a_bank_holiday_weekend():
    # Thursday 21 May 2026; Monday 25 May is the spring bank holiday. Working days: Fri 22,
    # Tue 26, Wed 27, Thu 28, Fri 29, Mon 1, Tue 2, Wed 3 June.
    assert not is_working_day(datetime.date(2026, 5, 25))
    assert standstill_end(datetime.date(2026, 5, 21)) == datetime.date(2026, 6, 3)


def test_standstill_end_over_easter():
    # Thursday 2 April 2026; Good Friday 3 April and Easter Monday 6 April: 7-10, 13-16 April.
    assert standstill_end(datetime.date(2026, 4, 2)) == datetime.date(2026, 4, 16)


def test_standstill_end_across_christmas_and_new_year():
    # Wednesday 23 Dec 2026: 24, 29, 30, 31 Dec (25th, 28th observed), 4, 5, 6, 7 Jan 2027.
    assert standstill_end(datetime.date(2026, 12, 23)) == datetime.date(2027, 1, 7)


def test_standstill_end_zero_days_and_negative():
    assert standstill_end(datetime.date(2026, 3, 9), working_days=0) == datetime.date(2026, 3, 9)
    with pytest.raises(ValueError, match="negative"):
        standstill_end(datetime.date(2026, 3, 9), working_days=-1)
