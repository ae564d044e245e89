"""Profiles and what hangs off them: activities, venues, track record and evidence."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.contrib.postgres.search import SearchVector
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.db.models import TextField, Value
from django.utils import timezone

from accounts.models import Organisation, User
from core.audit import audit_record, snapshot
from core.errors import ApplicationError
from core.generations import generation_bump
from providers import selectors
from providers.models import Activity, Evidence, ProviderProfile, TrackRecord, Venue
from providers.uploads import upload_check

PROFILE_FIELDS = (
    "summary",
    "legal_form",
    "is_vcse",
    "is_sme",
    "year_founded",
    "turnover_band",
    "staff_band",
    "volunteers_band",
    "contact_name",
    "contact_email",
    "contact_phone",
    "safeguarding_lead",
    "settings",
    "support_needs",
    "partners",
)
PROFILE_RELATIONS = ("art_forms", "outcome_areas", "beneficiary_groups", "areas_served")
ACTIVITY_FIELDS = ("name", "description", "who_for", "eligibility", "cost", "where", "position")
VENUE_FIELDS = ("name", "address", "postcode", "accessibility")


def _relations_snapshot(profile: ProviderProfile) -> dict[str, list]:
    return {
        "art_forms": sorted(profile.art_forms.values_list("slug", flat=True)),
        "outcome_areas": sorted(profile.outcome_areas.values_list("slug", flat=True)),
        "beneficiary_groups": sorted(profile.beneficiary_groups.values_list("slug", flat=True)),
        "areas_served": sorted(profile.areas_served.values_list("code", flat=True)),
    }


def directory_changed() -> None:
    """Tell the directory's cached search summaries (counts and facet counts) that a profile
    changed: at once, so the changing transaction sees its own change, and again after
    commit, so a summary another request computed in between from the data before the
    commit is not kept."""
    generation_bump(selectors.DIRECTORY_GENERATION_KEY)


def profile_index_refresh(*, profile: ProviderProfile) -> None:
    """Rebuild the profile's search vector and facet arrays from its current data.

    Names weigh most, then the summary and description, then activities and art forms.
    """
    organisation = profile.organisation
    activities = list(profile.activities.values_list("name", "description", "who_for", "where"))
    art_forms = list(profile.art_forms.values_list("name", flat=True))
    words_b = " ".join([profile.summary, organisation.description])
    words_c = " ".join(
        [" ".join(part for part in activity if part) for activity in activities] + art_forms
    )

    def text(value: str) -> Value:
        return Value(value, output_field=TextField())

    ProviderProfile.objects.filter(pk=profile.pk).update(
        search_vector=(
            SearchVector(text(organisation.name), weight="A", config="english")
            + SearchVector(text(words_b), weight="B", config="english")
            + SearchVector(text(words_c), weight="C", config="english")
        ),
        art_form_ids=sorted(profile.art_forms.values_list("id", flat=True)),
        outcome_area_ids=sorted(profile.outcome_areas.values_list("id", flat=True)),
        beneficiary_group_ids=sorted(profile.beneficiary_groups.values_list("id", flat=True)),
        area_ids=sorted(profile.areas_served.values_list("id", flat=True)),
        sort_name=organisation.name.lower()[:200],
    )
    directory_changed()


@transaction.atomic
def profile_ensure(*, organisation: Organisation) -> ProviderProfile:
    """The organisation's profile, created (unlisted) the first time it is needed."""
    if organisation.is_commissioner:
        raise ApplicationError("Commissioning organisations do not have directory profiles.")
    profile, created = ProviderProfile.objects.get_or_create(organisation=organisation)
    if created:
        profile_index_refresh(profile=profile)
    return profile


@transaction.atomic
def profile_update(*, actor: User, profile: ProviderProfile, **changes: Any) -> ProviderProfile:
    """Change any profile details. Side effects: audit entry; search index refreshed."""
    unknown = set(changes) - {*PROFILE_FIELDS, *PROFILE_RELATIONS}
    if unknown:
        raise ApplicationError(f"These details cannot be changed: {', '.join(sorted(unknown))}")
    year = changes.get("year_founded")
    if year is not None and not 1000 <= year <= timezone.localdate().year:
        raise ApplicationError(
            f"The year founded must be a real year, no later than {timezone.localdate().year}."
        )
    profile = ProviderProfile.objects.select_for_update().get(pk=profile.pk)
    scalar = [name for name in PROFILE_FIELDS if name in changes]
    relations = [name for name in PROFILE_RELATIONS if name in changes]
    before = {**snapshot(profile, scalar), **_relations_snapshot(profile)}
    for name in scalar:
        setattr(profile, name, changes[name])
    if profile.is_listed and not (changes.get("contact_email", profile.contact_email)):
        raise ApplicationError("A listed profile needs a contact email address.")
    profile.full_clean(exclude=["organisation"])
    profile.save()
    for name in relations:
        getattr(profile, name).set(changes[name])
    after = {**snapshot(profile, scalar), **_relations_snapshot(profile)}
    audit_record(
        actor=actor,
        action="profile.update",
        obj=profile,
        organisation=profile.organisation,
        before={k: v for k, v in before.items() if k in scalar or k in relations},
        after={k: v for k, v in after.items() if k in scalar or k in relations},
    )
    profile_index_refresh(profile=profile)
    return profile


def profile_listing_problems(*, profile: ProviderProfile) -> list[str]:
    """What must be in place before a profile can be listed publicly."""
    problems = []
    if not profile.summary:
        problems.append("Add a short summary of what you do")
    if not (profile.contact_name and profile.contact_email):
        problems.append("Name a contact person and give their email address")
    if not profile.art_forms.exists():
        problems.append("Choose at least one art form")
    if not profile.areas_served.exists():
        problems.append("Choose at least one area you work in")
    return problems


