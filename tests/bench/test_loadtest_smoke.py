"""The load scenario (`make load`) for a few seconds against the live test server: every
journey runs and nothing fails. The real run is 50 people for 5 minutes on gunicorn."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.management import call_command

from bench.loadtest import __main__ as load_main
from bench.loadtest import world

pytestmark = pytest.mark.django_db(transaction=True)

JOURNEYS = {
    "PublicVisitor": "/directory/?q",
    "Provider": "/api/v1/bids/[id]/",
    "PanelMember": "/panels/[id]/bids/[id]/score/",
    "Commissioner": "/monitoring/",
    "ReportRequester": "/reports/new/ (ask) (form)",
}


def test_the_load_scenario_runs_every_journey_without_a_failure(live_server, tmp_path):
    call_command("seed_demo", verbosity=0)
    built = world.build()
    assert len(built["providers"]) == world.PROVIDERS
    assert len(built["panel_members"]) == world.MEMBERS
    assert all(seat["bids"] for seat in built["panel_members"])
    world_path, out = tmp_path / "world.json", tmp_path / "raw.json"
    world_path.write_text(json.dumps(built))

    subprocess.run(
        [sys.executable, "-m", "bench.loadtest.run", live_server.url, "12", "20", str(out)],
        env={**os.environ, "LOAD_WORLD": str(world_path)},
        cwd=Path(__file__).resolve().parents[2],
        check=True,
        timeout=180,
    )

    raw = json.loads(out.read_text())
    assert raw["failures"] == []
    for journey, page in JOURNEYS.items():
        assert raw["requests_by_name"].get(page), f"{journey} never reached {page}"
    figures = load_main.figures_from(raw)
    assert figures["load_requests"] == sum(len(t) for t in raw["requests_by_name"].values())
    assert figures["load_failures"] == 0
    assert figures["load_html_p95_ms"] > 0
    assert figures["load_api_p95_ms"] > 0
