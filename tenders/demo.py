"""The two pilots' opportunities: Kent's community mental health and wellbeing tender (a draft
being prepared) and Gloucestershire's arts and health innovation grants (published and live,
with answered questions and bids in progress). Built through the services, so versions, audit,
releases, submissions and receipts are real.

The report's 24 applications from 13 organisations are round 1 of the same programme, closed
and assessed (evaluation/demo.py). This round is live, so its bids are what providers see
while bidding: drafts at different stages, partnerships (one with an invitation still to
answer), a submitted bid and one resubmitted as a second version. The people submitting are
the same `bids@…` accounts as in round 1, so each organisation has one bidder across rounds.
"""

from __future__ import annotations

import datetime
from decimal import Decimal

from django.db import transaction
from django.utils import timezone

from accounts.demo import demo_account
from accounts.models import Organisation, User
from commissioning.models import Area, ArtForm, Kpi, OutcomeArea, Programme
from tenders.constants import BidPartnerStatus
from tenders.models import Clause, Opportunity, Section
from tenders.services import bidding, drafting, engagement, lifecycle

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


GLOUCESTERSHIRE_TITLE = "Arts and health innovation grants 2026"

# (lead, theme, title, what it is, budget lines, partners, how far it got). Stages: "started"
# (a title only), "drafting" (some answers), "ready" (complete, not submitted), "submitted",
# "resubmitted" (two versions). Partners marked "invited" have not answered yet.
ROUND_TWO = [
    (
        "Breathe Sing Gloucestershire",
        "Lung conditions (COPD and asthma)",
        "Breathe and sing: the next choirs",
        (
            "Two new choirs for people with COPD, in Cinderford and Tewkesbury, run with the "
            "respiratory physiotherapists who refer to the first."
        ),
        [
            ("Choir leaders' fees", "variable", "7800"),
            ("Hall hire", "variable", "2100"),
            ("Evaluation with the university", "fixed", "2500"),
        ],
        [("Cheltenham Chamber Music Outreach", BidPartnerStatus.CONFIRMED)],
        "submitted",
    ),
    (
        "Gloucester Docks Theatre",
        "Young people's mental health",
        "Backstage",
        (
            "Young people who find school hard run the backstage crew of a real production, with "
            "a youth worker alongside."
        ),
        [
            ("Youth worker", "variable", "6200"),
            ("Theatre technician", "variable", "4300"),
            ("Production costs", "fixed", "2800"),
        ],
        [],
        "resubmitted",
    ),
    (
        "Stroud Valleys Arts",
        "Stroke and brain injury",
        "Moving again",
        (
            "Dance sessions with the community stroke team for people in their first year after "
            "a stroke."
        ),
        [("Dance artist", "variable", "8400"), ("Physiotherapist time", "variable", "3000")],
        [("Gloucestershire Dementia Dance", BidPartnerStatus.CONFIRMED)],
        "ready",
    ),
    (
        "Dursley Art Studio",
        "Cancer",
        "Art after cancer, with the museum",
        "Art groups in the museum's galleries for people returning to life after cancer treatment.",
        [("Artist fees", "variable", "6000")],
        [("Gloucestershire Museum Makers", BidPartnerStatus.INVITED)],
        "drafting",
    ),
    (
        "Cotswold Craft Guild Outreach",
        "Obesity",
        "Made together",
        "Craft groups before clinical weight management, to meet people without judgement.",
        [],
        [],
        "drafting",
    ),
    (
        "Forest of Dean Storytellers",
        "Older people's mental health and loneliness",
        "Stories at the kitchen table",
        "",
        [],
        [],
        "started",
    ),
    (
        "Medway Maker Theatre",
        "Older people's mental health and loneliness",
        "Telling our town",
        (
            "Older people who live alone make a play from their memories of the town, with a "
            "Gloucestershire partner."
        ),
        [("Director and writer", "variable", "5200")],
        [("Tewkesbury Abbey Singers", BidPartnerStatus.CONFIRMED)],
        "drafting",
    ),
]


def _slug(name: str) -> str:
    return "".join(ch if ch.isalnum() else "-" for ch in name.lower()).strip("-").replace("--", "-")


