"""The Gloucestershire assessment, run on the platform (NEF, The Art of Commissioning, 2016,
Appendix 1): an earlier, closed round of the arts and health innovation grants, with 24 bids
from 13 Gloucestershire organisations, assessed by a panel of patients, clinicians,
commissioners and an arts specialist. Declarations (one actual and one perceived conflict),
completed scores, moderation with a flagged disagreement, a funding line of the nine projects
in the report's Table 4 within £150,000, decisions and letters.

Built through the tenders and evaluation services, so submissions, audit and letters are real.
The people are fictional; the 13 organisations are the fictional demo providers.
"""

from __future__ import annotations

import datetime
import secrets
from decimal import Decimal

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from accounts.constants import MembershipRole
from accounts.models import Membership, Organisation, User
from commissioning.models import Area, OutcomeArea, Programme
from evaluation.constants import ConflictLevel, ConflictRuling, PanelRole
from evaluation.services import conflicts, decisions, moderation, panels
from evaluation.services.scoring import MarkInput, scoresheet_save
from tenders.models import Clause, Opportunity, Section
from tenders.services import bidding, drafting, lifecycle

TITLE = "Arts and health innovation grants — round 1"
PANEL_NAME = "Gloucestershire arts and health panel — round 1"

# (lot title, outcome area, lot budget): the themes of the report's Table 4. Diabetes and young
# people's mental health each funded two projects; cancer and obesity were re-advertised.
THEMES = [
    ("Early dementia", "Physical health", Decimal(15000)),
    ("Advanced dementia", "Physical health", Decimal(15000)),
    ("Diabetes", "Physical health", Decimal(30000)),
    ("Chronic pain", "Physical health", Decimal(15000)),
    ("Lung conditions", "Physical health", Decimal(15000)),
    ("Young people's mental health", "Mental health", Decimal(30000)),
    ("Adults with complex mental health needs", "Mental health", Decimal(15000)),
    ("Cancer", "Physical health", Decimal(7500)),
    ("Obesity", "Physical health", Decimal(7500)),
]

CRITERIA = [
    ("What will you do, with whom, and why will it improve their health?", Decimal(40)),
    ("How will you work with clinicians and patients on the pathway?", Decimal(30)),
    ("How will you know it worked? (evaluation)", Decimal(20)),
    ("Budget and value for money", Decimal(10)),
]

