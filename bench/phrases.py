"""Realistic words for generated providers: a few hundred phrases about arts and health work.

Everything is keyed by the vocabulary's slugs (commissioning/vocabulary/*.csv), so a generated
dance company's name, summary and activities talk about dance, and a facet filter plus a text
query narrows the way it would on real data. Weights make some values common and others rare.
"""

from __future__ import annotations

# slug: (weight as a primary art form, words for names, activity phrases)
ART_FORMS: dict[str, tuple[float, list[str], list[str]]] = {
    "music": (
        18,
        ["Music", "Choir", "Singers", "Sound", "Song", "Orchestra", "Folk", "Brass", "Samba"],
        [
            "community choirs",
            "singing for lung health groups",
            "songwriting workshops",
            "music-making sessions",
            "drumming circles",
            "singing for the brain sessions",
            "live music on hospital wards",
            "ukulele groups",
            "music therapy-informed groups",
            "intergenerational singing sessions",
        ],
    ),
    "visual-arts": (
        15,
        ["Art", "Arts", "Painting", "Drawing", "Gallery", "Sculpture", "Visual Arts", "Studio"],
        [
            "painting and drawing groups",
            "open studio sessions",
            "arts on prescription courses",
            "life drawing classes",
            "mural projects",
            "sculpture workshops",
            "art therapy-informed groups",
            "mixed-media art workshops",
        ],
    ),
    "theatre": (
        13,
        ["Theatre", "Drama", "Playhouse", "Stage", "Players", "Playmakers"],
        [
            "youth theatre",
            "drama workshops",
            "forum theatre",
            "playmaking projects",
            "theatre-in-education tours",
            "reminiscence theatre",
            "improvisation groups",
            "verbatim theatre projects",
        ],
    ),
    "dance": (
        12,
        ["Dance", "Movement", "Dance Theatre", "Ballet", "Dancers"],
        [
            "seated dance classes",
            "dance for Parkinson's classes",
            "falls-prevention dance classes",
            "contemporary dance workshops",
            "creative movement sessions",
            "tea dances",
            "Bollywood and bhangra dance sessions",
            "dance sessions for people living with dementia",
            "street dance clubs",
        ],
    ),
    "crafts": (
        9,
        ["Craft", "Crafts", "Textile", "Ceramics", "Clay", "Makers", "Weavers", "Woodwork"],
        [
            "knitting and crochet circles",
            "ceramics courses",
            "textile workshops",
            "woodworking sessions",
            "craft cafés",
            "quilting groups",
            "pottery classes",
            "basket-weaving workshops",
        ],
    ),
    "combined-arts": (
        8,
        ["Arts", "Creative Arts", "Arts Centre", "Festival", "Arts Lab", "Creative"],
        [
            "multi-arts workshops",
            "community festivals",
            "creative wellbeing courses",
            "arts on prescription programmes",
            "family arts days",
            "creative health programmes",
        ],
    ),
    "literature": (
        6,
        ["Writers", "Poetry", "Stories", "Storytelling", "Words", "Books"],
        [
            "creative writing groups",
            "writing for wellbeing courses",
            "shared reading groups",
            "poetry workshops",
            "storytelling sessions",
            "life-story writing projects",
        ],
    ),
    "heritage": (
        5,
        ["Heritage", "History", "Archive", "Heritage Walks", "Past"],
        [
            "oral history projects",
            "heritage walks",
            "reminiscence sessions",
            "archaeology digs",
            "local history projects",
            "heritage volunteering programmes",
        ],
    ),
    "film-and-media": (
        4,
        ["Film", "Cinema", "Media", "Radio", "Screen"],
        [
            "film-making workshops",
            "community cinema screenings",
            "dementia-friendly film screenings",
            "community radio training",
            "documentary projects",
        ],
    ),
    "photography": (
        3,
        ["Photography", "Camera", "Lens", "Photo"],
        [
            "participatory photography projects",
            "photo walks",
            "photography courses",
            "photovoice projects",
        ],
    ),
    "digital-and-creative-media": (
        3,
        ["Digital", "Games", "Creative Media", "Animation", "Code"],
        [
            "game design clubs",
            "animation workshops",
            "digital art courses",
            "podcasting projects",
            "coding and creative technology clubs",
        ],
    ),
    "museums": (
        3,
        ["Museum", "Collections", "Museum Friends"],
        [
            "object handling sessions",
            "museum-based reminiscence sessions",
            "museum learning visits",
            "collections-based wellbeing courses",
        ],
    ),
    "libraries": (
        2,
        ["Library", "Reading", "Readers"],
        [
            "reading aloud groups",
            "rhyme time sessions",
            "books on prescription sessions",
            "library reading groups",
        ],
    ),
    "carnival-and-outdoor-arts": (
        2,
        ["Carnival", "Street Arts", "Outdoor Arts", "Lantern", "Parade"],
        [
            "carnival costume-making",
            "lantern parades",
            "outdoor performance projects",
            "giant puppet workshops",
        ],
    ),
    "circus": (
        1,
        ["Circus", "Aerial", "Juggling", "Big Top"],
        [
            "circus skills workshops",
            "aerial classes",
            "social circus programmes",
        ],
    ),
    "spoken-word-and-comedy": (
        1,
        ["Spoken Word", "Comedy", "Poetry Slam", "Open Mic"],
        [
            "spoken word workshops",
            "stand-up comedy courses",
            "poetry slams",
        ],
    ),
    "design": (
        1,
        ["Design", "Architecture", "Making"],
        [
            "co-design workshops",
            "architecture and place-making projects",
            "design thinking sessions",
        ],
    ),
}

