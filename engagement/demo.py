"""Demo events from the NEF report *The Art of Commissioning* (2016), set in the present day.

Kent's market-engagement event for the community mental health and wellbeing tender: about
60 registrations, about 20% of them arts and cultural organisations (brought in by personal
invitations, as in Kent), most with a consented profile and several looking for partners
(section 5.1 and Appendix 2). Gloucestershire's two provider events for the arts and health
innovation grants, run with Create Gloucestershire (section 5.1 and Appendix 1): the first
held, with its notes, answers and summary published; the second coming up, with health
specialists in the room.

Built through the services, so the audit trail, the waiting list and the statistics are what
real use makes. Attendees' email addresses are fictional, so the organiser's own additions are
not emailed. Idempotent: a second run changes nothing. Every organisation outside
accounts.demo is fictional.
"""

from __future__ import annotations

import datetime

from django.db import transaction
from django.utils import timezone

from accounts.models import Organisation, User
from commissioning.models import ArtForm, OutcomeArea, Programme
from engagement import selectors
from engagement.models import Event, ProgrammeInterest
from engagement.services import events, invitations, materials, profiles, registrations
from tenders.models import Opportunity

KENT_TITLE = "Community mental health and wellbeing service: market engagement event"
GLOS_FIRST_TITLE = "Arts and health innovation grants: networking and bid-writing event"
GLOS_SECOND_TITLE = "Arts and health innovation grants: meet the clinical pathway groups"

KENT_DESCRIPTION = (
    "Kent County Council is commissioning a community mental health and wellbeing service "
    "through one or two strategic partners who will build and manage a diverse delivery "
    "network across Kent. Come and find out about the tendering opportunity, hear the vision "
    "for the service, and meet others with whom you might form partnerships.\n\n"
    "The delivery network should include providers who have not traditionally delivered "
    "mental health and wellbeing services: organisations offering art and cultural "
    "activities, sports and leisure organisations, organisations that link people to their "
    "communities, and those that use the natural environment to improve wellbeing. Arts and "
    "cultural organisations are especially welcome.\n\n"
    "Every attendee is asked to write a short paragraph about their interests and experience "
    "and the outcomes they could deliver. With your agreement it is shared with everyone "
    "here and all potential bidders, so that partnerships can form."
)
KENT_AGENDA = (
    "10:00 Arrival, coffee and the who's-in-the-room wall\n"
    "10:30 The vision for mental health and wellbeing in Kent\n"
    "11:00 The model: strategic partners and a delivery network\n"
    "11:30 The outcomes we will buy, and the KPI for arts and cultural activities\n"
    "12:15 Lunch and networking\n"
    "13:15 Competitive flexible procedure: what happens and when\n"
    "14:00 Questions and answers\n"
    "14:45 Networking: find a partner\n"
    "15:30 Close"
)
GLOS_FIRST_DESCRIPTION = (
    "NHS Gloucestershire Integrated Care Board, with Create Gloucestershire and the "
    "Gloucestershire VCS Alliance, invites arts and cultural organisations and the wider "
    "voluntary and community sector to find out about grants of up to £15,000 across nine "
    "clinical-pathway themes.\n\n"
    "A morning of capacity building (how to write a proportionate bid, how the two-stage "
    "assessment works, how projects will be evaluated) and an afternoon of networking, so "
    "that arts and non-arts providers can meet and bid in partnership."
)
GLOS_SECOND_DESCRIPTION = (
    "For the second round of bids we are bringing health specialists to the event: members "
    "of the clinical pathway groups for dementia, diabetes, lung conditions, chronic pain and "
    "young people's mental health. Arts practitioners can develop their bids with insight "
    "from the people who know the pathways, and clinicians can see the range of what the "
    "arts can offer. Bids will have almost three months."
)

