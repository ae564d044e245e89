"""The inclusion check: a draft opportunity read against the four barriers small arts and
cultural providers face (NEF, *The Art of Commissioning*, 2016):

1. procurement approaches that don't fit small providers;
2. specifications that describe activities, not outcomes;
3. arts organisations not invited or not on the portal;
4. a burden of proof new providers face and existing ones don't.

Each rule is a small function returning a Finding or None; `run_check` runs them all.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import asdict, dataclass
from decimal import Decimal

from django.utils import timezone
from django.utils.html import strip_tags

from tenders.models import Opportunity
from tenders.routes import rule_for
from tenders.validation import social_value_warning

ARTS_WORDS = re.compile(
    r"\b(arts?|artists?|artistic|cultur\w*|creative|creativity|heritage|museums?|galler(y|ies)|"
    r"librar(y|ies)|theatres?|music\w*|danc\w*|choirs?|singing|poetry|craft\w*)\b",
    re.IGNORECASE,
)
ACTIVITY_OPENINGS = re.compile(
    r"^\s*(provide|deliver|run|hold|offer|organise|organize|carry out|supply|conduct|"
    r"number of|\d+\s+sessions?)\b",
    re.IGNORECASE,
)
LARGE_VALUE = Decimal("500000")
SMALL_VALUE = Decimal("25000")
FEW_MATCHES = 5
ARTS_KPI_SLUG = "access-arts-cultural-activities"


@dataclass(frozen=True)
class Finding:
    code: str
    barrier: int
    title: str
    why: str
    fix: str

    def as_dict(self) -> dict:
        return asdict(self)


def _all_text(opportunity: Opportunity) -> str:
    parts = [opportunity.title, opportunity.summary]
    parts += [strip_tags(section.body) for section in opportunity.sections.all()]
    parts += [outcome.statement for outcome in opportunity.outcomes_sought.all()]
    parts += [lot.title + " " + lot.description for lot in opportunity.lots.all()]
    return " ".join(parts)


def arts_not_mentioned(opportunity: Opportunity) -> Finding | None:
    if ARTS_WORDS.search(_all_text(opportunity)):
        return None
    return Finding(
        code="arts_not_mentioned",
        barrier=3,
        title="Arts and culture are not mentioned",
        why="Arts and cultural organisations rarely bid unless a specification says they are "
        "welcome. Kent named them in its delivery network three times.",
        fix="Insert the clause 'Delivery network that names arts and cultural organisations', "
        "or say in your own words that arts and cultural providers are welcome.",
    )


def activities_not_outcomes(opportunity: Opportunity) -> Finding | None:
    statements = [o.statement for o in opportunity.outcomes_sought.all()]
    activity_like = [s for s in statements if ACTIVITY_OPENINGS.search(s)]
    if statements and not activity_like:
        return None
    examples = "; ".join(f"'{s}'" for s in activity_like[:3])
    return Finding(
        code="activities_not_outcomes",
        barrier=2,
        title="The specification describes activities rather than outcomes",
        why="A specification that prescribes activities shuts out providers who would reach "
        "the same outcomes differently, such as arts and cultural organisations."
        + (f" These read as activities: {examples}." if examples else ""),
        fix="Write each outcome as a change for people, for example 'people connect to their "
        "communities and feel less lonely', and leave how to the bidders.",
    )


def large_without_lots(opportunity: Opportunity) -> Finding | None:
    if opportunity.total_budget is None or opportunity.total_budget < LARGE_VALUE:
        return None
    if opportunity.lots.exists() or opportunity.consortium_bids_welcome:
        return None
    return Finding(
        code="large_without_lots",
        barrier=1,
        title="A large contract with no lots and no consortium route",
        why=f"At £{opportunity.total_budget:,.0f} with no lots, only large providers can bid "
        "alone; small organisations cannot take on the whole contract.",
        fix="Divide the work into lots, welcome consortium bids, or build in an innovation "
        "grant or spot purchasing for small providers.",
    )


def short_bid_window(opportunity: Opportunity) -> Finding | None:
    rule = rule_for(opportunity.route)
    if not rule.competitive or opportunity.closes_at is None:
        return None
    start = opportunity.published_at or timezone.now()
    days = round((opportunity.closes_at - start).total_seconds() / 86400)
    if days >= rule.good_practice_window_days:
        return None
    return Finding(
        code="short_bid_window",
        barrier=1,
        title=f"The bid window is {days} days",
        why="Organisations new to bidding need time to understand the opportunity, find "
        "partners and write a bid. Gloucestershire found that almost three months was needed "
        f"the second time round; good practice for this route is "
        f"{rule.good_practice_window_days} days.",
        fix=f"Move the closing date to at least {rule.good_practice_window_days} days after "
        "publication.",
    )


def disproportionate_evidence(opportunity: Opportunity) -> Finding | None:
    value = opportunity.max_bid or opportunity.total_budget
    if value is None or value >= SMALL_VALUE:
        return None
    criteria = list(opportunity.criteria.all())
    words = sum(c.word_limit or 0 for c in criteria)
    gates = opportunity.gates.count()
    if len(criteria) <= 6 and words <= 3000 and gates <= 3:
        return None
    return Finding(
        code="disproportionate_evidence",
        barrier=4,
        title="The evidence asked for is heavy for the value",
        why=f"Bids worth up to £{value:,.0f} are asked for {len(criteria)} answers "
        f"({words:,} words) and {gates} pass/fail checks. New providers face a burden of "
        "proof that existing providers don't.",
        fix="Ask fewer questions with shorter word limits, and accept case studies and "
        "creative evidence (insert the 'Proportionate evidence statement' clause).",
    )


def no_market_engagement(opportunity: Opportunity) -> Finding | None:
    if opportunity.engagement_date or opportunity.engagement_planned:
        return None
    # A market-engagement event (engagement app) that was held and has its summary written.
    if (
        opportunity.engagement_events.filter(status="held")
        .exclude(summary_heard="", summary_changes="")
        .exists()
    ):
        return None
    return Finding(
        code="no_market_engagement",
        barrier=3,
        title="No market-engagement event is held or planned",
        why="In Kent, arts organisations missed the first engagement opportunity because they "
        "were not on the portal; an event they were personally invited to brought them in.",
        fix="Plan a market-engagement event and invite arts and cultural organisations personally.",
    )


def no_arts_kpi(opportunity: Opportunity) -> Finding | None:
    if rule_for(opportunity.route).is_grant:
        return None
    if opportunity.kpis.filter(kpi__slug=ARTS_KPI_SLUG).exists():
        return None
    return Finding(
        code="no_arts_kpi",
        barrier=2,
        title="No KPI counts access to arts or cultural activity",
        why="A KPI lets commissioners hold providers to account for offering arts and culture; "
        "Kent used 'Number of people supported to access arts or cultural groups/activities'.",
        fix="Add that KPI from the KPI library.",
    )


def low_social_value(opportunity: Opportunity) -> Finding | None:
    warning = social_value_warning(opportunity)
    if warning is None:
        return None
    return Finding(
        code="low_social_value",
        barrier=1,
        title="Social value is weighted under 10%",
        why=warning,
        fix="Weight social value at 10% or more, using the 'Social value question' clause.",
    )


def few_directory_matches(opportunity: Opportunity) -> Finding | None:
    from tenders.selectors import matching_providers  # noqa: PLC0415 - selectors import us

    count = matching_providers(opportunity=opportunity).count()
    if count >= FEW_MATCHES:
        return None
    return Finding(
        code="few_directory_matches",
        barrier=3,
        title=f"Only {count} provider{'s' if count != 1 else ''} in the directory match",
        why="Few listed providers match this opportunity's outcomes, art forms and areas, so "
        "few may hear about it or be able to bid.",
        fix="Widen the areas or art forms, run a market-engagement event, or ask local arts "
        "umbrella bodies to encourage providers to list themselves.",
    )


RULES: list[Callable[[Opportunity], Finding | None]] = [
    arts_not_mentioned,
    activities_not_outcomes,
    large_without_lots,
    short_bid_window,
    disproportionate_evidence,
    no_market_engagement,
    no_arts_kpi,
    low_social_value,
    few_directory_matches,
]


def run_check(opportunity: Opportunity) -> list[Finding]:
    """Every finding for the opportunity as it stands, barrier by barrier."""
    findings = [finding for rule in RULES if (finding := rule(opportunity)) is not None]
    return sorted(findings, key=lambda f: f.barrier)
