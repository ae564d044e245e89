"""Reads for the provider directory: search with facets, profile access, completeness."""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, TypeVar

from django.contrib.postgres.search import SearchQuery, SearchRank
from django.core.cache import cache
from django.db import connection
from django.db.models import Case, Count, F, IntegerField, Prefetch, Q, QuerySet, Value, When
from django.db.models.functions import Lower
from django.http import Http404

from accounts.models import Organisation, User
from accounts.rules import is_member_of
from commissioning.models import Area
from commissioning.vocabulary.snapshot import vocabulary_generation, vocabulary_snapshot
from core.cacheonce import cached_once
from core.generations import generation
from providers.constants import DocumentKind, Setting, SupportNeed
from providers.models import (
    Activity,
    Consortium,
    ConsortiumMember,
    ProviderDocument,
    ProviderProfile,
    Shortlist,
    ShortlistEntry,
)

# Words only: whatever anyone types becomes a safe prefix query ("theat" finds theatres).
T = TypeVar("T")

_WORD = re.compile(r"\w+", re.UNICODE)
MAX_QUERY_WORDS = 12


def search_terms(text: str) -> str | None:
    """A raw tsquery of prefix terms built only from word characters, so it never errors."""
    words = _WORD.findall(text or "")[:MAX_QUERY_WORDS]
    words = [w.replace("_", "")[:40] for w in words]
    words = [w for w in words if w]
    if not words:
        return None
    return " & ".join(f"{w}:*" for w in words)


def search_query(text: str) -> SearchQuery | None:
    terms = search_terms(text)
    return SearchQuery(terms, search_type="raw", config="english") if terms else None


def _printable(text: str) -> str:
    # PostgreSQL text cannot hold NUL; other control characters are never in a name.
    return "".join(ch for ch in text if ch.isprintable())


@dataclass
class DirectoryFilters:
    """The directory's search parameters, already validated (see providers.filters)."""

    q: str = ""
    art_forms: list[int] = field(default_factory=list)
    outcome_areas: list[int] = field(default_factory=list)
    beneficiary_groups: list[int] = field(default_factory=list)
    areas: list[int] = field(default_factory=list)
    settings: list[str] = field(default_factory=list)
    organisation_types: list[str] = field(default_factory=list)
    staff_bands: list[str] = field(default_factory=list)
    sort: str = "relevance"

    def cache_key(self) -> str:
        """The same for every spelling of the same search (word order and case, facet order,
        sort), so equal searches share one cached summary."""
        words = sorted(set((search_terms(self.q) or "").lower().split(" & ")))
        parts = [words, *(sorted(set(map(str, values))) for values in self._facet_choices())]
        return hashlib.sha256(json.dumps(parts).encode()).hexdigest()

    def is_unfiltered(self) -> bool:
        """No words and no facets chosen: every listed profile matches."""
        return not search_terms(self.q) and not any(self._facet_choices())

    def _facet_choices(self) -> tuple[list, ...]:
        return (
            self.art_forms,
            self.outcome_areas,
            self.beneficiary_groups,
            self.areas,
            self.settings,
            self.organisation_types,
            self.staff_bands,
        )


def _matching(filters: DirectoryFilters) -> QuerySet[ProviderProfile]:
    queryset = ProviderProfile.objects.filter(is_listed=True)
    query = search_query(filters.q)
    if query is not None:
        queryset = queryset.filter(search_vector=query)
    for column, values in (
        ("art_form_ids", filters.art_forms),
        ("outcome_area_ids", filters.outcome_areas),
        ("beneficiary_group_ids", filters.beneficiary_groups),
        ("area_ids", filters.areas),
        ("settings", filters.settings),
    ):
        if values:
            queryset = queryset.filter(**{f"{column}__overlap": values})
    if filters.organisation_types:
        queryset = queryset.filter(organisation__type__in=filters.organisation_types)
    if filters.staff_bands:
        queryset = queryset.filter(staff_band__in=filters.staff_bands)
    return queryset


def _for_cards(queryset: QuerySet[ProviderProfile]) -> QuerySet[ProviderProfile]:
    """With what result cards (and the API's summaries) show, and nothing heavier."""
    return queryset.select_related("organisation").defer(
        "search_vector", "partners", "organisation__description"
    )


def _exact_name(filters: DirectoryFilters) -> str:
    return _printable(filters.q).strip().lower()[:200]


def directory_queryset(filters: DirectoryFilters) -> QuerySet[ProviderProfile]:
    """Listed profiles matching the filters, best first, with what result cards show."""
    queryset = _for_cards(_matching(filters))
    query = search_query(filters.q)
    if query is not None and filters.sort != "name":
        # An exact name match always comes first; then Postgres's weighted rank.
        queryset = queryset.annotate(
            rank=SearchRank(F("search_vector"), query),
            exact=Case(
                When(sort_name=_exact_name(filters), then=Value(1)),
                default=Value(0),
                output_field=IntegerField(),
            ),
        ).order_by("-exact", "-rank", "sort_name", "pk")
    else:
        queryset = queryset.order_by("sort_name", "pk")
    return queryset


