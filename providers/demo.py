"""Full directory profiles for the demo arts organisations in accounts.demo (all fictional).

Built through the services, so the audit trail and the search index are what real use makes:
the demo provider admin (provider@example.org) edits Medway Maker Theatre; everything else is
done by the system (no actor). Idempotent: a second run changes nothing.
"""

from __future__ import annotations

import datetime
import re
from typing import Any

from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone

from accounts.models import Organisation, User
from commissioning.models import Area, ArtForm, BeneficiaryGroup, OutcomeArea
from providers.constants import DocumentKind, SupportNeed
from providers.models import ProviderDocument, ProviderProfile
from providers.services import documents as document_services
from providers.services import profiles as profile_services

DEMO_PROVIDER_EMAIL = "provider@example.org"
DEMO_PROVIDER_ORGANISATION = "Medway Maker Theatre"

# The district (or unitary) each demo organisation's town lies in.
TOWN_AREAS = {
    "Chatham": "Medway",
    "Rochester": "Medway",
    "Margate": "Thanet",
    "Ramsgate": "Thanet",
    "Canterbury": "Canterbury",
    "Whitstable": "Canterbury",
    "Herne Bay": "Canterbury",
    "Folkestone": "Folkestone and Hythe",
    "Dover": "Dover",
    "Deal": "Dover",
    "Ashford": "Ashford",
    "Sevenoaks": "Sevenoaks",
    "Royal Tunbridge Wells": "Tunbridge Wells",
    "Maidstone": "Maidstone",
    "Sittingbourne": "Swale",
    "Faversham": "Swale",
    "Sheerness": "Swale",
    "Gravesend": "Gravesham",
    "Dartford": "Dartford",
    "Tonbridge": "Tonbridge and Malling",
    "Stroud": "Stroud",
    "Dursley": "Stroud",
    "Nailsworth": "Stroud",
    "Stonehouse": "Stroud",
    "Cheltenham": "Cheltenham",
    "Gloucester": "Gloucester",
    "Coleford": "Forest of Dean",
    "Lydney": "Forest of Dean",
    "Cinderford": "Forest of Dean",
    "Cirencester": "Cotswold",
    "Tewkesbury": "Tewkesbury",
    "Winchcombe": "Tewkesbury",
}
KENT = "E10000016"
GLOUCESTERSHIRE = "E10000013"

# Funders that recur in the track records.
KCC_INNOVATION = "Kent County Council innovation grant"
ACE_PROJECT = "Arts Council England project grant"
NHS_GLOS_2016 = "NHS Gloucestershire arts and health innovation grant"
LOTTERY = "National Lottery Community Fund"
HERITAGE_FUND = "National Lottery Heritage Fund"
PUBLIC_HEALTH_KENT = "Kent County Council public health (spot purchase)"
GLOS_COUNTY = "Gloucestershire County Council"
MEDWAY_COUNCIL = "Medway Council"

