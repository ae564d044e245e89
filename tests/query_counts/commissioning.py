"""Commissioning: programmes and the shared vocabulary."""

from __future__ import annotations

from decimal import Decimal

from django.urls import reverse

from commissioning.models import Area, ArtForm, BeneficiaryGroup, OutcomeArea, Programme
from tests.query_counts.people import Counter, commissioner
from tests.query_counts.registry import View, page


def _grow_programmes(organisation):
    counter = Counter()
    outcome_areas = list(OutcomeArea.objects.all()[:2])

    def grow(count: int) -> None:
        programmes = Programme.objects.bulk_create(
            Programme(
                organisation=organisation,
                name=f"Measured programme {n}",
                summary="Arts and health.",
                budget=Decimal(150000),
                start_date="2026-04-01",
                end_date="2027-03-31",
            )
            for n in counter.take(count)
        )
        Programme.outcome_areas.through.objects.bulk_create(
            Programme.outcome_areas.through(programme=programme, outcomearea=area)
            for programme in programmes
            for area in outcome_areas
        )

    return grow


@page("commissioning:programme_list", who="a commissioner of the organisation")
def programme_list() -> View:
    membership = commissioner()
    return View(
        user=membership.user,
        url=reverse("commissioning:programme_list"),
        grow=_grow_programmes(membership.organisation),
        shows="Measured programme 0",
    )


@page("api_programmes", who="a commissioner of the organisation")
def api_programmes() -> View:
    membership = commissioner()
    return View(
        user=membership.user,
        url=reverse("api_programmes"),
        grow=_grow_programmes(membership.organisation),
        shows="Measured programme 0",
    )


def _vocabulary(name: str, model, **fields) -> View:
    counter = Counter()

    def grow(count: int) -> None:
        model.objects.bulk_create(
            model(name=f"Measured term {n}", **{k: v(n) for k, v in fields.items()})
            for n in counter.take(count)
        )

    return View(user=None, url=reverse(name), grow=grow, shows="Measured term 0")


@page("api_outcome_areas", who="anyone")
def api_outcome_areas() -> View:
    return _vocabulary("api_outcome_areas", OutcomeArea, slug=lambda n: f"measured-{n}")


@page("api_art_forms", who="anyone")
def api_art_forms() -> View:
    return _vocabulary("api_art_forms", ArtForm, slug=lambda n: f"measured-{n}")


@page("api_beneficiary_groups", who="anyone")
def api_beneficiary_groups() -> View:
    return _vocabulary("api_beneficiary_groups", BeneficiaryGroup, slug=lambda n: f"measured-{n}")


@page("api_areas", who="anyone")
def api_areas() -> View:
    return _vocabulary("api_areas", Area, code=lambda n: f"E98{n:06d}", kind=lambda n: "unitary")
