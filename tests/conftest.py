"""Fixtures shared by every test."""

from __future__ import annotations

import os

import pytest
from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret

from tests.factories import MembershipFactory, OrganisationFactory, UserFactory

# Playwright's sync API runs an event loop in the test thread; the ORM calls tests make around
# it are still synchronous and safe.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


@pytest.fixture(autouse=True)
def _media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


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
