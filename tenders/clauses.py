"""The clause library: ready wording commissioners insert into a specification and edit.

Wording that names arts and cultural organisations is adapted from Kent County Council's
community mental health and wellbeing specification, quoted in NEF's *The Art of
Commissioning* (2016), section 5 of the Kent case study.
"""

CLAUSES = [
    {
        "slug": "delivery-network-arts",
        "title": "Delivery network that names arts and cultural organisations",
        "section": "delivery",
        "source": "Kent County Council community mental health and wellbeing specification",
        "body": (
            "<p>A provider will form part of the delivery network and may deliver services to "
            "meet the outcomes of this specification. There should be a diverse range of "
            "providers in the delivery network, which may include providers who have not "
            "traditionally delivered these services. This is likely to include, but not be "
            "limited to:</p><ul><li>organisations with experience of delivering employment "
            "outcomes</li><li>organisations that support people to become more empowered and "
            "to live independently</li><li>organisations that link people to their "
            "communities</li><li><strong>organisations offering arts and cultural "
            "activities</strong></li><li>sports and leisure organisations</li><li>organisations "
            "that use the natural environment to improve wellbeing</li></ul>"
        ),
    },
    {
        "slug": "creative-interventions",
        "title": "Creative and cultural activities to support wellbeing",
        "section": "outcomes",
        "source": "Kent County Council community mental health and wellbeing specification",
        "body": (
            "<p>Activities to support wellbeing may include investing in creative arts "
            "interventions, cultural activities, community exercise and green spaces. People "
            "using the service should be offered a choice that includes arts and cultural "
            "activities.</p>"
        ),
    },
    {
        "slug": "social-value-question",
        "title": "Social value question",
        "section": "assessment",
        "source": "Public Services (Social Value) Act 2012; PPN 002 (2025)",
        "body": (
            "<p><strong>Social value.</strong> Describe the additional social, economic and "
            "environmental benefits your organisation will bring to the area through this "
            "contract: for example local employment and volunteering, work with local "
            "community and cultural groups, and reducing environmental impact. Say how you "
            "will measure and report them.</p>"
        ),
    },
    {
        "slug": "proportionate-evidence",
        "title": "Proportionate evidence statement",
        "section": "how_to_bid",
        "source": "NEF, The Art of Commissioning (2016): the burden of proof",
        "body": (
            "<p>We ask only for evidence that is proportionate to the value of this "
            "opportunity. Organisations new to public-sector contracts are welcome: case "
            "studies, evaluations, participant feedback and creative evidence such as photos "
            "or film are accepted in place of a formal track record.</p>"
        ),
    },
    {
        "slug": "consortium-encouragement",
        "title": "Consortium and partnership bids welcome",
        "section": "how_to_bid",
        "source": "NEF, The Art of Commissioning (2016)",
        "body": (
            "<p>We welcome bids from consortia and partnerships, including partnerships "
            "between large providers and small community, voluntary and arts and cultural "
            "organisations. A lead organisation submits the bid on behalf of its partners. "
            "Use the provider directory and the list of organisations interested in this "
            "opportunity to find partners.</p>"
        ),
    },
    {
        "slug": "innovation-grant",
        "title": "Innovation grant pot for small groups",
        "section": "budget",
        "source": "Kent County Council community mental health and wellbeing service",
        "body": (
            "<p>The strategic partners will hold an innovation grant pot to re-grant to small "
            "and community groups, including arts and cultural organisations, to pilot new "
            "activities and build the evidence base over the life of the contract.</p>"
        ),
    },
    {
        "slug": "spot-purchase",
        "title": "Spot purchasing and lower-level contracts",
        "section": "delivery",
        "source": "Kent County Council community mental health and wellbeing service",
        "body": (
            "<p>Strategic partners may spot purchase activities and use lower-level "
            "contracting arrangements with smaller providers, so that the delivery network can "
            "change and grow over the lifetime of the contract.</p>"
        ),
    },
    {
        "slug": "proportionate-monitoring",
        "title": "Proportionate, outcome-based monitoring",
        "section": "kpis",
        "source": "NEF, The Art of Commissioning (2016), section 5.3",
        "body": (
            "<p>Monitoring will be proportionate to the size of the award. We will agree "
            "outcome measures with you, with minimum, expected and stretch targets, and accept "
            "a balance of quantitative and qualitative evidence, including creative evidence "
            "such as photographs, film and artwork. Where wellbeing is measured we will use a "
            "validated scale such as SWEMWBS.</p>"
        ),
    },
    {
        "slug": "equal-information",
        "title": "Everyone gets the same information",
        "section": "how_to_bid",
        "source": "NEF, The Art of Commissioning (2016): market engagement",
        "body": (
            "<p>Questions can be asked through this platform until the clarification deadline. "
            "We publish every answer to everyone, without saying who asked, and notify "
            "everyone who has registered interest.</p>"
        ),
    },
    {
        "slug": "light-grant-agreement",
        "title": "Light-weight grant agreement",
        "section": "how_to_bid",
        "source": "Gloucestershire Clinical Commissioning Group arts and health grants",
        "body": (
            "<p>Successful applicants sign a short, light-weight grant agreement adapted for "
            "small grants, not a full NHS contract. Reporting is proportionate to the size of "
            "the grant.</p>"
        ),
    },
]
