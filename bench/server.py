"""A real gunicorn server for the duration of a measurement."""

from __future__ import annotations

import http.client
import os
import runpy
import signal
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from bench.db import BASE_DIR

GUNICORN_CONFIG = "config/gunicorn.py"


def deployed_concurrency() -> tuple[int, int]:
    """Workers and threads as config/gunicorn.py gives them on this machine (what is deployed)."""
    config = runpy.run_path(str(BASE_DIR / GUNICORN_CONFIG))
    return config["workers"], config["threads"]


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class Server:
    """gunicorn as deployed (config/gunicorn.py) on a free loopback port; `workers` and
    `threads` override the deployed numbers.

    Use as a context manager: the server is stopped (and its process group with it) on exit.
    """

    def __init__(
        self, env: dict[str, str], *, workers: int | None = None, threads: int | None = None
    ) -> None:
        deployed_workers, deployed_threads = deployed_concurrency()
        self.env = env
        self.workers = workers or deployed_workers
        self.threads = threads or deployed_threads
        self.host = "127.0.0.1"
        self.port = free_port()
        self.process: subprocess.Popen | None = None
        self.log = Path(tempfile.gettempdir()) / f"ccp-bench-gunicorn-{self.port}.log"

    @property
    def command(self) -> list[str]:
        return [
            sys.executable,
            "-m",
            "gunicorn",
            "-c",
            GUNICORN_CONFIG,
            "config.wsgi:application",
            "--bind",
            f"{self.host}:{self.port}",
            "--workers",
            str(self.workers),
            "--threads",
            str(self.threads),
            "--log-level",
            "warning",
        ]

    def start(self, timeout: float = 60) -> None:
        with self.log.open("wb") as log:
            self.process = subprocess.Popen(  # noqa: S603 - our own interpreter and arguments
                self.command,
                cwd=BASE_DIR,
                env=self.env,
                stdout=log,
                stderr=subprocess.STDOUT,
                start_new_session=True,
            )
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"gunicorn exited early; see {self.log}:\n{self._log_tail()}")
            if self.get("/")[0] == 200:
                return
            time.sleep(0.25)
        self.stop()
        raise RuntimeError(f"gunicorn did not answer within {timeout}s; see {self.log}")

    def get(self, path: str) -> tuple[int, bytes]:
        conn = http.client.HTTPConnection(self.host, self.port, timeout=30)
        try:
            conn.request("GET", path)
            response = conn.getresponse()
            return response.status, response.read()
        except OSError:
            return 0, b""
        finally:
            conn.close()

    def stop(self) -> None:
        if self.process is None or self.process.poll() is not None:
            return
        try:
            os.killpg(self.process.pid, signal.SIGTERM)
            self.process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            os.killpg(self.process.pid, signal.SIGKILL)
            self.process.wait(timeout=10)
        except ProcessLookupError:
            pass

    def _log_tail(self) -> str:
        try:
            return "\n".join(self.log.read_text(errors="replace").splitlines()[-30:])
        except OSError:
            return ""

    def __enter__(self) -> Server:
        self.start()
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.stop()
