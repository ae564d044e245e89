"""A real reports worker process for integration tests: `-Q reports --concurrency 1`, as in
Procfile.dev and docker-compose.yml, against the test database and the test's media folder."""

from __future__ import annotations

import contextlib
import os
import signal
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

import pytest
from django.conf import settings

from config.celery import app

ROOT = Path(__file__).resolve().parents[2]


def purge_report_queue() -> None:
    """Empty the reports queue, and with Redis the messages a killed worker left unacknowledged
    (they would come back an hour later, into another test)."""
    with app.connection_for_write() as connection:
        for queue in ("reports", "celery"):
            # A queue that was never declared is already empty.
            with contextlib.suppress(Exception):
                connection.default_channel.queue_purge(queue)
    if settings.REDIS_URL:
        import redis  # noqa: PLC0415

        redis.Redis.from_url(settings.REDIS_URL).delete("unacked", "unacked_index")


class ReportWorker:
    """A worker process against the test database. Reports by default; `queue`, `app` (the
    module passed to `celery -A`) and `env` let other tests run other queues or hooks."""

    def __init__(
        self,
        log: Path,
        *,
        site_url: str = "",
        queue: str = "reports",
        app: str = "config",
        env: dict[str, str] | None = None,
    ) -> None:
        self.queue, self.app = queue, app
        url = urlsplit(settings.DATABASE_URL)._replace(
            path="/" + settings.DATABASES["default"]["NAME"]
        )
        self.env = {
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "config.settings",
            "DATABASE_URL": urlunsplit(url),
            "MEDIA_ROOT": str(settings.MEDIA_ROOT),
            "SITE_URL": site_url or settings.SITE_URL,
            "CONN_MAX_AGE": "0",
            **(env or {}),
        }
        self.log = log
        self.process: subprocess.Popen | None = None

    def start(self) -> ReportWorker:
        with self.log.open("ab") as log:
            self.process = subprocess.Popen(
                [
                    sys.executable,
                    "-m",
                    "celery",
                    "-A",
                    self.app,
                    "worker",
                    "-Q",
                    self.queue,
                    "--concurrency=1",
                    "-n",
                    f"{self.queue}-test-{os.getpid()}@%h",
                    "--without-gossip",
                    "--without-mingle",
                    "--without-heartbeat",
                    "--loglevel=INFO",
                ],
                cwd=ROOT,
                env=self.env,
                stdout=log,
                stderr=subprocess.STDOUT,
                start_new_session=True,
            )
        return self

    def kill(self) -> None:
        """SIGKILL the worker and its pool process: no warm shutdown, nothing cleaned up."""
        if self.process is not None and self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGKILL)
            self.process.wait(timeout=30)

    def stop(self) -> None:
        if self.process is None or self.process.poll() is not None:
            return
        os.killpg(self.process.pid, signal.SIGTERM)
        try:
            self.process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            self.kill()

    def output(self) -> str:
        return self.log.read_text(errors="replace")[-4000:]


def wait_for(condition: Callable[[], bool], *, timeout: float = 90, every: float = 0.02) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(every)
    return False


@pytest.fixture
def broker():
    """Tasks go through the broker to the worker process, as in production."""
    eager = app.conf.task_always_eager
    app.conf.task_always_eager = False
    purge_report_queue()
    yield
    purge_report_queue()
    app.conf.task_always_eager = eager


@pytest.fixture
def report_worker(broker, tmp_path):
    """Call it to start a reports worker; every one started is stopped after the test."""
    workers: list[ReportWorker] = []

    def start(**kwargs) -> ReportWorker:
        started = ReportWorker(tmp_path / "worker.log", **kwargs).start()
        workers.append(started)
        return started

    yield start
    for started in workers:
        started.stop()