# The twelve arts and cultural organisations at Kent's event (about 20%), from the directory,
# with what each added about partners. (name, looking for partners, the partners they want)
KENT_ARTS = [
    ("Medway Maker Theatre", True, "A mental health provider to lead a consortium bid."),
    ("Thanet Tidal Dance", True, "A strategic partner with referral routes from GPs."),
    ("Canterbury Cathedral Choirs Outreach", False, ""),
    ("Folkestone Harbour Arts", True, "A housing-support provider for joint outreach."),
    ("Dover Stories Heritage Trust", False, ""),
    ("Sevenoaks Poetry Exchange", True, "Libraries or a larger provider to host groups."),
    ("Tunbridge Wells Music for Health", False, ""),
    ("Swale Clay Collective", True, "A provider working with men at risk of isolation."),
    ("Kent Creative Ageing Network", False, ""),
    ("Margate Creative Recovery", True, "A lead provider for the innovation-grant pot."),
    ("West Kent Dance Well", False, ""),
    ("Faversham Puppet Company", False, ""),
]

# Everyone else at Kent's event: (organisation, type, person, what they said, partners wanted).
# An empty "what they said" means no profile; a leading "~" means written but not shared.
KENT_OTHERS = [
    (
        "Kent Wellbeing Partnership",
        "vcse",
        "Priya Nair",
        "We are a partnership of mental health charities across Kent and intend to bid as a strategic partner. We want a delivery network that reaches people who never walk into a mental health service.",
        "Arts and cultural organisations for the delivery network.",
    ),
    (
        "Kent Wellbeing Partnership",
        "vcse",
        "Tom Ellery",
        "I manage community support services in west Kent, including peer support groups and crisis cafés, and will co-ordinate our network of delivery partners.",
        "Arts and cultural organisations for the delivery network.",
    ),
    (
        "Garden of England Recovery",
        "vcse",
        "Linda Carr",
        "Peer-led recovery groups for people with long-term mental health conditions in Ashford and Swale, run by people with lived experience.",
        "",
    ),
    (
        "Medway Housing Support",
        "vcse",
        "Sunil Patel",
        "Time-limited housing-related support for people at risk of losing their tenancy, many of whom have poor mental health. We help people to live independently.",
        "Activities that connect our tenants to their communities.",
    ),
    (
        "Pathways to Work Kent",
        "other_provider",
        "Gemma Hollis",
        "We deliver employment support for people with mental health conditions: individual placement and support, volunteering and work trials.",
        "",
    ),
    (
        "Pathways to Work Kent",
        "other_provider",
        "Ravi Shah",
        "I lead our employer partnerships and volunteering placements in north Kent.",
        "",
    ),
    (
        "Kent Sport and Leisure Trust",
        "vcse",
        "Andy Fowler",
        "Leisure centres in six districts with exercise-on-referral and walking football for people with depression and anxiety.",
        "Partners for outdoor and creative activity.",
    ),
    (
        "Greencare Kent",
        "vcse",
        "Holly Marsh",
        "Horticultural therapy and nature projects on two community farms near Canterbury, for adults referred by GPs and community mental health teams.",
        "A lead provider; we are too small to bid alone.",
    ),
    (
        "Weald Forest Wellbeing",
        "vcse",
        "Callum Reid",
        "Forest-school style sessions for adults in the woods around Tunbridge Wells: conservation, bushcraft and time outdoors.",
        "",
    ),
    (
        "East Kent Mind",
        "vcse",
        "Sarah Okoye",
        "Counselling, wellbeing cafés and suicide-prevention training across east Kent. We have delivered council contracts for fifteen years.",
        "",
    ),
    ("East Kent Mind", "vcse", "Daniel Hughes", "", ""),
    (
        "Kent Carers' Network",
        "vcse",
        "Janet Lowe",
        "Support for unpaid carers, whose own mental health is often overlooked: breaks, groups and advice.",
        "",
    ),
    (
        "Thanet Together",
        "vcse",
        "Abdul Karim",
        "A user-led organisation run by and for people with lived experience of mental ill health in Thanet.",
        "Arts groups willing to co-design sessions with our members.",
    ),
    (
        "Sheppey Community Hub",
        "vcse",
        "Karen Willis",
        "A community centre on the Isle of Sheppey with a food bank, advice sessions and a men's shed.",
        "",
    ),
    (
        "Ashford Borough Council",
        "local_authority",
        "Philip Grant",
        "~I lead the district's community safety and wellbeing team and want to understand how the new service will link with our social prescribing.",
        "",
    ),
    (
        "Kent and Medway NHS and Social Care Partnership Trust",
        "nhs_trust",
        "Dr Helen Marsh",
        "Community mental health teams across Kent; we want the new service to be where our patients go next.",
        "",
    ),
    ("Kent and Medway NHS and Social Care Partnership Trust", "nhs_trust", "Mark Bennett", "", ""),
    (
        "North Kent Youth Matters",
        "vcse",
        "Chloe Adams",
        "Youth work for 16 to 25 year olds in Dartford and Gravesham, including mental health first aid and mentoring.",
        "Creative partners for young people's activities.",
    ),
    (
        "Folkestone Community Links",
        "vcse",
        "Owen Pryce",
        "Community navigators who link people to local groups and activities, working with GP surgeries in Folkestone and Hythe.",
        "",
    ),
    (
        "Maidstone Befriending Scheme",
        "vcse",
        "Ruth Ansell",
        "Volunteer befrienders for people who are lonely and isolated, by phone and in person.",
        "",
    ),
    (
        "Kent Association of Local Councils",
        "other_provider",
        "Graham Stokes",
        "~I represent parish and town councils, many of whom run village halls that could host activities.",
        "",
    ),
    (
        "Dover Men's Sheds",
        "vcse",
        "Terry Nolan",
        "Three men's sheds in Dover district where men make things, share skills and look after each other.",
        "",
    ),
    (
        "Turning Point South East",
        "other_provider",
        "Fiona Lang",
        "Substance misuse and mental health services; we have led large contracts with sub-contracted delivery networks.",
        "Small community providers for our network.",
    ),
    ("Turning Point South East", "other_provider", "Jamal Osei", "", ""),
    (
        "Canterbury Citizens Advice",
        "vcse",
        "Elaine Brookes",
        "Debt, benefits and housing advice: money worries are one of the commonest reasons people come to us in distress.",
        "",
    ),
    (
        "Kent Refugee Support",
        "vcse",
        "Miriam Haddad",
        "Support for refugees and asylum seekers, including English classes and a women's group.",
        "",
    ),
    (
        "Swale Family Support",
        "vcse",
        "Natalie Price",
        "Family support workers and parenting groups for families under strain in Sittingbourne and Sheerness.",
        "",
    ),
    ("Sevenoaks District Council", "local_authority", "Julian Ford", "", ""),
    (
        "Kent Fire and Rescue Safe and Well",
        "other_public_body",
        "Steve Cole",
        "~Safe and well visits to vulnerable households; we could refer people to the new service.",
        "",
    ),
    (
        "Tonbridge Mental Health Forum",
        "vcse",
        "Anita Desai",
        "A forum of people who use services and carers in Tonbridge and Malling, who want a say in how the service is designed.",
        "",
    ),
    (
        "West Kent Housing Association",
        "other_provider",
        "Neil Parsons",
        "Eight thousand homes across west Kent; our tenancy sustainment team supports tenants with mental health needs.",
        "",
    ),
    (
        "Medway Voluntary Action",
        "vcse",
        "Paula Green",
        "The infrastructure body for Medway's voluntary sector: we can help small groups get ready to join a delivery network.",
        "",
    ),
    ("Kent Community Foundation", "vcse", "Richard Evans", "", ""),
    (
        "Gravesham Sikh Community Centre",
        "vcse",
        "Harpreet Gill",
        "A community centre with wellbeing groups in Punjabi and English, reaching people services often miss.",
        "",
    ),
    (
        "Healthy Minds Kent",
        "other_provider",
        "Lucy Morgan",
        "Talking therapies provider for Kent; we would like to see clearer routes from therapy into community activity.",
        "",
    ),
    ("Healthy Minds Kent", "other_provider", "Ben Archer", "", ""),
    (
        "Kent Autistic Adults Network",
        "vcse",
        "Emma Shaw",
        "A peer network for autistic adults, many of whom find mainstream groups hard to join.",
        "Arts organisations with quiet, structured sessions.",
    ),
    (
        "Deal Community Kitchen",
        "vcse",
        "Mike Turner",
        "Community meals and cooking groups that bring people together, five days a week.",
        "",
    ),
    ("Tunbridge Wells Borough Council", "local_authority", "Claire Holt", "", ""),
    (
        "Rural Kent Transport",
        "vcse",
        "George Ellis",
        "Community transport for people in villages who cannot get to groups and appointments.",
        "",
    ),
    (
        "Kent Veterans Support",
        "vcse",
        "Ian Cartwright",
        "Support for armed forces veterans with their mental health, housing and work.",
        "",
    ),
    ("Faversham Town Council", "local_authority", "Sandra Blake", "", ""),
    (
        "Kent Young Carers",
        "vcse",
        "Jess Wilson",
        "Support for young carers aged 8 to 18: breaks, clubs and someone to talk to.",
        "",
    ),
    (
        "Shaw Street Partnership",
        "other_provider",
        "Alan Pike",
        "A social enterprise running community cafés and volunteer training in Maidstone.",
        "",
    ),
    (
        "Margate Food Network",
        "vcse",
        "Ruby Carter",
        "Food banks and community pantries in Thanet, with advice sessions alongside.",
        "",
    ),
    (
        "Kent Counselling Collective",
        "other_provider",
        "Dr Samir Aziz",
        "Independent counsellors offering low-cost counselling across Kent.",
        "",
    ),
    (
        "Kent Wildlife Volunteers",
        "vcse",
        "Nina Hart",
        "Conservation volunteering on nature reserves: fresh air, purpose and company.",
        "",
    ),
    ("Kent Pension Advice Network", "vcse", "Derek Small", "", ""),
]
KENT_INVITATION = (
    "I lead the Arts and Culture Team. Kent's new community mental health and wellbeing "
    "service wants arts and cultural organisations in its delivery network, and this event is "
    "the best way to meet the organisations that will bid. I would love you to come."
)