# (organisation, theme, title, what the project is, amount, agreed scores per criterion).
# The first nine are Table 4's funded projects, in the report's words.
BIDS = [
    (
        "Severn Vale Film Club",
        "Early dementia",
        "Laughing about forgetting",
        (
            "A comedy and animation project working with the black and minority ethnic community to "
            "raise awareness of early signs of dementia and increase uptake of early support."
        ),
        "14800",
        (5, 4, 4, 4),
    ),
    (
        "Cheltenham Chamber Music Outreach",
        "Advanced dementia",
        "Music at the threshold",
        (
            "A music therapy project for people living with dementia and their carers and support "
            "staff to improve resilience at transition between home and care homes."
        ),
        "15000",
        (5, 5, 4, 3),
    ),
    (
        "Gloucester Docks Theatre",
        "Diabetes",
        "In control",
        (
            "A drama based project with teenagers living with type 1 diabetes to increase confidence "
            "and diabetes self-management, including medication compliance. Delivered with a teenage "
            "creative arts intern who has type 1 diabetes."
        ),
        "14200",
        (4, 5, 4, 4),
    ),
    (
        "Stroud Valleys Arts",
        "Diabetes",
        "Moving pictures",
        (
            "A dance and film based project with teenagers living with type 1 diabetes to increase "
            "confidence and diabetes self-management, including medication compliance."
        ),
        "13900",
        (4, 4, 4, 4),
    ),
    (
        "Cotswold Craft Guild Outreach",
        "Chronic pain",
        "Making sense of pain",
        (
            "A mixed media arts project for men of working age living with chronic pain, to learn "
            "arts based strategies of managing pain. Co-delivered with an expert pain patient."
        ),
        "15000",
        (5, 4, 3, 4),
    ),
    (
        "Breathe Sing Gloucestershire",
        "Lung conditions",
        "Breathe and sing",
        (
            "A bespoke choir for people with COPD and asthma referred by specialist respiratory "
            "physiotherapists, following discharge from pulmonary rehabilitation programmes. "
            "Delivered in conjunction with The British Lung Foundation."
        ),
        "14600",
        (5, 5, 4, 4),
    ),
    (
        "Cheltenham Young Writers",
        "Young people's mental health",
        "Secrets and lies",
        (
            "A drama based project called \u201csecrets and lies\u201d targeting young people at risk of "
            "self-harm, body image and pornography issues to increase emotional resilience."
        ),
        "15000",
        (4, 4, 4, 3),
    ),
    (
        "Cinderford Youth Music",
        "Young people's mental health",
        "Sound minds",
        (
            "A music and song-writing project working at both universal and targeted level to "
            "increase awareness and learn strategies for managing stressful situations."
        ),
        "14900",
        (4, 4, 3, 4),
    ),
    (
        "Gloucestershire Museum Makers",
        "Adults with complex mental health needs",
        "Art psychotherapy in the museum",
        (
            "An art psychotherapy project for 18- to 25-year-olds delivered in two museums, using "
            "both the space and artefacts as part of the therapeutic process."
        ),
        "15000",
        (5, 4, 4, 3),
    ),
    (
        "Forest of Dean Storytellers",
        "Early dementia",
        "Memory walks",
        "Storytelling walks in the forest for people worried about their memory.",
        "9800",
        (3, 2, 3, 3),
    ),
    (
        "Gloucestershire Dementia Dance",
        "Advanced dementia",
        "Dancing through the day",
        "Weekly dance sessions in care homes for residents with advanced dementia.",
        "12500",
        (3, 3, 3, 3),
    ),
    (
        "Tewkesbury Abbey Singers",
        "Advanced dementia",
        "Songs we remember",
        "A singing group for people with advanced dementia, in the abbey's hall.",
        "8500",
        (3, 2, 2, 3),
    ),
    (
        "Dursley Art Studio",
        "Diabetes",
        "Drawing for self-care",
        "Drawing groups for adults with type 2 diabetes, alongside diet advice.",
        "10200",
        (3, 3, 2, 3),
    ),
    (
        "Stroud Valleys Arts",
        "Chronic pain",
        "Painting to relax",
        "Relaxation painting for adults living with chronic pain.",
        "9000",
        (3, 3, 2, 3),
    ),
    (
        "Tewkesbury Abbey Singers",
        "Lung conditions",
        "Singing for lung health",
        "Open breathing and singing sessions for anyone with a lung condition.",
        "11500",
        (4, 3, 3, 3),
    ),
    (
        "Cheltenham Chamber Music Outreach",
        "Lung conditions",
        "Woodwind for healthy lungs",
        "Learning a woodwind instrument to exercise the lungs, for adults with asthma.",
        "12000",
        (3, 3, 3, 2),
    ),
    (
        "Severn Vale Film Club",
        "Young people's mental health",
        "Reel talk",
        "A film club in youth centres for young people's wellbeing.",
        "10500",
        (3, 3, 2, 3),
    ),
    (
        "Forest of Dean Storytellers",
        "Young people's mental health",
        "Stories of resilience",
        "Storytelling workshops in secondary schools about resilience.",
        "9900",
        (3, 2, 2, 3),
    ),
    (
        "Dursley Art Studio",
        "Adults with complex mental health needs",
        "Art in crisis",
        "Open art groups for adults in mental health crisis.",
        "13000",
        (3, 3, 3, 2),
    ),
    (
        "Dursley Art Studio",
        "Cancer",
        "Art after cancer",
        "Art groups for people returning to everyday life and work after cancer treatment.",
        "12000",
        (3, 3, 2, 3),
    ),
    (
        "Gloucestershire Museum Makers",
        "Cancer",
        "Objects of hope",
        "Museum object handling for people after cancer treatment.",
        "9500",
        (3, 3, 3, 3),
    ),
    (
        "Cotswold Craft Guild Outreach",
        "Obesity",
        "Crafting confidence",
        "Craft groups to reduce stigma and shame before clinical weight management.",
        "11000",
        (3, 3, 3, 3),
    ),
    (
        "Gloucestershire Dementia Dance",
        "Obesity",
        "Dance without judgement",
        "Dance classes for adults with significant weight issues.",
        "8800",
        (2, 3, 2, 3),
    ),
    (
        "Cheltenham Young Writers",
        "Diabetes",
        "Writing my diabetes story",
        "Creative writing with teenagers about living with diabetes.",
        "8400",
        (3, 2, 3, 3),
    ),
]

