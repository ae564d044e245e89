"""Property-based API tests: schemathesis generates requests for every operation in the
drf-spectacular schema and sends each, in-process through Django's WSGI handler, as every role.
No response may be a server error or disagree with the schema (status codes and bodies as
documented, the documented content type).

Reproducible: hypothesis runs derandomised with no example database, so CI and a laptop send
the same requests. SCHEMATHESIS_EXAMPLES raises the examples per operation for a deeper run.
"""

from __future__ import annotations

import os

import pytest
import schemathesis
from django.core import signals
from django.core.handlers.wsgi import WSGIHandler
from django.db import close_old_connections
from drf_spectacular.generators import SchemaGenerator
from hypothesis import HealthCheck, settings
from rest_framework.authtoken.models import Token
from schemathesis.checks import not_a_server_error
from schemathesis.config import SchemathesisConfig
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
    status_code_conformance,
)

EXAMPLES = int(os.environ.get("SCHEMATHESIS_EXAMPLES", "3"))
ROLES = ("anonymous", "provider", "commissioner", "panel_member", "staff")
CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_schema_conformance,
]

# The coverage phase (every boundary and negative value of every parameter) would take tens of
# minutes here; the examples and fuzzing phases stay within the test run's budget.
CONFIG = SchemathesisConfig.from_dict({"phases": {"coverage": {"enabled": False}}})
schema = schemathesis.openapi.from_dict(
    SchemaGenerator().get_schema(request=None, public=True), config=CONFIG
)
app = WSGIHandler()


@pytest.fixture(scope="module")
def tokens(world, django_db_blocker) -> dict[str, str]:
    """An API token per signed-in role (tokens need no CSRF, so writes are exercised too)."""
    with django_db_blocker.unblock():
        return {
            role: Token.objects.get_or_create(user=world.users[role])[0].key
            for role in ROLES
            if world.users[role] is not None
        }


@pytest.fixture(scope="module", autouse=True)
def _keep_the_connection():
    """The WSGI handler closes the database connection after each request; Django's test
    client stops it doing so, and so must we, or the world's transaction is lost."""
    signals.request_started.disconnect(close_old_connections)
    signals.request_finished.disconnect(close_old_connections)
    yield
    signals.request_started.connect(close_old_connections)
    signals.request_finished.connect(close_old_connections)


@pytest.mark.django_db
@schema.parametrize()
@settings(
    max_examples=EXAMPLES,
    derandomize=True,
    database=None,
    deadline=None,
    suppress_health_check=list(HealthCheck),
)
def test_api_operation_as_every_role(case, tokens):
    for role in ROLES:
        headers = {"Authorization": f"Token {tokens[role]}"} if role in tokens else {}
        response = case.call(app=app, headers=headers)
        case.validate_response(response, checks=CHECKS, headers=headers)