GLOS_INTEREST = [
    (
        "Stroud Valleys Arts",
        (
            "Visual arts studios and outreach in the Five Valleys. We would like to bid for the "
            "chronic pain theme with a mixed-media project for men of working age, co-delivered "
            "with an expert patient."
        ),
        "A pain clinic or physiotherapy team to work with.",
    ),
    (
        "Breathe Sing Gloucestershire",
        (
            "Singing for lung health: groups for people with COPD and asthma, led by trained "
            "singing leaders with respiratory physiotherapists."
        ),
        "",
    ),
]
GLOS_FIRST_ATTENDEES = [
    "Stroud Valleys Arts",
    "Cheltenham Chamber Music Outreach",
    "Forest of Dean Storytellers",
    "Gloucester Docks Theatre",
    "Cotswold Craft Guild Outreach",
    "Tewkesbury Abbey Singers",
    "Breathe Sing Gloucestershire",
    "Gloucestershire Dementia Dance",
    "Severn Vale Film Club",
    "Dursley Art Studio",
    "Cheltenham Young Writers",
    "Gloucestershire Museum Makers",
    "Lydney Circus Skills",
]
GLOS_FIRST_OTHERS = [
    ("Gloucestershire Carers Hub", "vcse", "Alison Webb"),
    ("Forest Health Forum", "vcse", "Gareth Price"),
    ("Gloucestershire Diabetes Support Group", "vcse", "Mandy Fox"),
    ("Cheltenham Community Projects", "vcse", "Yusuf Ali"),
    ("Gloucestershire Hospitals NHS Foundation Trust", "nhs_trust", "Dr Kate Moss"),
]
GLOS_QUESTIONS = [
    (
        "Can arts and non-arts organisations bid together?",
        (
            "Yes. Partnership bids are welcome: several of the strongest ideas brought together an "
            "arts organisation and a health or community provider. Name a lead organisation."
        ),
        True,
    ),
    (
        "Do we need evidence from previous NHS work?",
        (
            "No. Evaluations, case studies and participants' feedback from any arts project are "
            "welcome; photos, film and artwork count as evidence."
        ),
        False,
    ),
    (
        "Will Create Gloucestershire help with our bid?",
        (
            "Yes. Create Gloucestershire offers one-to-one support by phone and in person until "
            "the closing date; ask at the event or through its website."
        ),
        False,
    ),
]
GLOS_NOTES = (
    "Thirteen organisations came, most of them arts and cultural. The ICB explained the nine "
    "clinical-pathway themes, bids of up to £15,000 and the two-stage assessment by a panel of "
    "patients, clinicians, commissioners and arts specialists. Create Gloucestershire ran a "
    "bid-writing session: start from the pathway's needs, not from your existing practice; "
    "say how you will know it worked; keep the budget simple. In the afternoon, arts and "
    "non-arts providers met to talk about partnership bids."
)
GLOS_HEARD = (
    "Many arts organisations had not worked with clinical pathways before and were tempted to "
    "bolt existing practice onto a health condition. They asked for more time, for a chance "
    "to meet clinicians before bidding, and for one-to-one help."
)
GLOS_CHANGES = (
    "The cancer and obesity themes will be re-advertised with a clearer description of the "
    "need. The second provider event brings the clinical pathway groups into the room, and "
    "bids have almost three months. Create Gloucestershire's one-to-one support continues "
    "until the closing date."
)