# name: the profile. Keys: summary, legal_form, vcse, sme, founded, staff, turnover, volunteers,
# contact, safeguarding, art_forms, outcomes, beneficiaries, settings, extra_areas, activities
# (name, description, who for, eligibility, cost, where), venue (name, address, postcode,
# accessibility), track (funder, year, value band, description), evidence (title, summary,
# link), support, listed, documents (kind: days until expiry; negative = expired).
PROFILES: dict[str, dict[str, Any]] = {
    "Medway Maker Theatre": {
        "summary": "Community theatre and playmaking with young people and older people in Medway, building confidence and friendships across generations.",
        "legal_form": "charitable_company",
        "founded": 2009,
        "staff": "1_9",
        "turnover": "100k_500k",
        "volunteers": "10_49",
        "contact": ("Alex Reed", DEMO_PROVIDER_EMAIL),
        "safeguarding": "Dana Whitfield",
        "art_forms": ["theatre"],
        "outcomes": [
            "wellbeing",
            "education-and-learning",
            "inclusion-participation-and-community-cohesion",
        ],
        "beneficiaries": [
            "children-and-young-people",
            "older-people",
            "people-who-are-socially-isolated-or-lonely",
        ],
        "settings": ["theatres", "schools", "community_centres", "care_homes"],
        "activities": [
            (
                "Intergenerational playmaking",
                "Young people and older residents write and stage a new play together over ten weeks, ending with a performance at the Brook Theatre.",
                "Young people aged 11 to 18 and people over 65",
                "Open to all; no experience needed",
                "Free",
                "Community centres in Chatham and Gillingham",
            ),
            (
                "Youth theatre",
                "Weekly drama sessions where young people make their own work, with a mentoring route into technical theatre.",
                "Young people aged 11 to 18",
                "Self-referral or referral from schools and early help",
                "£2 a session, free for anyone who needs it",
                "Chatham",
            ),
            (
                "Drama in care homes",
                "Reminiscence drama and short performances brought into care homes, shaped by residents' own stories.",
                "Residents of care homes",
                "Booked by the care home",
                "From £120 a visit",
                "Care homes across Medway",
            ),
        ],
        "venue": (
            "Maker Studio",
            "12 Military Road, Chatham",
            "ME4 4AA",
            "Step-free access, hearing loop, accessible toilet.",
        ),
        "track": [
            (
                KCC_INNOVATION,
                2019,
                "10k_50k",
                "Re-granted by a strategic partner of the community mental health and wellbeing service.",
            ),
            (
                ACE_PROJECT,
                2022,
                "10k_50k",
                "Intergenerational playmaking across three Medway towns.",
            ),
            (
                MEDWAY_COUNCIL,
                2024,
                "under_10k",
                "Holiday activities and food programme drama sessions.",
            ),
        ],
        "evidence": [
            (
                "Our Stories, Our Stage: evaluation 2023",
                "Participants' SWEMWBS scores rose by an average of 2.8 points; 87% said they had made a new friend.",
                "https://example.org/medway-maker-theatre/our-stories-evaluation",
            ),
        ],
        "support": ["bid_writing", "evaluation"],
        "documents": {"public_liability": 240, "safeguarding_policy": 300, "dbs_policy": 300},
    },
    "Thanet Tidal Dance": {
        "summary": "Contemporary dance for people living with Parkinson's and their carers in Margate and across Thanet.",
        "legal_form": "cio",
        "founded": 2014,
        "staff": "1_9",
        "turnover": "10k_100k",
        "volunteers": "1_9",
        "contact": ("Marina Costa", "marina.costa@example.org"),
        "safeguarding": "Helen Barker",
        "art_forms": ["dance"],
        "outcomes": ["physical-health", "wellbeing"],
        "beneficiaries": ["people-with-long-term-conditions", "carers", "older-people"],
        "settings": ["community_centres", "theatres"],
        "activities": [
            (
                "Dance for Parkinson's",
                "Weekly contemporary dance classes designed with physiotherapists to help balance, posture and confidence, with live piano.",
                "People living with Parkinson's and their carers",
                "Self-referral or via the Parkinson's nurse",
                "£4 a class; carers free",
                "Margate",
            ),
            (
                "Seated dance on the seafront",
                "Gentle seated dance and music for people with limited mobility.",
                "Older people with limited mobility",
                "Open to all",
                "Free",
                "Cliftonville community hall",
            ),
        ],
        "venue": (
            "Tidal Studio",
            "3 Harbour Parade, Margate",
            "CT9 1AB",
            "Step-free, accessible toilet, parking for blue badge holders.",
        ),
        "track": [(ACE_PROJECT, 2021, "under_10k", "Dance for Parkinson's pilot.")],
        "evidence": [
            (
                "Moving with Parkinson's",
                "A case study of a participant who returned to the class after a fall and now leads the warm-up.",
                "https://example.org/thanet-tidal-dance/case-study",
            )
        ],
        "support": ["health_services", "evaluation"],
        "documents": {"public_liability": 12, "safeguarding_policy": 280},
    },
    "Canterbury Cathedral Choirs Outreach": {
        "summary": "Community singing groups for people living with dementia and those who care for them, led by professional singers.",
        "legal_form": "cio",
        "founded": 2011,
        "staff": "1_9",
        "turnover": "10k_100k",
        "volunteers": "10_49",
        "contact": ("Ruth Ellison", "ruth.ellison@example.org"),
        "safeguarding": "Peter Hume",
        "art_forms": ["music"],
        "outcomes": ["wellbeing", "mental-health"],
        "beneficiaries": ["people-living-with-dementia", "carers"],
        "settings": ["community_centres", "care_homes"],
        "activities": [
            (
                "Singing for memory",
                "A fortnightly singing group with familiar songs, tea and conversation for people with a diagnosis and their carers.",
                "People living with dementia and their carers",
                "Open to all; referral from the memory clinic welcome",
                "Free",
                "Canterbury",
            ),
        ],
        "venue": (
            "Precincts Hall",
            "The Precincts, Canterbury",
            "CT1 2EH",
            "Step-free access through the garden gate.",
        ),
        "track": [(KCC_INNOVATION, 2018, "under_10k", "Singing groups in two care homes.")],
        "support": ["bid_writing"],
        "documents": {"public_liability": 200, "safeguarding_policy": 200},
    },
    "Folkestone Harbour Arts": {
        "summary": "Visual arts workshops by the sea for adults with mental health needs, with referrals from community mental health teams.",
        "legal_form": "cic",
        "founded": 2015,
        "staff": "1_9",
        "turnover": "10k_100k",
        "volunteers": "1_9",
        "contact": ("Jonah Pike", "jonah.pike@example.org"),
        "safeguarding": "Carys Morgan",
        "art_forms": ["visual-arts"],
        "outcomes": ["mental-health", "wellbeing"],
        "beneficiaries": ["people-with-mental-health-needs"],
        "settings": ["community_centres", "outdoors"],
        "activities": [
            (
                "Harbour Studio",
                "Painting, printmaking and drawing in a light-filled studio on the harbour arm, ten weeks at a time.",
                "Adults with mental health needs",
                "Referral from a GP, social prescriber or mental health team",
                "Free",
                "Folkestone harbour",
            ),
        ],
        "track": [(PUBLIC_HEALTH_KENT, 2020, "10k_50k", "Arts on prescription places.")],
        "evidence": [
            (
                "Ten weeks at the Harbour Studio",
                "Before-and-after WEMWBS scores for 64 people referred in 2023.",
                "https://example.org/folkestone-harbour-arts/ten-weeks",
            )
        ],
        "support": ["mhfa", "evaluation"],
        "documents": {"public_liability": 330, "safeguarding_policy": 21},
    },
    "Dover Stories Heritage Trust": {
        "summary": "Oral history and heritage projects that connect generations in Dover and Deal.",
        "legal_form": "charitable_company",
        "founded": 2006,
        "staff": "1_9",
        "turnover": "10k_100k",
        "volunteers": "50_plus",
        "contact": ("Gwen Harper", "gwen.harper@example.org"),
        "safeguarding": "Imran Qureshi",
        "art_forms": ["heritage", "museums"],
        "outcomes": ["inclusion-participation-and-community-cohesion", "education-and-learning"],
        "beneficiaries": ["older-people", "children-and-young-people"],
        "settings": ["schools", "museums", "libraries"],
        "activities": [
            (
                "Voices of the White Cliffs",
                "Pupils record the memories of older residents and turn them into a podcast and an exhibition.",
                "Primary school pupils and older people",
                "Schools book a term",
                "Free to schools",
                "Schools in Dover district",
            ),
        ],
        "track": [
            (HERITAGE_FUND, 2019, "50k_250k", "Voices of the White Cliffs oral history project.")
        ],
        "support": ["bid_writing"],
        "documents": {"public_liability": 150, "safeguarding_policy": 150},
    },
    "Ashford Community Film": {
        "summary": "Film-making with young people not in education, employment or training, leading to qualifications and paid work.",
        "legal_form": "cic",
        "founded": 2016,
        "staff": "1_9",
        "turnover": "10k_100k",
        "volunteers": "1_9",
        "contact": ("Kieran Doyle", "kieran.doyle@example.org"),
        "safeguarding": "Fatima Begum",
        "art_forms": ["film-and-media"],
        "outcomes": ["employment-and-training", "education-and-learning"],
        "beneficiaries": ["children-and-young-people", "unemployed-people"],
        "settings": ["community_centres"],
        "activities": [
            (
                "Lights, Camera, Work",
                "A twelve-week film-making course with an accredited Bronze Arts Award and work placements with local media companies.",
                "Young people aged 16 to 24 not in work or education",
                "Referral from Jobcentre Plus, youth services or self-referral",
                "Free",
                "Ashford",
            ),
        ],
        "track": [(KCC_INNOVATION, 2021, "10k_50k", "Employability film-making course.")],
        "support": ["bid_writing", "safeguarding"],
        "documents": {"public_liability": 90, "safeguarding_policy": 90},
    },
    "Sevenoaks Poetry Exchange": {
        "summary": "A poet running writing-for-wellbeing groups in libraries and care homes around Sevenoaks.",
        "legal_form": "sole_trader",
        "founded": 2017,
        "staff": "0",
        "turnover": "under_10k",
        "volunteers": "0",
        "contact": ("Laurence Ashby", "laurence.ashby@example.org"),
        "safeguarding": "Laurence Ashby",
        "art_forms": ["literature"],
        "outcomes": ["wellbeing", "mental-health"],
        "beneficiaries": ["older-people", "people-in-care-homes"],
        "settings": ["libraries", "care_homes"],
        "activities": [
            (
                "Writing for wellbeing",
                "Six gentle sessions of reading and writing poems together; no experience needed.",
                "Adults of any age",
                "Open to all",
                "£3 a session",
                "Sevenoaks library",
            ),
            (
                "Poems at home",
                "A poet visits care homes to read and write with residents, one to one or in small groups.",
                "Residents of care homes",
                "Booked by the care home",
                "£80 a visit",
                "Care homes in Sevenoaks district",
            ),
        ],
        "support": ["bid_writing", "evaluation", "safeguarding"],
        "documents": {"public_liability": 60},
    },
    "Tunbridge Wells Music for Health": {
        "summary": "Professional musicians playing on hospital wards and in hospices, for patients, families and staff.",
        "legal_form": "charitable_company",
        "founded": 2008,
        "staff": "10_49",
        "turnover": "100k_500k",
        "volunteers": "10_49",
        "contact": ("Sophie Tran", "sophie.tran@example.org"),
        "safeguarding": "Graham Lowe",
        "art_forms": ["music"],
        "outcomes": ["wellbeing", "physical-health"],
        "beneficiaries": ["people-with-long-term-conditions", "older-people", "families"],
        "settings": ["hospitals"],
        "activities": [
            (
                "Music on the wards",
                "Musicians visit hospital wards twice a week, playing requests and improvising with patients.",
                "Patients, families and staff",
                "Arranged with the ward",
                "Free to patients; commissioned by the trust",
                "Hospital wards in Tunbridge Wells and Pembury",
            ),
            (
                "Hospice music",
                "Music-making and song-writing with people at the end of life and their families.",
                "People receiving palliative care and their families",
                "Through the hospice team",
                "Free",
                "Hospices in West Kent",
            ),
        ],
        "track": [
            (
                "Maidstone and Tunbridge Wells NHS Trust",
                2022,
                "50k_250k",
                "Three-year music on the wards contract.",
            ),
            (ACE_PROJECT, 2017, "10k_50k", "Hospice song-writing."),
        ],
        "evidence": [
            (
                "Music on the wards: staff survey",
                "91% of ward staff said the visits calmed distressed patients.",
                "https://example.org/tw-music-for-health/staff-survey",
            )
        ],
        "support": ["evaluation"],
        "documents": {
            "public_liability": 365,
            "safeguarding_policy": 365,
            "dbs_policy": 365,
            "accounts": 200,
        },
    },
    "Maidstone Museum Friends": {
        "summary": "Object handling and reminiscence sessions for older people, using the museum's collections.",
        "legal_form": "unincorporated",
        "founded": 1998,
        "staff": "0",
        "turnover": "under_10k",
        "volunteers": "10_49",
        "contact": ("Barbara Quinn", "barbara.quinn@example.org"),
        "safeguarding": "Derek Price",
        "art_forms": ["museums", "heritage"],
        "outcomes": ["wellbeing", "inclusion-participation-and-community-cohesion"],
        "beneficiaries": ["older-people", "people-living-with-dementia"],
        "settings": ["museums", "care_homes"],
        "activities": [
            (
                "Memories in a box",
                "Volunteers bring handling boxes of everyday objects from the 1950s to 1970s to spark conversation.",
                "Older people, including people with dementia",
                "Open to all; care homes can book",
                "Free",
                "Maidstone Museum and care homes",
            ),
        ],
        "support": ["safeguarding", "bid_writing"],
        "documents": {"public_liability": 180},
    },
    "Swale Clay Collective": {
        "summary": "A ceramics studio offering social prescribing courses in Sittingbourne for people who are lonely or low.",
        "legal_form": "cic",
        "founded": 2018,
        "staff": "1_9",
        "turnover": "10k_100k",
        "volunteers": "1_9",
        "contact": ("Nadia Rahman", "nadia.rahman@example.org"),
        "safeguarding": "Tom Fielding",
        "art_forms": ["crafts", "visual-arts"],
        "outcomes": ["mental-health", "wellbeing"],
        "beneficiaries": [
            "people-who-are-socially-isolated-or-lonely",
            "people-with-mental-health-needs",
        ],
        "settings": ["community_centres"],
        "activities": [
            (
                "Clay on prescription",
                "An eight-week hand-building and wheel course for people referred by social prescribers.",
                "Adults who are lonely, anxious or low",
                "Referral from a social prescriber or GP",
                "Free when referred",
                "Sittingbourne",
            ),
        ],
        "track": [(KCC_INNOVATION, 2023, "under_10k", "Clay on prescription pilot.")],
        "support": ["health_services", "evaluation"],
        "documents": {"public_liability": 28, "safeguarding_policy": 200},
    },
    "Gravesham Carnival Arts": {
        "summary": "Carnival costume-making and outdoor performance with families in Gravesend.",
        "legal_form": "cio",
        "founded": 2005,
        "staff": "1_9",
        "turnover": "10k_100k",
        "volunteers": "50_plus",
        "contact": ("Chidi Okeke", "chidi.okeke@example.org"),
        "safeguarding": "Harpreet Gill",
        "art_forms": ["carnival-and-outdoor-arts", "crafts"],
        "outcomes": ["inclusion-participation-and-community-cohesion", "wellbeing"],
        "beneficiaries": ["families", "black-asian-and-minority-ethnic-communities"],
        "settings": ["community_centres", "outdoors"],
        "activities": [
            (
                "Carnival workshops",
                "Families design and make costumes and giant puppets for the summer carnival.",
                "Families",
                "Open to all",
                "Free",
                "Gravesend",
            ),
        ],
        "support": ["bid_writing"],
        "documents": {"public_liability": 210, "safeguarding_policy": 210},
    },
    "Dartford Digital Makers": {
        "summary": "Digital arts and game design clubs for young people in Dartford.",
        "legal_form": "clg",
        "founded": 2019,
        "staff": "1_9",
        "turnover": "10k_100k",
        "volunteers": "1_9",
        "contact": ("Ollie Grant", "ollie.grant@example.org"),
        "safeguarding": "Mei Lin",
        "art_forms": ["digital-and-creative-media"],
        "outcomes": ["education-and-learning"],
        "beneficiaries": ["children-and-young-people", "people-with-learning-disabilities"],
        "settings": ["schools", "libraries"],
        "activities": [
            (
                "Game makers club",
                "Young people design and build their own games with professional developers.",
                "Young people aged 11 to 16, including autistic young people",
                "Open to all",
                "£2 a session",
                "Dartford library",
            ),
        ],
        "support": ["safeguarding"],
        "documents": {"public_liability": 120, "safeguarding_policy": 120},
    },
    "Tonbridge Print Studio": {
        "summary": "Printmaking for adults recovering from drug and alcohol use, in partnership with recovery services.",
        "legal_form": "cic",
        "founded": 2013,
        "staff": "1_9",
        "turnover": "10k_100k",
        "volunteers": "1_9",
        "contact": ("Rebecca Shaw", "rebecca.shaw@example.org"),
        "safeguarding": "Mark Ellis",
        "art_forms": ["visual-arts"],
        "outcomes": ["substance-misuse", "mental-health"],
        "beneficiaries": ["people-who-use-drugs-or-alcohol"],
        "settings": ["community_centres"],
        "activities": [
            (
                "Recovery print club",
                "Weekly screen printing and linocut for people in recovery, with peer mentors.",
                "Adults in recovery from drug and alcohol use",
                "Referral from the recovery service",
                "Free",
                "Tonbridge",
            ),
        ],
        "track": [(PUBLIC_HEALTH_KENT, 2021, "10k_50k", "Recovery print club.")],
        "support": ["mhfa"],
        "documents": {"public_liability": 160, "safeguarding_policy": 160},
    },
    "Whitstable Sea Shanty Collective": {
        "summary": "A men's singing group tackling loneliness and isolation, singing sea shanties in Whitstable.",
        "legal_form": "unincorporated",
        "founded": 2012,
        "staff": "0",
        "turnover": "under_10k",
        "volunteers": "10_49",
        "contact": ("Frank Holloway", "frank.holloway@example.org"),
        "safeguarding": "Gareth Lloyd",
        "art_forms": ["music"],
        "outcomes": ["mental-health", "inclusion-participation-and-community-cohesion"],
        "beneficiaries": ["people-who-are-socially-isolated-or-lonely", "older-people"],
        "settings": ["community_centres", "outdoors"],
        "activities": [
            (
                "Shanty nights",
                "Men of all ages meet weekly to sing shanties and work songs; no need to read music.",
                "Men who are lonely or isolated",
                "Open to all",
                "Pay what you can",
                "Whitstable harbour",
            ),
        ],
        "support": ["mhfa", "bid_writing"],
        "documents": {"public_liability": 100},
    },
    "Kent Creative Ageing Network": {
        "summary": "A network of artists working in care homes across Kent, matching homes with trained artists.",
        "legal_form": "cio",
        "founded": 2016,
        "staff": "1_9",
        "turnover": "100k_500k",
        "volunteers": "10_49",
        "contact": ("Joanna Blake", "joanna.blake@example.org"),
        "safeguarding": "Samuel Otieno",
        "art_forms": ["combined-arts", "music", "visual-arts"],
        "outcomes": ["wellbeing", "inclusion-participation-and-community-cohesion"],
        "beneficiaries": ["people-in-care-homes", "people-living-with-dementia", "older-people"],
        "settings": ["care_homes"],
        "extra_areas": ["Canterbury", "Thanet", "Swale", "Ashford", "Dover"],
        "activities": [
            (
                "Artists in residence",
                "Twelve-week residencies in care homes: music, visual art and movement shaped by residents.",
                "Residents of care homes, including people with dementia",
                "Booked by the care home",
                "From £1,800 a residency",
                "Care homes across Kent",
            ),
            (
                "Training for care staff",
                "Half-day training for activity coordinators in running creative sessions.",
                "Care home staff",
                "Open to care providers",
                "£45 a place",
                "Maidstone or online",
            ),
        ],
        "track": [
            (KCC_INNOVATION, 2020, "50k_250k", "Care home residencies across five districts."),
            (ACE_PROJECT, 2018, "10k_50k", "Network development."),
        ],
        "evidence": [
            (
                "Creative care homes report",
                "Findings from 40 residencies: fewer falls on activity days and higher staff satisfaction.",
                "https://example.org/kent-creative-ageing/report",
            )
        ],
        "support": ["evaluation", "health_services"],
        "documents": {
            "public_liability": 300,
            "safeguarding_policy": 300,
            "dbs_policy": 300,
            "accounts": 250,
        },
    },
    "Ramsgate Photography Project": {
        "summary": "A photographer running participatory photography projects with refugees and people seeking asylum.",
        "legal_form": "sole_trader",
        "founded": 2020,
        "staff": "0",
        "turnover": "under_10k",
        "volunteers": "0",
        "contact": ("Leyla Aydin", "leyla.aydin@example.org"),
        "safeguarding": "Leyla Aydin",
        "art_forms": ["photography"],
        "outcomes": ["inclusion-participation-and-community-cohesion", "mental-health"],
        "beneficiaries": ["refugees-and-asylum-seekers"],
        "settings": ["community_centres", "outdoors"],
        "activities": [
            (
                "New Views",
                "Participants learn photography and document their new town, ending with a public exhibition.",
                "Refugees and people seeking asylum",
                "Referral from refugee support charities",
                "Free",
                "Ramsgate",
            ),
        ],
        "support": ["bid_writing", "safeguarding"],
        "listed": False,
        "documents": {},
    },
    "Deal Library Players": {
        "summary": "Reading aloud and drama groups in libraries in Deal, for adults who want company and a good story.",
        "legal_form": "unincorporated",
        "founded": 2010,
        "staff": "0",
        "turnover": "under_10k",
        "volunteers": "10_49",
        "contact": ("Patricia Dunn", "patricia.dunn@example.org"),
        "safeguarding": "Colin Webb",
        "art_forms": ["theatre", "literature", "libraries"],
        "outcomes": ["wellbeing", "inclusion-participation-and-community-cohesion"],
        "beneficiaries": ["older-people", "people-who-are-socially-isolated-or-lonely"],
        "settings": ["libraries"],
        "activities": [
            (
                "Read aloud",
                "A weekly group reading plays and stories aloud, with a performance each season.",
                "Adults of any age",
                "Open to all",
                "Free",
                "Deal library",
            ),
        ],
        "support": ["bid_writing"],
        "documents": {"public_liability": 140},
    },
    "Faversham Puppet Company": {
        "summary": "Puppetry for children in hospital and their families, and touring shows for schools.",
        "legal_form": "clg",
        "founded": 2003,
        "staff": "1_9",
        "turnover": "100k_500k",
        "volunteers": "1_9",
        "contact": ("Ivo Marsh", "ivo.marsh@example.org"),
        "safeguarding": "Alice Kerr",
        "art_forms": ["theatre", "crafts"],
        "outcomes": ["wellbeing", "education-and-learning"],
        "beneficiaries": ["children-and-young-people", "families"],
        "settings": ["hospitals", "schools", "theatres"],
        "activities": [
            (
                "Bedside puppets",
                "Puppeteers visit children's wards with small puppet shows and make puppets with children at the bedside.",
                "Children in hospital and their families",
                "Through the hospital play team",
                "Free to families",
                "Children's wards in Kent",
            ),
        ],
        "track": [(ACE_PROJECT, 2019, "10k_50k", "Bedside puppets tour.")],
        "support": ["health_services"],
        "documents": {"public_liability": 260, "safeguarding_policy": 260, "dbs_policy": 260},
    },
    "Herne Bay Craft Circle": {
        "summary": "Craft groups for unpaid carers in Herne Bay, with respite built in.",
        "legal_form": "unincorporated",
        "founded": 2015,
        "staff": "0",
        "turnover": "under_10k",
        "volunteers": "1_9",
        "contact": ("Maureen Clark", "maureen.clark@example.org"),
        "safeguarding": "Sue Whitaker",
        "art_forms": ["crafts"],
        "outcomes": ["wellbeing", "mental-health"],
        "beneficiaries": ["carers"],
        "settings": ["community_centres"],
        "activities": [
            (
                "Carers' craft afternoon",
                "Knitting, sewing and card-making while volunteers sit with the people carers look after.",
                "Unpaid carers",
                "Open to all carers",
                "Free",
                "Herne Bay",
            ),
        ],
        "support": ["bid_writing", "safeguarding"],
        "documents": {"public_liability": 190, "safeguarding_policy": -20},
    },
    "Sheppey Young Voices": {
        "summary": "A youth choir and songwriting project for young people's mental health on the Isle of Sheppey.",
        "legal_form": "cio",
        "founded": 2017,
        "staff": "1_9",
        "turnover": "10k_100k",
        "volunteers": "1_9",
        "contact": ("Jade Rowe", "jade.rowe@example.org"),
        "safeguarding": "Nathan Cole",
        "art_forms": ["music"],
        "outcomes": ["mental-health", "education-and-learning"],
        "beneficiaries": ["children-and-young-people", "people-with-mental-health-needs"],
        "settings": ["schools", "community_centres"],
        "activities": [
            (
                "Young Voices choir",
                "A weekly choir where young people choose the songs and write their own.",
                "Young people aged 11 to 18",
                "Open to all; referral from school counsellors welcome",
                "Free",
                "Sheerness",
            ),
        ],
        "track": [
            (
                KCC_INNOVATION,
                2022,
                "under_10k",
                "Songwriting for wellbeing in two secondary schools.",
            )
        ],
        "support": ["mhfa", "evaluation"],
        "documents": {"public_liability": 75, "safeguarding_policy": 75},
    },
    "Medway Mural Makers": {
        "summary": "Public art and murals co-designed with neighbourhoods across Medway.",
        "legal_form": "partnership",
        "founded": 2014,
        "staff": "0",
        "turnover": "10k_100k",
        "volunteers": "0",
        "contact": ("Dev Mistry", "dev.mistry@example.org"),
        "safeguarding": "Dev Mistry",
        "art_forms": ["visual-arts", "design"],
        "outcomes": ["regeneration", "inclusion-participation-and-community-cohesion"],
        "beneficiaries": ["families", "children-and-young-people"],
        "settings": ["outdoors", "schools"],
        "activities": [
            (
                "Neighbourhood murals",
                "Residents design a mural for an underpass or empty shopfront, then paint it with the artists.",
                "Residents of all ages",
                "Open to all",
                "Free",
                "Rochester, Chatham and Strood",
            ),
        ],
        "track": [(MEDWAY_COUNCIL, 2021, "10k_50k", "High street mural trail.")],
        "support": ["bid_writing"],
        "documents": {"public_liability": 220},
    },
    "West Kent Dance Well": {
        "summary": "Dance classes to prevent falls among older people in West Kent, designed with physiotherapists.",
        "legal_form": "cic",
        "founded": 2016,
        "staff": "1_9",
        "turnover": "10k_100k",
        "volunteers": "1_9",
        "contact": ("Clara Jennings", "clara.jennings@example.org"),
        "safeguarding": "Owen Price",
        "art_forms": ["dance"],
        "outcomes": ["physical-health", "wellbeing"],
        "beneficiaries": ["older-people"],
        "settings": ["community_centres", "care_homes"],
        "extra_areas": ["Tonbridge and Malling", "Tunbridge Wells"],
        "activities": [
            (
                "Dance to prevent falls",
                "A 24-week strength and balance dance programme set to music from the 1940s to today.",
                "Older people at risk of falls",
                "Referral from the falls service or self-referral",
                "£3 a class",
                "Village halls in West Kent",
            ),
        ],
        "track": [
            (
                "Kent Community Health NHS Foundation Trust",
                2019,
                "10k_50k",
                "Falls prevention dance pilot.",
            )
        ],
        "evidence": [
            (
                "Falls down by a third",
                "Participants reported a third fewer falls in the six months after the programme.",
                "https://example.org/west-kent-dance-well/falls",
            )
        ],
        "support": ["evaluation"],
        "documents": {"public_liability": 310, "safeguarding_policy": 310},
    },
    "Stroud Valleys Arts": {
        "summary": "Visual arts, crafts and festivals rooted in the Stroud valleys, with open studios for anyone who wants to make.",
        "legal_form": "charitable_company",
        "founded": 1996,
        "staff": "10_49",
        "turnover": "100k_500k",
        "volunteers": "50_plus",
        "contact": ("Hannah Lyle", "hannah.lyle@example.org"),
        "safeguarding": "Robert Ainsworth",
        "art_forms": ["visual-arts", "crafts", "combined-arts"],
        "outcomes": ["wellbeing", "inclusion-participation-and-community-cohesion", "regeneration"],
        "beneficiaries": ["families", "people-with-mental-health-needs"],
        "settings": ["community_centres", "outdoors"],
        "activities": [
            (
                "Open studio",
                "Drop-in making sessions with an artist on hand, every Wednesday.",
                "Adults of any age",
                "Open to all",
                "Pay what you can",
                "Stroud",
            ),
            (
                "Valleys festival",
                "An annual festival of art trails and workshops across the five valleys.",
                "Families",
                "Open to all",
                "Free",
                "Stroud district",
            ),
        ],
        "venue": (
            "Valleys Arts Centre",
            "Threadneedle Street, Stroud",
            "GL5 1AF",
            "Step-free ground floor; lift to the studio.",
        ),
        "track": [
            (ACE_PROJECT, 2023, "50k_250k", "National Portfolio investment."),
            (GLOS_COUNTY, 2020, "10k_50k", "Community arts grants."),
        ],
        "support": ["health_services"],
        "documents": {"public_liability": 345, "safeguarding_policy": 345, "accounts": 180},
    },
    "Cheltenham Chamber Music Outreach": {
        "summary": "Chamber musicians playing with people with long-term conditions in Cheltenham, in clinics, homes and concert halls.",
        "legal_form": "charitable_company",
        "founded": 2010,
        "staff": "1_9",
        "turnover": "100k_500k",
        "volunteers": "10_49",
        "contact": ("Edmund Vale", "edmund.vale@example.org"),
        "safeguarding": "Lucy Carter",
        "art_forms": ["music"],
        "outcomes": ["wellbeing", "physical-health"],
        "beneficiaries": ["people-with-long-term-conditions"],
        "settings": ["hospitals", "theatres"],
        "activities": [
            (
                "Music in the clinic",
                "String quartets play in outpatient waiting rooms and dialysis units.",
                "Patients with long-term conditions",
                "Arranged with the clinic",
                "Free to patients",
                "Cheltenham General Hospital",
            ),
        ],
        "track": [(NHS_GLOS_2016, 2016, "10k_50k", "Music in the dialysis unit.")],
        "support": ["evaluation"],
        "documents": {"public_liability": 230, "safeguarding_policy": 230},
    },
    "Forest of Dean Storytellers": {
        "summary": "Storytelling walks and heritage for mental wellbeing in the Forest of Dean.",
        "legal_form": "cio",
        "founded": 2012,
        "staff": "0",
        "turnover": "under_10k",
        "volunteers": "10_49",
        "contact": ("Bryn Hollis", "bryn.hollis@example.org"),
        "safeguarding": "Kath Meredith",
        "art_forms": ["literature", "heritage"],
        "outcomes": ["mental-health", "conservation-and-environment"],
        "beneficiaries": [
            "people-with-mental-health-needs",
            "people-who-are-socially-isolated-or-lonely",
        ],
        "settings": ["outdoors"],
        "activities": [
            (
                "Story walks",
                "Slow walks through the forest with stories and legends told along the way.",
                "Adults who would like company outdoors",
                "Open to all; social prescribing referrals welcome",
                "Free",
                "Forest of Dean",
            ),
        ],
        "track": [
            (NHS_GLOS_2016, 2016, "under_10k", "Story walks for young people's mental health.")
        ],
        "support": ["evaluation", "bid_writing"],
        "documents": {"public_liability": 170, "safeguarding_policy": 170},
    },
    "Gloucester Docks Theatre": {
        "summary": "Theatre-in-health projects with young people and schools in Gloucester.",
        "legal_form": "charitable_company",
        "founded": 2001,
        "staff": "10_49",
        "turnover": "500k_1m",
        "volunteers": "10_49",
        "contact": ("Isaac Bennett", "isaac.bennett@example.org"),
        "safeguarding": "Priyanka Nair",
        "art_forms": ["theatre"],
        "outcomes": ["education-and-learning", "mental-health"],
        "beneficiaries": ["children-and-young-people"],
        "settings": ["theatres", "schools"],
        "activities": [
            (
                "Theatre in health education",
                "Touring plays and workshops on mental health, healthy relationships and online safety for secondary schools.",
                "Young people aged 11 to 18",
                "Schools book a visit",
                "£450 a school day",
                "Secondary schools across Gloucestershire",
            ),
            (
                "Youth theatre company",
                "A weekly youth theatre making new plays at the docks.",
                "Young people aged 11 to 18",
                "Open to all",
                "£4 a session; bursaries available",
                "Gloucester Docks",
            ),
        ],
        "venue": (
            "Docks Theatre",
            "Merchants' Quay, Gloucester",
            "GL1 2EH",
            "Step-free, hearing loop, relaxed performances.",
        ),
        "track": [
            (NHS_GLOS_2016, 2016, "10k_50k", "Young people's mental health theatre."),
            (GLOS_COUNTY, 2022, "50k_250k", "Theatre in health education contract."),
        ],
        "evidence": [
            (
                "Talking about it",
                "An evaluation of our mental health play with 3,000 pupils across 24 schools.",
                "https://example.org/gloucester-docks-theatre/talking-about-it",
            )
        ],
        "support": ["evaluation"],
        "documents": {
            "public_liability": 280,
            "safeguarding_policy": 280,
            "dbs_policy": 280,
            "accounts": 280,
        },
    },
    "Cotswold Craft Guild Outreach": {
        "summary": "Traditional crafts for people with chronic pain in the Cotswolds, combining making with pain management.",
        "legal_form": "cio",
        "founded": 2014,
        "staff": "0",
        "turnover": "10k_100k",
        "volunteers": "10_49",
        "contact": ("Felicity Ward", "felicity.ward@example.org"),
        "safeguarding": "James Pritchard",
        "art_forms": ["crafts"],
        "outcomes": ["physical-health", "wellbeing"],
        "beneficiaries": ["people-with-long-term-conditions"],
        "settings": ["community_centres"],
        "activities": [
            (
                "Making with pain",
                "Willow weaving and woodcarving courses with a pain management physiotherapist.",
                "People living with chronic pain",
                "Referral from the pain clinic or self-referral",
                "Free",
                "Cirencester",
            ),
        ],
        "track": [(NHS_GLOS_2016, 2016, "10k_50k", "Chronic pain crafts pilot.")],
        "support": ["health_services"],
        "documents": {"public_liability": 130, "safeguarding_policy": 130},
    },
    "Tewkesbury Abbey Singers": {
        "summary": "Singing for lung health in Tewkesbury: breathing and singing groups for people with lung conditions.",
        "legal_form": "unincorporated",
        "founded": 2013,
        "staff": "0",
        "turnover": "under_10k",
        "volunteers": "10_49",
        "contact": ("Margaret Osei", "margaret.osei@example.org"),
        "safeguarding": "Philip Hart",
        "art_forms": ["music"],
        "outcomes": ["physical-health", "wellbeing"],
        "beneficiaries": ["people-with-long-term-conditions", "older-people"],
        "settings": ["community_centres"],
        "activities": [
            (
                "Singing for lung health",
                "Breathing exercises and songs led by a trained singing for lung health practitioner.",
                "People with COPD, asthma and other lung conditions",
                "Open to all",
                "£2",
                "Tewkesbury",
            ),
        ],
        "support": ["bid_writing"],
        "documents": {"public_liability": 110},
    },
    "Breathe Sing Gloucestershire": {
        "summary": "Singing for people with COPD and other lung conditions across Gloucestershire, with respiratory teams.",
        "legal_form": "cio",
        "founded": 2016,
        "staff": "1_9",
        "turnover": "10k_100k",
        "volunteers": "10_49",
        "contact": ("Ellen Tucker", "ellen.tucker@example.org"),
        "safeguarding": "Ravi Sharma",
        "art_forms": ["music"],
        "outcomes": ["physical-health", "wellbeing"],
        "beneficiaries": ["people-with-long-term-conditions"],
        "settings": ["community_centres", "hospitals", "online"],
        "extra_areas": ["Cheltenham", "Stroud", "Forest of Dean"],
        "activities": [
            (
                "Breathe and sing groups",
                "Weekly groups in four towns, designed with the pulmonary rehabilitation team.",
                "People with COPD and other lung conditions",
                "Referral from the respiratory team or self-referral",
                "Free",
                "Gloucester, Cheltenham, Stroud and Cinderford",
            ),
            (
                "Breathe and sing online",
                "The same sessions live online for people who cannot travel.",
                "People with lung conditions at home",
                "Open to all",
                "Free",
                "Online",
            ),
        ],
        "track": [
            (NHS_GLOS_2016, 2016, "10k_50k", "Singing for lung health groups."),
            (LOTTERY, 2021, "50k_250k", "Three-year groups programme."),
        ],
        "evidence": [
            (
                "Breathing easier",
                "Participants' COPD Assessment Test scores improved on average after twelve weeks.",
                "https://example.org/breathe-sing-glos/breathing-easier",
            )
        ],
        "support": ["evaluation"],
        "documents": {"public_liability": 250, "safeguarding_policy": 250},
    },
    "Gloucestershire Dementia Dance": {
        "summary": "Dance sessions for people living with dementia and their carers, across Gloucestershire.",
        "legal_form": "cic",
        "founded": 2015,
        "staff": "1_9",
        "turnover": "10k_100k",
        "volunteers": "10_49",
        "contact": ("Rosa Delgado", "rosa.delgado@example.org"),
        "safeguarding": "Andrew Kemp",
        "art_forms": ["dance"],
        "outcomes": ["wellbeing", "physical-health"],
        "beneficiaries": ["people-living-with-dementia", "carers"],
        "settings": ["community_centres", "care_homes"],
        "extra_areas": ["Gloucester", "Stroud", "Tewkesbury"],
        "activities": [
            (
                "Dance for dementia",
                "Weekly dance sessions for people living with dementia and their carers, with music they love and tea afterwards.",
                "People living with dementia and their carers",
                "Open to all; memory clinic referrals welcome",
                "£3 a session; carers free",
                "Cheltenham and Gloucester",
            ),
            (
                "Dementia dance in care homes",
                "Seated and standing dance in care homes, adapted to each resident.",
                "Residents of care homes living with dementia",
                "Booked by the care home",
                "From £95 a session",
                "Care homes across Gloucestershire",
            ),
        ],
        "venue": (
            "St Mark's Community Centre",
            "Brooklyn Road, Cheltenham",
            "GL51 8DZ",
            "Step-free, accessible toilet, dementia-friendly signage.",
        ),
        "track": [
            (NHS_GLOS_2016, 2016, "10k_50k", "Dementia dance pilot in two localities."),
            (ACE_PROJECT, 2020, "10k_50k", "Care home dance programme."),
        ],
        "evidence": [
            (
                "Dancing with dementia: a carer's story",
                "A carer describes how the weekly class became the best hour of the week for her and her husband.",
                "https://example.org/glos-dementia-dance/carers-story",
            )
        ],
        "support": ["evaluation", "health_services"],
        "documents": {"public_liability": 290, "safeguarding_policy": 290, "dbs_policy": 290},
    },
    "Severn Vale Film Club": {
        "summary": "Film screenings and film-making with socially isolated adults in Gloucester.",
        "legal_form": "unincorporated",
        "founded": 2011,
        "staff": "0",
        "turnover": "under_10k",
        "volunteers": "10_49",
        "contact": ("George Tibbs", "george.tibbs@example.org"),
        "safeguarding": "Nora Fitz",
        "art_forms": ["film-and-media"],
        "outcomes": ["inclusion-participation-and-community-cohesion", "wellbeing"],
        "beneficiaries": ["people-who-are-socially-isolated-or-lonely"],
        "settings": ["community_centres"],
        "activities": [
            (
                "Afternoon pictures",
                "A monthly film screening with a chat over tea; transport can be arranged.",
                "Adults who are lonely or isolated",
                "Open to all",
                "£2 including tea",
                "Gloucester",
            ),
        ],
        "support": ["bid_writing"],
        "documents": {"public_liability": 95},
    },
    "Dursley Art Studio": {
        "summary": "An artist offering art therapy-informed groups for people living with and beyond cancer.",
        "legal_form": "sole_trader",
        "founded": 2018,
        "staff": "0",
        "turnover": "under_10k",
        "volunteers": "0",
        "contact": ("Miriam Ashcroft", "miriam.ashcroft@example.org"),
        "safeguarding": "Miriam Ashcroft",
        "art_forms": ["visual-arts"],
        "outcomes": ["mental-health", "wellbeing"],
        "beneficiaries": ["people-with-long-term-conditions"],
        "settings": ["community_centres", "hospitals"],
        "activities": [
            (
                "Art after cancer",
                "Six-week painting groups for people who have finished cancer treatment.",
                "People living with and beyond cancer",
                "Referral from the cancer support team or self-referral",
                "Free",
                "Dursley",
            ),
        ],
        "track": [(NHS_GLOS_2016, 2016, "under_10k", "Art for cancer survivors.")],
        "support": ["bid_writing", "evaluation", "safeguarding"],
        "documents": {"public_liability": 65},
    },
    "Cheltenham Young Writers": {
        "summary": "Creative writing for young people's mental health in Cheltenham.",
        "legal_form": "cio",
        "founded": 2014,
        "staff": "1_9",
        "turnover": "10k_100k",
        "volunteers": "1_9",
        "contact": ("Tamsin Reid", "tamsin.reid@example.org"),
        "safeguarding": "Kwame Asante",
        "art_forms": ["literature"],
        "outcomes": ["mental-health", "education-and-learning"],
        "beneficiaries": ["children-and-young-people", "people-with-mental-health-needs"],
        "settings": ["schools", "libraries", "online"],
        "activities": [
            (
                "Write it out",
                "Weekly writing workshops where young people write poems, stories and comics about what matters to them.",
                "Young people aged 13 to 19",
                "Open to all; CAMHS referrals welcome",
                "Free",
                "Cheltenham library and online",
            ),
        ],
        "track": [
            (NHS_GLOS_2016, 2016, "10k_50k", "Creative writing for young people's mental health.")
        ],
        "support": ["mhfa"],
        "documents": {"public_liability": 200, "safeguarding_policy": 200},
    },
    "Gloucestershire Museum Makers": {
        "summary": "Museum collections used for reminiscence and learning across Gloucestershire.",
        "legal_form": "charitable_company",
        "founded": 2009,
        "staff": "1_9",
        "turnover": "100k_500k",
        "volunteers": "10_49",
        "contact": ("Olivia Fenn", "olivia.fenn@example.org"),
        "safeguarding": "Stuart Mayhew",
        "art_forms": ["museums", "heritage"],
        "outcomes": ["education-and-learning", "wellbeing"],
        "beneficiaries": ["older-people", "children-and-young-people"],
        "settings": ["museums", "schools", "care_homes"],
        "activities": [
            (
                "Museum on the move",
                "Reminiscence boxes and object handling taken to care homes and day centres.",
                "Older people, including people with dementia",
                "Booked by the setting",
                "£60 a visit",
                "Across Gloucestershire",
            ),
        ],
        "support": ["evaluation"],
        "documents": {"public_liability": 175, "safeguarding_policy": 175},
    },
    "Lydney Circus Skills": {
        "summary": "Circus skills to build confidence and physical activity in young people in Lydney.",
        "legal_form": "cic",
        "founded": 2017,
        "staff": "1_9",
        "turnover": "10k_100k",
        "volunteers": "1_9",
        "contact": ("Ziggy Moran", "ziggy.moran@example.org"),
        "safeguarding": "Beth Howells",
        "art_forms": ["circus"],
        "outcomes": ["physical-health", "wellbeing"],
        "beneficiaries": ["children-and-young-people"],
        "settings": ["community_centres", "schools"],
        "activities": [
            (
                "Youth circus",
                "Juggling, aerial silks and acrobatics every Saturday.",
                "Young people aged 8 to 18",
                "Open to all",
                "£3 a session",
                "Lydney",
            ),
        ],
        "support": ["bid_writing"],
        "documents": {"public_liability": 135, "safeguarding_policy": 135},
    },
    "Nailsworth Textile Collective": {
        "summary": "Textile arts for people with diabetes, combined with healthy living sessions, in Nailsworth.",
        "legal_form": "cbs",
        "founded": 2015,
        "staff": "0",
        "turnover": "under_10k",
        "volunteers": "10_49",
        "contact": ("Anya Petrova", "anya.petrova@example.org"),
        "safeguarding": "Lorna Hicks",
        "art_forms": ["crafts"],
        "outcomes": ["physical-health", "wellbeing"],
        "beneficiaries": ["people-with-long-term-conditions"],
        "settings": ["community_centres"],
        "activities": [
            (
                "Stitch and stay well",
                "Quilting and embroidery alongside healthy eating sessions with a diabetes nurse.",
                "People with type 2 diabetes",
                "Referral from the GP practice or self-referral",
                "Free",
                "Nailsworth",
            ),
        ],
        "track": [(NHS_GLOS_2016, 2016, "under_10k", "Textiles and diabetes pilot.")],
        "support": ["health_services", "evaluation"],
        "documents": {"public_liability": 155},
    },
    "Stonehouse Community Arts": {
        "summary": "Open-access arts sessions in community centres in Stonehouse.",
        "legal_form": "unincorporated",
        "founded": 2008,
        "staff": "0",
        "turnover": "under_10k",
        "volunteers": "10_49",
        "contact": ("Pete Dawson", "pete.dawson@example.org"),
        "safeguarding": "Jenny Cole",
        "art_forms": ["combined-arts", "visual-arts"],
        "outcomes": ["inclusion-participation-and-community-cohesion", "wellbeing"],
        "beneficiaries": ["families", "people-on-low-incomes"],
        "settings": ["community_centres"],
        "activities": [
            (
                "Family art club",
                "Saturday morning art for families, with breakfast.",
                "Families",
                "Open to all",
                "Free",
                "Stonehouse",
            ),
        ],
        "support": ["bid_writing", "safeguarding"],
        "documents": {"public_liability": 85},
    },
    "Winchcombe Heritage Walks": {
        "summary": "Heritage walks and sketching for weight management groups around Winchcombe.",
        "legal_form": "sole_trader",
        "founded": 2019,
        "staff": "0",
        "turnover": "under_10k",
        "volunteers": "0",
        "contact": ("Hugh Partridge", "hugh.partridge@example.org"),
        "safeguarding": "Hugh Partridge",
        "art_forms": ["heritage", "visual-arts"],
        "outcomes": ["physical-health", "wellbeing"],
        "beneficiaries": ["people-with-long-term-conditions"],
        "settings": ["outdoors"],
        "activities": [
            (
                "Walk and sketch",
                "Two-hour walks to local heritage sites with sketching stops.",
                "People in weight management programmes",
                "Referral from the weight management service",
                "Free when referred",
                "Winchcombe",
            ),
        ],
        "support": ["bid_writing", "evaluation"],
        "documents": {"public_liability": 115},
    },
    "Gloucestershire Carers' Choir": {
        "summary": "A choir by and for unpaid carers in Gloucester, with a break and a sing every week.",
        "legal_form": "unincorporated",
        "founded": 2012,
        "staff": "0",
        "turnover": "under_10k",
        "volunteers": "10_49",
        "contact": ("Diane Prosser", "diane.prosser@example.org"),
        "safeguarding": "Michael Owusu",
        "art_forms": ["music"],
        "outcomes": ["wellbeing", "mental-health"],
        "beneficiaries": ["carers"],
        "settings": ["community_centres"],
        "activities": [
            (
                "Carers' choir",
                "A weekly choir for unpaid carers, with a sitting service for the people they care for.",
                "Unpaid carers",
                "Open to all carers",
                "Free",
                "Gloucester",
            ),
        ],
        "support": ["bid_writing"],
        "documents": {"public_liability": 145},
    },
    "Cinderford Youth Music": {
        "summary": "A music production studio for young people at risk of exclusion in Cinderford.",
        "legal_form": "cio",
        "founded": 2021,
        "staff": "1_9",
        "turnover": "10k_100k",
        "volunteers": "1_9",
        "contact": ("Marcus Lee", "marcus.lee@example.org"),
        "safeguarding": "Gemma Price",
        "art_forms": ["music", "digital-and-creative-media"],
        "outcomes": ["education-and-learning", "crime-and-public-safety"],
        "beneficiaries": ["children-and-young-people", "people-in-the-criminal-justice-system"],
        "settings": ["community_centres", "schools"],
        "activities": [
            (
                "Beats studio",
                "Music production, lyric writing and DJ sessions with youth workers.",
                "Young people aged 13 to 19 at risk of exclusion",
                "Referral from schools and youth services",
                "Free",
                "Cinderford",
            ),
        ],
        "support": ["safeguarding", "bid_writing", "mhfa"],
        "listed": False,
        "documents": {"safeguarding_policy": 365},
    },
    "Kent and Gloucestershire Arts in Health": {
        "summary": "A consortium of arts-in-health practitioners working across Kent and Gloucestershire, bidding together for larger contracts.",
        "legal_form": "ltd",
        "founded": 2022,
        "staff": "1_9",
        "turnover": "100k_500k",
        "volunteers": "0",
        "contact": ("Yasmin Holt", "yasmin.holt@example.org"),
        "safeguarding": "Nick Adair",
        "art_forms": ["combined-arts", "music", "dance"],
        "outcomes": ["wellbeing", "mental-health", "physical-health"],
        "beneficiaries": [
            "older-people",
            "people-with-long-term-conditions",
            "people-with-mental-health-needs",
        ],
        "settings": ["hospitals", "care_homes", "community_centres", "online"],
        "extra_areas": ["E10000013"],
        "activities": [
            (
                "Arts in health programmes",
                "Multi-arts programmes for health commissioners, delivered by a network of 30 practitioners.",
                "People referred by health and care services",
                "Commissioned programmes",
                "By contract",
                "Across Kent and Gloucestershire",
            ),
        ],
        "track": [
            (
                PUBLIC_HEALTH_KENT,
                2023,
                "50k_250k",
                "Community mental health and wellbeing delivery partner.",
            ),
            (NHS_GLOS_2016, 2016, "10k_50k", "Members' joint bid."),
        ],
        "support": ["health_services"],
        "documents": {"public_liability": 355, "safeguarding_policy": 355, "accounts": 355},
    },
    "Margate Creative Recovery": {
        "summary": "Arts on prescription for people with depression and anxiety in Margate.",
        "legal_form": "charitable_company",
        "founded": 2012,
        "staff": "1_9",
        "turnover": "100k_500k",
        "volunteers": "10_49",
        "contact": ("Lena Fischer", "lena.fischer@example.org"),
        "safeguarding": "Ade Bello",
        "art_forms": ["visual-arts", "music", "literature"],
        "outcomes": ["mental-health", "wellbeing"],
        "beneficiaries": ["people-with-mental-health-needs"],
        "settings": ["community_centres", "online"],
        "activities": [
            (
                "Arts on prescription",
                "Ten-week courses in painting, music or writing for people with depression and anxiety.",
                "Adults with depression or anxiety",
                "Referral from a GP, social prescriber or talking therapies",
                "Free",
                "Margate",
            ),
            (
                "Creative recovery alumni",
                "A monthly peer-led group for people who have finished a course.",
                "Former course members",
                "Open to alumni",
                "Free",
                "Margate",
            ),
        ],
        "venue": (
            "Recovery Studios",
            "24 Northdown Road, Margate",
            "CT9 2RW",
            "Step-free, quiet room, accessible toilet.",
        ),
        "track": [
            (KCC_INNOVATION, 2017, "10k_50k", "Arts on prescription."),
            (PUBLIC_HEALTH_KENT, 2024, "50k_250k", "Arts on prescription places."),
        ],
        "evidence": [
            (
                "Creative recovery: five years of arts on prescription",
                "WEMWBS results from 600 referrals, with referrers' views.",
                "https://example.org/margate-creative-recovery/five-years",
            )
        ],
        "support": ["evaluation", "mhfa"],
        "documents": {"public_liability": 205, "safeguarding_policy": 205, "dbs_policy": 205},
    },
}


