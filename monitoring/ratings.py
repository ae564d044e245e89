"""Rating an actual against its minimum, expected and stretch targets.

The rating is one of below minimum / minimum / expected / stretch, and it maps to a RAG colour
and to the KPI performance ratings of the Procurement Act 2023 (good, approaching target,
requires improvement, inadequate):

- at or beyond expected (including stretch): green, good;
- at or beyond minimum but short of expected: amber, approaching target;
- short of minimum by less than the width of the minimum-to-expected band: red, requires
  improvement;
- short of minimum by that width or more: red, inadequate. When minimum and expected are equal
  the band is a tenth of the minimum (and at least 1).

"Beyond" follows the KPI's direction: for a lower-is-better KPI (cost per participant) the
targets run downwards (minimum ≥ expected ≥ stretch).
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from monitoring.constants import Rag, Rating, StatutoryRating

RAG_BY_RATING = {
    Rating.STRETCH: Rag.GREEN,
    Rating.EXPECTED: Rag.GREEN,
    Rating.MINIMUM: Rag.AMBER,
    Rating.BELOW_MINIMUM: Rag.RED,
}


@dataclass(frozen=True)
class Assessment:
    rating: Rating
    rag: Rag
    statutory: StatutoryRating

    def as_dict(self) -> dict[str, str]:
        return {
            "rating": self.rating.value,
            "rag": self.rag.value,
            "statutory": self.statutory.value,
        }


def targets_problem(
    *,
    minimum: Decimal | None,
    expected: Decimal | None,
    stretch: Decimal | None,
    lower_is_better: bool,
) -> str | None:
    """Why these targets are inconsistent, or None when they are fine."""
    values = [v for v in (minimum, expected, stretch) if v is not None]
    if len(values) != 3:
        return "Give a minimum, an expected and a stretch target."
    if lower_is_better:
        if not minimum >= expected >= stretch:
            return (
                "Lower is better for this KPI, so the minimum must be at least the expected "
                "target, and the expected at least the stretch."
            )
    elif not minimum <= expected <= stretch:
        return "The minimum must be no more than the expected target, and the expected no more than the stretch."
    return None


def assess(
    *,
    actual: Decimal,
    minimum: Decimal,
    expected: Decimal,
    stretch: Decimal,
    lower_is_better: bool = False,
) -> Assessment:
    sign = Decimal(-1) if lower_is_better else Decimal(1)
    value, low, mid, high = (sign * v for v in (actual, minimum, expected, stretch))
    if value >= high:
        rating = Rating.STRETCH
    elif value >= mid:
        rating = Rating.EXPECTED
    elif value >= low:
        rating = Rating.MINIMUM
    else:
        rating = Rating.BELOW_MINIMUM
    if rating in (Rating.STRETCH, Rating.EXPECTED):
        statutory = StatutoryRating.GOOD
    elif rating == Rating.MINIMUM:
        statutory = StatutoryRating.APPROACHING
    else:
        band = mid - low
        if band <= 0:
            band = max(abs(minimum) / 10, Decimal(1))
        statutory = (
            StatutoryRating.REQUIRES_IMPROVEMENT
            if low - value < band
            else StatutoryRating.INADEQUATE
        )
    return Assessment(rating=rating, rag=RAG_BY_RATING[rating], statutory=statutory)
