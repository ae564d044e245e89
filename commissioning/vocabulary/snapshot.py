"""Every vocabulary term by id, cached.

Pages that show many terms at once — the directory's facets and result cards, its API and
exports — read them from one cached snapshot instead of running four queries a request. The
snapshot is keyed by a generation number that changes whenever a term is saved or deleted
(signals connected in commissioning.apps), after migrations, and when the reference data is
reloaded; it also expires after an hour, so a change made behind the ORM's back (raw SQL) is
seen within the hour at worst.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.core.cache import cache

from core.generations import generation, generation_bump

GENERATION_KEY = "commissioning:vocabulary-generation"
SNAPSHOT_SECONDS = 60 * 60

# Vocabulary name -> (model name, the field a URL uses for a term).
VOCABULARIES = {
    "art_forms": ("ArtForm", "slug"),
    "outcome_areas": ("OutcomeArea", "slug"),
    "beneficiary_groups": ("BeneficiaryGroup", "slug"),
    "areas": ("Area", "code"),
}


@dataclass(frozen=True)
class Term:
    """A term as links and labels need it: its URL parameter (slug or ONS code) and name."""

    parameter: str
    name: str


@dataclass(frozen=True)
class VocabularySnapshot:
    # Vocabulary -> term id -> Term, in each vocabulary's own order (position and name).
    terms: dict[str, dict[int, Term]]

    def ids_by_parameter(self, vocabulary: str) -> dict[str, int]:
        return {term.parameter: pk for pk, term in self.terms[vocabulary].items()}


def vocabulary_generation() -> int:
    """A number that changes whenever a term changes (for keys of things built from terms)."""
    return generation(GENERATION_KEY)


def vocabulary_changed(**_ignored) -> None:
    """Make the next read rebuild the snapshot (core.generations says when)."""
    generation_bump(GENERATION_KEY)


def _build() -> VocabularySnapshot:
    from django.apps import apps  # noqa: PLC0415

    terms: dict[str, dict[int, Term]] = {}
    for vocabulary, (model_name, parameter) in VOCABULARIES.items():
        model = apps.get_model("commissioning", model_name)
        terms[vocabulary] = {
            pk: Term(parameter=value, name=name)
            for pk, value, name in model.objects.values_list("pk", parameter, "name")
        }
    return VocabularySnapshot(terms=terms)


# This process's copy of the latest snapshot it read, with its key: a page asks for the
# vocabulary several times, and unpickling it each time would cost more than the queries did.
_latest: tuple[str, VocabularySnapshot] | None = None


def vocabulary_snapshot() -> VocabularySnapshot:
    """The current snapshot: the generation read from the cache, then this process's copy, the
    cache's, or (when something changed) four queries."""
    global _latest  # noqa: PLW0603 - one per process, replaced whole (thread-safe)
    key = f"commissioning:vocabulary:{vocabulary_generation()}"
    latest = _latest
    if latest is not None and latest[0] == key:
        return latest[1]
    snapshot = cache.get(key)
    if snapshot is None:
        snapshot = _build()
        cache.set(key, snapshot, SNAPSHOT_SECONDS)
    _latest = (key, snapshot)
    return snapshot
