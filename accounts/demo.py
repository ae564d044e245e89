"""Demo organisations and people, drawn from the Kent and Gloucestershire pilots in the NEF report
*The Art of Commissioning* (2016). The four public bodies are real; every arts organisation is
fictional, and its charity or company number is outside the ranges the registers have issued."""

from __future__ import annotations

import secrets

from django.conf import settings
from django.db import transaction

from accounts.constants import MembershipRole, OrganisationType
from accounts.models import Membership, Organisation, User

DEMO_PASSWORD = "culture-demo-2026"  # noqa: S105 - printed and set only when DEBUG is on

DEMO_ACCOUNTS = [
    ("admin@example.org", "Platform admin"),
    ("commissioner@kent.example.org", "Commissioner, Kent County Council"),
    ("commissioner@gloucestershire.example.org", "Commissioner, NHS Gloucestershire ICB"),
    ("provider@example.org", "Provider, Medway Maker Theatre (arts organisation)"),
    ("broker@example.org", "Infrastructure, Create Gloucestershire"),
    ("panel@example.org", "Panel member with lived experience (no organisation)"),
]

PUBLIC_BODIES = [
    (
        "Kent County Council",
        OrganisationType.LOCAL_AUTHORITY,
        "Sessions House, County Road, Maidstone",
        "ME14 1XQ",
        "https://www.kent.gov.uk",
        (
            "The county council for Kent. Its public health and community support commissioners "
            "brought arts and culture into a £4m community mental health and wellbeing service."
        ),
    ),
    (
        "NHS Gloucestershire Integrated Care Board",
        OrganisationType.INTEGRATED_CARE_BOARD,
        "Sanger House, 5220 Valiant Court, Gloucester Business Park, Brockworth, Gloucester",
        "GL3 4FE",
        "https://www.nhsglos.nhs.uk",
        (
            "Commissions NHS services for Gloucestershire; successor to the clinical commissioning "
            "group that ran the £150k arts and health innovation grants across nine clinical themes."
        ),
    ),
    (
        "Create Gloucestershire",
        OrganisationType.BROKER,
        "Gloucester",
        "GL1 1AA",
        "",
        (
            "Arts development organisation that brokers partnerships between arts and cultural "
            "organisations and commissioners in Gloucestershire."
        ),
    ),
    (
        "Gloucestershire VCS Alliance",
        OrganisationType.UMBRELLA,
        "Gloucester",
        "GL1 2AA",
        "",
        "The voice of the voluntary and community sector in Gloucestershire.",
    ),
]

