"""Factories for monitoring, one per model."""

from __future__ import annotations

import datetime
from decimal import Decimal

import factory

from monitoring.models import (
    Agreement,
    AgreementKpi,
    BudgetLine,
    InstrumentResponse,
    Participant,
    ReportingPeriod,
    Return,
)
from tests.factories import OrganisationFactory, ProgrammeFactory


class AgreementFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Agreement

    programme = factory.SubFactory(ProgrammeFactory)
    commissioner = factory.LazyAttribute(lambda o: o.programme.organisation)
    provider = factory.SubFactory(OrganisationFactory)
    reference = factory.Sequence(lambda n: f"AGR-TEST-{n:04d}")
    title = factory.Sequence(lambda n: f"Singing for lung health {n}")
    kind = "grant"
    value = Decimal("15000")
    starts_on = datetime.date(2026, 4, 1)
    ends_on = datetime.date(2027, 3, 31)
    monitoring_level = "light"
    frequency = "quarterly"


class ReportingPeriodFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ReportingPeriod

    agreement = factory.SubFactory(AgreementFactory)
    number = factory.Sequence(lambda n: n + 1)
    label = factory.LazyAttribute(lambda o: f"Quarter {o.number}")
    starts_on = datetime.date(2026, 4, 1)
    ends_on = datetime.date(2026, 6, 30)
    due_on = datetime.date(2026, 7, 21)


class ReturnFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Return

    period = factory.SubFactory(ReportingPeriodFactory)
    agreement = factory.LazyAttribute(lambda o: o.period.agreement)
    narrative = "Twelve sessions with 18 people referred by respiratory physiotherapists."


class AgreementKpiFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = AgreementKpi

    agreement = factory.SubFactory(AgreementFactory)
    kpi = factory.LazyFunction(
        lambda: __import__("commissioning.models", fromlist=["Kpi"]).Kpi.objects.get(
            slug="participants-engaged"
        )
    )
    minimum = Decimal("30")
    expected = Decimal("40")
    stretch = Decimal("50")


class BudgetLineFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = BudgetLine

    agreement = factory.SubFactory(AgreementFactory)
    description = "Artist fees"
    cost_type = "variable"
    amount = Decimal("9000")


class ParticipantFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Participant

    agreement = factory.SubFactory(AgreementFactory)
    code = factory.Sequence(lambda n: f"P{n:03d}")


class InstrumentResponseFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = InstrumentResponse

    participant = factory.SubFactory(ParticipantFactory)
    agreement = factory.LazyAttribute(lambda o: o.participant.agreement)
    instrument = "swemwbs"
    instrument_version = "2009"
    time_point = "baseline"
    collected_on = datetime.date(2026, 4, 10)
    items = factory.LazyFunction(lambda: [3, 3, 3, 3, 3, 3, 3])
    raw_score = 21
    metric_score = Decimal("19.25")
