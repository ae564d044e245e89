"""Shortlists: named lists of providers a commissioner or lead provider keeps and shares with
their own organisation."""

from __future__ import annotations

from django.db import IntegrityError, transaction

from accounts.models import Organisation, User
from core.audit import audit_record
from core.errors import ApplicationError
from providers.models import ProviderProfile, Shortlist, ShortlistEntry


@transaction.atomic
def shortlist_create(*, actor: User, organisation: Organisation, name: str) -> Shortlist:
    name = name.strip()
    if not name:
        raise ApplicationError("Enter a name for the shortlist.")
    if organisation.shortlists.filter(name__iexact=name).exists():
        raise ApplicationError(f"Your organisation already has a shortlist called {name}.")
    shortlist = Shortlist.objects.create(organisation=organisation, name=name, created_by=actor)
    audit_record(
        actor=actor,
        action="shortlist.create",
        obj=shortlist,
        organisation=organisation,
        after={"name": name},
    )
    return shortlist


@transaction.atomic
def shortlist_delete(*, actor: User, shortlist: Shortlist) -> None:
    audit_record(
        actor=actor,
        action="shortlist.delete",
        obj=shortlist,
        organisation=shortlist.organisation,
        before={"name": shortlist.name, "entries": shortlist.entries.count()},
    )
    shortlist.delete()


@transaction.atomic
def shortlist_add(
    *, actor: User, shortlist: Shortlist, profile: ProviderProfile, note: str = ""
) -> ShortlistEntry:
    if not profile.is_listed:
        raise ApplicationError("Only providers listed in the directory can be shortlisted.")
    try:
        with transaction.atomic():
            entry = ShortlistEntry.objects.create(
                shortlist=shortlist, profile=profile, note=note.strip(), added_by=actor
            )
    except IntegrityError as exc:
        raise ApplicationError(f"{profile} is already on {shortlist.name}.") from exc
    audit_record(
        actor=actor,
        action="shortlist.add",
        obj=shortlist,
        organisation=shortlist.organisation,
        after={"provider": str(profile), "note": entry.note},
    )
    return entry


@transaction.atomic
def shortlist_remove(*, actor: User, shortlist: Shortlist, profile: ProviderProfile) -> None:
    deleted, _ = ShortlistEntry.objects.filter(shortlist=shortlist, profile=profile).delete()
    if not deleted:
        raise ApplicationError(f"{profile} is not on {shortlist.name}.")
    audit_record(
        actor=actor,
        action="shortlist.remove",
        obj=shortlist,
        organisation=shortlist.organisation,
        before={"provider": str(profile)},
    )
