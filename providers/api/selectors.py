"""Reads for the directory API and the HSDS feed, each owning its select_related/prefetch.

They belong with the app's other reads in `providers.selectors`; they live here only until
that module's owner moves them (nothing here is specific to HTTP).
"""

from __future__ import annotations

import datetime

from django.db.models import Max, OuterRef, Prefetch, QuerySet, Subquery
from django.db.models.functions import Greatest

from commissioning.models import Area, ArtForm, BeneficiaryGroup, OutcomeArea
from commissioning.vocabulary.snapshot import vocabulary_snapshot
from providers import hsds
from providers.models import Activity, ProviderDocument, ProviderProfile, Venue

TERM_MODELS = {
    hsds.ART_FORM: ArtForm,
    hsds.OUTCOME_AREA: OutcomeArea,
    hsds.BENEFICIARY_GROUP: BeneficiaryGroup,
}
_SNAPSHOT_VOCABULARIES = {
    hsds.ART_FORM: "art_forms",
    hsds.OUTCOME_AREA: "outcome_areas",
    hsds.BENEFICIARY_GROUP: "beneficiary_groups",
}
# Where each vocabulary's ids sit on a profile (the search index arrays, GIN-indexed).
_TERM_COLUMNS = {
    hsds.ART_FORM: "art_form_ids",
    hsds.OUTCOME_AREA: "outcome_area_ids",
    hsds.BENEFICIARY_GROUP: "beneficiary_group_ids",
}


# The HSDS feed ---------------------------------------------------------------------------------


def _latest(model: type, column: str = "updated_at") -> Subquery:
    return Subquery(
        model.objects.filter(profile=OuterRef("pk"))
        .order_by()
        .values("profile")
        .annotate(latest=Max(column))
        .values("latest")[:1]
    )


def hsds_organization_queryset(
    *,
    modified_after: datetime.datetime | None = None,
    term: hsds.Term | None = None,
    full: bool = False,
) -> QuerySet[ProviderProfile]:
    """Listed profiles in a stable order (by organisation, as the ids are), with what an
    organization document needs. An organization has changed when its profile, organisation,
    an activity or a venue has."""
    queryset = ProviderProfile.objects.filter(is_listed=True).select_related("organisation")
    if modified_after is not None:
        queryset = queryset.annotate(
            modified=Greatest(
                "updated_at",
                "organisation__updated_at",
                _latest(Activity),
                _latest(Venue),
            )
        ).filter(modified__gte=modified_after)
    if term is not None:
        queryset = _with_term(queryset, term)
    if full:
        queryset = queryset.prefetch_related(
            "art_forms",
            "outcome_areas",
            "beneficiary_groups",
            Prefetch("venues", queryset=Venue.objects.order_by("name", "pk")),
            Prefetch("activities", queryset=Activity.objects.order_by("position", "pk")),
            Prefetch("areas_served", queryset=Area.objects.order_by("name")),
        )
    return queryset.defer("search_vector").order_by("organisation_id")


def _with_term(queryset: QuerySet, term: hsds.Term, prefix: str = "") -> QuerySet:
    """Rows whose profile is tagged with the term, through the GIN-indexed search arrays."""
    if term.kind == hsds.SETTING:
        return queryset.filter(**{f"{prefix}settings__contains": [term.code]})
    return queryset.filter(**{f"{prefix}{_TERM_COLUMNS[term.kind]}__contains": [term.pk]})


def hsds_service_queryset(
    *,
    modified_after: datetime.datetime | None = None,
    term: hsds.Term | None = None,
    organisation_pk: int | None = None,
    full: bool = False,
) -> QuerySet[Activity]:
    """Activities of listed profiles, oldest first, with their provider (and, for full
    documents, the provider's terms and areas)."""
    queryset = Activity.objects.filter(profile__is_listed=True).select_related(
        "profile__organisation"
    )
    if modified_after is not None:
        queryset = queryset.annotate(
            modified=Greatest(
                "updated_at", "profile__updated_at", "profile__organisation__updated_at"
            )
        ).filter(modified__gte=modified_after)
    if term is not None:
        queryset = _with_term(queryset, term, prefix="profile__")
    if organisation_pk is not None:
        queryset = queryset.filter(profile__organisation_id=organisation_pk)
    if full:
        queryset = queryset.prefetch_related(
            "profile__art_forms",
            "profile__outcome_areas",
            "profile__beneficiary_groups",
            Prefetch("profile__areas_served", queryset=Area.objects.order_by("name")),
        )
    return queryset.defer("profile__search_vector").order_by("pk")


def hsds_organization_get(*, organisation_pk: int) -> ProviderProfile | None:
    """A listed profile by its organisation, fully loaded; None when absent or unlisted."""
    return hsds_organization_queryset(full=True).filter(organisation_id=organisation_pk).first()


def hsds_service_get(*, activity_pk: int) -> Activity | None:
    """An activity of a listed profile, fully loaded; None when absent or unlisted."""
    return hsds_service_queryset(full=True).filter(pk=activity_pk).first()


def hsds_terms(kind: str | None = None) -> list[hsds.Term]:
    """Every term of our vocabularies (or of one), in taxonomy then vocabulary order: one
    query per stored vocabulary, a few dozen rows each."""
    terms: list[hsds.Term] = []
    for term_kind in hsds.TAXONOMIES:
        if kind is not None and term_kind != kind:
            continue
        if term_kind == hsds.SETTING:
            terms.extend(hsds.setting_terms())
            continue
        terms.extend(
            hsds.terms_from(term_kind, TERM_MODELS[term_kind].objects.order_by("position", "name"))
        )
    return terms


def hsds_term_get(term_uuid: str) -> hsds.Term | None:
    """The term with this HSDS id. Term ids are uuid5 digests, so the (small) vocabularies
    are read and compared; None when no term has the id."""
    return next(
        (term for term in hsds_terms() if hsds.term_id(term.kind, term.code) == term_uuid),
        None,
    )


# The directory API -------------------------------------------------------------------------------


def vocabulary_by_pk() -> dict[str, dict[int, tuple[str, str]]]:
    """(slug, name) of every stored term by primary key, per vocabulary, from the cached
    vocabulary snapshot. The search index holds primary keys; the API speaks slugs, as the
    page's filters do."""
    terms = vocabulary_snapshot().terms
    return {
        kind: {pk: (term.parameter, term.name) for pk, term in terms[vocabulary].items()}
        for kind, vocabulary in _SNAPSHOT_VOCABULARIES.items()
    }


def areas_all() -> dict[int, tuple[str, str]]:
    """(ONS code, name) of every area by primary key, from the cached vocabulary snapshot."""
    return {
        pk: (term.parameter, term.name) for pk, term in vocabulary_snapshot().terms["areas"].items()
    }


def activity_list_for_profile(*, profile: ProviderProfile) -> QuerySet[Activity]:
    return Activity.objects.filter(profile=profile).order_by("position", "pk")


def document_list_for_profile(*, profile: ProviderProfile) -> QuerySet[ProviderDocument]:
    return ProviderDocument.objects.filter(profile=profile).order_by("kind", "-expires_on", "pk")