# slug: (weight, phrases for "who it is for")
BENEFICIARY_GROUPS: dict[str, tuple[float, list[str]]] = {
    "older-people": (20, ["older people", "people in later life", "older people living alone"]),
    "children-and-young-people": (
        18,
        ["children and young people", "young people aged 11 to 18", "primary school children"],
    ),
    "people-with-mental-health-needs": (
        14,
        ["adults with mental health needs", "people recovering from mental ill health"],
    ),
    "people-who-are-socially-isolated-or-lonely": (
        12,
        ["people who are lonely or isolated", "socially isolated adults"],
    ),
    "families": (9, ["families", "parents and their babies", "young families"]),
    "people-living-with-dementia": (
        8,
        ["people living with dementia and their carers", "people with early-stage dementia"],
    ),
    "people-with-long-term-conditions": (
        7,
        [
            "people with long-term conditions",
            "people living with COPD and other lung conditions",
            "people with diabetes",
            "people living with chronic pain",
            "people affected by cancer",
            "people living with Parkinson's",
            "stroke survivors",
        ],
    ),
    "carers": (6, ["unpaid carers", "young carers"]),
    "people-with-learning-disabilities": (
        5,
        ["adults with learning disabilities", "autistic young people"],
    ),
    "people-in-care-homes": (5, ["residents of care homes", "people living in care homes"]),
    "people-with-physical-disabilities": (
        4,
        ["disabled people", "people with sight or hearing loss"],
    ),
    "black-asian-and-minority-ethnic-communities": (
        4,
        ["Black, Asian and minority ethnic communities", "South Asian women"],
    ),
    "people-on-low-incomes": (3, ["people on low incomes", "families on low incomes"]),
    "unemployed-people": (2, ["people looking for work", "young people not in work"]),
    "refugees-and-asylum-seekers": (2, ["refugees and people seeking asylum"]),
    "lgbtq-people": (2, ["LGBTQ+ young people", "older LGBTQ+ people"]),
    "people-who-use-drugs-or-alcohol": (
        1.5,
        ["people in recovery from drug and alcohol use"],
    ),
    "people-experiencing-homelessness": (1.5, ["people experiencing homelessness"]),
    "people-in-the-criminal-justice-system": (
        1,
        ["people in prison and on probation", "young people in the justice system"],
    ),
    "military-veterans": (1, ["military veterans", "veterans and their families"]),
}

