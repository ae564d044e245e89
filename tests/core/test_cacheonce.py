"""core.cacheonce: a new expensive value is computed once, however many ask for it at once."""

from __future__ import annotations

import threading
import time
import uuid

import pytest
from django.core.cache import cache

from core.cacheonce import cached_once


def _key() -> str:
    return f"test:cacheonce:{uuid.uuid4().hex}"


def test_the_value_is_kept_and_reused():
    key, calls = _key(), []

    def compute():
        calls.append(1)
        return {"count": 42}

    assert cached_once(key, compute, 60) == {"count": 42}
    assert cached_once(key, compute, 60) == {"count": 42}
    assert len(calls) == 1
    assert cache.get(key) == {"count": 42}


def test_people_asking_at_the_same_moment_wait_for_one_computation():
    key, calls, answers = _key(), [], []
    lock = threading.Lock()

    def compute():
        with lock:
            calls.append(1)
        time.sleep(0.3)
        return "counted"

    def ask():
        answers.append(cached_once(key, compute, 60))

    threads = [threading.Thread(target=ask) for _ in range(6)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert answers == ["counted"] * 6
    assert len(calls) == 1


def test_when_the_one_computing_fails_the_others_compute_themselves():
    key = _key()
    started, results, errors = threading.Event(), [], []

    def failing():
        started.set()
        time.sleep(0.2)
        raise RuntimeError("the database went away")

    def first():
        try:
            cached_once(key, failing, 60)
        except RuntimeError as exc:
            errors.append(str(exc))

    thread = threading.Thread(target=first)
    thread.start()
    started.wait(5)
    results.append(cached_once(key, lambda: "recounted", 60))
    thread.join()

    assert errors == ["the database went away"]
    assert results == ["recounted"]
    assert cache.get(f"{key}:computing") is None


def test_a_claim_nobody_finishes_holds_others_up_only_for_the_wait():
    key = _key()
    cache.add(f"{key}:computing", 1, 30)  # as a process killed while computing leaves it

    began = time.monotonic()
    value = cached_once(key, lambda: "counted anyway", 60, wait=0.3)

    assert value == "counted anyway"
    assert 0.3 <= time.monotonic() - began < 5


@pytest.fixture(autouse=True)
def _empty_cache():
    yield
    cache.clear()
