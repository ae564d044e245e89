"""Creative and documentary evidence attached to returns, checked by content, with consent and
safeguarding flags."""

from __future__ import annotations

import hashlib

from django.core.files.uploadedfile import UploadedFile
from django.db import transaction

from accounts.models import User
from core.audit import audit_record
from core.errors import ApplicationError
from monitoring.constants import (
    EVIDENCE_FILE_KINDS,
    EVIDENCE_IMAGE_TYPES,
    EVIDENCE_MAX_COUNT,
    EvidenceKind,
)
from monitoring.models import Evidence, Return
from monitoring.services.common import check_provider
from monitoring.services.returns import _check_editable, _lock
from providers.uploads import upload_check


@transaction.atomic
def evidence_add(
    *,
    actor: User,
    report: Return,
    kind: str,
    title: str,
    description: str = "",
    upload: UploadedFile | None = None,
    url: str = "",
    identifiable: bool = False,
    consented: bool = False,
    safeguarding_concern: bool = False,
) -> Evidence:
    """A photo, artwork or document (checked by what the file contains) or a video link.
    Evidence not consented to, or raising a safeguarding concern, is kept but never shown beyond
    the provider and the commissioner.

    Side effects: the file is stored; audit entry.
    """
    report = _lock(report)
    check_provider(actor, report.agreement)
    _check_editable(report)
    if kind not in EvidenceKind.values:
        raise ApplicationError("Choose what kind of evidence this is.")
    if not title.strip():
        raise ApplicationError("Give the evidence a title.")
    if report.evidence.count() >= EVIDENCE_MAX_COUNT:
        raise ApplicationError(
            f"A return can have at most {EVIDENCE_MAX_COUNT} pieces of evidence."
        )
    file_type = ""
    if kind == EvidenceKind.VIDEO_LINK:
        if upload is not None:
            raise ApplicationError("A video is added as a link, not a file.")
        if not url.startswith("https://"):
            raise ApplicationError("Enter the video's web address, starting https://.")
    else:
        if upload is None:
            raise ApplicationError("Choose the file to upload.")
        file_type = upload_check(upload)
        if (
            kind in (EvidenceKind.PHOTO, EvidenceKind.ARTWORK)
            and file_type not in EVIDENCE_IMAGE_TYPES
        ):
            raise ApplicationError(
                "A photo or picture of artwork must be a PNG, JPEG or WebP image."
            )
        url = ""
    evidence = Evidence(
        report=report,
        kind=kind,
        title=title.strip(),
        description=description.strip(),
        url=url,
        file_type=file_type,
        identifiable=identifiable,
        consented=consented,
        safeguarding_concern=safeguarding_concern,
        uploaded_by=actor,
    )
    if kind in EVIDENCE_FILE_KINDS and upload is not None:
        upload.seek(0)
        digest = hashlib.sha256(upload.read()).hexdigest()
        upload.seek(0)
        evidence.file.save(upload.name or "evidence", upload, save=False)
    else:
        digest = ""
    evidence.save()
    audit_record(
        actor=actor,
        action="return.evidence_add",
        obj=report,
        organisation=report.agreement.commissioner,
        after={
            "evidence": evidence.title,
            "kind": kind,
            "consented": consented,
            "identifiable": identifiable,
            "safeguarding_concern": safeguarding_concern,
            "sha256": digest,
        },
    )
    return evidence


@transaction.atomic
def evidence_remove(*, actor: User, evidence: Evidence) -> None:
    """Side effects: the file is deleted; audit entry."""
    report = _lock(evidence.report)
    check_provider(actor, report.agreement)
    _check_editable(report)
    title = evidence.title
    if evidence.file:
        evidence.file.delete(save=False)
    evidence.delete()
    audit_record(
        actor=actor,
        action="return.evidence_remove",
        obj=report,
        organisation=report.agreement.commissioner,
        before={"evidence": title},
    )
