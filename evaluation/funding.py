"""The funding line: which bids to fund, given the ranking and the budgets.

Greedy by rank: the highest-ranked bid is funded first, and so on down, as long as the bid
fits in what is left of the overall budget and of its lot's budget. A bid that does not fit is
skipped (it is marginal) and the next one down is tried, so a smaller, lower-ranked bid that
does fit is funded. With the one-per-lot guarantee, the best bid of each lot that fits is
funded first, then the rest by rank.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from decimal import Decimal


@dataclass(frozen=True)
class Candidate:
    bid_id: int
    total: Decimal
    amount: Decimal
    lot_id: int | None = None


@dataclass
class Line:
    funded: list[Candidate] = field(default_factory=list)
    guaranteed: list[int] = field(default_factory=list)  # bid ids funded by the lot guarantee
    skipped: list[Candidate] = field(default_factory=list)  # did not fit when reached
    below: list[Candidate] = field(default_factory=list)  # everything not funded, by rank
    budget: Decimal = Decimal(0)
    lot_left: dict[int, Decimal] = field(default_factory=dict)

    @property
    def spent(self) -> Decimal:
        return sum((c.amount for c in self.funded), Decimal(0))

    @property
    def left(self) -> Decimal:
        return self.budget - self.spent

    @property
    def funded_ids(self) -> set[int]:
        return {c.bid_id for c in self.funded}

    @property
    def marginal(self) -> list[Candidate]:
        """The bids nearest the line, the reserve list: the best unfunded bid of each lot
        (or of the whole call, without lots), and any bid passed over because it did not fit
        while a lower-ranked one was funded."""
        lowest_funded = self.funded[-1] if self.funded else None
        order = rank([*self.funded, *self.below])
        position = {c.bid_id: i for i, c in enumerate(order)}
        chosen: list[Candidate] = []
        seen_lots: set[int | None] = set()
        for candidate in self.below:
            passed_over = lowest_funded is not None and (
                position[candidate.bid_id] < position[lowest_funded.bid_id]
            )
            if candidate.lot_id not in seen_lots or passed_over:
                chosen.append(candidate)
            seen_lots.add(candidate.lot_id)
        return chosen


def rank(candidates: Sequence[Candidate]) -> list[Candidate]:
    """Highest total first; ties go to the smaller request (more money left for others),
    then to the earlier bid."""
    return sorted(candidates, key=lambda c: (-c.total, c.amount, c.bid_id))


def funding_line(
    *,
    candidates: Sequence[Candidate],
    budget: Decimal,
    lot_budgets: Mapping[int, Decimal | None] | None = None,
    guarantee_one_per_lot: bool = False,
) -> Line:
    lot_budgets = dict(lot_budgets or {})
    ranked = rank(candidates)
    line = Line(budget=budget)
    left = budget
    lot_left = {lot: amount for lot, amount in lot_budgets.items() if amount is not None}
    funded: set[int] = set()

    def fits(candidate: Candidate) -> bool:
        if candidate.amount > left:
            return False
        return candidate.lot_id not in lot_left or candidate.amount <= lot_left[candidate.lot_id]

    def take(candidate: Candidate) -> None:
        nonlocal left
        left -= candidate.amount
        if candidate.lot_id in lot_left:
            lot_left[candidate.lot_id] -= candidate.amount
        funded.add(candidate.bid_id)

    if guarantee_one_per_lot:
        seen_lots = []
        for candidate in ranked:
            if candidate.lot_id is not None and candidate.lot_id not in seen_lots:
                seen_lots.append(candidate.lot_id)
        for lot_id in seen_lots:
            for candidate in ranked:
                if candidate.lot_id == lot_id and fits(candidate):
                    take(candidate)
                    line.guaranteed.append(candidate.bid_id)
                    break
    for candidate in ranked:
        if candidate.bid_id in funded:
            continue
        if fits(candidate):
            take(candidate)
        else:
            line.skipped.append(candidate)
    line.funded = [c for c in ranked if c.bid_id in funded]
    line.below = [c for c in ranked if c.bid_id not in funded]
    line.lot_left = lot_left
    return line
