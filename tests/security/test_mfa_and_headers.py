"""MFA where the platform requires it, and the protective headers on every kind of response.

The rule (accounts/selectors.py `user_requires_mfa`, enforced by RequireMFAMiddleware):
platform admins and members of commissioner organisations must use an authenticator app;
until they set one up, every page sends them to set it up and every API call is refused.
"""

from __future__ import annotations

import re

import pytest
from allauth.mfa.models import Authenticator
from django.test import Client
from django.urls import get_resolver, reverse

from accounts.middleware import _MFA_EXEMPT_PREFIXES
from tests.factories import PASSWORD
from tests.security.matrix import all_entries
from tests.security.test_permission_matrix import _walk

pytestmark = pytest.mark.django_db

MFA_SETUP = "/accounts/2fa/totp/activate/"


def pages_without_arguments() -> list[str]:
    """Every URL with no argument, outside the admin and allauth (which has its own tests)."""
    return sorted(
        "/" + route
        for name, route, _ in _walk(get_resolver().url_patterns)
        if "<" not in route
        and "(?P" not in route
        and "^" not in route
        and not name.startswith("admin:")
        and not route.startswith(("accounts/", "api/schema", "api/docs"))
    )


PAGES = pages_without_arguments()
OWN_OBJECT_PAGES = [e for e in all_entries() if e.allowed == "commissioner" and e.method == "get"]


def _without_mfa(user) -> Client:
    Authenticator.objects.filter(user=user).delete()
    client = Client()
    client.force_login(user)
    return client


def test_mfa_is_required_of_commissioners_and_platform_admins_only(world):
    from accounts import selectors  # noqa: PLC0415

    def requires(role: str) -> bool:
        user = world.users[role]
        return selectors.user_requires_mfa(
            user=user, memberships=selectors.membership_list_for_user(user=user)
        )

    assert {role: requires(role) for role in ("commissioner", "staff", "provider")} == {
        "commissioner": True,
        "staff": True,
        "provider": False,
    }


@pytest.mark.parametrize("role", ["commissioner", "staff"])
def test_without_mfa_every_page_sends_to_set_it_up_and_every_api_call_is_refused(world, role):
    client = _without_mfa(world.users[role])
    urls = [p for p in PAGES if not p.startswith(_MFA_EXEMPT_PREFIXES)] + [
        reverse(e.name, kwargs=e.kwargs(world)) for e in OWN_OBJECT_PAGES
    ]
    let_through = []
    for url in urls:
        response = client.get(url)
        if url.startswith("/api/"):
            refused = (
                response.status_code == 403
                and response.json()["errors"][0]["code"] == "mfa_required"
            )
        else:
            refused = response.status_code == 302 and response["Location"] == MFA_SETUP
        if not refused:
            let_through.append(f"{url}: {response.status_code}")

    assert let_through == []
    assert len(urls) > 100


def test_without_mfa_the_statements_and_mfa_setup_stay_reachable(world):
    client = _without_mfa(world.users["commissioner"])

    statuses = [client.get(url).status_code for url in ("/accessibility/", "/privacy/")]
    setup = client.get(MFA_SETUP)

    assert statuses == [200, 200]
    # allauth asks for the password again before adding an authenticator: no loop back.
    assert setup["Location"].startswith("/accounts/reauthenticate/")


def test_a_provider_without_mfa_is_not_asked_for_it(world, clients):
    assert not Authenticator.objects.filter(user=world.users["provider"]).exists()

    response = clients["provider"].get(reverse("home"))

    assert response.status_code == 200
    assert "two-factor" not in response.content.decode().lower()


def test_sign_in_with_mfa_asks_for_the_code_before_signing_in(world):
    user = world.users["commissioner"]
    user.set_password(PASSWORD)
    user.save()
    client = Client()

    response = client.post(reverse("account_login"), {"login": user.email, "password": PASSWORD})

    assert response["Location"] == reverse("mfa_authenticate")
    assert "_auth_user_id" not in client.session


# Headers ----------------------------------------------------------------------------------------


def _check_headers(url: str, response) -> list[str]:
    problems = []
    csp = response.get("Content-Security-Policy", "")
    if "'unsafe-inline'" in csp or "'unsafe-eval'" in csp or "frame-ancestors 'none'" not in csp:
        problems.append(f"{url}: CSP {csp!r}")
    if response.get("X-Content-Type-Options") != "nosniff":
        problems.append(f"{url}: no nosniff")
    if response.get("X-Frame-Options") != "DENY":
        problems.append(f"{url}: X-Frame-Options {response.get('X-Frame-Options')!r}")
    if response.get("Referrer-Policy") != "same-origin":
        problems.append(f"{url}: Referrer-Policy {response.get('Referrer-Policy')!r}")
    if "text/html" in response.get("Content-Type", "") and not response.streaming:
        html = response.content.decode()
        inline = [s for s in re.findall(r"<script([^>]*)>", html) if "src=" not in s]
        if inline or "<style" in html or re.search(r'\sstyle="', html) or " on" in _handlers(html):
            problems.append(f"{url}: inline script, style or event handler")
    return problems


def _handlers(html: str) -> str:
    """Inline event handlers (onclick= and the like), which a strict CSP blocks."""
    return " ".join(f" {m}" for m in re.findall(r"<[^>]+\s(on[a-z]+)=", html))


@pytest.mark.parametrize("role", ["anonymous", "provider", "commissioner", "staff"])
def test_every_page_type_sends_a_strict_csp_and_the_protective_headers(world, clients, role):
    """Pages, forms, error pages (404, 403), API responses, CSV exports and file downloads."""
    client = clients[role]
    urls = PAGES + [
        reverse(e.name, kwargs=e.kwargs(world))
        for e in all_entries()
        if e.method == "get" and e.allowed in (role, None)
    ]
    problems = []
    for url in urls:
        problems += _check_headers(url, client.get(url))

    assert problems == []
