"""The security suite's world: built once per test module inside a transaction that is rolled
back at the end, so each test (in its own savepoint) starts from the same objects."""

from __future__ import annotations

import pytest
from django.db import transaction
from django.test import Client, override_settings

from tests.security.world import World, build_world


@pytest.fixture(scope="module")
def world(django_db_setup, django_db_blocker, tmp_path_factory) -> World:
    with (
        django_db_blocker.unblock(),
        override_settings(MEDIA_ROOT=tmp_path_factory.mktemp("media")),
    ):
        atomic = transaction.atomic()
        atomic.__enter__()
        try:
            yield build_world()
        finally:
            transaction.set_rollback(True)
            atomic.__exit__(None, None, None)


@pytest.fixture(scope="module")
def clients(world, django_db_blocker) -> dict[str, Client]:
    """A signed-in test client per role (anonymous: signed out), made once per module."""
    made = {}
    with django_db_blocker.unblock():
        for role, user in world.users.items():
            client = Client()
            if user is not None:
                client.force_login(user)
            made[role] = client
    return made
