"""Load the shared vocabulary from the CSV files beside this module.

Sources
-------
outcome_areas.csv
    Table 2, "Mapping by outcome areas", in NEF, *The Art of Commissioning* (2016), one row per
    outcome in the table, in its order; descriptions paraphrase the table's commentary.
art_forms.csv
    Arts Council England's art-form categories (combined arts, dance, literature, music,
    theatre, visual arts, museums, libraries), broken out into the forms arts organisations use
    to describe themselves.
beneficiary_groups.csv
    The groups the NEF report and its pilots name (older people, people living with dementia,
    people with long-term conditions, carers, offenders, homeless people...), plus the groups
    commissioners' outcome frameworks commonly target.
areas.csv
    Every local authority area in England since the 1 April 2023 reorganisation (Cumberland,
    Westmorland and Furness, North Yorkshire and Somerset became unitary; Cumbria, North
    Yorkshire and Somerset county councils and their districts were abolished): 21 counties
    (E10), 164 non-metropolitan districts (E07, each with its county), 63 unitary authorities
    (E06, including the Isles of Scilly), 36 metropolitan districts (E08) and the 32 London
    boroughs plus the City of London (E09). ONS GSS codes and county membership were taken from
    mySociety's "UK Local Authority Names and Codes" lookup
    (github.com/mysociety/uk_local_authority_names_and_codes,
    data/packages/uk_la_past_current/uk_local_authorities_current.csv, which records end dates
    for abolished councils), checked row by row against the ONS county/district structure and
    against ONS's published totals (21 counties, 296 lower-tier and unitary areas).
    Barnsley and Sheffield carry the codes ONS issued after their boundary change of
    1 April 2025 (E08000038 and E08000039; formerly E08000016 and E08000019). Names are ONS
    names in natural order ("Bristol", not "Bristol, City of"); regions are the nine ONS
    regions (E12).

kpis.csv
    The shared KPI library: the arts-access KPI from Kent's mental health and wellbeing
    contract (NEF report, section 5), the outputs the Gloucestershire projects reported
    (participants, sessions, retention, referrals) and outcome KPIs tied to the validated
    wellbeing scales Kent and Gloucestershire used (WEMWBS and SWEMWBS).

Loading upserts by slug (terms) or code (areas): a row that is missing is created, a row that
differs is updated, and nothing else is touched, so loading twice changes nothing.
"""

from __future__ import annotations

import csv
from pathlib import Path

from django.apps import apps as global_apps

DATA_DIR = Path(__file__).resolve().parent

TERMS = {
    "outcome_areas": ("OutcomeArea", "outcome_areas.csv"),
    "art_forms": ("ArtForm", "art_forms.csv"),
    "beneficiary_groups": ("BeneficiaryGroup", "beneficiary_groups.csv"),
}
AREAS_FILE = "areas.csv"


def read_rows(filename: str) -> list[dict[str, str]]:
    """The rows of one of the vocabulary's CSV files, as dicts keyed by the header row."""
    with (DATA_DIR / filename).open(encoding="utf-8", newline="") as file:
        return [{key: value.strip() for key, value in row.items()} for row in csv.DictReader(file)]


def load_vocabulary(apps=None) -> dict[str, int]:
    """Create or update every term and area; return how many rows each vocabulary changed.

    Pass the migration's ``apps`` to use historical models; without it the current models are
    used.
    """
    apps = global_apps if apps is None else apps
    counts = {}
    for key, (model_name, filename) in TERMS.items():
        rows = [
            {
                "slug": row["slug"],
                "name": row["name"],
                "description": row["description"],
                "position": position,
            }
            for position, row in enumerate(read_rows(filename), start=1)
        ]
        counts[key] = _upsert(apps.get_model("commissioning", model_name), "slug", rows)
    counts["areas"] = _load_areas(apps.get_model("commissioning", "Area"))
    return counts


def _load_areas(area_model) -> int:
    """Upsert areas in two passes: those without a parent first, then the districts in them."""
    rows = read_rows(AREAS_FILE)
    fields = ("code", "name", "kind", "region")
    top = [
        {field: row[field] for field in fields} | {"parent_id": None}
        for row in rows
        if not row["parent_code"]
    ]
    changed = _upsert(area_model, "code", top)

    districts = [row for row in rows if row["parent_code"]]
    counties = area_model.objects.filter(code__in={row["parent_code"] for row in districts})
    parent_ids = dict(counties.values_list("code", "id"))
    children = [
        {field: row[field] for field in fields} | {"parent_id": parent_ids[row["parent_code"]]}
        for row in districts
    ]
    return changed + _upsert(area_model, "code", children)


def _upsert(model, key: str, rows: list[dict]) -> int:
    """Create missing rows and update differing ones in bulk; return how many were written."""
    existing = model.objects.in_bulk([row[key] for row in rows], field_name=key)
    created, updated = [], []
    for row in rows:
        instance = existing.get(row[key])
        if instance is None:
            created.append(model(**row))
        elif any(getattr(instance, field) != value for field, value in row.items()):
            for field, value in row.items():
                setattr(instance, field, value)
            updated.append(instance)
    model.objects.bulk_create(created)
    if updated:
        model.objects.bulk_update(updated, [field for field in rows[0] if field != key])
    return len(created) + len(updated)


def load_kpis(apps=None) -> int:
    """Create or update the shared KPI library (organisation-less KPIs)."""
    apps = global_apps if apps is None else apps
    rows = [
        {
            "slug": row["slug"],
            "name": row["name"],
            "definition": row["definition"],
            "unit": row["unit"],
            "direction": row["direction"],
            "evidence": row["evidence"],
            "instrument": row["instrument"],
            "position": position,
            "organisation_id": None,
        }
        for position, row in enumerate(read_rows("kpis.csv"), start=1)
    ]
    return _upsert(apps.get_model("commissioning", "Kpi"), "slug", rows)
