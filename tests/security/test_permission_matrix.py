"""Every URL that takes an id or a token, requested as every role that must not see it."""

from __future__ import annotations

import pytest
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from tests.security.matrix import Entry, all_entries, all_public

# The Django admin checks is_staff on every view it serves (AdminSite.admin_view); one entry
# below proves it for an object page rather than listing each model's five URLs.
EXEMPT_NAMESPACES = ("admin",)
SIGN_IN = "/accounts/login/"


def _walk(patterns, namespace="", prefix=""):
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            inner = namespace
            if pattern.namespace:
                inner = f"{namespace}{pattern.namespace}:"
            yield from _walk(pattern.url_patterns, inner, prefix + str(pattern.pattern))
        elif isinstance(pattern, URLPattern):
            route = prefix + str(pattern.pattern)
            yield f"{namespace}{pattern.name or route}", route, pattern.lookup_str


def _takes_arguments(route: str) -> bool:
    return "<" in route or "(?P" in route


def url_patterns_with_arguments() -> dict[str, tuple[str, str]]:
    return {
        name: (route, view)
        for name, route, view in _walk(get_resolver().url_patterns)
        if _takes_arguments(route)
        and not name.startswith(tuple(f"{n}:" for n in EXEMPT_NAMESPACES))
    }


ENTRIES = all_entries()
PUBLIC = all_public()


def test_every_url_with_an_id_has_a_matrix_entry():
    declared = {e.name for e in ENTRIES} | {p.name for p in PUBLIC}
    missing = [
        f"{name} ({route}, view {view}): add an Entry (or a Public with a reason) to "
        f"tests/security/matrix/{view.split('.')[0]}.py"
        for name, (route, view) in sorted(url_patterns_with_arguments().items())
        if name not in declared
    ]
    assert missing == [], "URLs without a permission-matrix entry:\n" + "\n".join(missing)


def test_every_matrix_entry_names_a_real_url():
    known = set(url_patterns_with_arguments())
    stale = sorted(
        name for name in [e.name for e in ENTRIES] + [p.name for p in PUBLIC] if name not in known
    )
    assert stale == []


def test_no_url_is_both_public_and_protected():
    assert sorted({e.name for e in ENTRIES} & {p.name for p in PUBLIC}) == []


def _request(client, url: str, method: str):
    if method == "get":
        response = client.get(url)
        return client.post(url, {}) if response.status_code == 405 else response
    if method == "post":
        return client.post(url, {})
    return getattr(client, method)(url, "{}", content_type="application/json")


def _refused(entry: Entry, role: str, url: str, response) -> bool:
    if response.status_code in (401, 403, 404, *entry.refused_with):
        return True
    if role == "anonymous" and response.status_code == 302 and not url.startswith("/api/"):
        return response["Location"].startswith(SIGN_IN)
    return False


@pytest.mark.django_db
@pytest.mark.parametrize("entry", ENTRIES, ids=[f"{e.name}-{e.method}" for e in ENTRIES])
def test_outsiders_are_refused(entry: Entry, world, clients):
    url = reverse(entry.name, kwargs=entry.kwargs(world))
    let_in = []
    for role in entry.refused:
        response = _request(clients[role], url, entry.method)
        if not _refused(entry, role, url, response):
            let_in.append(f"{role}: {response.status_code}")

    assert let_in == [], f"{entry.name} {url} let in: {', '.join(let_in)}"
    if entry.allowed:
        response = _request(clients[entry.allowed], url, entry.method)
        assert response.status_code not in (403, 404), (
            f"{entry.name} {url}: {entry.allowed} (who may) got {response.status_code}, "
            "so the ids in the entry point at nothing"
        )


@pytest.mark.django_db
def test_admin_object_pages_refuse_everyone_but_staff(world, clients):
    url = reverse("admin:accounts_organisation_change", args=[world.organisation.pk])
    sent_to = {
        role: clients[role].get(url)["Location"].split("?")[0]
        for role in ("anonymous", "commissioner", "provider")
    }
    assert sent_to == dict.fromkeys(("anonymous", "commissioner", "provider"), "/admin/login/")
    assert world.organisation.name in clients["staff"].get(url).content.decode()
