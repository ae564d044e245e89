"""Open data from panels: awarded grants as 360Giving packages, and award and contract
releases on a tender's OCDS record. Both are validated against the official schemas (copied
into tests/schemas, so nothing is fetched)."""

from __future__ import annotations

import datetime
import json
from decimal import Decimal
from functools import cache
from pathlib import Path

import pytest
from django.urls import reverse
from jsonschema import Draft202012Validator
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT202012
from rest_framework.test import APIClient

from evaluation.constants import PanelRole
from evaluation.models import Decision
from evaluation.services import decisions, moderation, panels
from tests.evaluation.conftest import closed_call, declare_all, make_panel, score_all, seat
from tests.factories import MembershipFactory, OrganisationFactory
from tests.tenders.test_ocds import schema_errors as ocds_schema_errors

pytestmark = pytest.mark.django_db

SCHEMAS = Path(__file__).resolve().parent.parent / "schemas" / "360giving"
BASE = "https://raw.githubusercontent.com/ThreeSixtyGiving/standard/{}/schema/"


@cache
def _schema(name: str) -> dict:
    return json.loads((SCHEMAS / name).read_text())


@cache
def _registry() -> Registry:
    """The package refers to the grant schema at 1.4.2; the grant schema says it is 1.4.3."""
    grant = Resource.from_contents(
        _schema("360-giving-schema.json"), default_specification=DRAFT202012
    )
    return Registry().with_resources(
        (BASE.format(version) + "360-giving-schema.json", grant) for version in ("1.4.2", "1.4.3")
    )


def threesixty_errors(document: dict) -> list[str]:
    validator = Draft202012Validator(
        _schema("360-giving-package-schema.json"),
        registry=_registry(),
        format_checker=Draft202012Validator.FORMAT_CHECKER,
    )
    return sorted(
        f"{'/'.join(str(p) for p in e.absolute_path)}: {e.message}"
        for e in validator.iter_errors(document)
    )


def _decided(commissioner, *, route="grant", amounts=("12000", "9000"), budget=Decimal(150000)):
    """A call whose panel has scored, moderated, decided and sent its letters."""
    call = closed_call(commissioner, amounts=list(amounts), route=route, budget=budget)
    panel = make_panel(call)
    chair = seat(panel, PanelRole.CHAIR)
    panels.panel_open_scoring(actor=call.user, panel=panel)
    declare_all(chair, call.bids)
    values = ["5", "3", "4", "2"]
    for bid, value in zip(call.bids, values, strict=False):
        score_all(chair, bid, value)
    panels.panel_start_moderation(actor=chair.user, panel=panel)
    for bid, value in zip(call.bids, values, strict=False):
        for criterion in bid.opportunity.criteria.all():
            moderation.consensus_record(
                actor=chair.user,
                panel=panel,
                bid=bid,
                criterion=criterion,
                value=value,
                rationale="Agreed.",
            )
    decisions.decisions_from_funding_line(actor=call.user, panel=panel)
    decisions.letters_send(actor=call.user, panel=panel)
    panel.refresh_from_db()
    return call, panel


@pytest.fixture
def api():
    return APIClient()


def test_threesixty_validator_refuses_a_bad_grant(glos_commissioner, api):
    _decided(glos_commissioner)
    package = api.get(reverse("threesixty_grants")).json()
    package["grants"][0]["awardDate"] = "last Tuesday"
    del package["grants"][0]["recipientOrganization"]

    assert threesixty_errors(package) != []


def test_threesixty_package_of_awarded_grants_validates(glos_commissioner, api):
    call, panel = _decided(glos_commissioner)

    response = api.get(reverse("threesixty_grants"))

    assert response.status_code == 200
    package = response.json()
    assert threesixty_errors(package) == []
    funded = list(Decision.objects.filter(panel=panel, outcome="funded").order_by("bid_id"))
    assert [g["id"] for g in package["grants"]] == [
        f"360G-ccp-{call.opportunity.reference}-{d.bid_id}" for d in funded
    ]
    grant = package["grants"][0]
    organisation = call.bids[0].organisation
    assert grant["recipientOrganization"][0]["id"] == organisation.org_id
    assert grant["recipientOrganization"][0]["id"].startswith("GB-CHC-")
    assert grant["fundingOrganization"] == [
        {"id": call.opportunity.organisation.org_id, "name": "NHS Gloucestershire ICB"}
    ]
    assert grant["amountAwarded"] == 12000.0
    assert grant["currency"] == "GBP"


def test_threesixty_is_paginated_public_cors_open_and_exempt_from_mfa(glos_commissioner, client):
    _decided(glos_commissioner)
    no_mfa = MembershipFactory(organisation=OrganisationFactory(commissioner=True)).user
    client.force_login(no_mfa)

    response = client.get(
        reverse("threesixty_grants") + "?page_size=1", HTTP_ORIGIN="https://example.net"
    )

    assert response.status_code == 200
    assert response["Access-Control-Allow-Origin"] == "*"
    assert 'rel="next"' in response["Link"]
    assert len(response.json()["grants"]) == 1
    assert threesixty_errors(response.json()) == []


def test_threesixty_empty_is_404_not_an_invalid_package(api, db):
    assert api.get(reverse("threesixty_grants")).status_code == 404


def test_threesixty_leaves_out_procurement_awards(glos_commissioner, api):
    _decided(glos_commissioner, route="open", budget=Decimal(20000))

    assert api.get(reverse("threesixty_grants")).status_code == 404


def test_ocds_award_and_contract_releases_validate(glos_commissioner, api):
    call, panel = _decided(glos_commissioner, route="open", budget=Decimal(20000))
    winner = panel.decisions.get(outcome="funded", bid=call.bids[0])

    package = api.get(reverse("ocds_releases")).json()
    assert ocds_schema_errors(package, "release-package-schema.json") == []
    award = next(r for r in package["releases"] if r["tag"] == ["award"])
    assert [a["status"] for a in award["awards"]] == ["pending"]
    assert award["awards"][0]["suppliers"] == [
        {"id": call.bids[0].organisation.org_id, "name": call.bids[0].organisation.name}
    ]
    assert {"supplier", "tenderer"} <= set(
        next(p for p in award["parties"] if p["id"] == call.bids[0].organisation.org_id)["roles"]
    )

    decisions.award_confirm(
        actor=call.user,
        decision=winner,
        today=panel.standstill_ends_on + datetime.timedelta(days=1),
    )

    package = api.get(reverse("ocds_releases")).json()
    assert ocds_schema_errors(package, "release-package-schema.json") == []
    contract = next(r for r in package["releases"] if r["tag"] == ["contract"])
    assert contract["awards"][0]["status"] == "active"
    assert contract["contracts"][0]["awardID"] == contract["awards"][0]["id"]
    assert contract["tender"]["status"] == "complete"
    record = api.get(reverse("ocds_record", args=[call.opportunity.ocid])).json()
    assert ocds_schema_errors(record, "record-package-schema.json") == []
    assert record["records"][0]["compiledRelease"]["contracts"][0]["status"] == "active"


def test_grants_emit_no_ocds_award_release(glos_commissioner, api):
    _decided(glos_commissioner)

    assert api.get(reverse("ocds_releases")).status_code == 404
