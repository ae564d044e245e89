"""CSV exports of directory searches and shortlists, safe to open in a spreadsheet."""

from __future__ import annotations

import csv
from collections.abc import Iterable, Iterator
from typing import Any

from django.conf import settings
from django.http import StreamingHttpResponse

from accounts.constants import OrganisationType
from providers.constants import Setting, StaffBand
from providers.forms import Term, vocabulary_terms
from providers.models import ProviderProfile, ShortlistEntry

# A spreadsheet treats a cell starting with one of these as a formula (CSV injection); a leading
# apostrophe makes it plain text. Tab and carriage return are included because some spreadsheet
# programs strip them and then read the formula behind them.
FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")

PROFILE_HEADER = [
    "Name",
    "Identifier",
    "Kind of organisation",
    "Summary",
    "Art forms",
    "Outcome areas",
    "Who they work with",
    "Areas served",
    "Settings",
    "Paid staff",
    "Contact name",
    "Contact email",
    "Contact phone",
    "Website",
    "Profile",
]
SHORTLIST_HEADER = [*PROFILE_HEADER, "Note", "Added by", "Added on"]


def csv_safe(value: Any) -> str:
    """The value as text a spreadsheet will not run as a formula."""
    text = "" if value is None else str(value)
    if text.startswith(FORMULA_PREFIXES):
        return f"'{text}"
    return text


class _Echo:
    """A file-like object whose write() returns the line, for streaming csv.writer output."""

    def write(self, value: str) -> str:
        return value


def _names(ids: Iterable[int], terms: dict[int, Term]) -> str:
    return "; ".join(sorted(terms[i].name for i in ids if i in terms))


def profile_row(profile: ProviderProfile, terms: dict[str, dict[int, Term]]) -> list[str]:
    organisation = profile.organisation
    settings_labels = dict(Setting.choices)
    return [
        organisation.name,
        organisation.org_id,
        dict(OrganisationType.choices).get(organisation.type, ""),
        profile.summary,
        _names(profile.art_form_ids, terms["art_forms"]),
        _names(profile.outcome_area_ids, terms["outcome_areas"]),
        _names(profile.beneficiary_group_ids, terms["beneficiary_groups"]),
        _names(profile.area_ids, terms["areas"]),
        "; ".join(settings_labels.get(s, s) for s in profile.settings),
        dict(StaffBand.choices).get(profile.staff_band, ""),
        profile.contact_name,
        profile.contact_email,
        profile.contact_phone,
        organisation.website,
        f"{settings.SITE_URL.rstrip('/')}{profile.get_absolute_url()}",
    ]


def shortlist_entry_row(entry: ShortlistEntry, terms: dict[str, dict[int, Term]]) -> list[str]:
    added_by = entry.added_by
    return [
        *profile_row(entry.profile, terms),
        entry.note,
        (added_by.full_name or added_by.email) if added_by else "",
        entry.created_at.date().isoformat(),
    ]


def csv_response(
    *, filename: str, header: list[str], rows: Iterable[list[Any]]
) -> StreamingHttpResponse:
    """Stream the rows as a CSV download, every cell made safe. The byte-order mark lets
    Excel read the file as UTF-8."""
    writer = csv.writer(_Echo())

    def lines() -> Iterator[str]:
        yield "\ufeff"
        yield writer.writerow([csv_safe(cell) for cell in header])
        for row in rows:
            yield writer.writerow([csv_safe(cell) for cell in row])

    response = StreamingHttpResponse(lines(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store"
    return response


def profiles_csv(*, filename: str, profiles: Iterable[ProviderProfile]) -> StreamingHttpResponse:
    terms = vocabulary_terms()
    return csv_response(
        filename=filename,
        header=PROFILE_HEADER,
        rows=(profile_row(p, terms) for p in profiles),
    )


def shortlist_csv(*, filename: str, entries: Iterable[ShortlistEntry]) -> StreamingHttpResponse:
    terms = vocabulary_terms()
    return csv_response(
        filename=filename,
        header=SHORTLIST_HEADER,
        rows=(shortlist_entry_row(e, terms) for e in entries),
    )
