"""Bulk generation of directory providers, fast enough for 100,000 (or 1,000,000) of them.

Rows go in with COPY (organisations, profiles, activities and the four many-to-many tables);
then `index_rebuild` computes every profile's search vector, facet arrays and sort name in one
set-based UPDATE that produces exactly what `providers.services.profile_index_refresh` does
(tests/bench/test_bench_smoke.py checks it). Everything is deterministic for a given seed.

The functions take a psycopg connection and never commit: the caller owns the transaction (the
smoke test passes Django's own connection, inside the test's transaction).
"""

from __future__ import annotations

import datetime
import random
import time
from collections.abc import Iterator
from dataclasses import dataclass, field

import psycopg

from bench import phrases
from bench.results import say

# Bump when the generator or the index SQL changes, so `make bench` re-seeds.
DATA_VERSION = 1
DEFAULT_SEED = 20_260_401
LISTED_SHARE = 0.9
MARKER_TABLE = "bench_dataset"


@dataclass
class AreaRow:
    id: int
    code: str
    name: str
    kind: str
    parent_id: int | None
    region: str


@dataclass
class Vocabulary:
    """The shared vocabulary's ids, by slug (areas by code)."""

    art_forms: dict[str, int]
    outcome_areas: dict[str, int]
    beneficiary_groups: dict[str, int]
    areas: list[AreaRow]

    @classmethod
    def load(cls, conn: psycopg.Connection) -> Vocabulary:
        with conn.cursor() as cur:

            def slugs(table: str) -> dict[str, int]:
                cur.execute(f"SELECT slug, id FROM {table}")  # noqa: S608 - our own table names
                return dict(cur.fetchall())

            art_forms = slugs("commissioning_artform")
            outcome_areas = slugs("commissioning_outcomearea")
            beneficiary_groups = slugs("commissioning_beneficiarygroup")
            cur.execute(
                "SELECT id, code, name, kind, parent_id, region FROM commissioning_area "
                "ORDER BY code"
            )
            areas = [AreaRow(*row) for row in cur.fetchall()]
        return cls(art_forms, outcome_areas, beneficiary_groups, areas)


@dataclass
class Activity:
    name: str
    description: str
    who_for: str
    eligibility: str
    cost: str
    where: str


@dataclass
class Provider:
    name: str
    type: str
    description: str
    summary: str
    legal_form: str
    is_vcse: bool
    is_sme: bool
    year_founded: int
    turnover_band: str
    staff_band: str
    volunteers_band: str
    contact_name: str
    contact_email: str
    safeguarding_lead: str
    settings: list[str]
    support_needs: list[str]
    partners: str
    is_listed: bool
    created_at: datetime.datetime
    art_forms: list[int]
    outcome_areas: list[int]
    beneficiary_groups: list[int]
    areas: list[int]
    activities: list[Activity] = field(default_factory=list)


def _capitalise(text: str) -> str:
    return text[:1].upper() + text[1:]


def _town(area_name: str) -> list[str]:
    if area_name in phrases.TOWNS:
        return phrases.TOWNS[area_name]
    return [area_name.split(" and ", maxsplit=1)[0].removeprefix("City of ").strip() or area_name]


