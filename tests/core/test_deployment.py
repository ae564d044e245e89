"""The production configuration: deploy checks, and the compose file agreeing with settings."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[2]
PRODUCTION_ENV = {
    "DEBUG": "0",
    "SECRET_KEY": "a-production-secret-key-that-is-long-and-random-0123456789-abcdefghijkl",
    "ALLOWED_HOSTS": "commissioning.example.org",
    "DJANGO_SETTINGS_MODULE": "config.settings",
}


def _compose() -> dict:
    return yaml.safe_load((ROOT / "docker-compose.yml").read_text())


def test_production_settings_pass_deploy_checks():
    # The test run itself allows async-unsafe ORM calls (for Playwright); production does not.
    env = {k: v for k, v in os.environ.items() if k != "DJANGO_ALLOW_ASYNC_UNSAFE"}
    env.update(PRODUCTION_ENV)

    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )

    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues" in result.stdout


def test_compose_has_every_service_with_a_healthcheck():
    services = _compose()["services"]

    assert set(services) == {"web", "worker", "reports", "beat", "postgres", "redis"}
    assert {name for name, s in services.items() if "healthcheck" in s} == set(services)
    assert services["postgres"]["image"] == "postgres:16"
    assert services["redis"]["image"] == "redis:7"
    assert "gunicorn" in services["web"]["command"]
    assert services["worker"]["command"].startswith("celery -A config worker")
    # Reports have a worker of their own: their queue only, one report at a time.
    assert services["reports"]["command"].startswith("celery -A config worker -Q reports ")
    assert "--concurrency=1" in services["reports"]["command"]
    assert services["beat"]["command"].startswith("celery -A config beat")


def test_compose_volumes_keep_data():
    compose = _compose()

    assert set(compose["volumes"]) == {"postgres", "redis", "media"}
    assert compose["services"]["postgres"]["volumes"] == ["postgres:/var/lib/postgresql/data"]


def test_compose_environment_matches_settings():
    compose = _compose()
    settings_source = (ROOT / "config" / "settings.py").read_text()
    read_by_settings = set(re.findall(r'env(?:\.\w+)?\(\s*"([A-Z0-9_]+)"', settings_source))
    app_services = [compose["services"][name] for name in ("web", "worker", "reports", "beat")]

    for service in app_services:
        names = set(service["environment"])
        assert names <= read_by_settings, names - read_by_settings
        assert {"SECRET_KEY", "DATABASE_URL", "REDIS_URL", "ALLOWED_HOSTS"} <= names
        assert service["environment"]["DEBUG"] == "0"
    database_url = app_services[0]["environment"]["DATABASE_URL"]
    postgres_env = compose["services"]["postgres"]["environment"]
    assert f"@postgres:5432/{postgres_env['POSTGRES_DB']}" in database_url
    assert database_url.startswith(f"postgres://{postgres_env['POSTGRES_USER']}:")


def test_readme_documents_every_setting():
    settings_source = (ROOT / "config" / "settings.py").read_text()
    read_by_settings = set(re.findall(r'env(?:\.\w+)?\(\s*"([A-Z0-9_]+)"', settings_source))
    readme = (ROOT / "README.md").read_text()

    undocumented = {name for name in read_by_settings if f"`{name}`" not in readme}

    assert undocumented == set()


def test_liveness_answers_without_touching_the_database(db, client, django_assert_num_queries):
    with django_assert_num_queries(0):
        response = client.get("/healthz/")
    assert response.status_code == 200
    assert response.content == b"ok\n"
    assert response["Content-Type"].startswith("text/plain")
