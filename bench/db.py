"""The bench database: its own database on the same server as the app's, never dev or test data.

The server is the one DATABASE_URL points at (from the environment or .env), or the embedded
PostgreSQL when it is unset, exactly as config/settings.py decides.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

import environ
import psycopg
from psycopg import sql

from bench.results import say

BASE_DIR = Path(__file__).resolve().parent.parent
DEFAULT_DATABASE = "ccp_bench"


def server_url() -> str:
    """The app's database URL: DATABASE_URL (environment, then .env) or the embedded server."""
    environ.Env.read_env(BASE_DIR / ".env", overwrite=False)
    configured = os.environ.get("DATABASE_URL", "")
    if configured:
        return configured
    from config import embedded_postgres  # noqa: PLC0415 - starts the server when needed

    return embedded_postgres.database_url(BASE_DIR)


def with_database(url: str, name: str) -> str:
    """The same server URL with another database name."""
    parts = urlsplit(url)
    return urlunsplit(parts._replace(path=f"/{name}"))


def conninfo(url: str) -> str:
    """A libpq connection string for a django-environ URL (postgres://, pgsql://, ...)."""
    parts = urlsplit(url)
    return urlunsplit(parts._replace(scheme="postgresql"))


def database_name(url: str) -> str:
    return urlsplit(url).path.lstrip("/")


def ensure_database(url: str, name: str) -> str:
    """Create database `name` on the server of `url` unless it exists; return its URL."""
    target = with_database(url, name)
    last_error: Exception | None = None
    # The maintenance database first; the configured one if `postgres` is not reachable.
    for maintenance in dict.fromkeys(["postgres", database_name(url)]):
        try:
            with psycopg.connect(
                conninfo(with_database(url, maintenance)), autocommit=True
            ) as conn:
                exists = conn.execute(
                    "SELECT 1 FROM pg_database WHERE datname = %s", [name]
                ).fetchone()
                if not exists:
                    conn.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
                    say(f"Created database {name}.")
                return target
        except psycopg.OperationalError as exc:
            last_error = exc
    raise RuntimeError(f"Cannot reach the database server to create {name}: {last_error}")


def app_environment(database_url: str, **extra: str) -> dict[str, str]:
    """Environment for the app (server, manage.py, in-process Django) against the bench
    database: production settings (DEBUG off, manifest static files) over plain HTTP."""
    import secrets  # noqa: PLC0415

    env = dict(os.environ)
    env.update(
        DJANGO_SETTINGS_MODULE="config.settings",
        DATABASE_URL=database_url,
        DEBUG="0",
        SECURE_SSL_REDIRECT="0",
        SESSION_COOKIE_SECURE="0",
        CSRF_COOKIE_SECURE="0",
        SECURE_HSTS_SECONDS="0",
        ALLOWED_HOSTS="127.0.0.1,localhost",
        SECRET_KEY=os.environ.get("BENCH_SECRET_KEY") or secrets.token_urlsafe(50),
        # The anonymous API throttle (60 a minute) would turn a load test into 429s.
        API_THROTTLE_ANON="1000000/second",
        API_THROTTLE_USER="1000000/second",
        LOG_LEVEL="WARNING",
    )
    env.update(extra)
    return env


def manage(env: dict[str, str], *args: str) -> None:
    subprocess.run(  # noqa: S603 - our own interpreter and manage.py
        [sys.executable, str(BASE_DIR / "manage.py"), *args],
        cwd=BASE_DIR,
        env=env,
        check=True,
    )
