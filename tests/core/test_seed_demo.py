from __future__ import annotations

import pytest
from django.core.management import call_command

from accounts.constants import OrganisationKind
from accounts.demo import ARTS_ORGANISATIONS, DEMO_PASSWORD
from accounts.models import Organisation, User
from commissioning.models import Programme
from core.management.commands.seed_demo import demo_accounts
from evaluation.demo import NEW_ACCOUNTS as PANEL_DEMO_ACCOUNTS

pytestmark = pytest.mark.django_db


def _counts() -> tuple[int, int, int]:
    return Organisation.objects.count(), User.objects.count(), Programme.objects.count()


def test_seed_demo_loads_the_pilots_and_is_idempotent(settings):
    settings.DEBUG = True

    call_command("seed_demo")
    first = _counts()
    call_command("seed_demo")

    assert _counts() == first
    assert first == (
        4 + len(ARTS_ORGANISATIONS),
        len(demo_accounts()) + PANEL_DEMO_ACCOUNTS,
        2,
    )
    assert len(ARTS_ORGANISATIONS) >= 40
    assert set(
        Organisation.objects.filter(kind=OrganisationKind.COMMISSIONER).values_list(
            "name", flat=True
        )
    ) == {"Kent County Council", "NHS Gloucestershire Integrated Care Board"}
    gloucestershire = Programme.objects.get(name="Arts and health innovation grants 2026")
    assert gloucestershire.budget == 150000
    assert [a.code for a in gloucestershire.areas.all()] == ["E10000013"]
    assert gloucestershire.outcome_areas.count() == 3


def test_seed_demo_passwords_only_work_in_debug(settings):
    settings.DEBUG = False

    call_command("seed_demo")

    assert not User.objects.get(email="provider@example.org").check_password(DEMO_PASSWORD)


def test_seed_demo_debug_passwords_sign_in(settings):
    settings.DEBUG = True

    call_command("seed_demo")

    assert User.objects.get(email="provider@example.org").check_password(DEMO_PASSWORD)


def test_seed_demo_if_empty_skips_a_loaded_database(settings, capsys):
    settings.DEBUG = True
    call_command("seed_demo")
    Organisation.objects.filter(name="Medway Maker Theatre").update(name="Renamed by a user")

    call_command("seed_demo", "--if-empty")

    assert Organisation.objects.filter(name="Renamed by a user").exists()
    assert "Demo data already loaded." in capsys.readouterr().out
