"""An expensive cached value computed once when many ask for it at the same moment.

When a value's key is new (the first search after a profile changed the directory's
generation, say, or after a deploy), every request asking for it would otherwise compute it
at once, each as slowly as the others slow it down. Here the first request claims the work and
the others wait for its result, up to a bound; if the one computing fails or takes longer than
that, each waiting request computes the value itself, as before.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import Any, TypeVar

from django.core.cache import cache

T = TypeVar("T")

WAIT_SECONDS = 10.0
POLL_SECONDS = 0.02


def cached_once(
    key: str, compute: Callable[[], T], seconds: int, *, wait: float = WAIT_SECONDS
) -> T:
    """The value cached under `key`, or `compute()`'s, kept for `seconds`. `compute` must not
    return None (None means "not cached")."""
    value = cache.get(key)
    if value is not None:
        return value
    claim = f"{key}:computing"
    # The claim expires by itself, so a process that dies while computing blocks nobody long.
    claimed = cache.add(claim, 1, int(wait) + 1)
    if not claimed:
        value = _computed_by_another(key, claim, wait)
        if value is not None:
            return value
    try:
        value = compute()
        cache.set(key, value, seconds)
    finally:
        if claimed:
            cache.delete(claim)
    return value


def _computed_by_another(key: str, claim: str, wait: float) -> Any:
    """The value the claim's holder stores, or None once it gives up or `wait` runs out."""
    deadline = time.monotonic() + wait
    while time.monotonic() < deadline:
        time.sleep(POLL_SECONDS)
        value = cache.get(key)
        if value is not None or cache.get(claim) is None:
            return value
    return None
