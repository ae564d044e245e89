"""The shared vocabulary loaded by migration 0002: outcome areas, art forms, groups and areas."""

from __future__ import annotations

import pytest

from commissioning.models import Area, AreaKind, ArtForm, BeneficiaryGroup, OutcomeArea
from commissioning.vocabulary.loader import load_vocabulary

pytestmark = pytest.mark.django_db

KIND_PREFIXES = {
    AreaKind.COUNTY: "E10",
    AreaKind.DISTRICT: "E07",
    AreaKind.UNITARY: "E06",
    AreaKind.METROPOLITAN: "E08",
    AreaKind.LONDON_BOROUGH: "E09",
}

REGIONS = {
    "North East",
    "North West",
    "Yorkshire and The Humber",
    "East Midlands",
    "West Midlands",
    "East of England",
    "London",
    "South East",
    "South West",
}


def _snapshot():
    """Every vocabulary row's values, to compare before and after a reload."""
    terms = {
        model.__name__: list(model.objects.order_by("pk").values())
        for model in (OutcomeArea, ArtForm, BeneficiaryGroup)
    }
    return terms, list(Area.objects.order_by("pk").values())


def test_outcome_areas_match_table_2_of_the_nef_report_in_order():
    assert list(OutcomeArea.objects.values_list("name", flat=True)) == [
        "Education and learning",
        "Mental health",
        "Physical health",
        "Wellbeing",
        "Crime and public safety",
        "Employment and training",
        "Inclusion, participation and community cohesion",
        "Regeneration",
        "Conservation and environment",
        "Substance misuse",
        "Housing",
    ]
    assert list(OutcomeArea.objects.values_list("position", flat=True)) == list(range(1, 12))


@pytest.mark.parametrize("model", [OutcomeArea, ArtForm, BeneficiaryGroup])
def test_terms_loaded_have_a_description(model):
    assert model.objects.count() >= 10
    assert not model.objects.filter(description="").exists()


def test_art_forms_include_arts_council_england_categories():
    names = set(ArtForm.objects.values_list("name", flat=True))
    assert {
        "Combined arts",
        "Dance",
        "Literature",
        "Museums",
        "Libraries",
        "Music",
        "Theatre",
        "Visual arts",
    } <= names


def test_beneficiary_groups_include_those_named_in_the_pilots():
    slugs = set(BeneficiaryGroup.objects.values_list("slug", flat=True))
    assert {
        "older-people",
        "people-living-with-dementia",
        "children-and-young-people",
        "carers",
        "people-with-long-term-conditions",
        "people-with-mental-health-needs",
        "people-who-are-socially-isolated-or-lonely",
        "people-in-the-criminal-justice-system",
        "people-in-care-homes",
    } <= slugs


def test_areas_counts_match_england_since_april_2023():
    counts = {kind: Area.objects.filter(kind=kind).count() for kind in AreaKind}
    assert counts == {
        AreaKind.COUNTY: 21,
        AreaKind.DISTRICT: 164,
        AreaKind.UNITARY: 63,
        AreaKind.METROPOLITAN: 36,
        AreaKind.LONDON_BOROUGH: 33,
    }


@pytest.mark.parametrize(("kind", "prefix"), KIND_PREFIXES.items())
def test_area_codes_match_their_kind_prefix(kind, prefix):
    codes = Area.objects.filter(kind=kind).values_list("code", flat=True)
    assert codes
    assert all(len(code) == 9 and code.startswith(prefix) for code in codes)


def test_area_districts_each_have_a_county_parent_in_the_same_region():
    districts = Area.objects.filter(kind=AreaKind.DISTRICT).select_related("parent")
    assert all(d.parent and d.parent.kind == AreaKind.COUNTY for d in districts)
    assert all(d.region == d.parent.region for d in districts)


def test_area_non_districts_have_no_parent():
    assert not Area.objects.exclude(kind=AreaKind.DISTRICT).filter(parent__isnull=False).exists()


def test_area_regions_are_the_nine_ons_regions():
    assert set(Area.objects.values_list("region", flat=True)) == REGIONS
    assert set(
        Area.objects.filter(kind=AreaKind.LONDON_BOROUGH).values_list("region", flat=True)
    ) == {"London"}


