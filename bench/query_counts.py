"""Issue 10's query counts: every list page and list API at 1 row and at 500 rows, which must
make the same number of queries (no per-row query).

The figures come from the test suite's own measurement (tests/query_counts), run in a
subprocess with the test settings against a throwaway test database, so they need none of the
bench's generated data.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

from bench.context import Context
from bench.db import BASE_DIR
from bench.results import Target, at_most, say

TARGETS: list[Target] = [
    at_most("query_counts_unequal", 0),
    at_most("query_counts_unmeasured", 0),
]
ISSUE_KEYS = ["query_counts_pages", "query_counts_unequal", "query_counts_unmeasured"]


def run_tests(database_url: str, out: Path) -> subprocess.CompletedProcess:
    env = dict(os.environ)
    env.update(
        DJANGO_SETTINGS_MODULE="config.test_settings",
        DATABASE_URL=database_url,
        QUERY_COUNTS_OUT=str(out),
    )
    return subprocess.run(
        [sys.executable, "-m", "pytest", "tests/query_counts", "-q", "-p", "no:cacheprovider"],
        cwd=BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )


def figures(counts: dict[str, list[int]], unmeasured: int) -> dict[str, Any]:
    results: dict[str, Any] = {
        "query_counts_pages": len(counts),
        "query_counts_unequal": sum(1 for at_1, at_500 in counts.values() if at_1 != at_500),
        "query_counts_unmeasured": unmeasured,
    }
    for name, (at_1, at_500) in sorted(counts.items()):
        results[f"queries_{name}_1"] = at_1
        results[f"queries_{name}_500"] = at_500
    return results


def measure(ctx: Context) -> dict[str, Any]:
    from tests.query_counts.registry import NOT_YET_MEASURED  # noqa: PLC0415

    say("Query counts: every list page and API at 1 and 500 rows (tests/query_counts)...")
    with tempfile.TemporaryDirectory(prefix="ccp-query-counts-") as folder:
        out = Path(folder) / "query_counts.json"
        finished = run_tests(ctx.database_url, out)
        if not out.exists():
            say(f"  the query-count tests did not run:\n{finished.stdout[-3000:]}")
            return {}
        counts = json.loads(out.read_text())
    results = figures(counts, len(NOT_YET_MEASURED))
    for name, (at_1, at_500) in sorted(counts.items()):
        if at_1 != at_500:
            say(f"  {name}: {at_1} queries at 1 row, {at_500} at 500")
    if finished.returncode != 0:
        say(f"  (some query-count tests failed:\n{finished.stdout[-2000:]})")
    return results
