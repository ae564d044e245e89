"""Each inclusion rule: it finds the barrier when it is there and stays quiet when fixed."""

from __future__ import annotations

import datetime
from decimal import Decimal

import pytest
from django.utils import timezone

from commissioning.models import OutcomeArea
from tenders import inclusion
from tenders.models import OpportunityKpi, Section
from tenders.services import drafting, lifecycle
from tests.providers.conftest import make_profile
from tests.tenders.conftest import build_opportunity

pytestmark = pytest.mark.django_db


def _codes(opportunity) -> list[str]:
    return [f.code for f in inclusion.run_check(opportunity)]


def test_check_on_a_good_draft_only_reports_directory_reach(opportunity):
    assert _codes(opportunity) == ["few_directory_matches"]


def test_arts_not_mentioned_found_and_fixed(opportunity, commissioner_member):
    Section.objects.filter(opportunity=opportunity).update(body="")

    assert inclusion.arts_not_mentioned(opportunity).barrier == 3

    section = Section.objects.get(opportunity=opportunity, key="delivery")
    drafting.section_save(
        actor=commissioner_member.user,
        opportunity=opportunity,
        key="delivery",
        body="<p>Creative and cultural organisations are welcome.</p>",
        revision=section.revision,
    )
    assert inclusion.arts_not_mentioned(opportunity) is None


def test_activities_not_outcomes_quotes_the_activity(opportunity, commissioner_member):
    drafting.outcome_add(
        actor=commissioner_member.user,
        opportunity=opportunity,
        outcome_area=OutcomeArea.objects.get(name="Wellbeing"),
        statement="Deliver 40 sessions of group exercise",
    )

    finding = inclusion.activities_not_outcomes(opportunity)

    assert finding.barrier == 2
    assert "'Deliver 40 sessions of group exercise'" in finding.why


def test_activities_not_outcomes_when_no_outcomes(commissioner_member):
    opportunity = build_opportunity(commissioner_member, publishable=False)

    assert inclusion.activities_not_outcomes(opportunity).code == "activities_not_outcomes"


def test_large_without_lots_or_consortia(commissioner_member):
    opportunity = build_opportunity(commissioner_member, consortium_bids_welcome=False)

    assert inclusion.large_without_lots(opportunity).barrier == 1

    drafting.lot_save(actor=commissioner_member.user, opportunity=opportunity, title="North Kent")
    assert inclusion.large_without_lots(opportunity) is None


def test_large_value_with_consortia_welcome_is_fine(opportunity):
    assert inclusion.large_without_lots(opportunity) is None


def test_short_bid_window_against_good_practice(commissioner_member):
    opportunity = build_opportunity(commissioner_member, route="grant", days_open=30)

    finding = inclusion.short_bid_window(opportunity)

    assert finding.title == "The bid window is 30 days"
    assert "almost three months" in finding.why


def test_short_bid_window_quiet_at_three_months(commissioner_member):
    opportunity = build_opportunity(commissioner_member, route="grant", days_open=90)

    assert inclusion.short_bid_window(opportunity) is None


def test_disproportionate_evidence_for_small_grants(commissioner_member):
    opportunity = build_opportunity(
        commissioner_member, route="grant", budget=Decimal(150000), max_bid=Decimal(15000)
    )
    opportunity.criteria.update(word_limit=1500)

    finding = inclusion.disproportionate_evidence(opportunity)

    assert finding.barrier == 4
    assert "4,500 words" in finding.why

    opportunity.criteria.update(word_limit=500)
    assert inclusion.disproportionate_evidence(opportunity) is None


def test_no_market_engagement(commissioner_member):
    opportunity = build_opportunity(commissioner_member, engagement_planned=False)

    assert inclusion.no_market_engagement(opportunity).barrier == 3

    opportunity.engagement_date = datetime.date(2026, 12, 1)
    assert inclusion.no_market_engagement(opportunity) is None


def test_no_market_engagement_satisfied_by_a_held_event_with_its_summary(commissioner_member):
    from engagement.services import events  # noqa: PLC0415 - the engagement app builds on tenders

    opportunity = build_opportunity(commissioner_member, engagement_planned=False)
    starts = timezone.now() - datetime.timedelta(days=2)
    event = events.event_create(
        actor=commissioner_member.user,
        organisation=commissioner_member.organisation,
        opportunity=opportunity,
        kind="market_engagement",
        title="Market engagement",
        description="Meet the commissioners.",
        starts_at=starts,
        ends_at=starts + datetime.timedelta(hours=3),
        venue_name="County Hall",
    )
    events.event_publish(actor=commissioner_member.user, event=event)
    events.event_mark_held(actor=commissioner_member.user, event=event)
    assert inclusion.no_market_engagement(opportunity).code == "no_market_engagement"

    events.event_summary_save(
        actor=commissioner_member.user,
        event=event,
        heard="Small providers want lots.",
        changes="Two lots.",
    )

    assert inclusion.no_market_engagement(opportunity) is None


def test_no_arts_kpi(opportunity):
    OpportunityKpi.objects.filter(opportunity=opportunity).delete()

    assert inclusion.no_arts_kpi(opportunity).code == "no_arts_kpi"


def test_no_arts_kpi_not_asked_of_grants(commissioner_member):
    opportunity = build_opportunity(commissioner_member, route="grant", publishable=False)

    assert inclusion.no_arts_kpi(opportunity) is None


def test_low_social_value(opportunity):
    opportunity.criteria.filter(kind="social_value").update(weight=Decimal(5))

    assert inclusion.low_social_value(opportunity).barrier == 1


def test_directory_matches_counted(opportunity):
    for number in range(5):
        make_profile(
            f"Kent Wellbeing Arts {number}", outcomes=("Mental health",), areas=("E07000105",)
        )
    make_profile("Glos Arts", outcomes=("Mental health",), areas=("E10000013",))

    assert inclusion.few_directory_matches(opportunity) is None


def test_directory_matches_few_said_plainly(opportunity):
    make_profile("Kent Wellbeing Arts", outcomes=("Mental health",), areas=("E10000016",))
    make_profile("Unlisted Arts", outcomes=("Mental health",), listed=False)

    assert inclusion.few_directory_matches(opportunity).title == (
        "Only 1 provider in the directory match"
    )


def test_check_is_saved_with_the_published_version(opportunity, commissioner_member):
    version = lifecycle.opportunity_publish(actor=commissioner_member.user, opportunity=opportunity)

    assert [f["code"] for f in version.inclusion_findings] == ["few_directory_matches"]
    assert timezone.now() >= version.published_at
