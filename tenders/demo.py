"""The two pilots' opportunities: Kent's community mental health and wellbeing tender (a draft
being prepared) and Gloucestershire's arts and health innovation grants (published and live,
with answered questions). Built through the services, so versions, audit and releases are real.
"""

from __future__ import annotations

import datetime
from decimal import Decimal

from django.db import transaction
from django.utils import timezone

from accounts.models import Organisation, User
from commissioning.models import Area, ArtForm, Kpi, OutcomeArea, Programme
from tenders.models import Clause, Opportunity, Section
from tenders.services import drafting, engagement, lifecycle

GLOUCESTERSHIRE_THEMES = [
    ("Dementia", "Physical health"),
    ("Diabetes", "Physical health"),
    ("Chronic pain", "Physical health"),
    ("Lung conditions (COPD and asthma)", "Physical health"),
    ("Young people's mental health", "Mental health"),
    ("Cancer", "Physical health"),
    ("Obesity", "Physical health"),
    ("Stroke and brain injury", "Physical health"),
    ("Older people's mental health and loneliness", "Mental health"),
]

KENT_BACKGROUND = (
    "<p>Kent County Council is commissioning a community mental health and wellbeing service "
    "through strategic partners who will build and manage a diverse delivery network. The "
    "service follows a series of engagement events across Kent that set a common vision for "
    "the future of mental health and wellbeing, with people who use services, established "
    "providers, new providers and user-led organisations.</p>"
)
GLOUCESTERSHIRE_BACKGROUND = (
    "<p>NHS Gloucestershire Integrated Care Board is offering grants of up to £15,000 for arts "
    "and cultural organisations to test how the arts can improve outcomes for people with "
    "long-term conditions, across nine clinical-pathway themes. Bids are assessed in two "
    "stages by a panel of patients, clinicians, commissioners and arts specialists.</p>"
)


def _section(actor: User, opportunity: Opportunity, key: str, body: str) -> None:
    section = Section.objects.get(opportunity=opportunity, key=key)
    drafting.section_save(
        actor=actor, opportunity=opportunity, key=key, body=body, revision=section.revision
    )


def _kent(actor: User, programme: Programme) -> Opportunity:
    opportunity = drafting.opportunity_create(
        actor=actor,
        programme=programme,
        title="Community mental health and wellbeing service",
        route="competitive_flexible",
        total_budget=Decimal("4000000"),
        summary=(
            "Strategic partners to build a diverse delivery network, including arts and "
            "cultural organisations, so that people connect to their communities and feel "
            "less lonely."
        ),
        contract_start=datetime.date(2027, 4, 1),
        contract_end=datetime.date(2030, 3, 31),
        consortium_bids_welcome=True,
        engagement_planned=True,
        closes_at=timezone.now() + datetime.timedelta(days=70),
        clarification_deadline=timezone.now() + datetime.timedelta(days=56),
        areas=Area.objects.filter(code="E10000016"),
        art_forms=ArtForm.objects.all(),
    )
    for area, statement in (
        ("Mental health", "People connect to their communities and feel less lonely"),
        ("Wellbeing", "People have choice in the support they get, including arts and culture"),
        ("Employment and training", "People are supported into volunteering and work"),
    ):
        drafting.outcome_add(
            actor=actor,
            opportunity=opportunity,
            outcome_area=OutcomeArea.objects.get(name=area),
            statement=statement,
        )
    _section(actor, opportunity, "background", KENT_BACKGROUND)
    for slug in ("delivery-network-arts", "innovation-grant", "consortium-encouragement"):
        drafting.clause_insert(
            actor=actor, opportunity=opportunity, clause=Clause.objects.get(slug=slug)
        )
    drafting.kpi_add(
        actor=actor,
        opportunity=opportunity,
        kpi=Kpi.objects.get(slug="access-arts-cultural-activities"),
        target="At least 1,200 people a year",
    )
    for kind, title, weight in (
        ("quality", "Building and managing a diverse delivery network", Decimal(50)),
        ("quality", "Outcomes and how they will be measured", Decimal(20)),
        ("price", "Price", Decimal(20)),
        ("social_value", "Social value", Decimal(10)),
    ):
        drafting.criterion_save(
            actor=actor, opportunity=opportunity, kind=kind, title=title, weight=weight
        )
    return opportunity


