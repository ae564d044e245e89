"""The OCDS 1.1 feed: stored releases, release and record packages, validated against the
official schemas (copied into tests/schemas/ocds-1.1, so nothing is fetched)."""

from __future__ import annotations

import copy
import csv
import datetime
import json
from decimal import Decimal
from functools import cache
from pathlib import Path

import pytest
from django.conf import settings
from django.urls import reverse
from jsonschema import Draft4Validator
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT4
from rest_framework.test import APIClient

from tenders.models import Release
from tenders.services import drafting, engagement, lifecycle
from tests.factories import MembershipFactory, OrganisationFactory
from tests.tenders.conftest import build_opportunity

pytestmark = pytest.mark.django_db

SCHEMAS = Path(__file__).resolve().parent.parent / "schemas" / "ocds-1.1"
SCHEMA_BASE = "https://standard.open-contracting.org/schema/1__1__5/"
SCHEMA_FILES = ("release-schema.json", "release-package-schema.json", "record-package-schema.json")


@cache
def _schema(name: str) -> dict:
    return json.loads((SCHEMAS / name).read_text())


@cache
def _registry() -> Registry:
    """The schemas refer to each other by their standard.open-contracting.org URLs."""
    return Registry().with_resources(
        (SCHEMA_BASE + name, Resource.from_contents(_schema(name), default_specification=DRAFT4))
        for name in SCHEMA_FILES
    )


def schema_errors(document: dict, schema_name: str) -> list[str]:
    validator = Draft4Validator(
        _schema(schema_name), registry=_registry(), format_checker=Draft4Validator.FORMAT_CHECKER
    )
    return sorted(
        f"{'/'.join(str(p) for p in error.absolute_path)}: {error.message}"
        for error in validator.iter_errors(document)
    )


@cache
def codelist(name: str) -> set[str]:
    with (SCHEMAS / "codelists" / f"{name}.csv").open(newline="") as handle:
        return {row["Code"] for row in csv.DictReader(handle)}


@pytest.fixture
def api():
    return APIClient()


def _provider():
    return MembershipFactory(admin=True, organisation=OrganisationFactory(name="Stroud Arts"))


def _published(commissioner_member, **fields):
    opportunity = build_opportunity(commissioner_member, **fields)
    lifecycle.opportunity_publish(actor=commissioner_member.user, opportunity=opportunity)
    opportunity.refresh_from_db()
    return opportunity


def _releases(api) -> list[dict]:
    response = api.get(reverse("ocds_releases"))
    assert response.status_code == 200
    return response.json()["releases"]


def test_schema_validator_refuses_a_bad_release(commissioner_member, api):
    """The validator really checks codelists and formats (so a pass below means something)."""
    _published(commissioner_member)
    package = api.get(reverse("ocds_releases")).json()
    package["releases"][0]["tag"] = ["tenderPublished"]
    package["releases"][0]["date"] = "last Tuesday"

    errors = schema_errors(package, "release-package-schema.json")

    assert errors == [
        "releases/0/date: 'last Tuesday' is not a 'date-time'",
        "releases/0/tag/0: 'tenderPublished' is not one of "
        + str(_schema("release-schema.json")["properties"]["tag"]["items"]["enum"]),
    ]


def test_release_package_from_publish_validates(commissioner_member, api):
    opportunity = _published(commissioner_member)

    package = api.get(reverse("ocds_releases")).json()

    assert schema_errors(package, "release-package-schema.json") == []
    [release] = package["releases"]
    assert release["ocid"] == f"{settings.OCDS_PREFIX}-{opportunity.reference}"
    assert release["id"] == f"{release['ocid']}-0001-tender"
    assert release["tag"] == ["tender"]
    assert release["initiationType"] == "tender"
    assert release["buyer"] == {
        "id": opportunity.organisation.org_id,
        "name": "Kent County Council",
    }
    tender = release["tender"]
    assert tender["id"] == opportunity.reference
    assert tender["title"] == "Community mental health and wellbeing service"
    assert tender["status"] == "active"
    assert tender["procurementMethod"] == "open"
    assert tender["value"] == {"amount": 4000000.0, "currency": "GBP"}
    assert tender["awardCriteria"] == "ratedCriteria"
    assert tender["awardCriteriaDetails"] == (
        "Quality of the delivery network 60%; Price 30%; Social value 10%"
    )
    assert tender["tenderPeriod"] == {
        "startDate": opportunity.published_at.isoformat(),
        "endDate": opportunity.closes_at.isoformat(),
    }
    assert tender["hasEnquiries"] is False


