"""The provider directory as HSDS 3.0 / Open Referral UK documents (the open-data feed).

Pure mapping: these functions take model instances whose relations the caller has already
loaded (see `providers.api.selectors`) and return plain dicts. They run no queries.

Our model → HSDS:
- a listed `ProviderProfile` and its `Organisation` → an organization (identifiers from
  `Organisation.org_ids`, the named contact person, venues as locations, activities as services);
- an `Activity` → a service, classified by its provider's terms and serving its areas;
- the four vocabularies (art forms, outcome areas, beneficiary groups, settings) → taxonomies
  and taxonomy terms, attached to organizations and services as attributes.

Identifiers
-----------
HSDS wants a UUID for every object. We store none; every id is derived, so it is stable:

- Organizations and services, which have `/{id}` endpoints, get *reversible* ids. The first 20
  hex digits are a fixed prefix per type (the first 20 hex digits of
  `uuid5(HSDS_NAMESPACE, "organization")` or `"service"`, so the version and variant bits are
  those of a valid version-5 UUID) and the last 12 hex digits are the primary key (the
  `Organisation`'s for an organization, the `Activity`'s for a service). `decode_id` reads the
  key back without a lookup; a UUID with another prefix belongs to nothing.
  Example: organization 42 → `<organization prefix>-00000000002a`.
- Everything else is `uuid5(HSDS_NAMESPACE, "<kind>:<natural key>")`: `taxonomy:<kind>`,
  `term:<kind>:<slug>` (the slug, not the primary key, so a term keeps its id on every
  installation), `attribute:<entity>:<pk>:<kind>:<slug>`, `contact:organization:<pk>`,
  `identifier:<org-id>`, `location:<venue pk>`, `service_area:<activity pk>:<ONS code>`, and so on.

Privacy: only what a provider chose to publish by listing its profile. The organisation's own
postal address is never included (for a freelance artist it is a home address); venues are.
"""

from __future__ import annotations

import re
import uuid
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from django.conf import settings

from providers.constants import Setting

HSDS_VERSION = "3.0"
# Fixed for ever: changing it would change every published id.
HSDS_NAMESPACE = uuid.UUID("c45cccd4-e285-4f9e-b346-d1c7b41098a5")

ORGANIZATION = "organization"
SERVICE = "service"
_PK_DIGITS = 12
_MAX_PK = 16**_PK_DIGITS - 1


def _prefix(kind: str) -> str:
    return uuid.uuid5(HSDS_NAMESPACE, kind).hex[:20]


_PREFIXES = {ORGANIZATION: _prefix(ORGANIZATION), SERVICE: _prefix(SERVICE)}


def encode_id(kind: str, pk: int) -> str:
    """The reversible UUID of an organization (Organisation pk) or service (Activity pk)."""
    if not 0 < pk <= _MAX_PK:
        raise ValueError(f"{pk} cannot be encoded in an HSDS id")
    return str(uuid.UUID(_PREFIXES[kind] + f"{pk:0{_PK_DIGITS}x}"))


def decode_id(kind: str, value: str) -> int | None:
    """The primary key an id produced by `encode_id` carries, or None if it is not one."""
    try:
        hex_digits = uuid.UUID(str(value)).hex
    except ValueError:
        return None
    if hex_digits[:20] != _PREFIXES[kind]:
        return None
    return int(hex_digits[20:], 16) or None


def derived_id(*parts: object) -> str:
    return str(uuid.uuid5(HSDS_NAMESPACE, ":".join(str(part) for part in parts)))


def organization_id(organisation_pk: int) -> str:
    return encode_id(ORGANIZATION, organisation_pk)


def service_id(activity_pk: int) -> str:
    return encode_id(SERVICE, activity_pk)


# Taxonomies -------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Taxonomy:
    kind: str
    name: str
    description: str


ART_FORM = "art_form"
OUTCOME_AREA = "outcome_area"
BENEFICIARY_GROUP = "beneficiary_group"
SETTING = "setting"