def _at(days: int, hour: int, minute: int = 0) -> datetime.datetime:
    day = timezone.localdate() + datetime.timedelta(days=days)
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour, minute)))


def _organisation(name: str) -> Organisation:
    return Organisation.objects.select_related("profile").get(name=name)


def _contact(organisation: Organisation) -> tuple[str, str]:
    profile = getattr(organisation, "profile", None)
    if profile is not None and profile.contact_email:
        return profile.contact_name or organisation.name, profile.contact_email
    slug = "".join(c for c in organisation.name.lower() if c.isalnum())[:20]
    return organisation.name, f"hello@{slug}.example.org"


def _email(person: str, organisation: str) -> str:
    names = person.removeprefix("Dr ").split()
    first = "".join(c for c in names[0].lower() if c.isalpha())
    org = "".join(c for c in organisation.lower() if c.isalnum())[:18]
    return f"{first}@{org}.example.org"


def _arts_paragraph(organisation: Organisation) -> str:
    profile = organisation.profile
    return (
        f"{profile.summary} We can help people connect to their communities and feel less "
        f"lonely, and we would like to be part of the delivery network."
    )


def _kent(organiser: User, provider_user: User) -> Event:
    programme = Programme.objects.get(name="Community mental health and wellbeing service")
    opportunity = Opportunity.objects.filter(
        programme=programme, title="Community mental health and wellbeing service"
    ).first()
    event = events.event_create(
        actor=organiser,
        organisation=programme.organisation,
        programme=programme,
        opportunity=opportunity,
        kind="market_engagement",
        title=KENT_TITLE,
        description=KENT_DESCRIPTION,
        agenda=KENT_AGENDA,
        starts_at=_at(12, 10),
        ends_at=_at(12, 15, 30),
        venue_name="Kent History and Library Centre",
        venue_address="James Whatman Way, Maidstone",
        venue_postcode="ME14 1LQ",
        venue_accessibility=(
            "Step-free access throughout, hearing loop in the main hall, accessible toilets "
            "on every floor, a quiet room, and blue-badge parking at the door."
        ),
        capacity=100,
        audience="anyone",
    )
    event = events.event_publish(actor=organiser, event=event)
    matching = [
        profile.organisation
        for profile in selectors.matching_providers_for_event(event=event).filter(
            organisation__name__in=[name for name, _, _ in KENT_ARTS]
        )
    ]
    invitations.invitations_send(
        actor=organiser, event=event, organisations=matching, message=KENT_INVITATION
    )
    outcomes = list(OutcomeArea.objects.filter(name__in=["Mental health", "Wellbeing"]))
    for name, partners, note in KENT_ARTS:
        organisation = _organisation(name)
        if name == "Medway Maker Theatre":
            registration = registrations.registration_create(
                actor=provider_user, event=event, organisation=organisation
            )
            actor = provider_user
        else:
            person, email = _contact(organisation)
            registration = registrations.registration_add(
                actor=organiser,
                event=event,
                name=person,
                email=email,
                organisation_name=name,
                organisation=organisation,
                notify=False,
            )
            actor = None
        profiles.profile_save(
            actor=actor,
            registration=registration,
            about=_arts_paragraph(organisation),
            consent=True,
            looking_for_partners=partners,
            partner_note=note,
            outcome_areas=outcomes,
        )
    for organisation_name, type_, person, said, wanted in KENT_OTHERS:
        registration = registrations.registration_add(
            actor=organiser,
            event=event,
            name=person,
            email=_email(person, organisation_name),
            organisation_name=organisation_name,
            organisation_type=type_,
            notify=False,
        )
        if said:
            profiles.profile_save(
                actor=None,
                registration=registration,
                about=said.lstrip("~"),
                consent=not said.startswith("~"),
                looking_for_partners=bool(wanted),
                partner_note=wanted,
                outcome_areas=outcomes[:1],
            )
    return event


