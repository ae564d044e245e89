"""Weighted totals and the spread of members' scores, in exact decimal arithmetic.

A total is the weighted mean of the criteria that were answered, as a percentage of the top of
the scale: "not applicable" criteria are left out of the weighting (the weights of the rest are
re-normalised), never counted as zero. A criterion with no score at all is missing: the total is
not given until every criterion has a score or is marked not applicable.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from statistics import median

HUNDRED = Decimal(100)
TWO_PLACES = Decimal("0.01")


@dataclass(frozen=True)
class Mark:
    """A score for one criterion: a value, or not applicable."""

    value: Decimal | None
    not_applicable: bool = False


@dataclass(frozen=True)
class WeightedTotal:
    value: Decimal | None  # percent of the top of the scale, two places; None if incomplete
    missing: list[int] = field(default_factory=list)  # criterion ids with no score
    not_applicable: list[int] = field(default_factory=list)
    weight_counted: Decimal = Decimal(0)

    @property
    def is_complete(self) -> bool:
        return self.value is not None


def weighted_total(
    *, weights: Mapping[int, Decimal], marks: Mapping[int, Mark], scale_max: Decimal
) -> WeightedTotal:
    """`weights` maps each criterion that applies to the bid to its weight; `marks` maps
    criterion ids to the scores given (criteria without one are missing)."""
    missing = [cid for cid in weights if cid not in marks or _is_blank(marks[cid])]
    not_applicable = [cid for cid in weights if cid in marks and marks[cid].not_applicable]
    counted = {
        cid: w for cid, w in weights.items() if cid not in missing and cid not in not_applicable
    }
    weight_counted = sum(counted.values(), Decimal(0))
    if missing or weight_counted == 0 or scale_max <= 0:
        return WeightedTotal(
            value=None,
            missing=missing,
            not_applicable=not_applicable,
            weight_counted=weight_counted,
        )
    points = sum((w * marks[cid].value for cid, w in counted.items()), Decimal(0))
    value = (points / (weight_counted * scale_max) * HUNDRED).quantize(
        TWO_PLACES, rounding=ROUND_HALF_UP
    )
    return WeightedTotal(
        value=value, missing=[], not_applicable=not_applicable, weight_counted=weight_counted
    )


def _is_blank(mark: Mark) -> bool:
    return mark.value is None and not mark.not_applicable


@dataclass(frozen=True)
class Spread:
    count: int
    mean: Decimal | None
    median: Decimal | None
    low: Decimal | None
    high: Decimal | None

    @property
    def range(self) -> Decimal | None:
        return None if self.low is None or self.high is None else self.high - self.low


def spread(values: Iterable[Decimal]) -> Spread:
    numbers = sorted(v for v in values if v is not None)
    if not numbers:
        return Spread(count=0, mean=None, median=None, low=None, high=None)
    mean = (sum(numbers, Decimal(0)) / len(numbers)).quantize(TWO_PLACES, rounding=ROUND_HALF_UP)
    return Spread(
        count=len(numbers),
        mean=mean,
        median=Decimal(median(numbers)).quantize(TWO_PLACES, rounding=ROUND_HALF_UP),
        low=numbers[0],
        high=numbers[-1],
    )


def is_flagged(result: Spread, *, threshold: Decimal) -> bool:
    """Members disagree widely: their scores differ by at least the threshold."""
    return result.range is not None and result.count > 1 and result.range >= threshold
