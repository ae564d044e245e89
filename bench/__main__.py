"""`python -m bench` (`make bench`): seed the bench database, start gunicorn, measure, report.

Exits 0 even when a target is missed (a slow or busy machine should not break `make bench`),
unless `--strict` is given; then a missed target exits 1.
"""

from __future__ import annotations

import argparse
import datetime
import os
import platform
import sys
import time
from types import ModuleType

from bench import data, db, results
from bench.context import Context
from bench.results import say
from bench.server import Server


def _modules() -> dict[str, ModuleType]:
    # One module per capability; each has measure(ctx) -> {key: number}, TARGETS and ISSUE_KEYS.
    from bench import (  # noqa: PLC0415
        deadline_rush,
        directory,
        directory_growth,
        framework,
        query_counts,
        reports,
    )

    return {
        "deadline_rush": deadline_rush,
        "directory": directory,
        "directory_growth": directory_growth,
        "framework": framework,
        "reports": reports,
        "query_counts": query_counts,
    }


def _arguments(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m bench", description=__doc__)
    parser.add_argument("--strict", action="store_true", help="exit 1 when a target is missed")
    parser.add_argument(
        "--only", action="append", choices=sorted(_modules()), help="measure only these"
    )
    parser.add_argument("--providers", type=int, default=100_000, help="providers to generate")
    parser.add_argument("--database", default=db.DEFAULT_DATABASE, help="bench database name")
    parser.add_argument("--reseed", action="store_true", help="generate the data again")
    parser.add_argument("--requests-1c", type=int, default=200, help="requests at 1 client")
    parser.add_argument("--requests-10c", type=int, default=1000, help="requests at 10 clients")
    parser.add_argument("--sql-repetitions", type=int, default=200)
    parser.add_argument(
        "--workers", type=int, help="gunicorn worker processes (default: as deployed)"
    )
    parser.add_argument(
        "--threads", type=int, help="threads per gunicorn worker (default: as deployed)"
    )
    parser.add_argument("--no-server", action="store_true", help="in-process figures only")
    parser.add_argument(
        "--explain", action="store_true", help="print EXPLAIN ANALYZE of the searches' SQL"
    )
    return parser.parse_args(argv)


def _cached_reads_forgotten() -> None:
    """The data may have been regenerated behind the app's back: cached directory summaries
    and vocabulary from before must not be read (a shared cache keeps them across runs)."""
    from commissioning.vocabulary.snapshot import vocabulary_changed  # noqa: PLC0415
    from providers.services.profiles import directory_changed  # noqa: PLC0415

    directory_changed()
    vocabulary_changed()


def main(argv: list[str] | None = None) -> int:
    args = _arguments(argv)
    started = time.perf_counter()

    base_url = db.server_url()
    database_url = db.ensure_database(base_url, args.database)
    env = db.app_environment(database_url)
    say(f"Bench database: {args.database}; migrating...")
    db.manage(env, "migrate", "--noinput", "-v", "0")
    # The 100,000 providers are only the directory's data: `--only reports` does not need them.
    selected = [name for name in _modules() if not args.only or name in args.only]
    seeding = (
        data.dataset_ensure(db.conninfo(database_url), args.providers, force=args.reseed)
        if {"directory", "directory_growth"} & set(selected)
        else {}
    )

    # Django in this process too (query counts, captured SQL): the same settings as the server.
    os.environ.update(
        db.app_environment(database_url, ALLOWED_HOSTS="127.0.0.1,localhost,testserver")
    )
    os.environ["SECRET_KEY"] = env["SECRET_KEY"]
    import django  # noqa: PLC0415

    django.setup()
    _cached_reads_forgotten()

    # Other work on the machine slows every figure down: say so, and record it with them.
    load_before = os.getloadavg()[0]
    cpus = os.cpu_count() or 1
    if load_before > cpus / 2:
        say(
            f"Warning: the machine is busy (load average {load_before:.1f} on {cpus} CPUs); "
            "figures will be slower than on a quiet machine."
        )

    server = None
    if not args.no_server:
        db.manage(env, "collectstatic", "--noinput", "-v", "0")
        server = Server(env, workers=args.workers, threads=args.threads)
        server.start()
        say(
            f"gunicorn on port {server.port}: {server.workers} workers, {server.threads} threads each"
        )
    ctx = Context(
        database_url=database_url,
        conninfo=db.conninfo(database_url),
        server=server,
        requests_1c=args.requests_1c,
        requests_10c=args.requests_10c,
        sql_repetitions=args.sql_repetitions,
        explain=args.explain,
    )
    figures: dict[str, float] = {}
    targets: list[results.Target] = []
    order: list[str] = []
    try:
        for name, module in _modules().items():
            if args.only and name not in args.only:
                continue
            measured = module.measure(ctx)
            figures.update(measured)
            targets.extend(module.TARGETS)
            order.extend(module.ISSUE_KEYS)
    finally:
        if server is not None:
            server.stop()

    figures["bench_cpus"] = cpus
    figures["bench_load_average_before"] = round(load_before, 2)
    if seeding:
        figures["bench_seed_seconds"] = round(seeding["seed_seconds"], 1)
    results.merge(figures)
    ordered = {key: figures[key] for key in order if key in figures}
    ordered.update({key: value for key, value in figures.items() if key not in ordered})
    text, missed = results.table(ordered, targets)
    say(
        f"\n{datetime.datetime.now().astimezone():%Y-%m-%d %H:%M %Z} · {platform.node()} · "
        f"{os.cpu_count()} CPUs · {platform.python_implementation()} {platform.python_version()}"
        f" · {time.perf_counter() - started:.0f}s\n\n{text}\n\nWritten to {results.RESULTS_PATH}"
    )
    if missed:
        say(f"Missed: {', '.join(missed)}" + ("" if args.strict else " (not --strict)"))
    return 1 if (missed and args.strict) else 0


if __name__ == "__main__":
    sys.exit(main())
