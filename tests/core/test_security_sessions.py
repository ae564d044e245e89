"""Sessions, cookies and headers, as a security reviewer would check them."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest
from django.urls import reverse

from tests.core.test_deployment import PRODUCTION_ENV, ROOT
from tests.factories import PASSWORD

pytestmark = pytest.mark.django_db


def test_production_cookies_are_secure_http_only_and_same_site():
    env = {k: v for k, v in os.environ.items() if k != "DJANGO_ALLOW_ASYNC_UNSAFE"}
    env.update(PRODUCTION_ENV)
    script = (
        "import django, json; django.setup(); from django.conf import settings as s; "
        "print(json.dumps([s.SESSION_COOKIE_SECURE, s.SESSION_COOKIE_HTTPONLY, "
        "s.SESSION_COOKIE_SAMESITE, s.CSRF_COOKIE_SECURE, s.SECURE_SSL_REDIRECT, "
        "s.SECURE_HSTS_SECONDS >= 31536000]))"
    )

    result = subprocess.run(
        [sys.executable, "-c", script],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )

    assert json.loads(result.stdout) == [True, True, "Lax", True, True, True]


def test_sign_in_rotates_the_session_and_sets_an_http_only_cookie(client, user, settings):
    settings.SESSION_COOKIE_SECURE = True
    client.get(reverse("account_login"))
    client.cookies["sessionid"] = "attacker-chosen-session-key"

    response = client.post(reverse("account_login"), {"login": user.email, "password": PASSWORD})

    cookie = response.cookies["sessionid"]
    assert cookie.value != "attacker-chosen-session-key"
    assert (cookie["httponly"], cookie["secure"], cookie["samesite"]) == (True, True, "Lax")
    assert client.session["_auth_user_id"] == str(user.pk)


def test_sixth_failed_sign_in_within_five_minutes_is_blocked(client, user):
    url = reverse("account_login")
    answers = [
        client.post(url, {"login": user.email, "password": f"wrong-password-{n}"}) for n in range(6)
    ]

    messages = [r.context["form"].non_field_errors() for r in answers]
    assert (
        messages[:5] == [["The email address and/or password you specified are not correct."]] * 5
    )
    assert messages[5] == ["Too many failed login attempts. Try again later."]


def test_every_page_sends_the_protective_headers(client):
    response = client.get(reverse("home"))

    csp = response["Content-Security-Policy"]
    assert "frame-ancestors 'none'" in csp
    assert "'unsafe-inline'" not in csp
    assert (
        response["X-Content-Type-Options"],
        response["Referrer-Policy"],
        response["X-Frame-Options"],
    ) == ("nosniff", "same-origin", "DENY")
