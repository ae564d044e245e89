"""Targets, `bench/results.json` (merged, so each capability adds its own keys) and the table."""

from __future__ import annotations

import json
import math
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

RESULTS_PATH = Path(__file__).resolve().parent / "results.json"


def say(text: str = "") -> None:
    """Progress and results for the person running the bench."""
    sys.stdout.write(f"{text}\n")
    sys.stdout.flush()


@dataclass
class Target:
    """A figure with a target. `check` returns True (met), False (missed) or None (not
    measured)."""

    key: str
    text: str
    check: Callable[[dict[str, Any]], bool | None]


def at_most(key: str, limit: float, unit: str = "") -> Target:
    def check(results: dict[str, Any]) -> bool | None:
        value = results.get(key)
        return None if value is None else value <= limit

    return Target(key, f"≤ {limit:g}{unit}", check)


def equal_to(key: str, other: str) -> Target:
    def check(results: dict[str, Any]) -> bool | None:
        if results.get(key) is None or results.get(other) is None:
            return None
        return results[key] == results[other]

    return Target(key, f"= {other}", check)


def load(path: Path = RESULTS_PATH) -> dict[str, Any]:
    try:
        data = json.loads(path.read_text())
    except (OSError, ValueError):
        return {}
    return data if isinstance(data, dict) else {}


def merge(new: dict[str, Any], path: Path = RESULTS_PATH) -> dict[str, Any]:
    """Write `new` over the keys already in the file, keeping everyone else's."""
    results = load(path)
    results.update(new)
    path.write_text(json.dumps(dict(sorted(results.items())), indent=2) + "\n")
    return results


def _format(value: Any) -> str:
    if isinstance(value, float):
        if math.isnan(value):
            return "n/a"
        return f"{value:,.1f}" if abs(value) >= 10 else f"{value:,.2f}"
    if isinstance(value, int):
        return f"{value:,}"
    return str(value)


def table(figures: dict[str, Any], targets: list[Target]) -> tuple[str, list[str]]:
    """The figures as a text table with PASS/MISS against targets; and the missed keys."""
    by_key = {target.key: target for target in targets}
    rows = [("Figure", "Value", "Target", "")]
    missed = []
    for key, value in figures.items():
        target = by_key.get(key)
        verdict = ""
        if target is not None:
            met = target.check(figures)
            verdict = {True: "PASS", False: "MISS", None: "n/a"}[met]
            if met is False:
                missed.append(key)
        rows.append((key, _format(value), target.text if target else "", verdict))
    widths = [max(len(row[i]) for row in rows) for i in range(4)]
    lines = []
    for index, row in enumerate(rows):
        lines.append(
            "  ".join(
                cell.rjust(widths[i]) if i == 1 else cell.ljust(widths[i])
                for i, cell in enumerate(row)
            ).rstrip()
        )
        if index == 0:
            lines.append("  ".join("-" * w for w in widths))
    return "\n".join(lines), missed