def _glos_first(organiser: User, programme: Programme, opportunity: Opportunity | None) -> Event:
    event = events.event_create(
        actor=organiser,
        organisation=programme.organisation,
        programme=programme,
        opportunity=opportunity,
        kind="training",
        title=GLOS_FIRST_TITLE,
        description=GLOS_FIRST_DESCRIPTION,
        agenda=(
            "10:00 The innovation grants and the nine clinical-pathway themes\n"
            "10:45 Writing a proportionate bid, with Create Gloucestershire\n"
            "11:45 How bids are assessed and projects evaluated\n"
            "12:30 Lunch\n"
            "13:15 Networking: arts and health partners\n"
            "14:30 Close"
        ),
        starts_at=_at(-20, 10),
        ends_at=_at(-20, 14, 30),
        venue_name="Museum in the Park",
        venue_address="Stratford Park, Stratford Road, Stroud",
        venue_postcode="GL5 4AF",
        venue_accessibility="Step-free access to the ground floor and the learning room; a lift to the galleries; accessible toilet.",
        capacity=40,
    )
    event = events.event_publish(actor=organiser, event=event)
    attendees = []
    for name in GLOS_FIRST_ATTENDEES:
        organisation = _organisation(name)
        person, email = _contact(organisation)
        attendees.append(
            registrations.registration_add(
                actor=organiser,
                event=event,
                name=person,
                email=email,
                organisation_name=name,
                organisation=organisation,
                notify=False,
            )
        )
    for organisation_name, type_, person in GLOS_FIRST_OTHERS:
        attendees.append(
            registrations.registration_add(
                actor=organiser,
                event=event,
                name=person,
                email=_email(person, organisation_name),
                organisation_name=organisation_name,
                organisation_type=type_,
                notify=False,
            )
        )
    # Thirteen organisations came, as in the report; the others did not.
    came = set(GLOS_FIRST_ATTENDEES[:11]) | {
        "Gloucestershire Carers Hub",
        "Gloucestershire Hospitals NHS Foundation Trust",
    }
    for registration in attendees:
        if registration.organisation_name in came:
            registrations.attendance_record(
                actor=organiser, registration=registration, attended=True
            )
    events.event_mark_held(actor=organiser, event=event)
    materials.material_add(
        actor=organiser, event=event, kind="notes", title="Notes of the day", body=GLOS_NOTES
    )
    for question, answer, _ in GLOS_QUESTIONS:
        materials.event_question_add(actor=organiser, event=event, question=question, answer=answer)
    materials.materials_publish(actor=organiser, event=event)
    if opportunity is not None and opportunity.status == "published":
        for item, (_, _, copy) in zip(
            event.questions.order_by("position"), GLOS_QUESTIONS, strict=True
        ):
            if copy:
                materials.event_question_copy_to_clarifications(actor=organiser, item=item)
    events.event_summary_save(actor=organiser, event=event, heard=GLOS_HEARD, changes=GLOS_CHANGES)
    return event


