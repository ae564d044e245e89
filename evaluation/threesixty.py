"""360Giving Data Standard 1.4: awarded grants as a grant package.

Organisations carry the same org-id identifiers (GB-CHC-…, GB-COH-…) as the directory's HSDS
feed and the tenders' OCDS feed, so the three can be joined.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.urls import reverse
from django.utils import timezone

from evaluation.models import Decision

PACKAGE_VERSION = "1.4"
LICENSE = "https://creativecommons.org/licenses/by/4.0/"


def _url(path: str) -> str:
    return settings.SITE_URL.rstrip("/") + path


def _organisation(organisation, *, recipient: bool) -> dict[str, Any]:
    data: dict[str, Any] = {"id": organisation.org_id, "name": organisation.name}
    if recipient:
        if organisation.charity_number:
            data["charityNumber"] = organisation.charity_number
        if organisation.company_number:
            data["companyNumber"] = organisation.company_number
        if organisation.postcode:
            data["postalCode"] = organisation.postcode
        data["addressCountry"] = "United Kingdom"
    return data


def grant_id(decision: Decision) -> str:
    return f"{settings.THREESIXTY_GIVING_PREFIX}-{decision.panel.opportunity.reference}-{decision.bid_id}"


def build_grant(decision: Decision) -> dict[str, Any]:
    panel = decision.panel
    opportunity = panel.opportunity
    bid = decision.bid
    lots = sorted(bid.lots.all(), key=lambda lot: lot.number)
    theme = f"{lots[0].title}: " if lots else ""
    grant: dict[str, Any] = {
        "id": grant_id(decision),
        "title": bid.title[:140],
        "description": f"{theme}{bid.title}. Awarded under {opportunity.title}. "
        f"{opportunity.summary}".strip(),
        "currency": "GBP",
        "amountAppliedFor": float(decision.amount_requested),
        "amountAwarded": float(decision.amount_awarded),
        "awardDate": timezone.localdate(panel.letters_sent_at).isoformat(),
        "recipientOrganization": [_organisation(bid.organisation, recipient=True)],
        "fundingOrganization": [_organisation(opportunity.organisation, recipient=False)],
        "grantProgramme": [
            {
                "code": opportunity.reference,
                "title": opportunity.programme.name,
                "url": _url(opportunity.get_absolute_url()),
            }
        ],
        "fromOpenCall": "Yes",
        "dateModified": decision.updated_at.isoformat(),
        "dataSource": _url(reverse("threesixty_grants")),
    }
    if opportunity.contract_start:
        dates = {"startDate": opportunity.contract_start.isoformat()}
        if opportunity.contract_end:
            dates["endDate"] = opportunity.contract_end.isoformat()
        grant["plannedDates"] = [dates]
    return grant


def grant_package(grants: list[dict[str, Any]], *, uri: str) -> dict[str, Any]:
    return {
        "version": PACKAGE_VERSION,
        "title": f"Grants awarded through {settings.SITE_NAME}",
        "issued": timezone.now().isoformat(),
        "publisher": {"name": settings.SITE_NAME, "website": settings.SITE_URL},
        "license": LICENSE,
        "accessURL": uri,
        "grants": grants,
    }
