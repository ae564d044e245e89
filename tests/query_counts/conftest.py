"""The measured pairs, collected over the session; written as JSON to $QUERY_COUNTS_OUT when it
is set (bench/query_counts.py reads it)."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest


@pytest.fixture(scope="session")
def query_counts():
    measured: dict[str, list[int]] = {}
    yield measured
    out = os.environ.get("QUERY_COUNTS_OUT")
    if out:
        Path(out).write_text(json.dumps(dict(sorted(measured.items())), indent=2) + "\n")