@transaction.atomic
def profile_set_listed(*, actor: User, profile: ProviderProfile, listed: bool) -> ProviderProfile:
    """List (with the provider's consent) or unlist the profile. Side effects: audit entry."""
    profile = ProviderProfile.objects.select_for_update().get(pk=profile.pk)
    if listed == profile.is_listed:
        return profile
    if listed:
        problems = profile_listing_problems(profile=profile)
        if problems:
            raise ApplicationError(
                "Before your profile can be listed: " + "; ".join(problems).lower() + "."
            )
    profile.is_listed = listed
    profile.listed_at = timezone.now() if listed else None
    profile.save(update_fields=["is_listed", "listed_at", "updated_at"])
    directory_changed()
    audit_record(
        actor=actor,
        action="profile.list" if listed else "profile.unlist",
        obj=profile,
        organisation=profile.organisation,
        before={"is_listed": not listed},
        after={"is_listed": listed},
    )
    return profile


def _child_save(
    *,
    actor: User,
    profile: ProviderProfile,
    instance: Any,
    fields: Iterable[str],
    data: dict[str, Any],
    action: str,
) -> Any:
    fields = [f for f in fields if f in data]
    before = snapshot(instance, fields) if instance.pk else {}
    for name in fields:
        setattr(instance, name, data[name])
    instance.full_clean(exclude=["profile"])
    instance.save()
    audit_record(
        actor=actor,
        action=action,
        obj=instance,
        organisation=profile.organisation,
        before=before,
        after=snapshot(instance, fields),
    )
    return instance


def _child_delete(*, actor: User, profile: ProviderProfile, instance: Any, action: str) -> None:
    audit_record(
        actor=actor,
        action=action,
        obj=instance,
        organisation=profile.organisation,
        before={"name": str(instance)},
    )
    instance.delete()
    # The open-data feed reports changes by the profile's modification time.
    ProviderProfile.objects.filter(pk=profile.pk).update(updated_at=timezone.now())


@transaction.atomic
def activity_save(
    *, actor: User, profile: ProviderProfile, activity: Activity | None = None, **data: Any
) -> Activity:
    """Add or change an activity. Side effects: audit entry; search index refreshed."""
    activity = activity or Activity(profile=profile, position=profile.activities.count())
    if activity.profile_id != profile.pk:
        raise ApplicationError("That activity belongs to another organisation.")
    created = activity.pk is None
    _child_save(
        actor=actor,
        profile=profile,
        instance=activity,
        fields=ACTIVITY_FIELDS,
        data=data,
        action="activity.create" if created else "activity.update",
    )
    profile_index_refresh(profile=profile)
    return activity


@transaction.atomic
def activity_delete(*, actor: User, activity: Activity) -> None:
    profile = activity.profile
    _child_delete(actor=actor, profile=profile, instance=activity, action="activity.delete")
    profile_index_refresh(profile=profile)


@transaction.atomic
def venue_save(
    *, actor: User, profile: ProviderProfile, venue: Venue | None = None, **data: Any
) -> Venue:
    venue = venue or Venue(profile=profile)
    created = venue.pk is None
    if "postcode" in data:
        from accounts.validators import normalise_postcode  # noqa: PLC0415

        data["postcode"] = normalise_postcode(data["postcode"])
    return _child_save(
        actor=actor,
        profile=profile,
        instance=venue,
        fields=VENUE_FIELDS,
        data=data,
        action="venue.create" if created else "venue.update",
    )


@transaction.atomic
def venue_delete(*, actor: User, venue: Venue) -> None:
    _child_delete(actor=actor, profile=venue.profile, instance=venue, action="venue.delete")


@transaction.atomic
def track_record_add(
    *,
    actor: User,
    profile: ProviderProfile,
    funder: str,
    year: int,
    value_band: str,
    description: str = "",
) -> TrackRecord:
    this_year = timezone.localdate().year
    if not 1950 <= year <= this_year:
        raise ApplicationError(f"The year must be between 1950 and {this_year}.")
    return _child_save(
        actor=actor,
        profile=profile,
        instance=TrackRecord(profile=profile),
        fields=("funder", "year", "value_band", "description"),
        data={"funder": funder, "year": year, "value_band": value_band, "description": description},
        action="track_record.create",
    )


@transaction.atomic
def track_record_delete(*, actor: User, track_record: TrackRecord) -> None:
    _child_delete(
        actor=actor,
        profile=track_record.profile,
        instance=track_record,
        action="track_record.delete",
    )


@transaction.atomic
def evidence_add(
    *,
    actor: User,
    profile: ProviderProfile,
    title: str,
    summary: str,
    link: str = "",
    file: UploadedFile | None = None,
) -> Evidence:
    """Add a case study. A file is checked by its content first and refused with a reason."""
    evidence = Evidence(profile=profile, title=title, summary=summary, link=link)
    if file:
        evidence.file_type = upload_check(file)
        evidence.file = file
    evidence.full_clean(exclude=["profile"])
    evidence.save()
    audit_record(
        actor=actor,
        action="evidence.create",
        obj=evidence,
        organisation=profile.organisation,
        after={"title": title, "link": link, "file": bool(file)},
    )
    return evidence


@transaction.atomic
def evidence_delete(*, actor: User, evidence: Evidence) -> None:
    storage, name = evidence.file.storage, evidence.file.name
    _child_delete(
        actor=actor, profile=evidence.profile, instance=evidence, action="evidence.delete"
    )
    if name:
        transaction.on_commit(lambda: storage.delete(name))