def _glos_second(organiser: User, programme: Programme, opportunity: Opportunity | None) -> Event:
    event = events.event_create(
        actor=organiser,
        organisation=programme.organisation,
        programme=programme,
        opportunity=opportunity,
        kind="workshop",
        title=GLOS_SECOND_TITLE,
        description=GLOS_SECOND_DESCRIPTION,
        starts_at=_at(21, 13, 30),
        ends_at=_at(21, 16),
        venue_name="Gloucester Guildhall",
        venue_address="23 Eastgate Street, Gloucester",
        venue_postcode="GL1 1NS",
        venue_accessibility="Step-free entrance on Eastgate Street, lift to all floors, hearing loop, accessible toilets.",
        online_details="Join on Microsoft Teams: https://teams.example.org/glos-arts-health (meeting ID 381 442 907, passcode arts26)",
        capacity=30,
    )
    event = events.event_publish(actor=organiser, event=event)
    for name in (
        "Gloucestershire Dementia Dance",
        "Gloucester Docks Theatre",
        "Cheltenham Young Writers",
        "Gloucestershire Museum Makers",
    ):
        organisation = _organisation(name)
        person, email = _contact(organisation)
        registration = registrations.registration_add(
            actor=organiser,
            event=event,
            name=person,
            email=email,
            organisation_name=name,
            organisation=organisation,
            notify=False,
        )
        profiles.profile_save(
            actor=None,
            registration=registration,
            about=(
                f"{organisation.profile.summary} We are preparing a bid for the second round "
                "and want to hear from clinicians on the pathway."
            ),
            consent=True,
            looking_for_partners=name != "Gloucestershire Museum Makers",
            partner_note="Clinicians or a health charity on the pathway."
            if name != "Gloucestershire Museum Makers"
            else "",
        )
    return event