class Generator:
    """Makes one realistic provider at a time from a seeded random source."""

    def __init__(self, vocabulary: Vocabulary, seed: int = DEFAULT_SEED) -> None:
        self.rng = random.Random(seed)  # noqa: S311 - repeatable data, not secrets
        self.vocabulary = vocabulary
        self.now = datetime.datetime(2026, 4, 1, 9, 0, tzinfo=datetime.UTC)
        known = vocabulary.art_forms
        self.art_slugs = [s for s in phrases.ART_FORMS if s in known]
        self.art_weights = [phrases.ART_FORMS[s][0] for s in self.art_slugs]
        self.outcome_slugs = [s for s in phrases.OUTCOME_AREAS if s in vocabulary.outcome_areas]
        self.outcome_weights = [phrases.OUTCOME_AREAS[s][0] for s in self.outcome_slugs]
        self.beneficiary_slugs = [
            s for s in phrases.BENEFICIARY_GROUPS if s in vocabulary.beneficiary_groups
        ]
        self.beneficiary_weights = [
            phrases.BENEFICIARY_GROUPS[s][0] for s in self.beneficiary_slugs
        ]
        self.settings = list(phrases.SETTINGS)
        self.setting_weights = list(phrases.SETTINGS.values())
        self.suffixes = list(phrases.NAME_SUFFIXES)
        self.suffix_weights = list(phrases.NAME_SUFFIXES.values())
        # Home areas: every area but the counties, weighted like a long tail (a fixed shuffle,
        # then 1/(1 + rank/20)), with the pilot counties' districts and Medway boosted.
        self.area_by_id = {a.id: a for a in vocabulary.areas}
        homes = [a for a in vocabulary.areas if a.kind != "county"]
        random.Random(seed + 1).shuffle(homes)  # noqa: S311
        pilot_counties = {a.id for a in vocabulary.areas if a.code in ("E10000016", "E10000013")}
        self.homes = homes
        self.home_weights = [
            (1 / (1 + rank / 20))
            * (4 if a.parent_id in pilot_counties or a.code == "E06000035" else 1)
            for rank, a in enumerate(homes)
        ]
        self.by_region: dict[str, list[AreaRow]] = {}
        for area in homes:
            self.by_region.setdefault(area.region, []).append(area)

    def _sample(self, population: list, weights: list[float], count: int) -> list:
        """`count` distinct values, weighted."""
        chosen: list = []
        count = min(count, len(population))
        while len(chosen) < count:
            value = self.rng.choices(population, weights)[0]
            if value not in chosen:
                chosen.append(value)
        return chosen

    def _weighted(self, mapping: dict[str, float]) -> str:
        return self.rng.choices(list(mapping), list(mapping.values()))[0]

    def _person(self) -> tuple[str, str]:
        first = self.rng.choice(phrases.FIRST_NAMES)
        last = self.rng.choice(phrases.LAST_NAMES)
        return first, last

    def _name(self, town: str, art_word: str, place: str) -> str:
        rng = self.rng
        suffix = rng.choices(self.suffixes, self.suffix_weights)[0]
        if suffix == art_word.rsplit(maxsplit=1)[-1]:
            suffix = "Collective"
        roll = rng.random()
        if roll < 0.55:
            return f"{town} {art_word} {suffix}"
        if roll < 0.65:
            return f"{town} Community {art_word}"
        if roll < 0.75:
            return f"{rng.choice(phrases.NAME_ADJECTIVES)} {art_word} {suffix}"
        if roll < 0.82:
            return f"{art_word} {town}"
        if roll < 0.88:
            return f"{town} {rng.choice(phrases.PLACE_WORDS)} {art_word}"
        if roll < 0.93:
            return f"{art_word} for Health {place}"
        if roll < 0.97:
            return f"The {rng.choice(phrases.NAME_ADJECTIVES)} {suffix}"
        return f"Friends of {town} {art_word}"

    def _areas(self) -> tuple[AreaRow, list[int]]:
        """A home area, its county, and sometimes a neighbour or two in the same region."""
        rng = self.rng
        home = rng.choices(self.homes, self.home_weights)[0]
        areas = [home.id]
        if home.parent_id and rng.random() < 0.8:
            areas.append(home.parent_id)
        for chance in (0.35, 0.1):
            if rng.random() < chance:
                neighbour = rng.choice(self.by_region.get(home.region) or self.homes)
                if neighbour.id not in areas:
                    areas.append(neighbour.id)
        return home, areas

    def _description(self, year: int, who: str, place: str) -> str:
        rng = self.rng
        founders = rng.choice(phrases.FOUNDERS)
        sentences = [
            rng.choice(phrases.DESCRIPTION_FOUNDING).format(
                year=year,
                founders=founders,
                who=who,
                place=place,
                word=rng.choice(["group", "company", "charity", "project"]),
            )
        ]
        for sentence in rng.sample(phrases.DESCRIPTION_APPROACH, rng.choice([1, 2, 2, 3])):
            sentences.append(
                sentence.format(partners=" and ".join(rng.sample(phrases.PARTNERS, 2)))
            )
        if rng.random() < 0.6:
            sentences.append(
                rng.choice(phrases.DESCRIPTION_EVIDENCE).format(
                    sessions=rng.randint(40, 600), people=rng.randint(30, 2000)
                )
            )
        return _capitalise(" ".join(sentences))

    def _activities(
        self, art_slugs: list[str], beneficiary_slugs: list[str], town: str, place: str
    ) -> list[Activity]:
        rng = self.rng
        activities = []
        for position in range(rng.choices([1, 2, 3], [40, 40, 20])[0]):
            art = art_slugs[position % len(art_slugs)]
            phrase = rng.choice(phrases.ART_FORMS[art][2])
            benefit = rng.choice(beneficiary_slugs)
            who_for = rng.choice(phrases.BENEFICIARY_GROUPS[benefit][1])
            activity_name = rng.choice(phrases.ACTIVITY_NAME_TEMPLATES).format(
                Activity=_capitalise(phrase),
                activity_short=phrase,
                who_short=who_for.split(" and ", maxsplit=1)[0],
                Place=town,
            )[:150]
            activities.append(
                Activity(
                    name=activity_name,
                    description=rng.choice(phrases.ACTIVITY_DESCRIPTIONS).format(
                        activity=phrase, Activity=_capitalise(phrase)
                    ),
                    who_for=_capitalise(who_for),
                    eligibility=rng.choice(phrases.ELIGIBILITY),
                    cost=rng.choice(phrases.COSTS),
                    where=_capitalise(rng.choice(phrases.WHERE).format(town=town, place=place)),
                )
            )
        return activities

    def provider(self, index: int) -> Provider:
        rng = self.rng
        vocabulary = self.vocabulary
        primary = rng.choices(self.art_slugs, self.art_weights)[0]
        extra = self._sample(
            self.art_slugs, self.art_weights, rng.choices([1, 2, 3], [45, 35, 20])[0]
        )
        art_slugs = [primary, *[s for s in extra if s != primary][:2]]
        outcome_slugs = self._sample(
            self.outcome_slugs, self.outcome_weights, rng.choices([1, 2, 3], [30, 45, 25])[0]
        )
        beneficiary_slugs = self._sample(
            self.beneficiary_slugs,
            self.beneficiary_weights,
            rng.choices([1, 2, 3], [35, 45, 20])[0],
        )
        settings = self._sample(
            self.settings, self.setting_weights, rng.choices([1, 2, 3], [35, 40, 25])[0]
        )
        if primary == "museums" and "museums" not in settings:
            settings.append("museums")
        if primary == "libraries" and "libraries" not in settings:
            settings.append("libraries")

        home, areas = self._areas()
        town = rng.choice(_town(home.name))
        place = home.name if rng.random() < 0.5 else town

        type_ = self._weighted(phrases.ORGANISATION_TYPES)
        staff_band = self._weighted(phrases.STAFF_BANDS)
        if type_ == "freelance":
            staff_band = "0"
        art_word = rng.choice(phrases.ART_FORMS[primary][1])
        name = self._name(town, art_word, place)
        if type_ == "freelance" and rng.random() < 0.5:
            first, last = self._person()
            name = f"{first} {last} {art_word}"

        primary_activities = phrases.ART_FORMS[primary][2]
        who = rng.choice(phrases.BENEFICIARY_GROUPS[beneficiary_slugs[0]][1])
        outcome = rng.choice(phrases.OUTCOME_AREAS[outcome_slugs[0]][1])
        opener = rng.choice(phrases.SUMMARY_OPENERS).format(
            activities=rng.choice(primary_activities),
            who=who,
            place=place,
            kind=rng.choice(phrases.KIND_WORDS[type_]),
        )
        summary = f"{_capitalise(opener)}, {outcome}."[:280]

        year = rng.randint(1975, 2025) if rng.random() < 0.8 else rng.randint(1890, 1974)
        description = self._description(year, who, place)
        activities = self._activities(art_slugs, beneficiary_slugs, town, place)

        first, last = self._person()
        lead_first, lead_last = self._person()
        created_at = self.now - datetime.timedelta(minutes=rng.randint(0, 5 * 365 * 24 * 60))
        return Provider(
            name=name[:200],
            type=type_,
            description=description,
            summary=summary,
            legal_form=rng.choice(phrases.LEGAL_FORMS[type_]),
            is_vcse=type_ == "vcse" or (type_ == "arts_cultural" and rng.random() < 0.7),
            is_sme=staff_band != "250_plus",
            year_founded=year,
            turnover_band=rng.choice(phrases.TURNOVER_BY_STAFF[staff_band]),
            staff_band=staff_band,
            volunteers_band=self._weighted(phrases.VOLUNTEER_BANDS),
            contact_name=f"{first} {last}",
            contact_email=f"{first}.{last}.{index}@example.org".lower(),
            safeguarding_lead=f"{lead_first} {lead_last}",
            settings=settings,
            support_needs=[need for need, p in phrases.SUPPORT_NEEDS.items() if rng.random() < p],
            partners="\n".join(rng.sample(phrases.PARTNERS, rng.randint(0, 3))),
            is_listed=rng.random() < LISTED_SHARE,
            created_at=created_at,
            art_forms=[vocabulary.art_forms[s] for s in art_slugs],
            outcome_areas=[vocabulary.outcome_areas[s] for s in outcome_slugs],
            beneficiary_groups=[vocabulary.beneficiary_groups[s] for s in beneficiary_slugs],
            areas=areas,
            activities=activities,
        )

    def providers(self, count: int, start: int = 0) -> Iterator[Provider]:
        for index in range(start, start + count):
            yield self.provider(index)