@dataclass
class FacetValue:
    value: Any
    label: str
    count: int
    selected: bool


FACET_COLUMNS = {
    "art_forms": "art_form_ids",
    "outcome_areas": "outcome_area_ids",
    "beneficiary_groups": "beneficiary_group_ids",
    "areas": "area_ids",
    "settings": "settings",
}


@dataclass(frozen=True)
class SearchSummary:
    """What a search's pages share whichever page is shown: how many match, and the facet
    counts among them."""

    count: int
    facet_counts: dict[str, dict[str, int]]


# How long a search's summary may be reused at most (any profile change bumps the generation,
# so this only bounds how long an unchanged directory keeps a rarely repeated search).
SUMMARY_SECONDS = 10 * 60
DIRECTORY_GENERATION_KEY = "providers:directory-generation"


def directory_generation() -> int:
    """A number that changes whenever any profile's searchable data or listing changes
    (providers.services.profiles.directory_changed bumps it)."""
    return generation(DIRECTORY_GENERATION_KEY)


def directory_summary(filters: DirectoryFilters) -> SearchSummary:
    """The match count and facet counts of a search, computed once per search until any
    profile changes: paging through results, the API after the page, and everyone typing the
    same search reuse them, and only the page of results itself is read from the table.
    People making a new search at the same moment wait for one of them to count it."""

    def count() -> SearchSummary:
        matching = _matching(filters)
        return SearchSummary(count=matching.count(), facet_counts=_facet_counts(matching))

    key = f"providers:directory-summary:{directory_generation()}:{filters.cache_key()}"
    return cached_once(key, count, SUMMARY_SECONDS)


def directory_facets_built(
    summary: SearchSummary, filters: DirectoryFilters, kind: str, build: Callable[[Any], T]
) -> T:
    """`build(facets)` — the facet panel's HTML, the API's facet list — made once per search
    and vocabulary (the facets depend on nothing else), then reused from the cache."""
    key = (
        f"providers:directory-{kind}:{directory_generation()}:{vocabulary_generation()}:"
        f"{filters.cache_key()}"
    )
    built = cache.get(key)
    if built is None:
        built = build(directory_facets(summary, filters))
        cache.set(key, built, SUMMARY_SECONDS)
    return built


def directory_facets(
    summary: SearchSummary, filters: DirectoryFilters
) -> dict[str, list[FacetValue]]:
    """Each facet's values with their counts among the matching profiles. Values with no
    matches are left out unless selected (so a person can always unselect)."""
    return _facet_values(summary.facet_counts, filters)


# The first pages of each search's ranking are kept with its summary: most people never page
# past them, and reading 20 rows by id costs far less than ranking every match again.
RANKED_IDS_KEPT = 100


def _ranking_key(filters: DirectoryFilters) -> str:
    detail = hashlib.sha256(f"{filters.sort}\x00{_exact_name(filters)}".encode()).hexdigest()
    return (
        f"providers:directory-ranking:{directory_generation()}:{filters.cache_key()}:{detail[:16]}"
    )


class SearchResults:
    """A search's matching profiles in order, for a paginator: pages within the first
    RANKED_IDS_KEPT results are read by id from the cached ranking (computed once per search
    until a profile changes); later pages run the ranked query with an offset."""

    def __init__(self, filters: DirectoryFilters, summary: SearchSummary) -> None:
        self.filters = filters
        self.summary = summary

    def __len__(self) -> int:
        return self.summary.count

    def count(self) -> int:
        return self.summary.count

    def _ranked_ids(self) -> list[int]:
        key = _ranking_key(self.filters)
        ids = cache.get(key)
        if ids is None:
            ids = list(
                directory_queryset(self.filters).values_list("pk", flat=True)[:RANKED_IDS_KEPT]
            )
            cache.set(key, ids, SUMMARY_SECONDS)
        return ids

    def __getitem__(self, index: slice) -> list[ProviderProfile]:
        if not isinstance(index, slice) or index.step is not None:
            raise TypeError("SearchResults are read a page (a slice) at a time")
        start, stop = index.start or 0, index.stop if index.stop is not None else len(self)
        if stop <= RANKED_IDS_KEPT or self.summary.count <= RANKED_IDS_KEPT:
            ids = self._ranked_ids()[start:stop]
            rows = _for_cards(ProviderProfile.objects.filter(pk__in=ids, is_listed=True))
            by_id = {profile.pk: profile for profile in rows}
            return [by_id[pk] for pk in ids if pk in by_id]
        return list(directory_queryset(self.filters)[start:stop])


