"""Charts for reports, drawn by matplotlib as vector SVG with the text kept as text.

A kind returns chart specifications from `charts(data=…)`; the worker draws them in the
"drawing charts" stage and the template shows each in a <figure> with its caption and a text
alternative that says what the chart shows.
"""

from __future__ import annotations

import base64
import io
from dataclasses import dataclass, field, replace

# Brand plum, a mid plum and a grey: distinguishable in greyscale print too.
COLOURS = ["#651b3e", "#b3607f", "#6f777b"]
FONT = ["Liberation Sans", "DejaVu Sans", "sans-serif"]
MAX_HEIGHT_INCHES = 8.5


@dataclass(frozen=True)
class Series:
    label: str
    values: list[float]


@dataclass(frozen=True)
class Chart:
    """A horizontal bar chart: one bar per category for each series."""

    key: str
    title: str
    caption: str
    categories: list[str]
    series: list[Series]
    value_label: str = ""
    number: int = 0
    svg: str = field(default="", compare=False)

    @property
    def description(self) -> str:
        """The chart's data in words, for the image's text alternative."""
        parts = []
        for series in self.series:
            values = ", ".join(
                f"{category} {_number(value)}"
                for category, value in zip(self.categories, series.values, strict=True)
            )
            parts.append(f"{series.label}: {values}" if len(self.series) > 1 else values)
        return f"{self.title}. " + "; ".join(parts) + "."

    @property
    def data_uri(self) -> str:
        return "data:image/svg+xml;base64," + base64.b64encode(self.svg.encode()).decode()


def _number(value: float) -> str:
    return f"{value:g}"


def chart_draw(chart: Chart, *, number: int) -> Chart:
    """The chart with its SVG drawn, numbered as the report's figure `number`."""
    from matplotlib import rcParams  # noqa: PLC0415 - only the worker draws
    from matplotlib.figure import Figure  # noqa: PLC0415

    rcParams["svg.fonttype"] = "none"
    rcParams["svg.hashsalt"] = chart.key
    rcParams["font.family"] = FONT

    rows = len(chart.categories)
    # At most a page's height: long lists get thinner bars and smaller labels.
    height = min(MAX_HEIGHT_INCHES, 0.9 + 0.32 * rows * max(1, len(chart.series)))
    rcParams["font.size"] = 9 if rows <= 24 else 7
    figure = Figure(figsize=(6.3, height), layout="constrained")
    axes = figure.add_subplot()
    bar_height = 0.8 / max(1, len(chart.series))
    positions = list(range(rows))
    for index, series in enumerate(chart.series):
        offsets = [p + (index - (len(chart.series) - 1) / 2) * bar_height for p in positions]
        bars = axes.barh(
            offsets,
            series.values,
            height=bar_height * 0.9,
            color=COLOURS[index % len(COLOURS)],
            label=series.label,
        )
        axes.bar_label(bars, labels=[_number(v) for v in series.values], padding=3, fontsize=8)
    axes.set_yticks(positions, labels=chart.categories)
    axes.invert_yaxis()
    axes.set_xlabel(chart.value_label)
    axes.margins(x=0.12)
    axes.set_xlim(left=0)
    axes.xaxis.get_major_locator().set_params(integer=True)
    for side in ("top", "right"):
        axes.spines[side].set_visible(False)
    if len(chart.series) > 1:
        axes.legend(frameon=False, loc="lower right")
    buffer = io.StringIO()
    figure.savefig(buffer, format="svg", metadata={"Date": None, "Creator": None})
    return replace(chart, number=number, svg=buffer.getvalue())


def chart_warm_up() -> None:
    chart_draw(
        Chart(key="warm-up", title="", caption="", categories=["a"], series=[Series("", [1])]),
        number=0,
    )