# (name, type, town, postcode, what they do)
ARTS_ORGANISATIONS = [
    (
        "Medway Maker Theatre",
        "arts_cultural",
        "Chatham",
        "ME4 4AA",
        "Community theatre and playmaking with young people and older people in Medway.",
    ),
    (
        "Thanet Tidal Dance",
        "arts_cultural",
        "Margate",
        "CT9 1AB",
        "Contemporary dance for people living with Parkinson's and their carers.",
    ),
    (
        "Canterbury Cathedral Choirs Outreach",
        "vcse",
        "Canterbury",
        "CT1 2AA",
        "Community singing groups for people living with dementia.",
    ),
    (
        "Folkestone Harbour Arts",
        "arts_cultural",
        "Folkestone",
        "CT20 1AA",
        "Visual arts workshops by the sea for adults with mental health needs.",
    ),
    (
        "Dover Stories Heritage Trust",
        "vcse",
        "Dover",
        "CT16 1AA",
        "Oral history and heritage projects that connect generations.",
    ),
    (
        "Ashford Community Film",
        "vcse",
        "Ashford",
        "TN23 1AA",
        "Film-making with young people not in education, employment or training.",
    ),
    (
        "Sevenoaks Poetry Exchange",
        "freelance",
        "Sevenoaks",
        "TN13 1AA",
        "Poet running writing-for-wellbeing groups in libraries and care homes.",
    ),
    (
        "Tunbridge Wells Music for Health",
        "arts_cultural",
        "Royal Tunbridge Wells",
        "TN1 1AA",
        "Musicians in hospital wards and hospices.",
    ),
    (
        "Maidstone Museum Friends",
        "vcse",
        "Maidstone",
        "ME14 1AA",
        "Object handling and reminiscence sessions for older people.",
    ),
    (
        "Swale Clay Collective",
        "arts_cultural",
        "Sittingbourne",
        "ME10 1AA",
        "Ceramics studio offering social prescribing courses.",
    ),
    (
        "Gravesham Carnival Arts",
        "vcse",
        "Gravesend",
        "DA11 0AA",
        "Carnival costume-making and outdoor performance with families.",
    ),
    (
        "Dartford Digital Makers",
        "arts_cultural",
        "Dartford",
        "DA1 1AA",
        "Digital arts and game design clubs for young people.",
    ),
    (
        "Tonbridge Print Studio",
        "arts_cultural",
        "Tonbridge",
        "TN9 1AA",
        "Printmaking for adults recovering from drug and alcohol use.",
    ),
    (
        "Whitstable Sea Shanty Collective",
        "vcse",
        "Whitstable",
        "CT5 1AA",
        "Men's singing group tackling loneliness and isolation.",
    ),
    (
        "Kent Creative Ageing Network",
        "vcse",
        "Maidstone",
        "ME15 6AA",
        "Network of artists working in care homes across Kent.",
    ),
    (
        "Ramsgate Photography Project",
        "freelance",
        "Ramsgate",
        "CT11 9AA",
        "Photographer running participatory projects with refugees.",
    ),
    (
        "Deal Library Players",
        "vcse",
        "Deal",
        "CT14 6AA",
        "Reading aloud and drama groups in libraries.",
    ),
    (
        "Faversham Puppet Company",
        "arts_cultural",
        "Faversham",
        "ME13 7AA",
        "Puppetry for children in hospital and their families.",
    ),
    (
        "Herne Bay Craft Circle",
        "vcse",
        "Herne Bay",
        "CT6 5AA",
        "Craft groups for carers, with respite built in.",
    ),
    (
        "Sheppey Young Voices",
        "vcse",
        "Sheerness",
        "ME12 1AA",
        "Youth choir and songwriting for young people's mental health.",
    ),
    (
        "Medway Mural Makers",
        "freelance",
        "Rochester",
        "ME1 1AA",
        "Public art and murals co-designed with neighbourhoods.",
    ),
    (
        "West Kent Dance Well",
        "arts_cultural",
        "Sevenoaks",
        "TN14 5AA",
        "Dance classes to prevent falls among older people.",
    ),
    (
        "Stroud Valleys Arts",
        "arts_cultural",
        "Stroud",
        "GL5 1AA",
        "Visual arts, crafts and festivals rooted in the Stroud valleys.",
    ),
    (
        "Cheltenham Chamber Music Outreach",
        "arts_cultural",
        "Cheltenham",
        "GL50 1AA",
        "Chamber musicians playing with people with long-term conditions.",
    ),
    (
        "Forest of Dean Storytellers",
        "vcse",
        "Coleford",
        "GL16 8AA",
        "Storytelling walks and heritage for mental wellbeing.",
    ),
    (
        "Gloucester Docks Theatre",
        "arts_cultural",
        "Gloucester",
        "GL1 2EH",
        "Theatre-in-health projects with young people and schools.",
    ),
    (
        "Cotswold Craft Guild Outreach",
        "vcse",
        "Cirencester",
        "GL7 1AA",
        "Traditional crafts for people with chronic pain.",
    ),
    (
        "Tewkesbury Abbey Singers",
        "vcse",
        "Tewkesbury",
        "GL20 5AA",
        "Singing for lung health (breathing and singing groups).",
    ),
    (
        "Breathe Sing Gloucestershire",
        "vcse",
        "Gloucester",
        "GL2 0AA",
        "Singing for people with COPD and other lung conditions.",
    ),
    (
        "Gloucestershire Dementia Dance",
        "arts_cultural",
        "Cheltenham",
        "GL51 3AA",
        "Dance sessions for people living with dementia and their carers.",
    ),
    (
        "Severn Vale Film Club",
        "vcse",
        "Gloucester",
        "GL4 3AA",
        "Film screenings and film-making with socially isolated adults.",
    ),
    (
        "Dursley Art Studio",
        "freelance",
        "Dursley",
        "GL11 4AA",
        "Artist offering art therapy-informed groups for cancer survivors.",
    ),
    (
        "Cheltenham Young Writers",
        "vcse",
        "Cheltenham",
        "GL52 2AA",
        "Creative writing for young people's mental health.",
    ),
    (
        "Gloucestershire Museum Makers",
        "arts_cultural",
        "Gloucester",
        "GL1 1HP",
        "Museum collections used for reminiscence and learning.",
    ),
    (
        "Lydney Circus Skills",
        "vcse",
        "Lydney",
        "GL15 5AA",
        "Circus skills to build confidence and physical activity in young people.",
    ),
    (
        "Nailsworth Textile Collective",
        "vcse",
        "Nailsworth",
        "GL6 0AA",
        "Textile arts for people with diabetes, combined with healthy living.",
    ),
    (
        "Stonehouse Community Arts",
        "vcse",
        "Stonehouse",
        "GL10 2AA",
        "Open-access arts sessions in community centres.",
    ),
    (
        "Winchcombe Heritage Walks",
        "freelance",
        "Winchcombe",
        "GL54 5AA",
        "Heritage walks and sketching for weight management groups.",
    ),
    (
        "Gloucestershire Carers' Choir",
        "vcse",
        "Gloucester",
        "GL3 3AA",
        "A choir by and for unpaid carers.",
    ),
    (
        "Cinderford Youth Music",
        "vcse",
        "Cinderford",
        "GL14 2AA",
        "Music production studio for young people at risk of exclusion.",
    ),
    (
        "Kent and Gloucestershire Arts in Health",
        "other_provider",
        "Maidstone",
        "ME16 8AA",
        "A consortium of arts-in-health practitioners working across both counties.",
    ),
    (
        "Margate Creative Recovery",
        "arts_cultural",
        "Margate",
        "CT9 2AA",
        "Arts on prescription for people with depression and anxiety.",
    ),
]