def _gloucestershire(actor: User, programme: Programme) -> Opportunity:
    opportunity = drafting.opportunity_create(
        actor=actor,
        programme=programme,
        title="Arts and health innovation grants 2026",
        route="innovation_grant",
        total_budget=Decimal("150000"),
        max_bid=Decimal("15000"),
        summary=(
            "Grants of up to £15,000 for arts and cultural projects that improve outcomes for "
            "people with long-term conditions, across nine clinical-pathway themes."
        ),
        contract_start=datetime.date(2027, 4, 1),
        contract_end=datetime.date(2028, 3, 31),
        engagement_planned=True,
        closes_at=timezone.now() + datetime.timedelta(days=85),
        clarification_deadline=timezone.now() + datetime.timedelta(days=70),
        areas=Area.objects.filter(code="E10000013"),
    )
    for title, area in GLOUCESTERSHIRE_THEMES:
        drafting.lot_save(
            actor=actor,
            opportunity=opportunity,
            title=title,
            budget=Decimal("16000"),
            outcome_areas=OutcomeArea.objects.filter(name=area),
        )
    drafting.outcome_add(
        actor=actor,
        opportunity=opportunity,
        outcome_area=OutcomeArea.objects.get(name="Physical health"),
        statement="People with long-term conditions manage their health better and feel well",
    )
    _section(actor, opportunity, "background", GLOUCESTERSHIRE_BACKGROUND)
    for slug in ("proportionate-evidence", "light-grant-agreement", "equal-information"):
        drafting.clause_insert(
            actor=actor, opportunity=opportunity, clause=Clause.objects.get(slug=slug)
        )
    for title, weight in (
        ("What will you do, with whom, and why will it improve their health?", Decimal(40)),
        ("How will you work with clinicians and patients on the pathway?", Decimal(30)),
        ("How will you know it worked? (evaluation)", Decimal(20)),
        ("Budget and value for money", Decimal(10)),
    ):
        drafting.criterion_save(
            actor=actor,
            opportunity=opportunity,
            kind="question",
            title=title,
            weight=weight,
            word_limit=500,
        )
    drafting.gate_save(actor=actor, opportunity=opportunity, title="Public liability insurance")
    drafting.gate_save(actor=actor, opportunity=opportunity, title="Safeguarding policy")
    lifecycle.opportunity_publish(actor=actor, opportunity=opportunity)
    opportunity.refresh_from_db()
    return opportunity


def _questions(opportunity: Opportunity, commissioner: User) -> None:
    provider = Organisation.objects.get(name="Medway Maker Theatre")
    asker = User.objects.get(email="provider@example.org")
    answered = [
        (
            "Can a bid cover more than one theme?",
            (
                "Yes. Apply to the theme that fits best and say in your answer how the project "
                "also helps the other."
            ),
        ),
        (
            "Do we need a track record of NHS contracts?",
            (
                "No. Case studies, evaluations and participant feedback from any arts project are "
                "welcome evidence."
            ),
        ),
    ]
    for text, answer in answered:
        question = engagement.question_ask(
            actor=asker, opportunity=opportunity, organisation=provider, text=text
        )
        engagement.question_answer(actor=commissioner, question=question, answer=answer)
    engagement.question_ask(
        actor=asker,
        opportunity=opportunity,
        organisation=provider,
        text="Can freelance artists apply without a charity number?",
    )


@transaction.atomic
def seed() -> str:
    if Opportunity.objects.exists():
        return f"{Opportunity.objects.count()} opportunities already there"
    kent_user = User.objects.get(email="commissioner@kent.example.org")
    glos_user = User.objects.get(email="commissioner@gloucestershire.example.org")
    kent = _kent(
        kent_user, Programme.objects.get(name="Community mental health and wellbeing service")
    )
    glos = _gloucestershire(
        glos_user, Programme.objects.get(name="Arts and health innovation grants 2026")
    )
    _questions(glos, glos_user)
    return f"Kent tender ({kent.get_status_display().lower()}), Gloucestershire grant call ({glos.get_status_display().lower()})"
