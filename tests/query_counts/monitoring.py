"""Monitoring: agreements, and under one agreement its KPIs, returns, wellbeing responses and
a return's evidence."""

from __future__ import annotations

import datetime
from decimal import Decimal

from django.urls import reverse

from commissioning.models import Kpi
from monitoring.models import (
    Agreement,
    AgreementKpi,
    Evidence,
    InstrumentResponse,
    KpiTarget,
    Participant,
    ReportingPeriod,
    Return,
)
from tests.factories import ProgrammeFactory
from tests.monitoring.factories import AgreementFactory, AgreementKpiFactory, ReturnFactory
from tests.query_counts.people import Counter, commissioner
from tests.query_counts.registry import View, page


def _agreements(name: str) -> View:
    membership = commissioner()
    programme = ProgrammeFactory(organisation=membership.organisation)
    provider = AgreementFactory(programme=programme).provider
    counter = Counter()

    def grow(count: int) -> None:
        Agreement.objects.bulk_create(
            Agreement(
                programme=programme,
                commissioner=membership.organisation,
                provider=provider,
                reference=f"AGR-QC-{n:04d}",
                title=f"Measured agreement {n}",
                kind="grant",
                value=Decimal(15000),
                starts_on=datetime.date(2026, 4, 1),
                ends_on=datetime.date(2027, 3, 31),
                monitoring_level="light",
                frequency="quarterly",
            )
            for n in counter.take(count)
        )

    return View(user=membership.user, url=reverse(name), grow=grow, shows="Measured agreement 0")


@page("monitoring:agreement_list", who="the commissioner who holds the agreements")
def agreement_list() -> View:
    return _agreements("monitoring:agreement_list")


@page("api_agreements", who="the commissioner who holds the agreements")
def api_agreements() -> View:
    return _agreements("api_agreements")


def _under_agreement(name: str, make, *, shows: str | None = None, **kwargs) -> View:
    membership = commissioner()
    agreement = AgreementFactory(
        programme=ProgrammeFactory(organisation=membership.organisation),
        commissioner=membership.organisation,
    )
    counter = Counter()
    return View(
        user=membership.user,
        url=reverse(name, kwargs={"pk": agreement.pk, **kwargs}),
        grow=lambda count: make(agreement, counter.take(count)),
        shows=shows,
    )


def _kpis(agreement, numbers):
    kpis = Kpi.objects.bulk_create(
        Kpi(
            slug=f"measured-kpi-{agreement.pk}-{n}",
            name=f"Measured KPI {n}",
            definition="People taking part.",
            unit="count",
        )
        for n in numbers
    )
    AgreementKpi.objects.bulk_create(
        AgreementKpi(
            agreement=agreement,
            kpi=kpi,
            minimum=Decimal(30),
            expected=Decimal(40),
            stretch=Decimal(50),
        )
        for kpi in kpis
    )


@page("api_agreement_kpis", who="the commissioner who holds the agreement")
def api_agreement_kpis() -> View:
    return _under_agreement("api_agreement_kpis", _kpis, shows="Measured KPI 0")


def _returns(agreement, numbers):
    periods = ReportingPeriod.objects.bulk_create(
        ReportingPeriod(
            agreement=agreement,
            number=n + 1,
            label=f"Measured period {n}",
            starts_on=datetime.date(2026, 4, 1),
            ends_on=datetime.date(2026, 6, 30),
            due_on=datetime.date(2026, 7, 21),
        )
        for n in numbers
    )
    Return.objects.bulk_create(
        Return(agreement=agreement, period=period, narrative="Twelve sessions.")
        for period in periods
    )


@page("api_agreement_returns", who="the commissioner who holds the agreement")
def api_agreement_returns() -> View:
    return _under_agreement("api_agreement_returns", _returns, shows="Measured period 0")


def _responses(agreement, numbers):
    participants = Participant.objects.bulk_create(
        Participant(agreement=agreement, code=f"QC{n:04d}") for n in numbers
    )
    InstrumentResponse.objects.bulk_create(
        InstrumentResponse(
            agreement=agreement,
            participant=participant,
            instrument="swemwbs",
            instrument_version="2009",
            time_point="baseline",
            collected_on=datetime.date(2026, 4, 10),
            items=[3, 3, 3, 3, 3, 3, 3],
            raw_score=21,
            metric_score=Decimal("19.25"),
        )
        for participant in participants
    )


@page("monitoring:response_list", who="the commissioner who holds the agreement")
def response_list() -> View:
    return _under_agreement(
        "monitoring:response_list", _responses, shows="QC0000", instrument="swemwbs"
    )


@page("api_agreement_responses", who="the commissioner who holds the agreement")
def api_agreement_responses() -> View:
    return _under_agreement("api_agreement_responses", _responses, shows="QC0000")


@page("api_return_evidence", who="the commissioner who holds the agreement")
def api_return_evidence() -> View:
    membership = commissioner()
    report = ReturnFactory(
        period__agreement__programme=ProgrammeFactory(organisation=membership.organisation),
        period__agreement__commissioner=membership.organisation,
    )
    counter = Counter()

    def grow(count: int) -> None:
        Evidence.objects.bulk_create(
            Evidence(
                report=report,
                kind="video_link",
                title=f"Measured evidence {n}",
                url="https://video.example.org/session",
            )
            for n in counter.take(count)
        )

    return View(
        user=membership.user,
        url=reverse("api_return_evidence", args=[report.pk]),
        grow=grow,
        shows="Measured evidence 0",
    )


@page("api_agreement_analysis", who="the commissioner who holds the agreement")
def api_agreement_analysis() -> View:
    # The analysis is computed over every response: 500 responses, one query for them.
    return _under_agreement("api_agreement_analysis", _responses, shows="swemwbs")


@page("api_agreement_kpi_targets", who="the commissioner who holds the agreement")
def api_agreement_kpi_targets() -> View:
    membership = commissioner()
    item = AgreementKpiFactory(
        agreement__programme=ProgrammeFactory(organisation=membership.organisation),
        agreement__commissioner=membership.organisation,
    )
    counter = Counter()

    def grow(count: int) -> None:
        numbers = counter.take(count)
        periods = ReportingPeriod.objects.bulk_create(
            ReportingPeriod(
                agreement=item.agreement,
                number=n + 1,
                label=f"Measured period {n}",
                starts_on=datetime.date(2026, 4, 1),
                ends_on=datetime.date(2026, 6, 30),
                due_on=datetime.date(2026, 7, 21),
            )
            for n in numbers
        )
        KpiTarget.objects.bulk_create(
            KpiTarget(
                agreement_kpi=item,
                period=period,
                minimum=Decimal(30),
                expected=Decimal(40),
                stretch=Decimal(50),
            )
            for period in periods
        )

    return View(
        user=membership.user,
        url=reverse("api_agreement_kpi_targets", args=[item.agreement_id, item.pk]),
        grow=grow,
        shows="Measured period 0",
    )
