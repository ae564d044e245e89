"""A database restart while the web server runs: requests during the outage get a clear 503,
and the same server answers normally once the database is back, without being restarted."""

from __future__ import annotations

import shutil
import tempfile
import time
from pathlib import Path

import pgserver
import pytest

from bench.db import app_environment, manage
from bench.server import Server
from config.embedded_postgres import stop_server

# A public page that reads the database on every request (the directory search may be answered
# from its cache of shared renderings, which is the point of that cache, but not what this tests).
PAGE = "/opportunities/"


@pytest.fixture
def private_postgres():
    """A PostgreSQL server of the test's own (the embedded build), so stopping it affects no
    other test. Its folder is short: the socket lives in it."""
    pgdata = Path(tempfile.mkdtemp(prefix="ccp-outage-", dir="/tmp"))
    pgdata.chmod(0o755)
    server = pgserver.get_server(pgdata, cleanup_mode=None)
    try:
        yield pgdata, server
    finally:
        stop_server(pgdata)
        shutil.rmtree(pgdata, ignore_errors=True)


def _wait_for(web: Server, status: int, timeout: float = 30) -> tuple[int, bytes]:
    deadline = time.monotonic() + timeout
    answer = web.get(PAGE)
    while answer[0] != status and time.monotonic() < deadline:
        time.sleep(0.5)
        answer = web.get(PAGE)
    return answer


def test_requests_fail_cleanly_while_postgres_restarts_and_recover_after(
    private_postgres, tmp_path
):
    pgdata, server = private_postgres
    env = app_environment(server.get_uri(), STATIC_ROOT=str(tmp_path / "static"), REDIS_URL="")
    manage(env, "migrate", "--noinput", "-v", "0")
    manage(env, "collectstatic", "--noinput", "-v", "0")

    with Server(env, workers=1, threads=2) as web:
        before = web.get(PAGE)
        stop_server(pgdata)
        started = time.monotonic()
        during = web.get(PAGE)
        waited = time.monotonic() - started
        server.ensure_postgres_running()
        after = _wait_for(web, 200)

    assert before[0] == 200
    assert during[0] == 503
    assert b"Sorry, the service is unavailable" in during[1]
    assert waited < 10
    assert after[0] == 200
    assert b"Sorry" not in after[1]