def _reserve_ids(cur: psycopg.Cursor, table: str, count: int) -> int:
    """Take a block of `count` ids from the table's identity sequence; return the first."""
    cur.execute("SELECT pg_get_serial_sequence(%s, 'id')", [table])
    sequence = cur.fetchone()[0]
    cur.execute("SELECT nextval(%s)", [sequence])
    first = cur.fetchone()[0]
    cur.execute("SELECT setval(%s, %s)", [sequence, first + count - 1])
    return first


ORGANISATION_COLUMNS = (
    "id, created_at, updated_at, name, kind, type, charity_number, company_number, address, "
    "postcode, website, description"
)
PROFILE_COLUMNS = (
    "id, created_at, updated_at, organisation_id, summary, legal_form, is_vcse, is_sme, "
    "year_founded, turnover_band, staff_band, volunteers_band, contact_name, contact_email, "
    "contact_phone, safeguarding_lead, settings, support_needs, partners, is_listed, listed_at, "
    "art_form_ids, outcome_area_ids, beneficiary_group_ids, area_ids, sort_name"
)
ACTIVITY_COLUMNS = (
    'created_at, updated_at, profile_id, name, description, who_for, eligibility, cost, "where", '
    "position"
)
RELATIONS = (
    # (table, column, Provider attribute)
    ("providers_providerprofile_art_forms", "artform_id", "art_forms"),
    ("providers_providerprofile_outcome_areas", "outcomearea_id", "outcome_areas"),
    ("providers_providerprofile_beneficiary_groups", "beneficiarygroup_id", "beneficiary_groups"),
    ("providers_providerprofile_areas_served", "area_id", "areas"),
)