def _bidder(organisation: Organisation) -> User:
    """The demo provider for its own organisation; otherwise the organisation's `bids@`
    account, the same one evaluation/demo.py submits round 1 with."""
    if organisation.name == "Medway Maker Theatre":
        return User.objects.get(email="provider@example.org")
    email = f"bids@{_slug(organisation.name)}.example.org"
    return demo_account(email, f"Bids, {organisation.name}", organisation)


def _answer_texts(summary: str, theme: str) -> list[str]:
    return [
        summary,
        (
            f"We planned this with the {theme.lower()} pathway's clinicians and two patients, who "
            "will meet us every month while it runs."
        ),
        (
            "Participants complete SWEMWBS at the start and end; the artists keep a reflective "
            "log and we gather photos and short films, with consent."
        ),
        (
            "Most of the money pays artists and the people who support participants; venues are "
            "given in kind."
        ),
    ]


def _round_two_bids(opportunity: Opportunity) -> int:
    """Bids in progress on the live call. Idempotent: nothing happens once it has bids."""
    if opportunity.bids.exists():
        return 0
    lots = {lot.title: lot for lot in opportunity.lots.all()}
    criteria = list(opportunity.criteria.order_by("position", "id"))
    gates = {gate.pk: (True, "") for gate in opportunity.gates.all()}
    for lead_name, theme, title, summary, lines, partners, stage in ROUND_TWO:
        lead = Organisation.objects.get(name=lead_name)
        user = _bidder(lead)
        bid = bidding.bid_start(
            actor=user, opportunity=opportunity, organisation=lead, title=title, lots=[lots[theme]]
        )
        for partner_name, status in partners:
            partner = Organisation.objects.get(name=partner_name)
            invitation = bidding.bid_partner_invite(actor=user, bid=bid, organisation=partner)
            if status == BidPartnerStatus.CONFIRMED:
                bidding.bid_partner_respond(actor=_bidder(partner), partner=invitation, accept=True)
        if stage == "started":
            continue
        texts = _answer_texts(summary, theme)
        answered = criteria if stage != "drafting" else criteria[:2]
        for criterion, text in zip(answered, texts, strict=False):
            bidding.answer_save(actor=user, bid=bid, criterion=criterion, text=text, revision=0)
        rows = [{"description": d, "cost_type": c, "amount": a} for d, c, a in lines]
        declarations = None
        if stage != "drafting":
            declarations = {
                "declare_eligible": True,
                "declare_no_conflicts": True,
                "declare_accurate": True,
            }
        bidding.bid_update(
            actor=user,
            bid=bid,
            revision=0,
            budget_lines=rows,
            gate_answers=gates if stage != "drafting" else None,
            declarations=declarations,
        )
        if stage in ("submitted", "resubmitted"):
            bidding.bid_submit(actor=user, bid=bid)
        if stage == "resubmitted":
            answer = bid.answers.get(criterion=criteria[2])
            bidding.answer_save(
                actor=user,
                bid=bid,
                criterion=criteria[2],
                text=answer.text + " The school's pastoral staff will add their own view.",
                revision=answer.revision,
            )
            bidding.bid_submit(actor=user, bid=bid)
    return len(ROUND_TWO)


@transaction.atomic
def seed() -> str:
    glos = Opportunity.objects.filter(title=GLOUCESTERSHIRE_TITLE).first()
    if glos is not None:
        _round_two_bids(glos)
        return (
            f"{Opportunity.objects.count()} opportunities already there; "
            f"{glos.bids.count()} bids on the live Gloucestershire call"
        )
    kent_user = User.objects.get(email="commissioner@kent.example.org")
    glos_user = User.objects.get(email="commissioner@gloucestershire.example.org")
    kent = _kent(
        kent_user, Programme.objects.get(name="Community mental health and wellbeing service")
    )
    glos = _gloucestershire(
        glos_user, Programme.objects.get(name="Arts and health innovation grants 2026")
    )
    _questions(glos, glos_user)
    _round_two_bids(glos)
    return (
        f"Kent tender ({kent.get_status_display().lower()}), Gloucestershire grant call "
        f"({glos.get_status_display().lower()}, {glos.bids.count()} bids in progress)"
    )
