"""Whole public pages shared by every anonymous visitor, for a short while.

A public page that looks the same to everyone not signed in (the directory's search results,
say) is rendered once per URL and state of its data, and the HTML is reused for the next
visitors. Only what the view returns is kept — status 200, the body and its content type — so
every middleware still adds its headers (security, CSP, cookies) to each response as usual.

Never shared: anything for a signed-in person, or for a visitor with a session or a pending
message (either could change what the page shows), an htmx request, a request other than GET,
and a response that sets a cookie or holds a CSRF token. The caller's key names the state of the data (generation
numbers that change whenever it does); the time limit only bounds how long a page rendered by
an earlier release of the code may be served after a deploy.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable

from django.conf import settings
from django.core.cache import cache
from django.http import HttpRequest, HttpResponse

SHARED_PAGE_SECONDS = 60
_PRIVATE_COOKIES = (settings.SESSION_COOKIE_NAME, "messages")


def _shareable(request: HttpRequest) -> bool:
    return (
        request.method == "GET"
        and not request.user.is_authenticated
        and not any(name in request.COOKIES for name in _PRIVATE_COOKIES)
        and not request.headers.get("HX-Request")
    )


def _key(request: HttpRequest, state: tuple) -> str:
    # The host too: an API answer's next and previous links are absolute.
    parts = (
        state,
        request.get_host(),
        request.get_full_path(),
        getattr(request, "LANGUAGE_CODE", ""),
    )
    return "core:shared-page:" + hashlib.sha256(repr(parts).encode()).hexdigest()


def shared_json(
    request: HttpRequest,
    *,
    state: tuple,
    render: Callable[[], bytes],
    seconds: int = SHARED_PAGE_SECONDS,
) -> HttpResponse:
    """A public API answer that is the same for every caller (signed in or not): `render()`'s
    JSON, or the JSON it gave an earlier caller for the same URL while `state` holds."""
    key = _key(request, ("json", *state))
    content = cache.get(key)
    if content is None:
        content = render()
        cache.set(key, content, seconds)
    return HttpResponse(content, content_type="application/json")


def shared_anonymous_page(
    request: HttpRequest,
    *,
    state: tuple,
    render: Callable[[], HttpResponse],
    seconds: int = SHARED_PAGE_SECONDS,
) -> HttpResponse:
    """`render()`'s response, or the one it gave an earlier anonymous visitor for the same URL
    while `state` (what the page is made from) has not changed."""
    if not _shareable(request):
        return render()
    key = _key(request, state)
    kept = cache.get(key)
    if kept is not None:
        content, content_type = kept
        return HttpResponse(content, content_type=content_type)
    response = render()
    personal = response.cookies or request.META.get("CSRF_COOKIE_NEEDS_UPDATE")
    if response.status_code == 200 and not response.streaming and not personal:
        cache.set(key, (response.content, response["Content-Type"]), seconds)
    return response