# slug: (weight, clauses that finish a summary sentence)
OUTCOME_AREAS: dict[str, tuple[float, list[str]]] = {
    "wellbeing": (
        30,
        [
            "to improve wellbeing",
            "with wellbeing measured using SWEMWBS",
            "so people feel better and more confident",
        ],
    ),
    "mental-health": (
        22,
        [
            "to support mental health and recovery",
            "reducing anxiety and low mood",
            "as part of social prescribing for depression and anxiety",
        ],
    ),
    "inclusion-participation-and-community-cohesion": (
        14,
        [
            "so people connect to their communities and feel less lonely",
            "bringing neighbours and generations together",
        ],
    ),
    "physical-health": (
        10,
        [
            "to improve balance, strength and mobility",
            "helping people breathe better and stay active",
            "to prevent falls",
        ],
    ),
    "education-and-learning": (
        9,
        ["to raise attainment and confidence in school", "building skills and confidence"],
    ),
    "employment-and-training": (
        4,
        ["leading to qualifications and paid work", "with routes into training and work"],
    ),
    "regeneration": (3, ["bringing empty high-street spaces back to life"]),
    "crime-and-public-safety": (2, ["reducing reoffending", "diverting young people from crime"]),
    "substance-misuse": (2, ["supporting recovery from addiction"]),
    "conservation-and-environment": (2, ["caring for local green spaces and nature"]),
    "housing": (1, ["helping people settle into a new home"]),
}

SETTINGS: dict[str, float] = {
    "community_centres": 45,
    "schools": 28,
    "online": 22,
    "care_homes": 22,
    "libraries": 18,
    "theatres": 18,
    "outdoors": 18,
    "hospitals": 12,
    "museums": 9,
}

ORGANISATION_TYPES = {"arts_cultural": 45, "vcse": 35, "freelance": 15, "other_provider": 5}
STAFF_BANDS = {"0": 32, "1_9": 45, "10_49": 16, "50_249": 5, "250_plus": 2}
TURNOVER_BY_STAFF = {
    "0": ["under_10k", "10k_100k"],
    "1_9": ["10k_100k", "100k_500k"],
    "10_49": ["100k_500k", "500k_1m"],
    "50_249": ["500k_1m", "1m_10m"],
    "250_plus": ["1m_10m", "over_10m"],
}
VOLUNTEER_BANDS = {"0": 15, "1_9": 40, "10_49": 35, "50_plus": 10}
LEGAL_FORMS = {
    "arts_cultural": ["charitable_company", "cio", "clg", "cic"],
    "vcse": ["cio", "unincorporated", "cbs", "charitable_company"],
    "freelance": ["sole_trader", "partnership"],
    "other_provider": ["ltd", "cic", "clg"],
}
SUPPORT_NEEDS = {
    "bid_writing": 0.45,
    "evaluation": 0.4,
    "health_services": 0.3,
    "safeguarding": 0.15,
    "mhfa": 0.2,
}

NAME_SUFFIXES = {
    "Collective": 10,
    "Company": 9,
    "Project": 8,
    "Trust": 6,
    "Ensemble": 3,
    "Network": 4,
    "Studio": 4,
    "Works": 3,
    "Hub": 3,
    "Foundation": 2,
    "Group": 5,
    "Partnership": 2,
    "Circle": 2,
    "Guild": 1,
    "Society": 3,
    "Lab": 1,
    "CIC": 3,
    "Club": 2,
    "Exchange": 1,
    "Alliance": 1,
    "Players": 2,
    "Academy": 1,
}
NAME_ADJECTIVES = [
    "Open",
    "Bright",
    "Common Ground",
    "Tidal",
    "Riverside",
    "Hilltop",
    "Lantern",
    "Kaleidoscope",
    "Harbour",
    "Green Lane",
    "Northern Light",
    "Orchard",
    "Windmill",
    "Saltmarsh",
    "Beacon",
    "Wildflower",
    "Compass",
    "Mosaic",
    "Heartwood",
    "Skylark",
    "Threshold",
    "Millstone",
    "Driftwood",
    "Meadow",
]
PLACE_WORDS = ["Riverside", "Old Town", "Valley", "Vale", "Coast", "Downs", "Marshes", "Forest"]

