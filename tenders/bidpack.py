"""Reading opened bids as they were submitted: the readable form of a submission, the register
of bids (page and CSV) and the bid pack (a zip per lot, streamed).

Everything is built from `Submission.content`, the sealed record the digest covers, so what
the commissioner reads is exactly what was submitted. Attachments are matched to the
submission by their SHA-256 digest; a file replaced after that submission is reported as
such, never silently swapped for the newer one.
"""

from __future__ import annotations

import csv
import io
import re
import zipfile
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.template.loader import render_to_string
from django.utils import timezone

from tenders.models import Attachment, Opportunity, Submission

CHUNK = 64 * 1024


@dataclass
class SubmittedFile:
    name: str
    size: int
    sha256: str
    attachment: Attachment | None  # None: replaced or removed after this submission


@dataclass
class SubmittedBid:
    """One submission in readable form."""

    submission: Submission
    answers: list[tuple[str, str]]
    gates: list[tuple[str, bool | None, str]]
    budget: list[tuple[str, str, Decimal]]
    budget_total: Decimal
    declarations: dict[str, Any]
    files: list[SubmittedFile]
    lots: list[str]
    partners: list[str]


def submitted_bid(submission: Submission, opportunity: Opportunity) -> SubmittedBid:
    """`submission.bid.attachments` and the opportunity's criteria, gates and lots should be
    prefetched by the caller's selector."""
    content = submission.content
    criteria = {str(c.pk): c.title for c in opportunity.criteria.all()}
    gates = {str(g.pk): g.title for g in opportunity.gates.all()}
    lots = {lot.number: lot.title for lot in opportunity.lots.all()}
    by_digest = {a.sha256: a for a in submission.bid.attachments.all()}
    budget = [
        (description, cost_type, Decimal(amount))
        for description, cost_type, amount in content.get("budget", [])
    ]
    return SubmittedBid(
        submission=submission,
        answers=[
            (criteria.get(key, "A question since removed"), text)
            for key, text in content.get("answers", {}).items()
        ],
        gates=[
            (gates.get(key, "A gate since removed"), meets, note)
            for key, (meets, note) in content.get("gates", {}).items()
        ],
        budget=budget,
        budget_total=sum((amount for _, _, amount in budget), Decimal(0)),
        declarations=content.get("declarations", {}),
        files=[
            SubmittedFile(
                name=f["name"],
                size=f["size"],
                sha256=f["sha256"],
                attachment=by_digest.get(f["sha256"]),
            )
            for f in content.get("attachments", [])
        ],
        lots=[f"Lot {number}: {lots.get(number, '')}".rstrip(": ") for number in content["lots"]],
        partners=list(content.get("partners", [])),
    )


# Register ---------------------------------------------------------------------------------

REGISTER_HEADERS = [
    "organisation",
    "org_id",
    "bid",
    "bid_title",
    "lots",
    "version",
    "latest",
    "submitted_at",
    "sha256",
    "late",
    "late_reason",
    "late_accepted_by",
    "bid_status",
    "eligibility",
]


def register_rows(submissions: Iterable[Submission]) -> list[dict[str, Any]]:
    """One row per submitted version; `submissions` come from selectors.register_for_commissioner
    (annotated with `latest_number`)."""
    rows = []
    for s in submissions:
        bid = s.bid
        rows.append(
            {
                "organisation": bid.organisation.name,
                "org_id": bid.organisation.org_id or "",
                "bid": bid.pk,
                "bid_title": bid.title,
                "lots": ", ".join(str(n) for n in s.content.get("lots", [])),
                "version": s.number,
                "latest": s.number == s.latest_number,
                "submitted_at": s.submitted_at,
                "sha256": s.sha256,
                "late": s.is_late,
                "late_reason": s.late_reason,
                "late_accepted_by": s.late_accepted_by.email if s.late_accepted_by else "",
                "bid_status": bid.get_status_display(),
                "eligibility": bid.get_eligibility_display(),
                "submission": s,
            }
        )
    return rows


def _cell(value: object) -> str:
    """Spreadsheets run a cell that starts with = + - @ as a formula; quote it as text."""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if hasattr(value, "isoformat"):
        return timezone.localtime(value).isoformat()
    text = "" if value is None else str(value)
    if text[:1] in ("=", "+", "-", "@", "\t", "\r"):
        return "'" + text
    return text


def register_csv(rows: list[dict[str, Any]]) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(REGISTER_HEADERS)
    for row in rows:
        writer.writerow([_cell(row[key]) for key in REGISTER_HEADERS])
    return buffer.getvalue()


# Bid pack ---------------------------------------------------------------------------------


class _Pipe(io.RawIOBase):
    """A write-only stream the zip writes into; what it collects is handed on in pieces."""

    def __init__(self) -> None:
        super().__init__()
        self._parts: list[bytes] = []

    def writable(self) -> bool:
        return True

    def write(self, data) -> int:
        self._parts.append(bytes(data))
        return len(data)

    def take(self) -> bytes:
        data, self._parts = b"".join(self._parts), []
        return data


_UNSAFE = re.compile(r"[^A-Za-z0-9 ._()'&-]+")


def safe_name(text: str, *, limit: int = 80) -> str:
    """A file or folder name that is the same on every system and cannot climb out."""
    cleaned = _UNSAFE.sub("-", text).strip(" .-") or "file"
    return cleaned[:limit]


def bid_pack_stream(
    *, opportunity: Opportunity, bids: list[SubmittedBid], title: str
) -> Iterator[bytes]:
    """A zip, written as it is read: an index, then per bid its answers as a readable HTML
    page and its attachments exactly as uploaded."""
    pipe = _Pipe()
    with zipfile.ZipFile(pipe, mode="w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr(
            "index.html",
            render_to_string(
                "tenders/opening/pack_index.html",
                {"opportunity": opportunity, "bids": bids, "title": title},
            ),
        )
        yield pipe.take()
        for number, bid in enumerate(bids, start=1):
            folder = f"{number:03d} {safe_name(bid.submission.bid.organisation.name)}"
            archive.writestr(
                f"{folder}/bid.html",
                render_to_string(
                    "tenders/opening/pack_bid.html", {"opportunity": opportunity, "bid": bid}
                ),
            )
            yield pipe.take()
            for position, file in enumerate(bid.files, start=1):
                if file.attachment is None:
                    continue
                name = f"{folder}/attachments/{position:02d} {safe_name(file.name)}"
                with file.attachment.file.open("rb") as source, archive.open(name, "w") as out:
                    while chunk := source.read(CHUNK):
                        out.write(chunk)
                        yield pipe.take()
    yield pipe.take()