def directory_results(filters: DirectoryFilters, summary: SearchSummary) -> SearchResults:
    return SearchResults(filters, summary)


def _facet_counts(queryset: QuerySet[ProviderProfile]) -> dict[str, dict[str, int]]:
    """Counts per facet value in one scan of the matching rows: a lateral list of each row's
    (facet, value) pairs, grouped."""
    inner_sql, params = queryset.order_by().values("id").query.sql_with_params()
    # Facet names and columns are our own constants, never user input.
    pairs = " UNION ALL ".join(
        [f"SELECT '{name}', unnest(p.{column})::text" for name, column in FACET_COLUMNS.items()]
        + ["SELECT 'organisation_types', o.type", "SELECT 'staff_bands', NULLIF(p.staff_band, '')"]
    )
    sql = (
        "SELECT f.facet, f.value, count(*) FROM providers_providerprofile p "  # noqa: S608
        "JOIN accounts_organisation o ON o.id = p.organisation_id "
        f"CROSS JOIN LATERAL ({pairs}) f(facet, value) "
        f"WHERE p.id IN ({inner_sql}) AND f.value IS NOT NULL GROUP BY 1, 2"
    )
    counts: dict[str, dict[str, int]] = {}
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        for facet, value, count in cursor.fetchall():
            counts.setdefault(facet, {})[value] = count
    return counts


def facet_labels() -> dict[str, dict[str, str]]:
    """Each facet's value -> label, in display order (vocabularies in their own order)."""
    from accounts.constants import OrganisationType  # noqa: PLC0415
    from providers.constants import StaffBand  # noqa: PLC0415

    terms = vocabulary_snapshot().terms
    labels = {
        facet: {str(pk): term.name for pk, term in terms[facet].items()}
        for facet in ("art_forms", "outcome_areas", "beneficiary_groups", "areas")
    }
    labels.update(
        settings=dict(Setting.choices),
        organisation_types=dict(OrganisationType.choices),
        staff_bands=dict(StaffBand.choices),
    )
    return labels


def _facet_values(
    counts: dict[str, dict[str, int]], filters: DirectoryFilters
) -> dict[str, list[FacetValue]]:
    result: dict[str, list[FacetValue]] = {}
    for facet, names in facet_labels().items():
        selected = {str(v) for v in getattr(filters, facet)}
        facet_counts = counts.get(facet, {})
        values = [
            FacetValue(
                value=key,
                label=label,
                count=facet_counts.get(key, 0),
                selected=key in selected,
            )
            for key, label in names.items()
            if facet_counts.get(key) or key in selected
        ]
        if facet == "areas":
            values.sort(key=lambda v: (-v.count, v.label))
        result[facet] = values
    return result


def support_needs_summary(queryset: QuerySet[ProviderProfile]) -> list[tuple[str, int]]:
    """How many of the matching providers would like each kind of support, in one query."""
    aggregates = queryset.order_by().aggregate(
        **{
            need.value: Count("pk", filter=Q(support_needs__contains=[need.value]))
            for need in SupportNeed
        }
    )
    return [(need.label, aggregates[need.value]) for need in SupportNeed]


def profile_list_public() -> QuerySet[ProviderProfile]:
    return ProviderProfile.objects.filter(is_listed=True).select_related("organisation")


def _profile_detail_queryset() -> QuerySet[ProviderProfile]:
    return ProviderProfile.objects.select_related("organisation").prefetch_related(
        "art_forms",
        "outcome_areas",
        "beneficiary_groups",
        Prefetch("areas_served", queryset=Area.objects.order_by("name")),
        "activities",
        "venues",
        "track_records",
        "evidence",
        Prefetch("documents", queryset=ProviderDocument.objects.order_by("kind", "-expires_on")),
    )


def profile_get_for_user(*, user: User, pk: int) -> ProviderProfile:
    """A listed profile for anyone; an unlisted one only for its members and platform admins."""
    try:
        profile = _profile_detail_queryset().get(pk=pk)
    except ProviderProfile.DoesNotExist as exc:
        raise Http404 from exc
    if profile.is_listed or user.is_staff or is_member_of(user, profile.organisation):
        return profile
    raise Http404


def profile_for_organisation(*, organisation: Organisation) -> ProviderProfile | None:
    return _profile_detail_queryset().filter(organisation=organisation).first()


