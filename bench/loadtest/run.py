"""Run the locust scenario headless and write its raw figures as JSON (a separate process from
`bench.loadtest`, because locust patches the standard library for gevent on import).

    LOAD_WORLD=world.json python -m bench.loadtest.run HOST USERS SECONDS OUT.json
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

import gevent
from locust import events
from locust.env import Environment

from bench.loadtest import journeys

SPAWN_RATE = 10


def main() -> None:
    host, users, seconds, out = sys.argv[1], int(sys.argv[2]), float(sys.argv[3]), sys.argv[4]
    samples: dict[str, list[float]] = {"html": [], "api": []}
    failures: list[str] = []
    by_name: dict[str, list[float]] = {}

    @events.request.add_listener
    def _record(request_type, name, response_time, response_length, exception=None, **kwargs):
        kind = "api" if name.startswith("/api/") else "html"
        samples[kind].append(response_time)
        by_name.setdefault(name, []).append(response_time)
        if exception is not None:
            failures.append(f"{request_type} {name}: {exception}")

    classes = [
        journeys.PublicVisitor,
        journeys.Provider,
        journeys.PanelMember,
        journeys.Commissioner,
        journeys.ReportRequester,
    ]
    environment = Environment(user_classes=classes, host=host, events=events)
    runner = environment.create_local_runner()
    runner.start(users, spawn_rate=SPAWN_RATE)
    gevent.spawn_later(seconds, runner.quit)
    runner.greenlet.join()
    Path(out).write_text(
        json.dumps(
            {
                "samples": samples,
                "failures": failures,
                "requests_by_name": by_name,
                "users": {cls.__name__: 0 for cls in classes}
                | dict((runner.user_classes_count or {}).items()),
            }
        )
    )


if __name__ == "__main__":
    main()
