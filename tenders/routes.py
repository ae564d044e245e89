"""The rules of each procurement or funding route, as data, in one place.

Sources: Procurement Act 2023 (tender period normally at least 25 days for the open and
competitive flexible procedures, assessment summaries and an 8-working-day standstill; light
touch services have no mandatory standstill); the Provider Selection Regime 2024 (8-working-day
standstill, five key criteria); grants are not procurement. The good-practice bid window comes
from the NEF report: Gloucestershire found almost three months necessary for new providers.
"""

from __future__ import annotations

from dataclasses import dataclass

from tenders.constants import Route


@dataclass(frozen=True)
class RouteRule:
    regime: str  # "grant", "pa23", "psr" or "other"
    min_bid_window_days: int
    good_practice_window_days: int
    standstill_working_days: int
    needs_justification: bool
    ocds_method: str | None  # OCDS method codelist; None for grants (published as 360Giving)
    offers_psr_criteria: bool
    competitive: bool
    notices: tuple[str, ...]

    @property
    def is_grant(self) -> bool:
        return self.regime == "grant"


_PA23_NOTICES = ("tender notice", "contract award notice", "contract details notice")
_PSR_NOTICES = ("notice of intention to award", "confirmation of award")


def _grant() -> RouteRule:
    return RouteRule(
        regime="grant",
        min_bid_window_days=14,
        good_practice_window_days=84,
        standstill_working_days=0,
        needs_justification=False,
        ocds_method=None,
        offers_psr_criteria=False,
        competitive=True,
        notices=(),
    )


ROUTES: dict[str, RouteRule] = {
    Route.GRANT: _grant(),
    Route.INNOVATION_GRANT: _grant(),
    Route.OPEN: RouteRule(
        regime="pa23",
        min_bid_window_days=25,
        good_practice_window_days=42,
        standstill_working_days=8,
        needs_justification=False,
        ocds_method="open",
        offers_psr_criteria=False,
        competitive=True,
        notices=_PA23_NOTICES,
    ),
    Route.COMPETITIVE_FLEXIBLE: RouteRule(
        regime="pa23",
        min_bid_window_days=25,
        good_practice_window_days=56,
        standstill_working_days=8,
        needs_justification=False,
        ocds_method="selective",
        offers_psr_criteria=False,
        competitive=True,
        notices=_PA23_NOTICES,
    ),
    Route.DIRECT_AWARD: RouteRule(
        regime="pa23",
        min_bid_window_days=0,
        good_practice_window_days=0,
        standstill_working_days=8,
        needs_justification=True,
        ocds_method="direct",
        offers_psr_criteria=False,
        competitive=False,
        notices=("transparency notice", "contract details notice"),
    ),
    Route.BELOW_THRESHOLD: RouteRule(
        regime="other",
        min_bid_window_days=10,
        good_practice_window_days=21,
        standstill_working_days=0,
        needs_justification=False,
        ocds_method="limited",
        offers_psr_criteria=False,
        competitive=True,
        notices=(),
    ),
    Route.LIGHT_TOUCH: RouteRule(
        regime="pa23",
        min_bid_window_days=25,
        good_practice_window_days=42,
        standstill_working_days=0,
        needs_justification=False,
        ocds_method="open",
        offers_psr_criteria=False,
        competitive=True,
        notices=_PA23_NOTICES,
    ),
    **{
        route: RouteRule(
            regime="psr",
            min_bid_window_days=0,
            good_practice_window_days=0,
            standstill_working_days=8 if route != Route.PSR_DIRECT_A else 0,
            needs_justification=True,
            ocds_method="direct" if route != Route.PSR_MOST_SUITABLE else "limited",
            offers_psr_criteria=True,
            competitive=False,
            notices=_PSR_NOTICES,
        )
        for route in (
            Route.PSR_DIRECT_A,
            Route.PSR_DIRECT_B,
            Route.PSR_DIRECT_C,
            Route.PSR_MOST_SUITABLE,
        )
    },
    Route.PSR_COMPETITIVE: RouteRule(
        regime="psr",
        min_bid_window_days=25,
        good_practice_window_days=42,
        standstill_working_days=8,
        needs_justification=False,
        ocds_method="open",
        offers_psr_criteria=True,
        competitive=True,
        notices=_PSR_NOTICES,
    ),
    Route.SPOT_PURCHASE: RouteRule(
        regime="other",
        min_bid_window_days=0,
        good_practice_window_days=0,
        standstill_working_days=0,
        needs_justification=False,
        ocds_method="direct",
        offers_psr_criteria=False,
        competitive=False,
        notices=(),
    ),
    Route.FRAMEWORK_CALL_OFF: RouteRule(
        regime="other",
        min_bid_window_days=10,
        good_practice_window_days=14,
        standstill_working_days=0,
        needs_justification=False,
        ocds_method="limited",
        offers_psr_criteria=False,
        competitive=True,
        notices=(),
    ),
}


def rule_for(route: str) -> RouteRule:
    return ROUTES[Route(route)]
