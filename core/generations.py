"""Generation numbers: a cached number per kind of data that changes whenever that data does,
so whatever is cached under a key that includes it (search summaries, the vocabulary snapshot,
shared page renderings) is never read after a change, and needs no deleting."""

from __future__ import annotations

import time

from django.core.cache import cache
from django.db import transaction


def generation(key: str) -> int:
    """The current generation under `key` (made up, and kept for good, the first time)."""
    current = cache.get(key)
    if current is None:
        cache.add(key, time.time_ns(), None)
        current = cache.get(key)
    return current


def generation_bump(key: str) -> None:
    """Start a new generation: at once (so the changing transaction sees its own change) and
    again after commit (so anything another request cached in between, from the data before
    the commit, is not kept)."""

    def bump() -> None:
        cache.set(key, time.time_ns(), None)

    bump()
    transaction.on_commit(bump)
