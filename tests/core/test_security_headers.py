from __future__ import annotations

import re

import pytest
from django.urls import reverse

from tests.factories import PASSWORD

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("url_name", ["home", "account_login", "account_signup", "accessibility"])
def test_pages_have_a_strict_csp_and_no_inline_script_or_style(client, url_name):
    response = client.get(reverse(url_name))

    csp = response["Content-Security-Policy"]
    assert "script-src 'self'" in csp
    assert "'unsafe-inline'" not in csp
    html = response.content.decode()
    inline_scripts = [s for s in re.findall(r"<script([^>]*)>", html) if "src=" not in s]
    assert inline_scripts == []
    assert re.findall(r"<style", html) == []
    assert re.findall(r'\sstyle="', html) == []
    assert response["X-Frame-Options"] == "DENY"


def test_sign_in_is_rate_limited_after_failures(client, user):
    url = reverse("account_login")
    for _ in range(5):
        client.post(url, {"login": user.email, "password": "wrong-password-123"})

    response = client.post(url, {"login": user.email, "password": PASSWORD})

    assert response.context["form"].non_field_errors() == [
        "Too many failed login attempts. Try again later."
    ]
    assert "_auth_user_id" not in client.session


def test_signup_refuses_a_short_or_common_password(client):
    response = client.post(
        reverse("account_signup"),
        {"email": "new@example.org", "password1": "password1234", "password2": "password1234"},
    )

    errors = response.context["form"].errors["password1"]
    assert "This password is too common." in errors
    short = client.post(
        reverse("account_signup"),
        {"email": "new@example.org", "password1": "Xy7#short", "password2": "Xy7#short"},
    )
    assert short.context["form"].errors["password1"] == [
        "This password is too short. It must contain at least 12 characters."
    ]