def profile_completeness(profile: ProviderProfile) -> tuple[int, list[str]]:
    """How complete the profile is (0 to 100) and what to add next, most useful first."""
    organisation = profile.organisation
    kinds_held = {d.kind for d in profile.documents.all() if not d.is_expired}
    checks = [
        (bool(profile.summary), "Write a short summary of what you do"),
        (bool(organisation.description), "Describe your organisation and who you work with"),
        (
            bool(profile.contact_name and profile.contact_email),
            "Name a contact person commissioners can talk to",
        ),
        (bool(profile.art_forms.all()), "Choose your art forms"),
        (bool(profile.outcome_areas.all()), "Choose the outcomes your work improves"),
        (bool(profile.beneficiary_groups.all()), "Say who you work with"),
        (bool(profile.areas_served.all()), "Choose the areas you work in"),
        (bool(profile.settings), "Choose the settings you work in"),
        (bool(profile.activities.all()), "Add an activity you offer"),
        (
            bool(profile.venues.all()) or Setting.ONLINE in profile.settings,
            "Add a venue where you work",
        ),
        (
            bool(profile.track_records.all()) or bool(profile.evidence.all()),
            "Add your track record or a case study",
        ),
        (
            bool(profile.legal_form and profile.staff_band and profile.turnover_band),
            "Give your legal form and size",
        ),
        (bool(profile.safeguarding_lead), "Name your safeguarding lead"),
        (
            DocumentKind.PUBLIC_LIABILITY in kinds_held,
            "Upload your public liability insurance",
        ),
        (
            DocumentKind.SAFEGUARDING_POLICY in kinds_held,
            "Upload your safeguarding policy",
        ),
    ]
    done = sum(1 for ok, _ in checks if ok)
    return round(100 * done / len(checks)), [step for ok, step in checks if not ok]


def document_get_for_user(*, user: User, pk: int) -> ProviderDocument:
    """Due-diligence documents: the provider's members, platform admins, and signed-in
    commissioners looking at a listed profile. Everyone else gets 404."""
    try:
        document = ProviderDocument.objects.select_related("profile__organisation").get(pk=pk)
    except ProviderDocument.DoesNotExist as exc:
        raise Http404 from exc
    organisation = document.profile.organisation
    if user.is_authenticated and (user.is_staff or is_member_of(user, organisation)):
        return document
    if (
        document.profile.is_listed
        and user.is_authenticated
        and user.memberships.filter(organisation__kind="commissioner").exists()
    ):
        return document
    raise Http404


def evidence_file_get_for_user(*, user: User, pk: int):
    from providers.models import Evidence  # noqa: PLC0415

    try:
        evidence = Evidence.objects.select_related("profile__organisation").get(pk=pk)
    except Evidence.DoesNotExist as exc:
        raise Http404 from exc
    if not evidence.file:
        raise Http404
    if evidence.profile.is_listed or (
        user.is_authenticated
        and (user.is_staff or is_member_of(user, evidence.profile.organisation))
    ):
        return evidence
    raise Http404


def activity_get_for_profile(*, profile: ProviderProfile, pk: int) -> Activity:
    try:
        return profile.activities.get(pk=pk)
    except Activity.DoesNotExist as exc:
        raise Http404 from exc


def shortlist_list_for_organisation(*, organisation: Organisation) -> QuerySet[Shortlist]:
    return (
        Shortlist.objects.filter(organisation=organisation)
        .annotate(size=Count("entries"))
        .select_related("created_by")
        .order_by(Lower("name"))
    )


def shortlist_get_for_user(*, user: User, pk: int) -> Shortlist:
    """Shortlists are shared within the organisation that keeps them, and nowhere else."""
    if not user.is_authenticated:
        raise Http404
    try:
        return Shortlist.objects.select_related("organisation").get(
            pk=pk, organisation__memberships__user=user
        )
    except Shortlist.DoesNotExist as exc:
        raise Http404 from exc


def shortlist_entries(*, shortlist: Shortlist) -> QuerySet[ShortlistEntry]:
    return (
        ShortlistEntry.objects.filter(shortlist=shortlist)
        .select_related("profile__organisation", "added_by")
        .order_by("created_at")
    )


def consortium_list_public() -> QuerySet[Consortium]:
    return (
        Consortium.objects.select_related("lead")
        .prefetch_related(
            Prefetch(
                "members",
                queryset=ConsortiumMember.objects.filter(status="confirmed").select_related(
                    "organisation"
                ),
                to_attr="confirmed_members",
            )
        )
        .order_by("name")
    )


def consortium_list_for_organisation(*, organisation: Organisation) -> QuerySet[Consortium]:
    """Consortia the organisation leads or has been asked to join (for choosing when bidding)."""
    return consortium_list_public().filter(members__organisation=organisation).distinct()


def consortium_get(*, pk: int) -> Consortium:
    try:
        return Consortium.objects.select_related("lead").get(pk=pk)
    except Consortium.DoesNotExist as exc:
        raise Http404 from exc


def consortium_members(*, consortium: Consortium) -> QuerySet[ConsortiumMember]:
    return consortium.members.select_related("organisation").order_by("organisation__name")
