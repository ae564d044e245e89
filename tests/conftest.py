"""Fixtures shared by every test."""

from __future__ import annotations

import os
import time

import pytest
from allauth.mfa.totp.internal.auth import (
    TOTP,
    format_hotp_value,
    generate_totp_secret,
    hotp_value,
)

from tests.factories import MembershipFactory, OrganisationFactory, UserFactory

# Playwright's sync API runs an event loop in the test thread; the ORM calls tests make around
# it are still synchronous and safe.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


def _restore_reference_data() -> None:
    """Put back what migrations load (content types, permissions, the vocabulary, the KPI and
    clause libraries) when a transactional test's flush removed it.

    serialized_rollback should do this, but not once Playwright has started: its sync API leaves
    an event loop running in the test thread, so Django's thread-critical connection storage
    hands back a new connection object without `_test_serialized_contents` and the restore is
    silently skipped. Each step is idempotent.
    """
    from django.contrib.contenttypes.models import ContentType  # noqa: PLC0415
    from django.core.management.sql import emit_post_migrate_signal  # noqa: PLC0415
    from django.db import DEFAULT_DB_ALIAS  # noqa: PLC0415

    from commissioning.models import Kpi, OutcomeArea  # noqa: PLC0415
    from commissioning.vocabulary.loader import load_kpis, load_vocabulary  # noqa: PLC0415
    from tenders.clauses import CLAUSES  # noqa: PLC0415
    from tenders.models import Clause  # noqa: PLC0415

    if OutcomeArea.objects.exists() and Clause.objects.exists() and Kpi.objects.exists():
        return
    ContentType.objects.clear_cache()
    emit_post_migrate_signal(verbosity=0, interactive=False, db=DEFAULT_DB_ALIAS)
    load_vocabulary()
    load_kpis()
    for data in CLAUSES:
        Clause.objects.update_or_create(slug=data["slug"], defaults=data)


@pytest.fixture(autouse=True)
def _reference_data(request):
    """Every transactional test (browser tests, races against the deadline) starts with the
    reference data a migrated database has."""
    marker = request.node.get_closest_marker("django_db")
    transactional = (marker is not None and marker.kwargs.get("transaction")) or (
        "transactional_db" in request.fixturenames or "live_server" in request.fixturenames
    )
    if transactional:
        request.getfixturevalue("transactional_db")
        _restore_reference_data()


@pytest.fixture(autouse=True)
def _media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


def totp_code(secret: str) -> str:
    """The authenticator code for now, as an app would show it. Near the end of a 30-second
    window it waits for the next one, so the code is still valid when the server checks it."""
    if time.time() % 30 > 25:
        time.sleep(30 - time.time() % 30 + 0.1)
    return format_hotp_value(hotp_value(secret, int(time.time()) // 30))


def with_totp(user) -> str:
    """Give the user a TOTP authenticator; return its secret so a test can compute codes."""
    secret = generate_totp_secret()
    TOTP.activate(user, secret)
    return secret


@pytest.fixture
def user(db):
    return UserFactory()


@pytest.fixture
def provider_admin(db):
    """An admin of an arts organisation."""
    return MembershipFactory(admin=True).user


@pytest.fixture
def commissioner(db):
    """A member of a county council with MFA set up."""
    membership = MembershipFactory(admin=True, organisation=OrganisationFactory(commissioner=True))
    with_totp(membership.user)
    return membership.user


@pytest.fixture
def platform_admin(db):
    admin = UserFactory(platform_admin=True)
    with_totp(admin)
    return admin


@pytest.fixture(autouse=True)
def _fresh_cache():
    """Rate limits and other cached state never leak from one test into the next."""
    from django.core.cache import cache  # noqa: PLC0415

    cache.clear()
    yield
    cache.clear()