def generate(
    conn: psycopg.Connection,
    count: int,
    *,
    seed: int = DEFAULT_SEED,
    progress: bool = False,
) -> tuple[int, int]:
    """Insert `count` providers with profiles, activities and facets; build their search index.

    Returns the (first, last) profile id. Does not commit.
    """
    vocabulary = Vocabulary.load(conn)
    generator = Generator(vocabulary, seed)
    started = time.perf_counter()
    with conn.cursor() as cur:
        first_org = _reserve_ids(cur, "accounts_organisation", count)
        first_profile = _reserve_ids(cur, "providers_providerprofile", count)
        providers = list(generator.providers(count))
        if progress:
            say(f"  generated {count:,} providers in {time.perf_counter() - started:.1f}s")
        with cur.copy(f"COPY accounts_organisation ({ORGANISATION_COLUMNS}) FROM STDIN") as copy:
            for offset, p in enumerate(providers):
                copy.write_row(
                    (
                        first_org + offset,
                        p.created_at,
                        p.created_at,
                        p.name,
                        "provider",
                        p.type,
                        "",
                        "",
                        "",
                        "",
                        "",
                        p.description,
                    )
                )
        with cur.copy(f"COPY providers_providerprofile ({PROFILE_COLUMNS}) FROM STDIN") as copy:
            for offset, p in enumerate(providers):
                listed_at = p.created_at + datetime.timedelta(days=7) if p.is_listed else None
                copy.write_row(
                    (
                        first_profile + offset,
                        p.created_at,
                        p.created_at,
                        first_org + offset,
                        p.summary,
                        p.legal_form,
                        p.is_vcse,
                        p.is_sme,
                        p.year_founded,
                        p.turnover_band,
                        p.staff_band,
                        p.volunteers_band,
                        p.contact_name,
                        p.contact_email,
                        "",
                        p.safeguarding_lead,
                        p.settings,
                        p.support_needs,
                        p.partners,
                        p.is_listed,
                        listed_at,
                        [],
                        [],
                        [],
                        [],
                        "",
                    )
                )
        with cur.copy(f"COPY providers_activity ({ACTIVITY_COLUMNS}) FROM STDIN") as copy:
            for offset, p in enumerate(providers):
                for position, a in enumerate(p.activities):
                    copy.write_row(
                        (
                            p.created_at,
                            p.created_at,
                            first_profile + offset,
                            a.name,
                            a.description,
                            a.who_for,
                            a.eligibility,
                            a.cost,
                            a.where,
                            position,
                        )
                    )
        for table, column, attribute in RELATIONS:
            with cur.copy(f"COPY {table} (providerprofile_id, {column}) FROM STDIN") as copy:
                for offset, p in enumerate(providers):
                    for value in getattr(p, attribute):
                        copy.write_row((first_profile + offset, value))
        if progress:
            say(f"  copied rows in {time.perf_counter() - started:.1f}s")
        last_profile = first_profile + count - 1
        # In slices: one UPDATE over a million profiles (each joining its activities and
        # facet rows) ran for over an hour here; 50,000 at a time stays in memory.
        for start in range(first_profile, last_profile + 1, INDEX_SLICE):
            index_rebuild(conn, start, min(start + INDEX_SLICE - 1, last_profile))
        if progress:
            say(f"  built the search index in {time.perf_counter() - started:.1f}s")
    return first_profile, last_profile