def _pdf(title: str, lines: list[str]) -> bytes:
    """A minimal valid one-page PDF with a few lines of text."""

    def escape(text: str) -> str:
        text = text.encode("latin-1", "replace").decode("latin-1")
        return text.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")

    content = ["BT", "/F1 16 Tf", "72 760 Td", f"({escape(title)}) Tj", "/F1 11 Tf"]
    for line in lines:
        content += ["0 -22 Td", f"({escape(line)}) Tj"]
    content.append("ET")
    stream = "\n".join(content).encode("latin-1")
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        (
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] "
            b"/Resources << /Font << /F1 4 0 R >> >> /Contents 5 0 R >>"
        ),
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
        b"<< /Length " + str(len(stream)).encode() + b" >>\nstream\n" + stream + b"\nendstream",
    ]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += f"{number} 0 obj\n".encode() + body + b"\nendobj\n"
    xref = len(out)
    out += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode()
    for offset in offsets:
        out += f"{offset:010d} 00000 n \n".encode()
    out += (
        f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n".encode()
    )
    return bytes(out)


def _areas(town: str, extra: list[str]) -> list[Area]:
    district = Area.objects.select_related("parent").get(name=TOWN_AREAS[town])
    areas = [district]
    if district.parent is not None:
        areas.append(district.parent)
    for name_or_code in extra:
        if re.fullmatch(r"E\d{8}", name_or_code):
            areas.append(Area.objects.get(code=name_or_code))
        else:
            areas.append(Area.objects.get(name=name_or_code))
    return list(dict.fromkeys(areas))