TAXONOMIES: dict[str, Taxonomy] = {
    taxonomy.kind: taxonomy
    for taxonomy in (
        Taxonomy(ART_FORM, "Art forms", "The art forms a provider works in."),
        Taxonomy(
            OUTCOME_AREA,
            "Outcome areas",
            "Areas of social outcome the provider's work improves, after Table 2 of the New "
            "Economics Foundation's report The Art of Commissioning (2016).",
        ),
        Taxonomy(
            BENEFICIARY_GROUP, "Beneficiary groups", "The groups of people a provider works with."
        ),
        Taxonomy(SETTING, "Settings", "The kinds of place a provider works in."),
    )
}


@dataclass(frozen=True)
class Term:
    """A term of one of our vocabularies, whether stored (art forms…) or an enum (settings)."""

    kind: str
    code: str
    name: str
    description: str = ""
    # The row's primary key for stored vocabularies (the search index holds those), else None.
    pk: int | None = field(default=None, compare=False)


def taxonomy_id(kind: str) -> str:
    return derived_id("taxonomy", kind)


def term_id(kind: str, code: str) -> str:
    return derived_id("term", kind, code)


def terms_from(kind: str, objects: Iterable[Any]) -> list[Term]:
    """Terms from vocabulary model instances (anything with slug, name and description)."""
    return [Term(kind, obj.slug, obj.name, obj.description, obj.pk) for obj in objects]


def setting_terms(values: Iterable[str] | None = None) -> list[Term]:
    """Settings are an enum, not a table; all of them, or those among `values`."""
    labels = dict(Setting.choices)
    codes = Setting.values if values is None else [v for v in Setting.values if v in values]
    return [Term(SETTING, code, labels[code]) for code in codes]


def taxonomy_document(kind: str) -> dict[str, Any]:
    taxonomy = TAXONOMIES[kind]
    return {
        "id": taxonomy_id(kind),
        "name": taxonomy.name,
        "description": taxonomy.description,
    }


def term_document(term: Term) -> dict[str, Any]:
    return {
        "id": term_id(term.kind, term.code),
        "code": term.code,
        "name": term.name,
        "description": term.description,
        "taxonomy": TAXONOMIES[term.kind].name,
        "taxonomy_id": taxonomy_id(term.kind),
        "taxonomy_detail": taxonomy_document(term.kind),
        "language": "en",
    }


def profile_terms(profile: Any) -> list[Term]:
    """Every term a profile is tagged with; its relations must be prefetched."""
    return [
        *terms_from(ART_FORM, profile.art_forms.all()),
        *terms_from(OUTCOME_AREA, profile.outcome_areas.all()),
        *terms_from(BENEFICIARY_GROUP, profile.beneficiary_groups.all()),
        *setting_terms(profile.settings),
    ]


def _attributes(entity: str, pk: int, link_id: str, terms: Iterable[Term]) -> list[dict]:
    return [
        {
            "id": derived_id("attribute", entity, pk, term.kind, term.code),
            "link_id": link_id,
            "link_type": term.kind,
            "link_entity": entity,
            "taxonomy_term_id": term_id(term.kind, term.code),
            "taxonomy_term": term_document(term),
        }
        for term in terms
    ]


# Organizations ----------------------------------------------------------------------------------

_IDENTIFIER_TYPES = {
    "GB-CHC": "Charity number (Charity Commission for England and Wales)",
    "GB-SC": "Scottish charity number (OSCR)",
    "GB-NIC": "Charity number (Charity Commission for Northern Ireland)",
    "GB-COH": "Company number (Companies House)",
}


def _compact(document: dict[str, Any], *, keep: Iterable[str] = ()) -> dict[str, Any]:
    """Leave out optional fields we have no value for (HSDS formats refuse empty emails/URIs)."""
    kept = set(keep)
    return {k: v for k, v in document.items() if k in kept or v not in ("", None)}