def _glos_interest(programme: Programme) -> None:
    for name, about, wanted in GLOS_INTEREST:
        organisation = _organisation(name)
        actor = organisation.memberships.select_related("user").first()
        interest = ProgrammeInterest.objects.filter(
            programme=programme, organisation=organisation
        ).first() or profiles.programme_interest_register(
            actor=actor.user if actor else None, programme=programme, organisation=organisation
        )
        profiles.profile_save(
            actor=None,
            interest=interest,
            about=about,
            consent=True,
            looking_for_partners=bool(wanted),
            partner_note=wanted,
            art_forms=ArtForm.objects.filter(pk__in=organisation.profile.art_forms.all()),
        )


@transaction.atomic
def seed() -> str:
    if Event.objects.filter(title=KENT_TITLE).exists():
        return f"{Event.objects.count()} events already there"
    kent_user = User.objects.get(email="commissioner@kent.example.org")
    glos_user = User.objects.get(email="commissioner@gloucestershire.example.org")
    provider_user = User.objects.get(email="provider@example.org")
    kent = _kent(kent_user, provider_user)
    programme = Programme.objects.get(name="Arts and health innovation grants 2026")
    opportunity = Opportunity.objects.filter(
        programme=programme, title="Arts and health innovation grants 2026"
    ).first()
    _glos_interest(programme)
    _glos_first(glos_user, programme, opportunity)
    _glos_second(glos_user, programme, opportunity)
    return (
        f"Kent's market-engagement event ({kent.registrations.count()} registrations) and "
        "Gloucestershire's two provider events"
    )