def _changes(name: str, town: str, data: dict[str, Any]) -> dict[str, Any]:
    contact_name, contact_email = data["contact"]
    return {
        "summary": data["summary"][:280],
        "legal_form": data["legal_form"],
        "is_vcse": data["legal_form"] not in ("sole_trader", "partnership", "ltd"),
        "is_sme": True,
        "year_founded": data["founded"],
        "turnover_band": data["turnover"],
        "staff_band": data["staff"],
        "volunteers_band": data["volunteers"],
        "contact_name": contact_name,
        "contact_email": contact_email,
        "safeguarding_lead": data["safeguarding"],
        "settings": data["settings"],
        "support_needs": [SupportNeed(need).value for need in data.get("support", [])],
        "partners": "\n".join(data.get("partners", [])),
        "art_forms": list(ArtForm.objects.filter(slug__in=data["art_forms"])),
        "outcome_areas": list(OutcomeArea.objects.filter(slug__in=data["outcomes"])),
        "beneficiary_groups": list(BeneficiaryGroup.objects.filter(slug__in=data["beneficiaries"])),
        "areas_served": _areas(town, data.get("extra_areas", [])),
    }


def _differs(profile: ProviderProfile, changes: dict[str, Any]) -> bool:
    for field, value in changes.items():
        if field in profile_services.PROFILE_RELATIONS:
            current = set(getattr(profile, field).values_list("pk", flat=True))
            if current != {item.pk for item in value}:
                return True
        elif getattr(profile, field) != value:
            return True
    return False