# (email, name, role, organisation or None). Existing demo accounts are reused.
MEMBERS = [
    ("commissioner@gloucestershire.example.org", "Sam Okafor", PanelRole.CHAIR, None),
    (
        "ravi.patel@gloucestershire.example.org",
        "Ravi Patel",
        PanelRole.COMMISSIONER,
        "NHS Gloucestershire Integrated Care Board",
    ),
    ("panel@example.org", "Pat Green", PanelRole.PATIENT, None),
    ("amira.hussain@example.org", "Amira Hussain", PanelRole.PATIENT, None),
    ("helen.price@example.org", "Dr Helen Price", PanelRole.CLINICIAN, None),
    ("tom.bennett@example.org", "Dr Tom Bennett", PanelRole.CLINICIAN, None),
    ("broker@example.org", "Morgan Hale", PanelRole.ARTS, None),
]
# How each member's score differs from the agreed one, criterion by criterion.
OFFSETS = {
    PanelRole.CHAIR: (0, 0, 0, 0),
    PanelRole.COMMISSIONER: (0, -1, 0, 0),
    "patient-1": (1, 0, 0, -1),
    "patient-2": (0, -1, -1, 0),
    "clinician-1": (0, 0, -1, 0),
    "clinician-2": (1, 0, 0, 0),
    PanelRole.ARTS: (0, 0, -1, -1),
}
# The disagreement the panel discussed: "it was the two young girls living with diabetes …
# who visibly dismantled … our preconceptions" (Duncan Thomas, Gloucestershire CCG).
FLAGGED = {"In control": {"amira.hussain@example.org": 5, "tom.bennett@example.org": 2}}
ACTUAL_CONFLICT = (
    "helen.price@example.org",
    "Breathe and sing",
    "I refer my pulmonary rehabilitation patients to this choir and sit on its advisory group.",
)
PERCEIVED_CONFLICT = (
    "broker@example.org",
    "Art psychotherapy in the museum",
    (
        "Create Gloucestershire ran the bid-writing workshop this organisation "
        "attended, as it did for several applicants."
    ),
)

# Accounts this demo adds: the panel members not already demo accounts, and one person who
# submitted the bids for each organisation.
EXISTING_ACCOUNTS = {
    "commissioner@gloucestershire.example.org",
    "panel@example.org",
    "broker@example.org",
}
NEW_ACCOUNTS = len([m for m in MEMBERS if m[0] not in EXISTING_ACCOUNTS]) + len(
    {b[0] for b in BIDS}
)


def _slug(name: str) -> str:
    return "".join(ch if ch.isalnum() else "-" for ch in name.lower()).strip("-").replace("--", "-")


def _person(email: str, name: str) -> User:
    from allauth.account.models import EmailAddress  # noqa: PLC0415

    from accounts.demo import DEMO_PASSWORD  # noqa: PLC0415

    user, created = User.objects.get_or_create(email=email, defaults={"full_name": name})
    if created:
        if settings.DEBUG:
            user.set_password(DEMO_PASSWORD)
        else:
            user.set_password(secrets.token_urlsafe(32))
            user.set_unusable_password()
        user.save()
        EmailAddress.objects.update_or_create(
            user=user, email=email, defaults={"verified": True, "primary": True}
        )
    return user


def bidder_email(organisation: str) -> str:
    return f"bids@{_slug(organisation)}.example.org"


def _opportunity(actor: User) -> Opportunity:
    programme = Programme.objects.get(name="Arts and health innovation grants 2026")
    opportunity = drafting.opportunity_create(
        actor=actor,
        programme=programme,
        title=TITLE,
        route="innovation_grant",
        total_budget=Decimal(150000),
        max_bid=Decimal(15000),
        summary=(
            "The first round: grants of up to £15,000 for arts and cultural projects across "
            "nine clinical-pathway themes, assessed in two stages by patients, clinicians, "
            "commissioners and arts specialists."
        ),
        contract_start=datetime.date(2026, 9, 1),
        contract_end=datetime.date(2027, 8, 31),
        engagement_planned=True,
        closes_at=timezone.now() + datetime.timedelta(days=84),
        clarification_deadline=timezone.now() + datetime.timedelta(days=70),
        areas=Area.objects.filter(code="E10000013"),
    )
    for title, area, budget in THEMES:
        drafting.lot_save(
            actor=actor,
            opportunity=opportunity,
            title=title,
            budget=budget,
            outcome_areas=OutcomeArea.objects.filter(name=area),
        )
    drafting.outcome_add(
        actor=actor,
        opportunity=opportunity,
        outcome_area=OutcomeArea.objects.get(name="Physical health"),
        statement="People with long-term conditions manage their health better and feel well",
    )
    section = Section.objects.get(opportunity=opportunity, key="background")
    drafting.section_save(
        actor=actor,
        opportunity=opportunity,
        key="background",
        body="<p>Innovation grants that test arts-based interventions within the clinical "
        "pathways, framed around the question the Clinical Pathway Groups were asked: where "
        "do your standard interventions get you, and where could non-standard interventions "
        "meet a need you have?</p>",
        revision=section.revision,
    )
    for slug in ("proportionate-evidence", "light-grant-agreement"):
        drafting.clause_insert(
            actor=actor, opportunity=opportunity, clause=Clause.objects.get(slug=slug)
        )
    for title, weight in CRITERIA:
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