def test_release_package_codes_come_from_the_codelists(commissioner_member, api):
    _published(commissioner_member)

    [release] = _releases(api)

    tender = release["tender"]
    assert set(release["tag"]) <= codelist("releaseTag")
    assert release["initiationType"] in codelist("initiationType")
    assert set(release["parties"][0]["roles"]) <= codelist("partyRole")
    assert tender["status"] in codelist("tenderStatus")
    assert tender["procurementMethod"] in codelist("method")
    assert tender["awardCriteria"] in codelist("awardCriteria")
    assert tender["mainProcurementCategory"] in codelist("procurementCategory")
    assert set(tender["submissionMethod"]) <= codelist("submissionMethod")
    assert {d["documentType"] for d in tender["documents"]} <= codelist("documentType")


def test_release_package_from_amendment_validates(commissioner_member, api):
    opportunity = _published(commissioner_member)
    lifecycle.opportunity_amend(
        actor=commissioner_member.user,
        opportunity=opportunity,
        reason="The budget has grown.",
        total_budget=Decimal("4500000"),
    )

    package = api.get(reverse("ocds_releases")).json()

    assert schema_errors(package, "release-package-schema.json") == []
    amendment, original = package["releases"]
    assert amendment["tag"] == ["tenderAmendment"]
    assert amendment["tender"]["value"]["amount"] == 4500000.0
    assert [(a["id"], a["rationale"]) for a in amendment["tender"]["amendments"]] == [
        (f"{opportunity.reference}-v2", "The budget has grown.")
    ]
    assert original["tag"] == ["tender"]
    assert "amendments" not in original["tender"]


def test_release_package_from_answer_has_enquiries(commissioner_member, api):
    opportunity = _published(commissioner_member)
    provider = _provider()
    question = engagement.question_ask(
        actor=provider.user,
        opportunity=opportunity,
        organisation=provider.organisation,
        text="May a consortium of choirs bid?",
    )
    engagement.question_answer(
        actor=commissioner_member.user, question=question, answer="Yes, consortia are welcome."
    )

    package = api.get(reverse("ocds_releases")).json()

    assert schema_errors(package, "release-package-schema.json") == []
    update = package["releases"][0]
    assert update["tag"] == ["tenderUpdate"]
    assert update["tender"]["hasEnquiries"] is True
    [enquiry] = update["tender"]["enquiries"]
    question.refresh_from_db()
    assert enquiry == {
        "id": str(question.pk),
        "date": question.created_at.isoformat(),
        "title": "May a consortium of choirs bid?",
        "description": "May a consortium of choirs bid?",
        "answer": "Yes, consortia are welcome.",
        "dateAnswered": question.answered_at.isoformat(),
    }
    assert "Stroud Arts" not in json.dumps(package)
    assert provider.user.email not in json.dumps(package)


def test_private_answers_emit_no_release(commissioner_member):
    opportunity = _published(commissioner_member)
    provider = _provider()
    question = engagement.question_ask(
        actor=provider.user,
        opportunity=opportunity,
        organisation=provider.organisation,
        text="Our prices are attached: are they in range?",
        sensitive=True,
    )

    engagement.question_answer(
        actor=commissioner_member.user,
        question=question,
        answer="Yes.",
        publish=False,
        private_reason="It quotes the provider's own prices.",
    )

    assert list(Release.objects.values_list("tags", flat=True)) == [["tender"]]


def test_release_package_from_cancellation_validates(commissioner_member, api):
    opportunity = _published(commissioner_member)
    lifecycle.opportunity_cancel(
        actor=commissioner_member.user, opportunity=opportunity, reason="Funding was withdrawn."
    )

    package = api.get(reverse("ocds_releases")).json()

    assert schema_errors(package, "release-package-schema.json") == []
    cancellation = package["releases"][0]
    assert cancellation["tag"] == ["tenderCancellation"]
    assert cancellation["tender"]["status"] == "cancelled"


def test_release_package_from_withdrawal_validates(commissioner_member, api):
    opportunity = _published(commissioner_member)
    lifecycle.opportunity_withdraw(
        actor=commissioner_member.user, opportunity=opportunity, reason="Published in error."
    )

    package = api.get(reverse("ocds_releases")).json()

    assert schema_errors(package, "release-package-schema.json") == []
    assert package["releases"][0]["tag"] == ["tenderCancellation"]
    assert package["releases"][0]["tender"]["status"] == "withdrawn"


