"""Instrument scoring at every raw score, against Warwick Medical School's published table."""

from __future__ import annotations

from decimal import Decimal

import pytest

from monitoring.instruments import InstrumentError, score

# Warwick Medical School's SWEMWBS conversion table, typed in again here from the published
# table so a slip in either copy fails the test.
PUBLISHED_SWEMWBS = [
    "7.00", "9.51", "11.25", "12.40", "13.33", "14.08", "14.75", "15.32", "15.84", "16.36",
    "16.88", "17.43", "17.98", "18.59", "19.25", "19.98", "20.73", "21.54", "22.35", "23.21",
    "24.11", "25.03", "26.02", "27.03", "28.13", "29.31", "30.70", "32.55", "35.00",
]  # fmt: skip


def _answers(total: int, count: int, low: int, high: int) -> list[int]:
    """Answers within the scale that add up to `total`."""
    answers = [low] * count
    remaining = total - low * count
    for index in range(count):
        step = min(high - low, remaining)
        answers[index] += step
        remaining -= step
    assert remaining == 0
    return answers


@pytest.mark.parametrize(("raw", "metric"), list(zip(range(7, 36), PUBLISHED_SWEMWBS, strict=True)))
def test_swemwbs_score_matches_published_table_at_every_raw_score(raw, metric):
    result = score("swemwbs", _answers(raw, 7, 1, 5))
    assert (result.raw_score, result.metric_score) == (raw, Decimal(metric))


@pytest.mark.parametrize("raw", range(14, 71))
def test_wemwbs_score_is_the_sum_at_every_raw_score(raw):
    result = score("wemwbs", _answers(raw, 14, 1, 5))
    assert (result.raw_score, result.metric_score) == (raw, None)


@pytest.mark.parametrize("answers", [[0, 0, 0, 0], [10, 10, 10, 10], [7, 8, 6, 3]])
def test_ons4_items_are_never_summed(answers):
    result = score("ons4", answers)
    assert (result.raw_score, result.metric_score, result.items) == (None, None, tuple(answers))


def test_score_wrong_item_count_is_refused_with_the_count():
    with pytest.raises(InstrumentError) as error:
        score("swemwbs", [3, 3, 3])
    assert error.value.message == "SWEMWBS has 7 items: 3 answers were given."


def test_score_out_of_range_answer_is_refused_naming_it():
    with pytest.raises(InstrumentError) as error:
        score("wemwbs", [3] * 13 + [6])
    assert (
        error.value.message
        == "Each WEMWBS answer must be from 1 to 5: answer 14 is outside that range."
    )


def test_score_non_number_is_refused():
    with pytest.raises(InstrumentError) as error:
        score("ons4", [5, "lots", 5, 5])
    assert error.value.message == "Answer 2 must be a whole number from 0 to 10."


def test_score_unknown_instrument_is_refused():
    with pytest.raises(InstrumentError):
        score("phq9", [1])
