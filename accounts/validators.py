"""Validation and normalisation of UK identifiers and postcodes."""

from __future__ import annotations

import re

from django.core.exceptions import ValidationError

# England and Wales: 6 or 7 digits, optionally a "-N" subsidiary suffix; Scotland: SC + 6 digits;
# Northern Ireland: NIC + 6 digits (or the older XN/XR forms, not accepted here).
_CHARITY = re.compile(r"^(?:\d{6,7}(?:-\d{1,2})?|SC\d{6}|NIC\d{6})$")
# Companies House: 8 characters, either digits or a two-letter prefix and six digits.
_COMPANY = re.compile(r"^(?:\d{8}|[A-Z]{2}\d{6})$")
_POSTCODE = re.compile(r"^([A-Z]{1,2}\d[A-Z\d]?) ?(\d[A-Z]{2})$")


def normalise_charity_number(value: str) -> str:
    cleaned = value.strip().upper().replace(" ", "")
    if cleaned and not _CHARITY.match(cleaned):
        raise ValidationError(
            "Enter a charity number like 1123456, 1123456-1 or SC012345",
            code="invalid_charity_number",
        )
    return cleaned


def normalise_company_number(value: str) -> str:
    cleaned = value.strip().upper().replace(" ", "")
    if cleaned.isdigit() and len(cleaned) < 8:
        cleaned = cleaned.zfill(8)
    if cleaned and not _COMPANY.match(cleaned):
        raise ValidationError(
            "Enter a company number like 01234567 or SC123456", code="invalid_company_number"
        )
    return cleaned


def normalise_postcode(value: str) -> str:
    cleaned = " ".join(value.strip().upper().split())
    if not cleaned:
        return ""
    match = _POSTCODE.match(cleaned)
    if not match:
        raise ValidationError("Enter a real postcode, like ME14 1XQ", code="invalid_postcode")
    return f"{match.group(1)} {match.group(2)}"


def validate_charity_number(value: str) -> None:
    normalise_charity_number(value)


def validate_company_number(value: str) -> None:
    normalise_company_number(value)


def validate_postcode(value: str) -> None:
    normalise_postcode(value)