def _password_for(user: User) -> None:
    if settings.DEBUG:
        user.set_password(DEMO_PASSWORD)
    else:
        user.set_password(secrets.token_urlsafe(32))
        user.set_unusable_password()


def _user(email: str, full_name: str, *, staff: bool = False) -> User:
    from allauth.account.models import EmailAddress  # noqa: PLC0415

    user, _ = User.objects.get_or_create(
        email=email, defaults={"full_name": full_name, "is_staff": staff, "is_superuser": staff}
    )
    _password_for(user)
    user.save()
    EmailAddress.objects.update_or_create(
        user=user, email=email, defaults={"verified": True, "primary": True}
    )
    return user


def _organisation(name: str, type_: str, **fields: str) -> Organisation:
    from accounts.constants import KIND_BY_TYPE  # noqa: PLC0415

    organisation, _ = Organisation.objects.update_or_create(
        name=name, defaults={"type": type_, "kind": KIND_BY_TYPE[type_], **fields}
    )
    return organisation


def _member(user: User, organisation: Organisation, role: str = MembershipRole.ADMIN) -> None:
    Membership.objects.get_or_create(user=user, organisation=organisation, defaults={"role": role})


def demo_account(email: str, full_name: str, organisation: Organisation | None = None) -> User:
    """A demo sign-in made the same way as this module's own (password only when DEBUG is on),
    for other apps' demo data; an admin of `organisation` when one is given. List it in that
    app's demo DEMO_ACCOUNTS so seed_demo prints it."""
    user = _user(email, full_name)
    if organisation is not None:
        _member(user, organisation)
    return user


@transaction.atomic
def seed() -> str:
    bodies = {}
    for name, type_, address, postcode, website, description in PUBLIC_BODIES:
        bodies[name] = _organisation(
            name,
            type_,
            address=address,
            postcode=postcode,
            website=website,
            description=description,
        )
    arts = []
    for index, (name, type_, town, postcode, description) in enumerate(ARTS_ORGANISATIONS):
        identifiers = {}
        if type_ in ("arts_cultural", "vcse"):
            identifiers["charity_number"] = f"{9000001 + index}"
        if type_ in ("arts_cultural", "other_provider"):
            identifiers["company_number"] = f"{99000001 + index}"
        arts.append(
            _organisation(
                name,
                type_,
                address=town,
                postcode=postcode,
                description=description,
                **identifiers,
            )
        )

    _user("admin@example.org", "Priya Shah", staff=True)
    _member(_user("commissioner@kent.example.org", "Jo Marsh"), bodies["Kent County Council"])
    _member(
        _user("commissioner@gloucestershire.example.org", "Sam Okafor"),
        bodies["NHS Gloucestershire Integrated Care Board"],
    )
    _member(_user("provider@example.org", "Alex Reed"), arts[0])
    _member(_user("broker@example.org", "Morgan Hale"), bodies["Create Gloucestershire"])
    _user("panel@example.org", "Pat Green")
    return f"{len(bodies) + len(arts)} organisations, {len(DEMO_ACCOUNTS)} demo accounts"