# The set-based twin of providers.services.profiles.profile_index_refresh: the same text in the
# same order (so the same tsvector positions), the same weights and configuration, sorted ids.
# Every CTE is MATERIALIZED: inlined, the per-profile aggregates could be planned as subqueries
# re-run for each profile of a nested loop (on a test database's stale statistics a 500-profile
# rebuild ran for over ten minutes); materialised, each aggregate runs once.
INDEX_SQL = """
WITH target AS MATERIALIZED (
    SELECT id FROM providers_providerprofile WHERE id BETWEEN %(first)s AND %(last)s
),
acts AS MATERIALIZED (
    SELECT a.profile_id,
           array_agg(
               concat_ws(' ', nullif(a.name, ''), nullif(a.description, ''),
                         nullif(a.who_for, ''), nullif(a."where", ''))
               ORDER BY a.position, a.id
           ) AS words
    FROM providers_activity a JOIN target t ON t.id = a.profile_id
    GROUP BY a.profile_id
),
arts AS MATERIALIZED (
    SELECT m.providerprofile_id AS profile_id,
           array_agg(f.name::text ORDER BY f.position, f.name) AS names,
           array_agg(f.id::int ORDER BY f.id) AS ids
    FROM providers_providerprofile_art_forms m
    JOIN target t ON t.id = m.providerprofile_id
    JOIN commissioning_artform f ON f.id = m.artform_id
    GROUP BY m.providerprofile_id
),
outcomes AS MATERIALIZED (
    SELECT m.providerprofile_id AS profile_id, array_agg(m.outcomearea_id::int ORDER BY m.outcomearea_id) AS ids
    FROM providers_providerprofile_outcome_areas m JOIN target t ON t.id = m.providerprofile_id
    GROUP BY m.providerprofile_id
),
beneficiaries AS MATERIALIZED (
    SELECT m.providerprofile_id AS profile_id,
           array_agg(m.beneficiarygroup_id::int ORDER BY m.beneficiarygroup_id) AS ids
    FROM providers_providerprofile_beneficiary_groups m
    JOIN target t ON t.id = m.providerprofile_id
    GROUP BY m.providerprofile_id
),
areas AS MATERIALIZED (
    SELECT m.providerprofile_id AS profile_id, array_agg(m.area_id::int ORDER BY m.area_id) AS ids
    FROM providers_providerprofile_areas_served m JOIN target t ON t.id = m.providerprofile_id
    GROUP BY m.providerprofile_id
),
computed AS (
    SELECT p.id,
           setweight(to_tsvector('english'::regconfig, COALESCE(o.name, '')), 'A')
           || setweight(
               to_tsvector('english'::regconfig, COALESCE(p.summary || ' ' || o.description, '')),
               'B')
           || setweight(
               to_tsvector('english'::regconfig, COALESCE(array_to_string(
                   COALESCE(acts.words, '{}'::text[]) || COALESCE(arts.names, '{}'::text[]), ' '
               ), '')),
               'C') AS search_vector,
           COALESCE(arts.ids, '{}'::int[]) AS art_form_ids,
           COALESCE(outcomes.ids, '{}'::int[]) AS outcome_area_ids,
           COALESCE(beneficiaries.ids, '{}'::int[]) AS beneficiary_group_ids,
           COALESCE(areas.ids, '{}'::int[]) AS area_ids,
           left(lower(o.name), 200) AS sort_name
    FROM providers_providerprofile p
    JOIN target t ON t.id = p.id
    JOIN accounts_organisation o ON o.id = p.organisation_id
    LEFT JOIN acts ON acts.profile_id = p.id
    LEFT JOIN arts ON arts.profile_id = p.id
    LEFT JOIN outcomes ON outcomes.profile_id = p.id
    LEFT JOIN beneficiaries ON beneficiaries.profile_id = p.id
    LEFT JOIN areas ON areas.profile_id = p.id
)
UPDATE providers_providerprofile p
SET search_vector = c.search_vector,
    art_form_ids = c.art_form_ids,
    outcome_area_ids = c.outcome_area_ids,
    beneficiary_group_ids = c.beneficiary_group_ids,
    area_ids = c.area_ids,
    sort_name = c.sort_name
FROM computed c
WHERE p.id = c.id
"""


