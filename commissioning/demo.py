"""The two pilot programmes from the NEF report, set in the present day."""

from __future__ import annotations

import datetime
from decimal import Decimal

from django.db import transaction

from accounts.models import Organisation, User
from commissioning.models import Area, OutcomeArea, Programme

PROGRAMMES = [
    {
        "organisation": "NHS Gloucestershire Integrated Care Board",
        "team": ["commissioner@gloucestershire.example.org"],
        "name": "Arts and health innovation grants 2026",
        "summary": (
            "Grants of up to £15,000 for arts and cultural organisations to improve outcomes "
            "across nine clinical-pathway themes, including dementia, diabetes, chronic pain, "
            "lung conditions, young people's mental health, cancer and obesity. Bids are "
            "assessed in two stages by a panel of patients, clinicians, commissioners and arts "
            "specialists, and every project is evaluated against six questions."
        ),
        "budget": Decimal("150000"),
        "start": datetime.date(2026, 4, 1),
        "end": datetime.date(2027, 3, 31),
        "status": "active",
        "outcomes": ["Physical health", "Mental health", "Wellbeing"],
        "areas": ["E10000013"],
    },
    {
        "organisation": "Kent County Council",
        "team": ["commissioner@kent.example.org"],
        "name": "Community mental health and wellbeing service",
        "summary": (
            "A £4m service, procured by the competitive flexible procedure, written around "
            "outcomes: people connect to their communities and feel less lonely, and are "
            "supported to access arts or cultural groups and activities. Strategic partners "
            "keep a diverse market of providers, including arts and cultural organisations, "
            "and re-grant an innovation pot to small groups."
        ),
        "budget": Decimal("4000000"),
        "start": datetime.date(2026, 10, 1),
        "end": datetime.date(2029, 9, 30),
        "status": "planning",
        "outcomes": ["Mental health", "Wellbeing"],
        "areas": ["E10000016"],
    },
]


@transaction.atomic
def seed() -> str:
    for data in PROGRAMMES:
        organisation = Organisation.objects.get(name=data["organisation"])
        programme, _ = Programme.objects.update_or_create(
            organisation=organisation,
            name=data["name"],
            defaults={
                "summary": data["summary"],
                "budget": data["budget"],
                "start_date": data["start"],
                "end_date": data["end"],
                "status": data["status"],
            },
        )
        programme.outcome_areas.set(OutcomeArea.objects.filter(name__in=data["outcomes"]))
        programme.areas.set(Area.objects.filter(code__in=data["areas"]))
        programme.team.set(User.objects.filter(email__in=data["team"]))
    return f"{len(PROGRAMMES)} programmes"
