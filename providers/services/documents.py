"""Due-diligence documents with expiry dates, and the reminders before they expire."""

from __future__ import annotations

import datetime

from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils import timezone

from accounts.constants import MembershipRole
from accounts.models import User
from core.audit import audit_record
from core.emails import email_send
from core.errors import ApplicationError
from providers.constants import DOCUMENT_REMINDER_DAYS, DocumentKind
from providers.models import ProviderDocument, ProviderProfile
from providers.uploads import upload_check


@transaction.atomic
def document_upload(
    *,
    actor: User,
    profile: ProviderProfile,
    kind: str,
    file: UploadedFile,
    expires_on: datetime.date | None = None,
) -> ProviderDocument:
    """Side effects: audit entry."""
    if kind not in DocumentKind.values:
        raise ApplicationError("Choose what kind of document this is.")
    if expires_on is not None and expires_on < timezone.localdate():
        raise ApplicationError("The expiry date must be today or in the future.")
    file_type = upload_check(file)
    document = ProviderDocument.objects.create(
        profile=profile,
        kind=kind,
        file=file,
        file_type=file_type,
        expires_on=expires_on,
        uploaded_by=actor,
    )
    audit_record(
        actor=actor,
        action="document.upload",
        obj=document,
        organisation=profile.organisation,
        after={"kind": kind, "expires_on": expires_on.isoformat() if expires_on else None},
    )
    return document


@transaction.atomic
def document_delete(*, actor: User, document: ProviderDocument) -> None:
    storage, name = document.file.storage, document.file.name
    audit_record(
        actor=actor,
        action="document.delete",
        obj=document,
        organisation=document.profile.organisation,
        before={"kind": document.kind, "expires_on": str(document.expires_on)},
    )
    document.delete()
    transaction.on_commit(lambda: storage.delete(name))


def _recipients(profile: ProviderProfile) -> list[str]:
    emails = set(
        profile.organisation.memberships.filter(role=MembershipRole.ADMIN).values_list(
            "user__email", flat=True
        )
    )
    if profile.contact_email:
        emails.add(profile.contact_email.lower())
    return sorted(emails)


def documents_remind() -> int:
    """Email each provider whose documents expire within the reminder window, once per
    document (run daily by Celery beat). Returns how many documents were included."""
    today = timezone.localdate()
    due = (
        ProviderDocument.objects.filter(
            expires_on__isnull=False,
            expires_on__lte=today + datetime.timedelta(days=DOCUMENT_REMINDER_DAYS),
            reminded_at__isnull=True,
        )
        .select_related("profile__organisation")
        .order_by("profile_id", "expires_on")
    )
    by_profile: dict[int, list[ProviderDocument]] = {}
    for document in due:
        by_profile.setdefault(document.profile_id, []).append(document)
    count = 0
    for documents in by_profile.values():
        with transaction.atomic():
            profile = documents[0].profile
            recipients = _recipients(profile)
            if recipients:
                email_send(
                    to=recipients,
                    template="providers/email/documents_expiring",
                    context={"profile": profile, "documents": documents, "today": today},
                )
            ids = [d.pk for d in documents]
            ProviderDocument.objects.filter(pk__in=ids).update(reminded_at=timezone.now())
            for document in documents:
                audit_record(
                    actor=None,
                    action="document.remind",
                    obj=document,
                    organisation=profile.organisation,
                    after={"expires_on": document.expires_on.isoformat(), "to": recipients},
                )
            count += len(documents)
    return count