def organization_identifiers(organisation: Any) -> list[dict[str, Any]]:
    """org-id.guide identifiers (`GB-CHC-1123456` → scheme GB-CHC, identifier 1123456)."""
    org_id = organization_id(organisation.pk)
    result = []
    for value in organisation.org_ids:
        country, register, identifier = value.split("-", 2)
        scheme = f"{country}-{register}"
        result.append(
            {
                "id": derived_id("identifier", value),
                "organization_id": org_id,
                "identifier_scheme": scheme,
                "identifier_type": _IDENTIFIER_TYPES.get(scheme, scheme),
                "identifier": identifier,
            }
        )
    return result


def directory_page(profile: Any) -> str:
    """The provider's public page in our directory (listed profiles only are in the feed)."""
    return settings.SITE_URL.rstrip("/") + profile.get_absolute_url()


def organization_summary(profile: Any) -> dict[str, Any]:
    """The organization's one-to-one fields: a list item, or nested in a service."""
    organisation = profile.organisation
    return _compact(
        {
            "id": organization_id(organisation.pk),
            "name": organisation.name,
            "description": organisation.description or profile.summary,
            "email": profile.contact_email,
            "website": organisation.website,
            # A persistent identifier for the organization in this directory.
            "uri": directory_page(profile),
            "year_incorporated": profile.year_founded,
            "legal_status": profile.get_legal_form_display() if profile.legal_form else "",
        },
        keep=("description",),
    )


def _phone(owner: str, pk: int, number: str, **links: str) -> dict[str, Any]:
    return {"id": derived_id("phone", owner, pk), **links, "number": number, "type": "voice"}


def _contact(entity: str, pk: int, profile: Any, **links: str) -> list[dict[str, Any]]:
    """The named contact person, as a contact of the organization or of a service."""
    if not (profile.contact_name or profile.contact_email):
        return []
    contact_id = derived_id("contact", entity, pk)
    phones = (
        [_phone(f"contact-{entity}", pk, profile.contact_phone, contact_id=contact_id)]
        if profile.contact_phone
        else []
    )
    return [
        _compact(
            {
                "id": contact_id,
                **links,
                "name": profile.contact_name,
                "email": profile.contact_email,
                "phones": phones,
            },
            keep=("phones",),
        )
    ]


_ADDRESS_PARTS = re.compile(r"[\n,]+")


def address_parts(address: str, postcode: str) -> dict[str, str]:
    """Split a free-text UK address ("street, town, county" or one part a line) into HSDS's
    fields. Best effort: the last two parts are the town and county when there are three or
    more, the last part the town when there are two."""
    normalised_postcode = postcode.replace(" ", "").upper()
    parts = [
        part.strip()
        for part in _ADDRESS_PARTS.split(address or "")
        if part.strip() and part.replace(" ", "").upper() != normalised_postcode
    ]
    street, extra, city, county = "", "", "", ""
    if len(parts) >= 3:
        street, extra, city, county = parts[0], ", ".join(parts[1:-2]), parts[-2], parts[-1]
    elif len(parts) == 2:
        street, city = parts
    elif parts:
        street = parts[0]
    return {
        "address_1": street,
        "address_2": extra,
        "city": city,
        "state_province": county,
        "postal_code": postcode,
        "country": "GB",
    }


def location_document(venue: Any, organization: str) -> dict[str, Any]:
    location_id = derived_id("location", venue.pk)
    address = {
        "id": derived_id("address", venue.pk),
        "location_id": location_id,
        **address_parts(venue.address, venue.postcode),
        "address_type": "physical",
    }
    accessibility = (
        [
            {
                "id": derived_id("accessibility", venue.pk),
                "location_id": location_id,
                "description": venue.accessibility,
            }
        ]
        if venue.accessibility
        else []
    )
    return {
        "id": location_id,
        "location_type": "physical",
        "organization_id": organization,
        "name": venue.name,
        "addresses": [_compact(address, keep=("address_1", "city", "state_province"))],
        "accessibility": accessibility,
    }