def _answers(summary: str, theme: str) -> list[str]:
    return [
        summary,
        (
            f"We designed this with the {theme.lower()} clinical pathway group; referrals come "
            "from specialist teams and the sessions run in a community venue, not a clinic."
        ),
        (
            "Participants complete SWEMWBS at the start and end, with a short interview and a "
            "film or photographs of the work they make."
        ),
        "Most of the budget is artist and therapist time; the venue is given in kind.",
    ]


def _bids(opportunity: Opportunity) -> list[tuple[object, tuple]]:
    lots = {lot.title: lot for lot in opportunity.lots.all()}
    criteria = list(opportunity.criteria.order_by("position", "id"))
    gates = {gate.pk: (True, "") for gate in opportunity.gates.all()}
    made = []
    for organisation_name, theme, title, summary, amount, agreed in BIDS:
        organisation = Organisation.objects.get(name=organisation_name)
        user = _person(bidder_email(organisation_name), f"Bids, {organisation_name}")
        Membership.objects.get_or_create(
            user=user, organisation=organisation, defaults={"role": MembershipRole.ADMIN}
        )
        bid = bidding.bid_start(
            actor=user,
            opportunity=opportunity,
            organisation=organisation,
            title=title,
            lots=[lots[theme]],
        )
        for criterion, text in zip(criteria, _answers(summary, theme), strict=True):
            bidding.answer_save(actor=user, bid=bid, criterion=criterion, text=text, revision=0)
        bidding.bid_update(
            actor=user,
            bid=bid,
            revision=0,
            budget_lines=[
                {
                    "description": "Artists and therapists",
                    "cost_type": "variable",
                    "amount": str(Decimal(amount) - 800),
                },
                {"description": "Materials and evaluation", "cost_type": "fixed", "amount": "800"},
            ],
            gate_answers=gates,
            declarations={
                "declare_eligible": True,
                "declare_no_conflicts": True,
                "declare_accurate": True,
            },
        )
        bidding.bid_submit(actor=user, bid=bid)
        made.append((bid, agreed))
    return made


def _clamp(value: int) -> int:
    return max(0, min(5, value))


def _close(opportunity: Opportunity) -> None:
    """The round closed: its closing date moves into the past (in the demo only), then it
    closes through the lifecycle service like any other."""
    Opportunity.objects.filter(pk=opportunity.pk).update(
        closes_at=timezone.now() - datetime.timedelta(days=1)
    )
    opportunity.refresh_from_db()
    lifecycle.opportunity_close(actor=None, opportunity=opportunity)
    opportunity.refresh_from_db()


def _panel(commissioner: User, opportunity: Opportunity):
    panel = panels.panel_create(
        actor=commissioner,
        opportunity=opportunity,
        name=PANEL_NAME,
        briefing=(
            "Thank you for joining the panel. The grants test whether arts and cultural "
            "activity can help people manage long-term conditions, within the clinical "
            "pathways. Patients' and clinicians' views carry equal weight here.\n\n"
            "Declare any conflict of interest first. Then score each criterion on its own "
            "evidence, with a comment, and submit. We meet for moderation where scores differ."
        ),
        variance_threshold=Decimal(2),
        budget=Decimal(150000),
    )
    seats = {}
    counts = {PanelRole.PATIENT: 0, PanelRole.CLINICIAN: 0}
    for email, name, role, organisation in MEMBERS:
        user = _person(email, name)
        if organisation:
            Membership.objects.get_or_create(
                user=user, organisation=Organisation.objects.get(name=organisation)
            )
        member = panels.member_invite(
            actor=commissioner, panel=panel, email=email, full_name=name, role=role
        )
        panels.member_accept(user=user, member=member)
        member.refresh_from_db()
        key = role
        if role in counts:
            counts[role] += 1
            key = f"{role}-{counts[role]}"
        seats[email] = (member, OFFSETS[key])
    return panel, seats