def test_status_changes_emit_tender_updates(commissioner_member, api, time_machine):
    opportunity = _published(commissioner_member)
    time_machine.move_to(opportunity.closes_at + datetime.timedelta(minutes=1))
    user = commissioner_member.user
    lifecycle.opportunity_close(actor=user, opportunity=opportunity)
    lifecycle.opportunity_start_evaluation(actor=user, opportunity=opportunity)
    lifecycle.opportunity_decide(actor=user, opportunity=opportunity, awarded=False)

    package = api.get(reverse("ocds_releases")).json()

    assert schema_errors(package, "release-package-schema.json") == []
    assert [(r["tag"], r["tender"]["status"]) for r in package["releases"]] == [
        (["tenderUpdate"], "unsuccessful"),
        (["tenderUpdate"], "active"),
        (["tenderUpdate"], "active"),
        (["tender"], "active"),
    ]


def test_record_package_validates_with_compiled_release(commissioner_member, api):
    opportunity = _published(commissioner_member)
    lifecycle.opportunity_amend(
        actor=commissioner_member.user,
        opportunity=opportunity,
        reason="A longer description.",
        summary="A longer summary of the mental health and wellbeing service.",
    )
    ocid = opportunity.ocid

    response = api.get(reverse("ocds_record", kwargs={"ocid": ocid}))

    package = response.json()
    assert schema_errors(package, "record-package-schema.json") == []
    [record] = package["records"]
    assert record["ocid"] == ocid
    assert [(r["tag"], r["url"]) for r in record["releases"]] == [
        (
            ["tender"],
            settings.SITE_URL
            + reverse("ocds_release", kwargs={"release_id": f"{ocid}-0001-tender"}),
        ),
        (
            ["tenderAmendment"],
            settings.SITE_URL
            + reverse("ocds_release", kwargs={"release_id": f"{ocid}-0002-tenderAmendment"}),
        ),
    ]
    compiled = record["compiledRelease"]
    assert compiled["tag"] == ["compiled"]
    assert compiled["tender"]["description"] == (
        "A longer summary of the mental health and wellbeing service."
    )
    assert schema_errors(compiled, "release-schema.json") == []


def test_record_unknown_ocid_is_404(api):
    response = api.get(reverse("ocds_record", kwargs={"ocid": "ocds-ccp000-CC-1999-0001"}))

    assert response.status_code == 404
    assert response.json()["errors"][0]["code"] == "not_found"


def test_release_detail_is_a_package_of_exactly_the_stored_release(commissioner_member, api):
    opportunity = _published(commissioner_member)
    stored = opportunity.releases.get()

    response = api.get(reverse("ocds_release", kwargs={"release_id": stored.release_id}))

    package = response.json()
    assert schema_errors(package, "release-package-schema.json") == []
    assert package["releases"] == [stored.data]
    assert package["uri"] == settings.SITE_URL + reverse(
        "ocds_release", kwargs={"release_id": stored.release_id}
    )


def test_release_detail_unknown_is_404(api):
    response = api.get(reverse("ocds_release", kwargs={"release_id": "nothing-here"}))

    assert response.status_code == 404


def test_releases_are_immutable(commissioner_member, api):
    opportunity = _published(commissioner_member)
    first = opportunity.releases.get()
    as_emitted = copy.deepcopy(first.data)

    lifecycle.opportunity_amend(
        actor=commissioner_member.user,
        opportunity=opportunity,
        reason="A clearer title.",
        title="Community wellbeing and connection service",
    )

    first.refresh_from_db()
    assert first.data == as_emitted
    served = api.get(reverse("ocds_release", kwargs={"release_id": first.release_id})).json()
    assert served["releases"][0]["tender"]["title"] == (
        "Community mental health and wellbeing service"
    )
    assert _releases(api)[0]["tender"]["title"] == "Community wellbeing and connection service"


@pytest.mark.parametrize(
    ("route", "method"),
    [
        ("open", "open"),
        ("light_touch", "open"),
        ("psr_competitive", "open"),
        ("competitive_flexible", "selective"),
        ("below_threshold", "limited"),
        ("framework_call_off", "limited"),
        ("psr_most_suitable", "limited"),
        ("direct_award", "direct"),
        ("psr_direct_a", "direct"),
        ("psr_direct_b", "direct"),
        ("psr_direct_c", "direct"),
        ("spot_purchase", "direct"),
    ],
)
def test_procurement_method_follows_the_route(commissioner_member, api, route, method):
    _published(
        commissioner_member,
        route=route,
        direct_award_justification="Only one provider runs singing groups for lung health here.",
    )

    package = api.get(reverse("ocds_releases")).json()

    assert schema_errors(package, "release-package-schema.json") == []
    tender = package["releases"][0]["tender"]
    assert tender["procurementMethod"] == method
    assert method in codelist("method")


