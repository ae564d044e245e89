"""The registry of list pages and list APIs whose query count is measured at 1 and 500 rows.

Each entry is a function decorated with `@page(<url name>, who=...)`, in the module for its app
(tests/query_counts/<app>.py). It builds what the page needs, then returns a `View`: who asks,
the URL, and `grow(n)`, which adds n more rows of what the page lists (bulk_create where the
model allows, so 500 rows are quick). The test calls grow(1), measures, grow(499), measures.

A URL counts as a list when its name ends in `list`, its DRF view lists (ListModelMixin), or its
view's source pages rows (`paginate(`, `paginate_queryset(`) or serialises many (`many=True`).
Nested lists the rule cannot see (a panel's moderation, a shortlist's entries) are in the
registry because someone read the app's urls.py and views. `NOT_LISTS` names the few URLs the rule
catches that are not lists, with the reason.
"""

from __future__ import annotations

import importlib
import inspect
import re
from collections.abc import Callable
from dataclasses import dataclass, field

from django.urls import URLPattern, URLResolver, get_resolver

# One module per app holds that app's entries.
MODULES = (
    "accounts",
    "commissioning",
    "providers",
    "tenders",
    "engagement",
    "evaluation",
    "monitoring",
    "reports",
)

# Third-party URL trees: not the platform's own pages.
FOREIGN_PREFIXES = ("admin:", "account_", "mfa_", "usersessions_", "socialaccount_")

# Names the list rule catches that do not list rows of anything.
NOT_LISTS: dict[str, str] = {
    "providers:profile_list": "a POST that lists the provider's profile in the directory",
    "api_opportunity_sections": "the fixed sections of a specification, one per section key",
    "api_instruments": "the validated instruments defined in code (monitoring/instruments)",
}

# List URLs whose entries are still being written; each one here is a gap, reported by
# bench/query_counts.py as unmeasured. The set only shrinks.
NOT_YET_MEASURED: set[str] = set()


@dataclass
class View:
    user: object | None  # None: an anonymous visitor
    url: str
    grow: Callable[[int], None]
    shows: str | None = None  # text the response holds when it lists its one row
    headers: dict[str, str] = field(default_factory=dict)
    # False only where rows already there (reference data) fill the first page either way.
    grows_page: bool = True


@dataclass(frozen=True)
class Page:
    name: str
    who: str
    build: Callable[[], View]
    module: str


PAGES: dict[str, Page] = {}


def page(name: str, *, who: str) -> Callable[[Callable[[], View]], Callable[[], View]]:
    def register(build: Callable[[], View]) -> Callable[[], View]:
        if name in PAGES:
            raise ValueError(f"{name} is registered twice")
        PAGES[name] = Page(name=name, who=who, build=build, module=build.__module__)
        return build

    return register


def load() -> dict[str, Page]:
    for module in MODULES:
        importlib.import_module(f"tests.query_counts.{module}")
    return PAGES


def _walk(patterns, namespace: str | None = None):
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            inner = pattern.namespace or namespace
            yield from _walk(pattern.url_patterns, inner)
        elif isinstance(pattern, URLPattern) and pattern.name:
            name = f"{namespace}:{pattern.name}" if namespace else pattern.name
            yield name, pattern


# What a view's source says when it pages or serialises many rows.
_LISTING_SOURCE = re.compile(r"\bpaginate(_queryset)?\(|many=True")


def _source(function) -> str:
    function = inspect.unwrap(function)
    try:
        return inspect.getsource(function)
    except (OSError, TypeError):
        return ""


def _lists(pattern: URLPattern, name: str) -> bool:
    from rest_framework.mixins import ListModelMixin  # noqa: PLC0415

    if re.search(r"(^|[_:])list$", name):
        return True
    view_class = getattr(pattern.callback, "view_class", None) or getattr(
        pattern.callback, "cls", None
    )
    if isinstance(view_class, type):
        if issubclass(view_class, ListModelMixin):
            return True
        get = getattr(view_class, "get", None)
        return get is not None and bool(_LISTING_SOURCE.search(_source(get)))
    return bool(_LISTING_SOURCE.search(_source(pattern.callback)))


def all_url_names() -> list[str]:
    return sorted({name for name, _ in _walk(get_resolver().url_patterns)})


def list_url_names() -> list[str]:
    """Every platform URL name the list rule catches."""
    found = []
    for name, pattern in _walk(get_resolver().url_patterns):
        if name.startswith(FOREIGN_PREFIXES) or name in NOT_LISTS:
            continue
        if _lists(pattern, name):
            found.append(name)
    return sorted(set(found))


def app_module_for(name: str) -> str:
    """Where a URL's entry belongs: the app that owns its view."""
    for url_name, pattern in _walk(get_resolver().url_patterns):
        if url_name == name:
            callback = getattr(pattern.callback, "view_class", pattern.callback)
            return f"tests/query_counts/{callback.__module__.split('.')[0]}.py"
    return "tests/query_counts/<app>.py"