def test_kent_has_exactly_its_twelve_districts():
    kent = Area.objects.get(code="E10000016")
    assert kent.name == "Kent"
    assert kent.region == "South East"
    assert sorted(kent.children.values_list("name", flat=True)) == [
        "Ashford",
        "Canterbury",
        "Dartford",
        "Dover",
        "Folkestone and Hythe",
        "Gravesham",
        "Maidstone",
        "Sevenoaks",
        "Swale",
        "Thanet",
        "Tonbridge and Malling",
        "Tunbridge Wells",
    ]
    assert kent.children.get(name="Ashford").code == "E07000105"


def test_gloucestershire_has_exactly_its_six_districts():
    gloucestershire = Area.objects.get(code="E10000013")
    assert gloucestershire.name == "Gloucestershire"
    assert sorted(gloucestershire.children.values_list("name", flat=True)) == [
        "Cheltenham",
        "Cotswold",
        "Forest of Dean",
        "Gloucester",
        "Stroud",
        "Tewkesbury",
    ]


@pytest.mark.parametrize(
    ("code", "name"),
    [
        ("E06000063", "Cumberland"),
        ("E06000064", "Westmorland and Furness"),
        ("E06000065", "North Yorkshire"),
        ("E06000066", "Somerset"),
        ("E06000058", "Bournemouth, Christchurch and Poole"),
        ("E08000025", "Birmingham"),
        ("E08000037", "Gateshead"),
        ("E09000001", "City of London"),
    ],
)
def test_area_codes_name_the_right_authority(code, name):
    assert Area.objects.get(code=code).name == name


@pytest.mark.parametrize(
    "code",
    [
        "E07000026",  # Allerdale, into Cumberland in 2023
        "E07000027",  # Barrow-in-Furness, into Westmorland and Furness in 2023
        "E07000163",  # Craven, into North Yorkshire in 2023
        "E07000187",  # Mendip, into Somerset in 2023
        "E07000246",  # Somerset West and Taunton, into Somerset in 2023
        "E10000006",  # Cumbria County Council, abolished 2023
        "E10000023",  # North Yorkshire County Council, abolished 2023
        "E10000027",  # Somerset County Council, abolished 2023
        "E10000021",  # Northamptonshire County Council, abolished 2021
        "E10000002",  # Buckinghamshire County Council, abolished 2020
        "E06000028",  # Bournemouth, into Bournemouth, Christchurch and Poole in 2019
        "E08000020",  # Gateshead's code before 2013
    ],
)
def test_area_abolished_codes_are_absent(code):
    assert not Area.objects.filter(code=code).exists()


def test_load_vocabulary_when_already_loaded_changes_nothing():
    before = _snapshot()

    counts = load_vocabulary()

    assert counts == {"outcome_areas": 0, "art_forms": 0, "beneficiary_groups": 0, "areas": 0}
    assert _snapshot() == before


def test_load_vocabulary_when_a_row_was_edited_restores_it():
    OutcomeArea.objects.filter(slug="housing").update(name="Homes", position=99)
    Area.objects.filter(code="E07000105").update(name="Ashford (edited)", parent=None)

    counts = load_vocabulary()

    assert counts == {"outcome_areas": 1, "art_forms": 0, "beneficiary_groups": 0, "areas": 1}
    housing = OutcomeArea.objects.get(slug="housing")
    assert (housing.name, housing.position) == ("Housing", 11)
    ashford = Area.objects.get(code="E07000105")
    assert (ashford.name, ashford.parent.code) == ("Ashford", "E10000016")


def test_load_vocabulary_when_empty_creates_every_row():
    Area.objects.filter(kind=AreaKind.DISTRICT).delete()
    Area.objects.all().delete()
    OutcomeArea.objects.all().delete()

    counts = load_vocabulary()

    assert counts["outcome_areas"] == 11
    assert counts["areas"] == Area.objects.count() == 317
    assert counts["art_forms"] == counts["beneficiary_groups"] == 0
    assert Area.objects.get(code="E07000081").parent.code == "E10000013"