def organization_document(profile: Any) -> dict[str, Any]:
    """The fully nested organization; its services carry their one-to-one fields, contacts,
    areas and attributes but not the organization again."""
    organisation = profile.organisation
    org_id = organization_id(organisation.pk)
    phones = (
        [_phone("organization", organisation.pk, profile.contact_phone, organization_id=org_id)]
        if profile.contact_phone
        else []
    )
    return {
        **organization_summary(profile),
        "organization_identifiers": organization_identifiers(organisation),
        "contacts": _contact(ORGANIZATION, organisation.pk, profile, organization_id=org_id),
        "phones": phones,
        "locations": [location_document(venue, org_id) for venue in profile.venues.all()],
        "services": [
            service_document(activity, profile=profile, nest_organization=False)
            for activity in profile.activities.all()
        ],
        "attributes": _attributes(ORGANIZATION, organisation.pk, org_id, profile_terms(profile)),
    }


# Services ---------------------------------------------------------------------------------------


def last_modified(activity: Any, profile: Any) -> datetime:
    """A service changes with its activity, its profile (terms, areas, contact) and its
    organisation (name, description) — the same rule as the `modified_after` filter."""
    return max(activity.updated_at, profile.updated_at, profile.organisation.updated_at)


def _service_description(activity: Any) -> str:
    # HSDS has no free-text "where" for a service; keep it readable in the description.
    if activity.where:
        return f"{activity.description}\n\nWhere: {activity.where}"
    return activity.description


def service_summary(activity: Any, *, profile: Any | None = None) -> dict[str, Any]:
    """The service's one-to-one fields (a list item), with its organization's."""
    profile = profile or activity.profile
    return {
        **_service_fields(activity, profile),
        "organization": organization_summary(profile),
    }


def _service_fields(activity: Any, profile: Any) -> dict[str, Any]:
    eligibility = "\n\n".join(part for part in (activity.who_for, activity.eligibility) if part)
    return _compact(
        {
            "id": service_id(activity.pk),
            "organization_id": organization_id(profile.organisation_id),
            "name": activity.name,
            "description": _service_description(activity),
            "url": directory_page(profile),
            "email": profile.contact_email,
            "status": "active",
            "eligibility_description": eligibility,
            "fees_description": activity.cost,
            "last_modified": last_modified(activity, profile).isoformat(),
        },
        keep=("description",),
    )


def service_area_document(activity: Any, area: Any) -> dict[str, Any]:
    # HSDS's `extent` is a polygon; the ONS code identifies the area, so it goes in `uri` as
    # the ONS linked-data identifier and in the description.
    return {
        "id": derived_id("service_area", activity.pk, area.code),
        "service_id": service_id(activity.pk),
        "name": area.name,
        "description": f"{area.name} (ONS code {area.code})",
        "uri": f"http://statistics.data.gov.uk/id/statistical-geography/{area.code}",
    }


def service_document(
    activity: Any, *, profile: Any | None = None, nest_organization: bool = True
) -> dict[str, Any]:
    """The fully nested service. The profile's relations must be prefetched."""
    profile = profile or activity.profile
    sid = service_id(activity.pk)
    document = {
        **_service_fields(activity, profile),
        "service_areas": [
            service_area_document(activity, area) for area in profile.areas_served.all()
        ],
        "contacts": _contact(SERVICE, activity.pk, profile, service_id=sid),
        "attributes": _attributes(SERVICE, activity.pk, sid, profile_terms(profile)),
    }
    if nest_organization:
        document["organization"] = {
            **organization_summary(profile),
            "organization_identifiers": organization_identifiers(profile.organisation),
        }
    return document


# Lists ------------------------------------------------------------------------------------------


def page_document(
    contents: list[dict[str, Any]], *, total_items: int, page: int, per_page: int
) -> dict[str, Any]:
    """HSDS's paginated list: the page header then `contents`."""
    total_pages = (total_items + per_page - 1) // per_page
    return {
        "total_items": total_items,
        "total_pages": total_pages,
        "page_number": page,
        "size": len(contents),
        "first_page": page == 1,
        "last_page": page >= total_pages,
        "empty": not contents,
        "contents": contents,
    }


def root_document(*, openapi_url: str, profile_url: str) -> dict[str, Any]:
    return {"version": HSDS_VERSION, "profile": profile_url, "openapi_url": openapi_url}
