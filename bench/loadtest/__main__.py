"""`python -m bench.loadtest` (`make load`): 50 simulated people for 5 minutes against a real
deployment on this machine; exits 1 when a target is missed.

The deployment: gunicorn as deployed (config/gunicorn.py: 2 x cores + 1 workers x 2 threads,
production settings), one Celery worker consuming both queues, PostgreSQL (DATABASE_URL's
server, or the embedded one) and Redis (REDIS_URL, default redis://127.0.0.1:6379/7, emptied
at the start) as broker and cache. Its database, `ccp_bench_load`, holds the demo world,
100,000 generated directory providers and the scenario's people (`bench/loadtest/world.py`);
it is built once and reused.
"""

from __future__ import annotations

import argparse
import json
import os
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import redis

from bench import data, db, results
from bench.load import percentile
from bench.results import say
from bench.server import Server

DEFAULT_DATABASE = "ccp_bench_load"
DEFAULT_REDIS = "redis://127.0.0.1:6379/7"

TARGETS = [
    results.Target(
        "load_failures",
        "= 0",
        lambda r: None if "load_failures" not in r else r["load_failures"] == 0,
    ),
    results.at_most("load_html_p95_ms", 300, " ms"),
    results.at_most("load_api_p95_ms", 200, " ms"),
]
KEYS = ["load_requests", "load_failures", "load_html_p95_ms", "load_api_p95_ms"]


def _arguments(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m bench.loadtest", description=__doc__)
    parser.add_argument("--users", type=int, default=50)
    parser.add_argument("--seconds", type=float, default=300)
    parser.add_argument("--database", default=DEFAULT_DATABASE)
    parser.add_argument("--providers", type=int, default=100_000)
    parser.add_argument("--workers", type=int, help="gunicorn workers (default: as deployed)")
    parser.add_argument("--threads", type=int, help="threads per worker (default: as deployed)")
    parser.add_argument(
        "--no-results", action="store_true", help="do not write bench/results.json (smoke runs)"
    )
    return parser.parse_args(argv)


def _redis_url() -> str:
    """The load test's Redis database, emptied: every run starts with nothing cached (as
    after the first change to the directory on deadline day), not with what the last left."""
    url = os.environ.get("REDIS_URL") or DEFAULT_REDIS
    client = redis.Redis.from_url(url, socket_connect_timeout=2)
    client.ping()
    client.flushdb()
    return url


class Worker:
    """A real Celery worker process for the default and the reports queues."""

    def __init__(self, env: dict[str, str]) -> None:
        self.env = env
        self.log = Path(tempfile.gettempdir()) / f"ccp-load-worker-{os.getpid()}.log"
        self.process: subprocess.Popen | None = None

    def __enter__(self) -> Worker:
        with self.log.open("wb") as log:
            self.process = subprocess.Popen(
                [
                    sys.executable,
                    "-m",
                    "celery",
                    "-A",
                    "config",
                    "worker",
                    "-Q",
                    "celery,reports",
                    "--concurrency",
                    "1",
                    "--pool",
                    "prefork",
                    "--without-gossip",
                    "--without-mingle",
                    "--loglevel",
                    "WARNING",
                ],
                cwd=db.BASE_DIR,
                env=self.env,
                stdout=log,
                stderr=subprocess.STDOUT,
                start_new_session=True,
            )
        return self

    def __exit__(self, *exc_info: object) -> None:
        if self.process is not None and self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGTERM)
            try:
                self.process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                os.killpg(self.process.pid, signal.SIGKILL)


def figures_from(raw: dict) -> dict[str, float]:
    html, api = raw["samples"]["html"], raw["samples"]["api"]
    return {
        "load_requests": len(html) + len(api),
        "load_failures": len(raw["failures"]),
        "load_html_p95_ms": round(percentile(html, 95), 1) if html else 0.0,
        "load_api_p95_ms": round(percentile(api, 95), 1) if api else 0.0,
        "load_html_p50_ms": round(percentile(html, 50), 1) if html else 0.0,
        "load_api_p50_ms": round(percentile(api, 50), 1) if api else 0.0,
    }


def main(argv: list[str] | None = None) -> int:
    args = _arguments(argv)
    started = time.perf_counter()
    database_url = db.ensure_database(db.server_url(), args.database)
    env = db.app_environment(
        database_url,
        REDIS_URL=_redis_url(),
        EMAIL_URL="consolemail://",
        CELERY_TASK_ALWAYS_EAGER="0",
    )
    say(f"Load database: {args.database}; migrating...")
    db.manage(env, "migrate", "--noinput", "-v", "0")
    data.dataset_ensure(db.conninfo(database_url), args.providers)
    # The generator empties organisations, and the KPI library with them: put it back.
    db.manage(env, "load_reference_data", "-v", "0")
    say("Demo world and the scenario's people...")
    db.manage(env, "seed_demo", "-v", "0")
    world = Path(tempfile.gettempdir()) / f"ccp-load-world-{os.getpid()}.json"
    subprocess.run(  # noqa: S603 - our own interpreter and module
        [sys.executable, "-m", "bench.loadtest.world", str(world)],
        cwd=db.BASE_DIR,
        env=env,
        check=True,
    )
    db.manage(env, "collectstatic", "--noinput", "-v", "0")
    raw_path = Path(tempfile.gettempdir()) / f"ccp-load-raw-{os.getpid()}.json"
    load_before = os.getloadavg()[0]
    with Server(env, workers=args.workers, threads=args.threads) as server, Worker(env):
        host = f"http://{server.host}:{server.port}"
        say(f"{args.users} people for {args.seconds:.0f}s against {host} (and a Celery worker)...")
        subprocess.run(  # noqa: S603 - our own interpreter and module
            [
                sys.executable,
                "-m",
                "bench.loadtest.run",
                host,
                str(args.users),
                str(args.seconds),
                str(raw_path),
            ],
            cwd=db.BASE_DIR,
            env={**env, "LOAD_WORLD": str(world)},
            check=True,
        )
    raw = json.loads(raw_path.read_text())
    figures = figures_from(raw)
    figures["load_users"] = args.users
    figures["load_seconds"] = args.seconds
    figures["load_load_average_before"] = round(load_before, 2)
    if not args.no_results:
        results.merge(figures)
    text, missed = results.table(figures, TARGETS)
    say(f"\n{time.perf_counter() - started:.0f}s in all\n\n{text}")
    for failure in raw["failures"][:20]:
        say(f"  failed: {failure}")
    say("\nBy page (requests, p50, p95 ms):")
    for name, times in sorted(raw["requests_by_name"].items(), key=lambda item: -len(item[1])):
        say(
            f"  {name:<48} {len(times):>6} {percentile(times, 50):>8.1f} "
            f"{percentile(times, 95):>8.1f}"
        )
    if missed:
        say(f"Missed: {', '.join(missed)}")
    return 1 if missed else 0


if __name__ == "__main__":
    sys.exit(main())