SUMMARY_OPENERS = [
    "{activities} for {who} in {place}",
    "We run {activities} for {who} across {place}",
    "{activities} with {who} in {place}",
    "A {kind} offering {activities} for {who} in {place}",
    "Free and low-cost {activities} for {who} in {place}",
]
KIND_WORDS = {
    "arts_cultural": ["small arts charity", "professional arts company", "community arts venue"],
    "vcse": ["community group", "volunteer-led charity", "social enterprise"],
    "freelance": ["freelance artist", "self-employed practitioner", "artist"],
    "other_provider": ["health and wellbeing provider", "training company", "consortium"],
}

DESCRIPTION_FOUNDING = [
    "Founded in {year} by {founders}, we have grown from a single weekly session into a year-round programme.",
    "We were set up in {year} by {founders} who saw how much creative activity mattered to people's health.",
    "Since {year} we have worked with {who} in {place}, led by {founders}.",
    "{founders} started the {word} in {year} after a pilot with the local library service.",
    "Established in {year}, we are rooted in {place} and run by {founders}.",
]
FOUNDERS = [
    "a group of local artists",
    "two dance artists",
    "a retired nurse and a musician",
    "parents and carers",
    "a community theatre director",
    "volunteers from the neighbourhood",
    "a social prescribing link worker and a painter",
    "former members of a hospital arts team",
    "a poet and a GP",
    "young people themselves",
]
DESCRIPTION_APPROACH = [
    "Sessions are friendly, accessible and led by professional artists trained in safeguarding and mental health first aid.",
    "Our work is co-produced with participants, who help plan each term's programme.",
    "We take referrals from GP practices, social prescribers, community mental health teams and families.",
    "People come for the creativity and stay for the company; many go on to volunteer with us.",
    "We adapt every session for people with sensory, physical and cognitive needs.",
    "We work in partnership with {partners}.",
    "Our artists have DBS checks and regular clinical supervision.",
    "Each course ends with a sharing, exhibition or performance that families and staff can join.",
    "We offer transport, step-free venues and hearing loops so that cost and access are not barriers.",
    "We are part of the local creative health network and share learning with other providers.",
]
PARTNERS = [
    "the county council's public health team",
    "local GP practices and primary care networks",
    "the NHS mental health trust",
    "housing associations",
    "care homes across the district",
    "the library service",
    "local secondary schools",
    "Age UK",
    "the Alzheimer's Society",
    "Mind",
    "the hospice",
    "youth services",
    "the integrated care board",
    "the probation service",
    "refugee support charities",
]
DESCRIPTION_EVIDENCE = [
    "An independent evaluation found participants' SWEMWBS scores rose by an average of three points.",
    "Last year we delivered {sessions} sessions to {people} people, with nine in ten saying they felt less lonely.",
    "Our WEMWBS evaluation, run with a local university, showed lasting gains in wellbeing.",
    "Referrers tell us participants need fewer GP appointments after taking part.",
    "We collect feedback every session and publish an annual impact report.",
    "Two thirds of participants keep coming after the funded course ends.",
    "We have been commissioned by the local authority and the NHS, and funded by Arts Council England.",
    "Our work was featured as a case study in a national creative health review.",
]