def test_direct_award_rationale_published(commissioner_member, api):
    _published(
        commissioner_member,
        route="direct_award",
        direct_award_justification="Only one provider runs singing groups for lung health here.",
    )

    [release] = _releases(api)

    assert release["tender"]["procurementMethodRationale"] == (
        "Only one provider runs singing groups for lung health here."
    )


@pytest.mark.parametrize("route", ["grant", "innovation_grant"])
def test_grants_emit_no_releases(commissioner_member, api, route):
    opportunity = _published(commissioner_member, route=route, max_bid=Decimal(15000))
    lifecycle.opportunity_cancel(
        actor=commissioner_member.user, opportunity=opportunity, reason="Programme paused."
    )

    response = api.get(reverse("ocds_releases"))

    assert Release.objects.count() == 0
    assert response.status_code == 404
    assert response.json()["errors"][0]["detail"] == "No OCDS releases have been published yet."


def test_lots_appear_in_tender_lots(commissioner_member, api):
    opportunity = build_opportunity(commissioner_member, multiple_lots_allowed=False)
    for title, budget in (("Dementia", Decimal(15000)), ("Chronic pain", None)):
        drafting.lot_save(
            actor=commissioner_member.user,
            opportunity=opportunity,
            title=title,
            description=f"Arts on prescription for {title.lower()}.",
            budget=budget,
        )
    lifecycle.opportunity_publish(actor=commissioner_member.user, opportunity=opportunity)

    [release] = _releases(api)

    assert release["tender"]["lots"] == [
        {
            "id": "1",
            "title": "Dementia",
            "description": "Arts on prescription for dementia.",
            "status": "active",
            "value": {"amount": 15000.0, "currency": "GBP"},
        },
        {
            "id": "2",
            "title": "Chronic pain",
            "description": "Arts on prescription for chronic pain.",
            "status": "active",
        },
    ]
    assert release["tender"]["lotDetails"] == {"maximumLotsBidPerSupplier": 1}


def test_release_list_paginated_newest_first(commissioner_member, api, time_machine):
    opportunities = []
    for day in range(3):
        time_machine.move_to(datetime.datetime(2026, 3, 2 + day, 9, tzinfo=datetime.UTC))
        opportunities.append(_published(commissioner_member))
    newest_first = [f"{o.ocid}-0001-tender" for o in reversed(opportunities)]
    url = reverse("ocds_releases")

    first = api.get(url, {"page_size": 2})
    second = api.get(url, {"page_size": 2, "page": 2})

    assert [r["id"] for r in first.json()["releases"]] == newest_first[:2]
    assert [r["id"] for r in second.json()["releases"]] == newest_first[2:]
    next_url = f"{settings.SITE_URL}{url}?page=2&page_size=2"
    prev_url = f"{settings.SITE_URL}{url}?page_size=2"
    assert first.json()["links"] == {"next": next_url}
    assert first["Link"] == f'<{next_url}>; rel="next"'
    assert second.json()["links"] == {"prev": prev_url}
    assert second["Link"] == f'<{prev_url}>; rel="prev"'
    assert schema_errors(first.json(), "release-package-schema.json") == []


def test_release_list_needs_no_sign_in_and_sets_no_cookie(commissioner_member, client):
    _published(commissioner_member)

    response = client.get(reverse("ocds_releases"))

    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    assert response.cookies == {}


@pytest.mark.parametrize("rows", [1, 10])
def test_release_list_query_budget(commissioner_member, api, django_assert_num_queries, rows):
    opportunity = _published(commissioner_member)
    provider = _provider()
    for number in range(rows - 1):
        question = engagement.question_ask(
            actor=provider.user,
            opportunity=opportunity,
            organisation=provider.organisation,
            text=f"Question {number}?",
        )
        engagement.question_answer(
            actor=commissioner_member.user, question=question, answer="Answered."
        )

    with django_assert_num_queries(2):
        response = api.get(reverse("ocds_releases"))

    assert len(response.json()["releases"]) == rows


@pytest.mark.parametrize("rows", [1, 10])
def test_record_query_budget(commissioner_member, api, django_assert_num_queries, rows):
    opportunity = _published(commissioner_member)
    for number in range(rows - 1):
        lifecycle.opportunity_amend(
            actor=commissioner_member.user,
            opportunity=opportunity,
            reason=f"Amendment {number}",
            summary=f"Summary {number}",
        )

    with django_assert_num_queries(1):
        response = api.get(reverse("ocds_record", kwargs={"ocid": opportunity.ocid}))

    assert len(response.json()["records"][0]["releases"]) == rows
