"""Closed-loop load: N client threads, each with its own keep-alive connection, sending the
next request as soon as the last response has been read in full."""

from __future__ import annotations

import http.client
import itertools
import threading
import time
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field


def percentile(values: Sequence[float], q: float) -> float:
    """The q-th percentile (0 to 100), linearly interpolated between the closest ranks."""
    if not values:
        return float("nan")
    ordered = sorted(values)
    position = (len(ordered) - 1) * q / 100
    lower = int(position)
    upper = min(lower + 1, len(ordered) - 1)
    return ordered[lower] + (ordered[upper] - ordered[lower]) * (position - lower)


@dataclass
class Timings:
    """Latencies in milliseconds, and how long the whole run took."""

    latencies_ms: list[float] = field(default_factory=list)
    seconds: float = 0.0
    failures: int = 0
    statuses: Counter = field(default_factory=Counter)

    @property
    def p50(self) -> float:
        return percentile(self.latencies_ms, 50)

    @property
    def p95(self) -> float:
        return percentile(self.latencies_ms, 95)

    @property
    def p99(self) -> float:
        return percentile(self.latencies_ms, 99)

    @property
    def per_second(self) -> float:
        return len(self.latencies_ms) / self.seconds if self.seconds else 0.0


def concurrently(
    task: Callable[[int, object], bool],
    *,
    clients: int,
    total: int,
    setup: Callable[[], object] = lambda: None,
    teardown: Callable[[object], None] = lambda state: None,
) -> Timings:
    """Run `task(i, state)` for i in 0..total-1 across `clients` threads, timing each call.

    Each thread makes its own `state` with `setup()` (a connection, say). `task` returns
    whether the call succeeded; failures are counted and their latencies still recorded.
    """
    counter = itertools.count()
    lock = threading.Lock()
    timings = Timings()
    start_line = threading.Barrier(clients + 1)

    def worker() -> None:
        state = setup()
        latencies: list[float] = []
        failures = 0
        start_line.wait()
        try:
            while True:
                with lock:
                    i = next(counter)
                if i >= total:
                    break
                started = time.perf_counter()
                ok = task(i, state)
                latencies.append((time.perf_counter() - started) * 1000)
                failures += not ok
        finally:
            teardown(state)
            with lock:
                timings.latencies_ms.extend(latencies)
                timings.failures += failures

    threads = [threading.Thread(target=worker, daemon=True) for _ in range(clients)]
    for thread in threads:
        thread.start()
    start_line.wait()
    started = time.perf_counter()
    for thread in threads:
        thread.join()
    timings.seconds = time.perf_counter() - started
    return timings


class _Client:
    """A keep-alive HTTP/1.1 connection that reconnects after an error."""

    def __init__(self, host: str, port: int, headers: dict[str, str] | None = None) -> None:
        self.host, self.port = host, port
        self.headers = {"Accept-Encoding": "identity", **(headers or {})}
        self.conn = http.client.HTTPConnection(host, port, timeout=60)
        self.statuses: Counter = Counter()

    def get(self, path: str) -> bool:
        try:
            self.conn.request("GET", path, headers=self.headers)
            response = self.conn.getresponse()
            response.read()
            self.statuses[response.status] += 1
            return response.status == 200
        except (OSError, http.client.HTTPException):
            self.statuses["error"] += 1
            self.conn.close()
            self.conn = http.client.HTTPConnection(self.host, self.port, timeout=60)
            return False


def http_load(
    host: str,
    port: int,
    paths: Sequence[str],
    *,
    clients: int,
    requests: int,
    headers: dict[str, str] | None = None,
) -> Timings:
    """GET `paths` in turn, `requests` times in all, from `clients` concurrent clients (each
    sending `headers`, a session cookie say)."""
    statuses: Counter = Counter()
    lock = threading.Lock()

    def teardown(client: _Client) -> None:
        client.conn.close()
        with lock:
            statuses.update(client.statuses)

    timings = concurrently(
        lambda i, client: client.get(paths[i % len(paths)]),
        clients=clients,
        total=requests,
        setup=lambda: _Client(host, port, headers),
        teardown=teardown,
    )
    timings.statuses = statuses
    return timings
