"""Checks an opportunity must pass to be published: the route's rules, money and weights.

Each returns a list of problems written for the commissioner; an empty list means fine.
"""

from __future__ import annotations

import datetime
from collections import defaultdict
from decimal import Decimal

from django.utils import timezone

from tenders.constants import SOCIAL_VALUE_MINIMUM_PERCENT, CriterionKind
from tenders.models import Opportunity
from tenders.routes import rule_for


def _days(later: datetime.datetime, earlier: datetime.datetime) -> float:
    return (later - earlier).total_seconds() / 86400


def timeline_problems(
    opportunity: Opportunity, *, now: datetime.datetime | None = None
) -> list[str]:
    now = now or timezone.now()
    rule = rule_for(opportunity.route)
    problems = []
    if rule.needs_justification and not opportunity.direct_award_justification.strip():
        problems.append("Give the justification for using this direct award route.")
    if rule.competitive:
        if opportunity.closes_at is None:
            problems.append("Set the closing date and time.")
        elif opportunity.closes_at <= now:
            problems.append("The closing date must be in the future.")
        elif _days(opportunity.closes_at, now) < rule.min_bid_window_days:
            problems.append(
                f"The closing date must be at least {rule.min_bid_window_days} days after "
                f"publication for this route (it is {round(_days(opportunity.closes_at, now))} "
                "days)."
            )
    if (
        opportunity.clarification_deadline
        and opportunity.closes_at
        and opportunity.clarification_deadline >= opportunity.closes_at
    ):
        problems.append("The clarification deadline must be before the closing date.")
    if (
        opportunity.contract_start
        and opportunity.contract_end
        and opportunity.contract_end < opportunity.contract_start
    ):
        problems.append("The contract or grant must end after it starts.")
    if (
        opportunity.closes_at
        and opportunity.award_date
        and opportunity.award_date < timezone.localtime(opportunity.closes_at).date()
    ):
        problems.append("The award date must be after the closing date.")
    return problems


def money_problems(opportunity: Opportunity) -> list[str]:
    problems = []
    if opportunity.total_budget is None or opportunity.total_budget <= 0:
        problems.append("Set the total budget.")
        return problems
    if opportunity.max_bid is not None and opportunity.max_bid > opportunity.total_budget:
        problems.append("The maximum per bid cannot be more than the total budget.")
    if (
        opportunity.min_bid is not None
        and opportunity.max_bid is not None
        and opportunity.min_bid > opportunity.max_bid
    ):
        problems.append("The minimum per bid cannot be more than the maximum.")
    lot_budgets = [lot.budget for lot in opportunity.lots.all() if lot.budget is not None]
    if lot_budgets and sum(lot_budgets) > opportunity.total_budget:
        problems.append("The lots' budgets add up to more than the total budget.")
    return problems


def weight_totals(opportunity: Opportunity) -> dict[str, Decimal]:
    """Total weight per scope: the whole opportunity, and each lot with its own criteria."""
    totals: dict[str, Decimal] = defaultdict(Decimal)
    for criterion in opportunity.criteria.all():
        scope = f"Lot {criterion.lot.number}" if criterion.lot_id else "The opportunity"
        totals[scope] += criterion.weight
    return dict(totals)


def weight_problems(opportunity: Opportunity) -> list[str]:
    totals = weight_totals(opportunity)
    if not totals:
        return ["Add the criteria bids will be assessed on, with weights that total 100%."]
    return [
        f"{scope}'s criteria weights total {total.normalize():f}%; they must total exactly 100%."
        for scope, total in sorted(totals.items())
        if total != 100
    ]


def social_value_warning(opportunity: Opportunity) -> str | None:
    """Below PPN 002's 10% is allowed for councils and the NHS, but warned (with the reason)."""
    if rule_for(opportunity.route).is_grant:
        return None
    weight = sum(
        c.weight for c in opportunity.criteria.all() if c.kind == CriterionKind.SOCIAL_VALUE
    )
    if weight < SOCIAL_VALUE_MINIMUM_PERCENT:
        return (
            f"Social value is weighted at {Decimal(weight).normalize():f}%. PPN 002 (2025) sets a "
            f"minimum of {SOCIAL_VALUE_MINIMUM_PERCENT}% for central government; councils and "
            "the NHS may follow it, and a higher weighting helps small local providers."
        )
    return None


def publication_problems(opportunity: Opportunity) -> list[str]:
    problems = [*money_problems(opportunity), *timeline_problems(opportunity)]
    if rule_for(opportunity.route).competitive:
        problems += weight_problems(opportunity)
    if not opportunity.outcomes_sought.exists():
        problems.append("Add at least one outcome sought.")
    return problems