INDEX_SLICE = 50_000


def index_rebuild(conn: psycopg.Connection, first: int, last: int) -> int:
    """Rebuild the search index of the profiles with ids first..last; return how many."""
    with conn.cursor() as cur:
        cur.execute(INDEX_SQL, {"first": first, "last": last})
        return cur.rowcount


# The bench database ---------------------------------------------------------------------------


def _marker(conn: psycopg.Connection) -> tuple[int, int, int] | None:
    with conn.cursor() as cur:
        cur.execute(
            f"CREATE TABLE IF NOT EXISTS {MARKER_TABLE} ("
            "name text PRIMARY KEY, providers integer NOT NULL, seed integer NOT NULL, "
            "version integer NOT NULL, seconds double precision, "
            "created_at timestamptz NOT NULL DEFAULT now())"
        )
        cur.execute(
            f"SELECT providers, seed, version FROM {MARKER_TABLE} WHERE name = 'directory'"  # noqa: S608
        )
        return cur.fetchone()


def _reset(conn: psycopg.Connection) -> None:
    """Empty the tables the generator fills (the bench database only)."""
    with conn.cursor() as cur:
        cur.execute("SELECT current_database()")
        name = cur.fetchone()[0]
        if "bench" not in name:
            raise RuntimeError(f"Refusing to empty {name}: not a bench database.")
        cur.execute("TRUNCATE accounts_organisation, providers_providerprofile CASCADE")
        cur.execute(f"DELETE FROM {MARKER_TABLE} WHERE name = 'directory'")  # noqa: S608


def dataset_ensure(
    conninfo: str, providers: int, *, seed: int = DEFAULT_SEED, force: bool = False
) -> dict[str, float]:
    """Seed the bench database with `providers` providers unless it already holds them.

    Returns timings ({} when the data was reused).
    """
    with psycopg.connect(conninfo, autocommit=True) as conn:
        marker = _marker(conn)
        with conn.cursor() as cur:
            cur.execute("SELECT count(*) FROM providers_providerprofile")
            present = cur.fetchone()[0]
        # More than generated is fine: the load test and the framework figures add the demo world.
        if not force and marker == (providers, seed, DATA_VERSION) and present >= providers:
            return {}
        say(f"Seeding {providers:,} providers (once; later runs reuse them)...")
        started = time.perf_counter()
        with conn.transaction():
            _reset(conn)
            generate(conn, providers, seed=seed, progress=True)
        seeded = time.perf_counter() - started
        with conn.cursor() as cur:
            # The UPDATE left a dead copy of every profile row: rewrite the table and its
            # indexes compactly, as a long-lived database would be after autovacuum, and
            # refresh the planner's statistics.
            cur.execute("VACUUM (FULL, ANALYZE) providers_providerprofile")
            for table in (
                "accounts_organisation",
                "providers_activity",
                *(table for table, _, _ in RELATIONS),
            ):
                cur.execute(f"VACUUM (ANALYZE) {table}")
            cur.execute(
                f"INSERT INTO {MARKER_TABLE} (name, providers, seed, version, seconds) "  # noqa: S608
                "VALUES ('directory', %s, %s, %s, %s)",
                [providers, seed, DATA_VERSION, seeded],
            )
        total = time.perf_counter() - started
        say(f"  seeded in {seeded:.1f}s, vacuumed and analysed in {total - seeded:.1f}s")
        return {"seed_seconds": seeded, "vacuum_seconds": total - seeded}