def _declare(panel, seats, bids) -> None:
    special = {
        ACTUAL_CONFLICT[:2]: (ConflictLevel.ACTUAL, ACTUAL_CONFLICT[2]),
        PERCEIVED_CONFLICT[:2]: (ConflictLevel.PERCEIVED, PERCEIVED_CONFLICT[2]),
    }
    for email, (member, _) in seats.items():
        for bid, _ in bids:
            level, note = special.get((email, bid.title), (ConflictLevel.NONE, ""))
            conflicts.declaration_make(
                actor=member.user, member=member, bid=bid, level=level, note=note
            )
    chair = seats["commissioner@gloucestershire.example.org"][0]
    conflicts.declaration_rule(
        actor=chair.user,
        declaration=panel.declarations.get(level=ConflictLevel.PERCEIVED),
        ruling=ConflictRuling.MAY_SCORE,
        note="A workshop open to every applicant is not a personal interest; the member may score.",
    )


def _score(seats, bids, criteria) -> None:
    agreed_by_bid = {bid.pk: agreed for bid, agreed in bids}
    for email, (member, offsets) in seats.items():
        assignments = member.assignments.filter(set_aside_at__isnull=True).select_related("bid")
        for assignment in assignments:
            agreed = agreed_by_bid[assignment.bid_id]
            flagged = FLAGGED.get(assignment.bid.title, {})
            marks = {}
            for index, criterion in enumerate(criteria):
                value = _clamp(agreed[index] + offsets[index])
                if index == 0 and email in flagged:
                    value = flagged[email]
                marks[criterion.pk] = MarkInput(
                    value=str(value),
                    comment=f"Scored {value} against the descriptors for this criterion.",
                )
            scoresheet_save(actor=member.user, assignment=assignment, marks=marks, submit=True)


def _rationale(title: str, index: int, agreed: int) -> str:
    if title == "In control" and index == 0:
        return (
            "Scores differed widely. The patient members' experience of living with type 1 "
            "diabetes persuaded the panel that drama led by a young person with the condition "
            "reaches teenagers a clinic session does not."
        )
    if agreed >= 4:
        return "A clear, well-evidenced answer that fits the clinical pathway."
    if agreed <= 2:
        return "The answer describes existing arts practice more than the health need."
    return "A reasonable answer with gaps in how it links to the pathway."


def _moderate(panel, chair: User, bids, criteria) -> None:
    panels.panel_start_moderation(actor=chair, panel=panel)
    for bid, agreed in bids:
        for index, criterion in enumerate(criteria):
            moderation.consensus_record(
                actor=chair,
                panel=panel,
                bid=bid,
                criterion=criterion,
                value=str(agreed[index]),
                rationale=_rationale(bid.title, index, agreed[index]),
            )


@transaction.atomic
def seed() -> str:
    if Opportunity.objects.filter(title=TITLE).exists():
        return "the Gloucestershire round 1 panel is already there"
    commissioner = User.objects.get(email="commissioner@gloucestershire.example.org")
    opportunity = _opportunity(commissioner)
    bids = _bids(opportunity)
    _close(opportunity)
    panel, seats = _panel(commissioner, opportunity)
    panels.panel_open_scoring(actor=commissioner, panel=panel)
    _declare(panel, seats, bids)
    criteria = list(opportunity.criteria.order_by("position", "id"))
    _score(seats, bids, criteria)
    _moderate(panel, commissioner, bids, criteria)
    decisions.decisions_from_funding_line(actor=commissioner, panel=panel)
    letters = decisions.letters_send(actor=commissioner, panel=panel)
    funded = list(panel.decisions.filter(outcome="funded").select_related("bid"))
    for decision in funded:
        decisions.award_confirm(actor=commissioner, decision=decision)
    total = sum(d.amount_awarded for d in funded)
    return (
        f"{PANEL_NAME}: {len(bids)} bids, {len(seats)} members, {len(funded)} projects "
        f"funded for £{total:,.0f}, {len(letters)} letters"
    )
