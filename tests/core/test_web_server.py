"""The web server's configuration (config/gunicorn.py, config/wsgi.py), shared by every
deployment: the Dockerfile, docker-compose.yml and the benchmarks all start the same thing."""

from __future__ import annotations

import os
import runpy
import subprocess
import sys
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[2]
GUNICORN_CONFIG = "config/gunicorn.py"


def test_gunicorn_runs_processes_for_both_cores_with_two_threads_each(monkeypatch):
    monkeypatch.delenv("WEB_CONCURRENCY", raising=False)
    monkeypatch.delenv("GUNICORN_THREADS", raising=False)
    monkeypatch.setattr("multiprocessing.cpu_count", lambda: 2)
    config = runpy.run_path(str(ROOT / GUNICORN_CONFIG))
    assert (config["workers"], config["threads"], config["worker_class"]) == (5, 2, "gthread")
    assert config["timeout"] > config["graceful_timeout"] > 0

    monkeypatch.setenv("WEB_CONCURRENCY", "3")
    monkeypatch.setenv("GUNICORN_THREADS", "4")
    config = runpy.run_path(str(ROOT / GUNICORN_CONFIG))
    assert (config["workers"], config["threads"]) == (3, 4)


def test_every_deployment_starts_gunicorn_with_the_shared_config():
    compose = yaml.safe_load((ROOT / "docker-compose.yml").read_text())
    assert (
        f"gunicorn -c {GUNICORN_CONFIG} config.wsgi:application"
        in compose["services"]["web"]["command"]
    )
    dockerfile = (ROOT / "Dockerfile").read_text()
    assert f'CMD ["gunicorn", "-c", "{GUNICORN_CONFIG}", "config.wsgi:application"]' in dockerfile
    operations = (ROOT / "docs" / "operations.md").read_text()
    assert f"gunicorn -c {GUNICORN_CONFIG} config.wsgi:application" in operations

    from bench.server import Server  # noqa: PLC0415

    command = Server({}).command
    assert command[command.index("-c") + 1] == GUNICORN_CONFIG


def test_a_worker_has_every_view_loaded_before_its_first_request():
    # A fresh interpreter, as a gunicorn worker: importing the WSGI module loads the URLconf.
    probe = (
        "import sys, config.wsgi; "
        "print(all(m in sys.modules for m in "
        "('monitoring.views.agreements', 'tenders.api.bids', 'reports.views')))"
    )
    result = subprocess.run(
        [sys.executable, "-c", probe],
        cwd=ROOT,
        env={**os.environ, "DJANGO_SETTINGS_MODULE": "config.settings"},
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "True"
