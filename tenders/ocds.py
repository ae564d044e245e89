"""Open Contracting Data Standard 1.1 releases and records for tenders.

Releases are built from an opportunity as it is at the moment of the event and stored
immutably (tenders.models.Release). Lots and enquiries use the OCDS lots and enquiries
extensions. Grants are published as 360Giving instead, so they emit no release.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.urls import reverse
from django.utils import timezone
from django.utils.html import strip_tags

from tenders.constants import CriterionKind, QuestionStatus, Status
from tenders.models import Opportunity
from tenders.routes import rule_for

EXTENSIONS = [
    "https://raw.githubusercontent.com/open-contracting-extensions/ocds_lots_extension/v1.1.5/extension.json",
    "https://raw.githubusercontent.com/open-contracting-extensions/ocds_enquiry_extension/v1.1.5/extension.json",
]
LICENSE = "https://creativecommons.org/licenses/by/4.0/"

# Our statuses as OCDS tender statuses (tenderStatus codelist).
TENDER_STATUS = {
    Status.DRAFT: "planning",
    Status.PUBLISHED: "active",
    Status.CLOSED: "active",
    Status.EVALUATION: "active",
    Status.AWARDED: "complete",
    Status.NOT_AWARDED: "unsuccessful",
    Status.CANCELLED: "cancelled",
    Status.WITHDRAWN: "withdrawn",
}


def _iso(moment) -> str | None:
    return moment.isoformat() if moment else None


def _money(amount) -> dict[str, Any] | None:
    return {"amount": float(amount), "currency": "GBP"} if amount is not None else None


def _url(path: str) -> str:
    return settings.SITE_URL.rstrip("/") + path


def _party(organisation) -> dict[str, Any]:
    party: dict[str, Any] = {
        "id": organisation.org_id,
        "name": organisation.name,
        "roles": ["buyer", "procuringEntity"],
    }
    if organisation.org_ids:
        prefix, _, number = organisation.org_id.rpartition("-")
        party["identifier"] = {"scheme": prefix, "id": number, "legalName": organisation.name}
    if organisation.postcode:
        party["address"] = {
            "streetAddress": organisation.address.replace("\n", ", "),
            "postalCode": organisation.postcode,
            "countryName": "United Kingdom",
        }
    return party


def _award_criteria(opportunity: Opportunity) -> tuple[str, str]:
    criteria = list(opportunity.criteria.all())
    kinds = {c.kind for c in criteria}
    if kinds == {CriterionKind.PRICE}:
        code = "priceOnly"
    elif CriterionKind.PRICE not in kinds:
        code = "qualityOnly"
    else:
        code = "ratedCriteria"
    details = "; ".join(
        f"{'Lot ' + str(c.lot.number) + ': ' if c.lot_id else ''}{c.title} {c.weight.normalize():f}%"
        for c in criteria
    )
    return code, details


def build_tender(opportunity: Opportunity) -> dict[str, Any]:
    rule = rule_for(opportunity.route)
    code, details = _award_criteria(opportunity)
    description = opportunity.summary or strip_tags(
        next((s.body for s in opportunity.sections.all() if s.key == "background"), "")
    )
    tender: dict[str, Any] = {
        "id": opportunity.reference,
        "title": opportunity.title,
        "description": description,
        "status": TENDER_STATUS[opportunity.status],
        "value": _money(opportunity.total_budget),
        "procurementMethod": rule.ocds_method,
        "procurementMethodDetails": opportunity.get_route_display(),
        "mainProcurementCategory": "services",
        "awardCriteria": code,
        "awardCriteriaDetails": details,
        "submissionMethod": ["electronicSubmission"],
        "submissionMethodDetails": _url(opportunity.get_absolute_url()),
        "hasEnquiries": any(
            q.status == QuestionStatus.PUBLISHED for q in opportunity.questions.all()
        ),
        "items": [
            {
                "id": "1",
                "description": opportunity.title,
                "classification": {
                    "scheme": "CPV",
                    "id": "92000000",
                    "description": "Recreational, cultural and sporting services",
                },
            }
        ],
        "documents": [
            {
                "id": f"{opportunity.reference}-specification",
                "documentType": "tenderNotice",
                "title": f"Specification: {opportunity.title}",
                "url": _url(reverse("tenders:specification_print", kwargs={"pk": opportunity.pk})),
                "format": "text/html",
                "language": "en",
            }
        ],
    }
    if rule.needs_justification and opportunity.direct_award_justification:
        tender["procurementMethodRationale"] = opportunity.direct_award_justification
    if opportunity.published_at or opportunity.closes_at:
        tender["tenderPeriod"] = {
            k: v
            for k, v in {
                "startDate": _iso(opportunity.published_at),
                "endDate": _iso(opportunity.closes_at),
            }.items()
            if v
        }
    if opportunity.clarification_deadline:
        tender["enquiryPeriod"] = {
            k: v
            for k, v in {
                "startDate": _iso(opportunity.published_at),
                "endDate": _iso(opportunity.clarification_deadline),
            }.items()
            if v
        }
    if opportunity.contract_start and opportunity.contract_end:
        tender["contractPeriod"] = {
            "startDate": f"{opportunity.contract_start.isoformat()}T00:00:00Z",
            "endDate": f"{opportunity.contract_end.isoformat()}T23:59:59Z",
        }
    lots = list(opportunity.lots.all())
    if lots:
        tender["lots"] = [
            {
                "id": str(lot.number),
                "title": lot.title,
                "description": lot.description,
                "status": TENDER_STATUS[opportunity.status],
                **({"value": _money(lot.budget)} if lot.budget is not None else {}),
            }
            for lot in lots
        ]
        tender["lotDetails"] = {
            "maximumLotsBidPerSupplier": len(lots) if opportunity.multiple_lots_allowed else 1
        }
    enquiries = [
        {
            "id": str(q.pk),
            "date": _iso(q.created_at),
            "title": (q.published_question or q.text)[:120],
            "description": q.published_question or q.text,
            "answer": q.answer,
            "dateAnswered": _iso(q.answered_at),
        }
        for q in opportunity.questions.all()
        if q.status == QuestionStatus.PUBLISHED
    ]
    if enquiries:
        tender["enquiries"] = enquiries
    amendments = [
        {
            "id": f"{opportunity.reference}-v{v.number}",
            "date": _iso(v.published_at),
            "rationale": v.amendment_reason,
        }
        for v in opportunity.published_versions.order_by("number")
        if v.amendment_reason
    ]
    if amendments:
        tender["amendments"] = amendments
    return {k: v for k, v in tender.items() if v is not None}


def build_release(opportunity: Opportunity, *, tag: str, sequence: int) -> dict[str, Any]:
    now = timezone.now()
    party = _party(opportunity.organisation)
    return {
        "ocid": opportunity.ocid,
        "id": f"{opportunity.ocid}-{sequence:04d}-{tag}",
        "date": now.isoformat(),
        "tag": [tag],
        "initiationType": "tender",
        "language": "en",
        "parties": [party],
        "buyer": {"id": party["id"], "name": party["name"]},
        "tender": build_tender(opportunity),
    }


def publisher() -> dict[str, str]:
    return {"name": settings.SITE_NAME, "uri": settings.SITE_URL}


def release_package(releases: list[dict[str, Any]], *, uri: str) -> dict[str, Any]:
    return {
        "uri": uri,
        "version": "1.1",
        "extensions": EXTENSIONS,
        "publishedDate": timezone.now().isoformat(),
        "publisher": publisher(),
        "license": LICENSE,
        "publicationPolicy": _url(reverse("api_docs")),
        "releases": releases,
    }


def record_package(ocid: str, releases: list, *, uri: str) -> dict[str, Any]:
    """A record: links to every release, and a compiled release (each of our releases is a
    full snapshot of the tender, so the latest one compiles the rest)."""
    latest = releases[-1].data
    compiled = {**latest, "id": f"{ocid}-compiled", "tag": ["compiled"]}
    return {
        "uri": uri,
        "version": "1.1",
        "extensions": EXTENSIONS,
        "publishedDate": timezone.now().isoformat(),
        "publisher": publisher(),
        "license": LICENSE,
        "publicationPolicy": _url(reverse("api_docs")),
        "packages": [_url(reverse("ocds_releases"))],
        "records": [
            {
                "ocid": ocid,
                "releases": [
                    {
                        "url": _url(reverse("ocds_release", kwargs={"release_id": r.release_id})),
                        "date": r.data["date"],
                        "tag": r.data["tag"],
                    }
                    for r in releases
                ],
                "compiledRelease": compiled,
            }
        ],
    }


# Awards and contracts (written by evaluation when letters go out and awards are confirmed) ---


def _supplier_party(organisation) -> dict[str, Any]:
    party: dict[str, Any] = {
        "id": organisation.org_id,
        "name": organisation.name,
        "roles": ["tenderer", "supplier"],
    }
    if organisation.org_ids:
        prefix, _, number = organisation.org_id.rpartition("-")
        party["identifier"] = {"scheme": prefix, "id": number, "legalName": organisation.name}
    return party


def build_award_release(
    opportunity: Opportunity, *, tag: str, sequence: int, awards: list[dict[str, Any]]
) -> dict[str, Any]:
    """A release of the tender with its awards, and a contract for each confirmed award.

    Each award is {"id", "supplier" (an Organisation), "amount", "date", "status" ("pending"
    during standstill, "active" once confirmed), "lots" (lot numbers), "contract" (None, or
    {"dateSigned"})}.
    """
    release = build_release(opportunity, tag=tag, sequence=sequence)
    release["tag"] = [tag]
    suppliers = {}
    for award in awards:
        suppliers.setdefault(award["supplier"].org_id, _supplier_party(award["supplier"]))
    release["parties"] = release["parties"] + list(suppliers.values())
    release["awards"] = [
        {
            "id": award["id"],
            "title": f"{opportunity.title}: {award['supplier'].name}",
            "status": award["status"],
            "date": _iso(award["date"]),
            "value": _money(award["amount"]),
            "suppliers": [{"id": award["supplier"].org_id, "name": award["supplier"].name}],
            **({"relatedLots": [str(n) for n in award["lots"]]} if award["lots"] else {}),
        }
        for award in awards
    ]
    contracts = [
        {
            "id": f"{award['id']}-contract",
            "awardID": award["id"],
            "title": f"{opportunity.title}: {award['supplier'].name}",
            "status": "active",
            "value": _money(award["amount"]),
            "dateSigned": _iso(award["contract"]["dateSigned"]),
        }
        for award in awards
        if award.get("contract")
    ]
    if contracts:
        release["contracts"] = contracts
    return release