ACTIVITY_NAME_TEMPLATES = [
    "{Activity}",
    "{Activity} for {who_short}",
    "{Place} {activity_short}",
    "{Activity} (weekly)",
    "{Activity}: ten-week course",
]
ACTIVITY_DESCRIPTIONS = [
    "Weekly {activity} led by professional artists, with tea and a chat afterwards.",
    "A ten-week course of {activity}, ending in a sharing for friends and family.",
    "Drop-in {activity}; no experience needed and all materials provided.",
    "{Activity} designed with clinicians, adapted to each person's needs and pace.",
    "Small-group {activity} that build confidence, friendships and new skills.",
    "Termly {activity} in partnership with local health and care services.",
    "Relaxed, accessible {activity} with quiet spaces and support workers on hand.",
    "Outreach {activity} brought to people who cannot easily travel.",
]
ELIGIBILITY = [
    "Open to all",
    "Referral from a GP, social prescriber or care coordinator",
    "Self-referral welcome",
    "Aged 65 and over",
    "Ages 11 to 18",
    "Ages 5 to 11, with a parent or carer",
    "Adults 18 and over",
    "No experience needed",
    "Carers welcome to attend free",
    "Booking essential; places are limited",
]
COSTS = [
    "Free",
    "Free",
    "£3 a session",
    "£5 a session",
    "Pay what you can",
    "£40 for a ten-week course, funded places available",
    "Free for carers",
    "£2 including refreshments",
    "Free when referred; £6 otherwise",
]
WHERE = [
    "{town} library",
    "community centres across {place}",
    "online over Zoom",
    "care homes in {place}",
    "{town} arts centre",
    "the outpatient wards at {town} hospital",
    "secondary schools in {place}",
    "our studio in {town}",
    "parks and green spaces around {town}",
    "{town} museum",
    "church halls in {place}",
    "the theatre in {town}",
]

FIRST_NAMES = [
    "Amira",
    "Ben",
    "Chloe",
    "Dev",
    "Eleanor",
    "Femi",
    "Grace",
    "Hamza",
    "Isla",
    "Jack",
    "Kemi",
    "Liam",
    "Maya",
    "Niamh",
    "Owen",
    "Priya",
    "Rosa",
    "Sam",
    "Tom",
    "Uma",
    "Wei",
    "Yusuf",
    "Zara",
    "Harriet",
]
LAST_NAMES = [
    "Adeyemi",
    "Baker",
    "Campbell",
    "Davies",
    "Evans",
    "Fletcher",
    "Gupta",
    "Hughes",
    "Iqbal",
    "Jones",
    "Khan",
    "Lewis",
    "Morgan",
    "Nowak",
    "Okafor",
    "Patel",
    "Quinn",
    "Roberts",
    "Smith",
    "Taylor",
    "Walker",
    "Wright",
    "Young",
    "Zhang",
]

# Extra towns for some districts (the rest use the district's own name). The pilots' counties
# get the most, as the demo data lives there.
TOWNS: dict[str, list[str]] = {
    "Thanet": ["Margate", "Ramsgate", "Broadstairs"],
    "Swale": ["Sittingbourne", "Faversham", "Sheerness"],
    "Folkestone and Hythe": ["Folkestone", "Hythe"],
    "Tonbridge and Malling": ["Tonbridge", "West Malling"],
    "Tunbridge Wells": ["Royal Tunbridge Wells", "Cranbrook"],
    "Gravesham": ["Gravesend"],
    "Dover": ["Dover", "Deal"],
    "Canterbury": ["Canterbury", "Whitstable", "Herne Bay"],
    "Medway": ["Chatham", "Rochester", "Gillingham", "Strood"],
    "Cotswold": ["Cirencester", "Stow-on-the-Wold", "Tetbury"],
    "Forest of Dean": ["Coleford", "Cinderford", "Lydney"],
    "Stroud": ["Stroud", "Nailsworth", "Dursley", "Stonehouse"],
    "Tewkesbury": ["Tewkesbury", "Winchcombe"],
    "County Durham": ["Durham", "Bishop Auckland"],
    "Kingston upon Hull": ["Hull"],
    "Blackburn with Darwen": ["Blackburn", "Darwen"],
    "Cornwall": ["Truro", "Falmouth", "Penzance", "St Ives"],
    "Wiltshire": ["Salisbury", "Trowbridge", "Chippenham"],
    "Somerset": ["Taunton", "Frome", "Glastonbury"],
    "Shropshire": ["Shrewsbury", "Ludlow"],
    "North Yorkshire": ["Harrogate", "Scarborough", "Whitby"],
    "Cumberland": ["Carlisle", "Workington"],
    "Westmorland and Furness": ["Kendal", "Barrow-in-Furness"],
    "Isle of Wight": ["Ryde", "Newport"],
    "Herefordshire": ["Hereford", "Leominster"],
    "Northumberland": ["Hexham", "Alnwick"],
}