def _children(
    actor: User | None, profile: ProviderProfile, name: str, data: dict[str, Any]
) -> None:
    for position, (title, description, who_for, eligibility, cost, where) in enumerate(
        data["activities"]
    ):
        if not profile.activities.filter(name=title).exists():
            profile_services.activity_save(
                actor=actor,
                profile=profile,
                name=title,
                description=description,
                who_for=who_for,
                eligibility=eligibility,
                cost=cost,
                where=where,
                position=position,
            )
    if data.get("venue"):
        venue_name, address, postcode, accessibility = data["venue"]
        if not profile.venues.filter(name=venue_name).exists():
            profile_services.venue_save(
                actor=actor,
                profile=profile,
                name=venue_name,
                address=address,
                postcode=postcode,
                accessibility=accessibility,
            )
    for funder, year, band, description in data.get("track", []):
        if not profile.track_records.filter(funder=funder, year=year).exists():
            profile_services.track_record_add(
                actor=actor,
                profile=profile,
                funder=funder,
                year=year,
                value_band=band,
                description=description,
            )
    for title, summary, link in data.get("evidence", []):
        if not profile.evidence.filter(title=title).exists():
            profile_services.evidence_add(
                actor=actor, profile=profile, title=title, summary=summary, link=link
            )
    today = timezone.localdate()
    for kind, days in data.get("documents", {}).items():
        if profile.documents.filter(kind=kind).exists():
            continue
        label = DocumentKind(kind).label
        expires_on = today + datetime.timedelta(days=days)
        upload = ContentFile(
            _pdf(
                label,
                [name, f"Valid until {expires_on:%d %B %Y}", "Demo document: not a real policy."],
            ),
            name=f"{kind}.pdf",
        )
        document = document_services.document_upload(
            actor=actor,
            profile=profile,
            kind=kind,
            file=upload,
            expires_on=max(expires_on, today),
        )
        if days < 0:
            # Already expired: the service (rightly) refuses a past date, so backdate it here.
            ProviderDocument.objects.filter(pk=document.pk).update(expires_on=expires_on)


@transaction.atomic
def seed() -> str:
    from accounts.demo import ARTS_ORGANISATIONS  # noqa: PLC0415

    demo_provider = User.objects.filter(email=DEMO_PROVIDER_EMAIL).first()
    listed = 0
    for name, _type, town, _postcode, _what in ARTS_ORGANISATIONS:
        data = PROFILES.get(name)
        organisation = Organisation.objects.filter(name=name).first()
        if data is None or organisation is None:
            continue
        actor = demo_provider if name == DEMO_PROVIDER_ORGANISATION else None
        profile = profile_services.profile_ensure(organisation=organisation)
        changes = _changes(name, town, data)
        if _differs(profile, changes):
            profile = profile_services.profile_update(actor=actor, profile=profile, **changes)
        _children(actor, profile, name, data)
        want_listed = data.get("listed", True)
        profile_services.profile_set_listed(actor=actor, profile=profile, listed=want_listed)
        listed += want_listed
    return f"{len(PROFILES)} provider profiles ({listed} listed)"
