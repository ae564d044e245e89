"""Charts for reports, drawn by matplotlib as vector SVG with the text kept as text.

A kind returns chart specifications from `charts(data=…)`; the worker draws them in the
"drawing charts" stage and the template shows each in a <figure> with its caption and a text
alternative that says what the chart shows. Three shapes:
- `Chart`: horizontal bars, one per category for each series;
- `TargetChart`: an actual per category (a project, a period) as a bar, with that category's
  minimum, expected and stretch targets as marks across it;
- `IntervalChart`: a mean change per category with its 95% confidence interval, against zero
  and the measure's meaningful change.
"""

from __future__ import annotations

import base64
import io
from dataclasses import dataclass, field, replace

# Brand plum, a mid plum and a grey: distinguishable in greyscale print too.
COLOURS = ["#651b3e", "#b3607f", "#6f777b"]
FONT = ["Liberation Sans", "DejaVu Sans", "sans-serif"]
MAX_HEIGHT_INCHES = 8.5
WIDTH_INCHES = 6.3


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
        return _data_uri(self.svg)


@dataclass(frozen=True)
class TargetChart:
    """Actuals against minimum / expected / stretch targets, one row per category. A target
    is None where the category has none (a KPI without agreed targets yet)."""

    key: str
    title: str
    caption: str
    categories: list[str]
    actuals: list[float | None]
    minimum: list[float | None]
    expected: list[float | None]
    stretch: list[float | None]
    value_label: str = ""
    number: int = 0
    svg: str = field(default="", compare=False)

    @property
    def description(self) -> str:
        parts = []
        for index, category in enumerate(self.categories):
            actual = self.actuals[index]
            text = f"{category} {_number(actual) if actual is not None else 'not reported'}"
            if self.expected[index] is not None:
                text += (
                    f" (minimum {_number(self.minimum[index])}, expected "
                    f"{_number(self.expected[index])}, stretch {_number(self.stretch[index])})"
                )
            parts.append(text)
        return f"{self.title}. " + "; ".join(parts) + "."

    @property
    def data_uri(self) -> str:
        return _data_uri(self.svg)


@dataclass(frozen=True)
class IntervalChart:
    """A mean change with its 95% confidence interval per category, and each one's n."""

    key: str
    title: str
    caption: str
    categories: list[str]
    means: list[float]
    lows: list[float]
    highs: list[float]
    counts: list[int]
    meaningful_change: float = 0
    value_label: str = ""
    number: int = 0
    svg: str = field(default="", compare=False)

    @property
    def description(self) -> str:
        parts = [
            f"{category} {mean:+.2f} (95% confidence interval {low:+.2f} to {high:+.2f}, n = {n})"
            for category, mean, low, high, n in zip(
                self.categories, self.means, self.lows, self.highs, self.counts, strict=True
            )
        ]
        return f"{self.title}. " + "; ".join(parts) + "."

    @property
    def data_uri(self) -> str:
        return _data_uri(self.svg)


AnyChart = Chart | TargetChart | IntervalChart


def _data_uri(svg: str) -> str:
    return "data:image/svg+xml;base64," + base64.b64encode(svg.encode()).decode()


def _number(value: float) -> str:
    return f"{value:g}"


def _figure(chart: AnyChart, rows: int, per_row: float = 0.32):
    from matplotlib import rcParams  # noqa: PLC0415 - only the worker draws
    from matplotlib.figure import Figure  # noqa: PLC0415

    rcParams["svg.fonttype"] = "none"
    rcParams["svg.hashsalt"] = chart.key
    rcParams["font.family"] = FONT
    # At most a page's height: long lists get thinner bars and smaller labels.
    height = min(MAX_HEIGHT_INCHES, max(2.2, 0.9 + per_row * rows))
    rcParams["font.size"] = 9 if rows <= 24 else 7
    return Figure(figsize=(WIDTH_INCHES, height))


def _margins(figure, labels: list[str], *, legend_below: bool = False) -> None:
    """Fixed margins from the longest category label, instead of a layout engine: matplotlib's
    constrained layout draws every chart several times, which doubled the charts stage."""
    from matplotlib import rcParams  # noqa: PLC0415

    size = float(rcParams["font.size"])
    longest = max((len(label) for label in labels), default=0)
    left = min(3.2, 0.2 + longest * size * 0.55 / 72)
    height = figure.get_figheight()
    bottom = 0.5 + (0.35 if legend_below else 0)
    figure.subplots_adjust(
        left=left / WIDTH_INCHES,
        right=1 - 0.25 / WIDTH_INCHES,
        bottom=min(0.6, bottom / height),
        top=1 - min(0.3, 0.12 / height),
    )


def _svg(figure) -> str:
    buffer = io.StringIO()
    figure.savefig(buffer, format="svg", metadata={"Date": None, "Creator": None})
    return buffer.getvalue()


def _tidy(axes) -> None:
    for side in ("top", "right"):
        axes.spines[side].set_visible(False)


def chart_draw(chart: AnyChart, *, number: int) -> AnyChart:
    """The chart with its SVG drawn, numbered as the report's figure `number`."""
    if isinstance(chart, TargetChart):
        return replace(chart, number=number, svg=_draw_targets(chart))
    if isinstance(chart, IntervalChart):
        return replace(chart, number=number, svg=_draw_intervals(chart))
    rows = len(chart.categories)
    figure = _figure(chart, rows * max(1, len(chart.series)))
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
    _tidy(axes)
    if len(chart.series) > 1:
        axes.legend(frameon=False, loc="lower right")
    _margins(figure, chart.categories)
    return replace(chart, number=number, svg=_svg(figure))


# Target marks: distinguishable by shape as well as colour (greyscale print, colour blindness).
_TARGET_MARKS = [
    ("Minimum", "minimum", "#f47738", "|"),
    ("Expected", "expected", "#0b0c0c", "D"),
    ("Stretch", "stretch", "#6f777b", "^"),
]


def _draw_targets(chart: TargetChart) -> str:
    rows = len(chart.categories)
    figure = _figure(chart, rows, per_row=0.36)
    axes = figure.add_subplot()
    positions = list(range(rows))
    values = [v or 0 for v in chart.actuals]
    bars = axes.barh(positions, values, height=0.6, color=COLOURS[0], label="Actual")
    axes.bar_label(
        bars,
        labels=[_number(v) if v is not None else "not reported" for v in chart.actuals],
        padding=3,
        fontsize=8,
    )
    for label, attribute, colour, marker in _TARGET_MARKS:
        points = [
            (value, position)
            for position, value in zip(positions, getattr(chart, attribute), strict=True)
            if value is not None
        ]
        if points:
            axes.scatter(
                [p[0] for p in points],
                [p[1] for p in points],
                marker=marker,
                s=70 if marker == "|" else 28,
                color=colour,
                linewidths=2,
                zorder=3,
                label=label,
            )
    axes.set_yticks(positions, labels=chart.categories)
    axes.invert_yaxis()
    axes.set_xlabel(chart.value_label)
    axes.margins(x=0.15)
    axes.set_xlim(left=0)
    _tidy(axes)
    figure.legend(frameon=False, loc="lower center", ncols=4, fontsize=8)
    _margins(figure, chart.categories, legend_below=True)
    return _svg(figure)


def _draw_intervals(chart: IntervalChart) -> str:
    rows = len(chart.categories)
    figure = _figure(chart, rows, per_row=0.36)
    axes = figure.add_subplot()
    positions = list(range(rows))
    axes.errorbar(
        chart.means,
        positions,
        xerr=[
            [m - low for m, low in zip(chart.means, chart.lows, strict=True)],
            [high - m for m, high in zip(chart.means, chart.highs, strict=True)],
        ],
        fmt="o",
        color=COLOURS[0],
        ecolor=COLOURS[1],
        capsize=3,
        label="Mean change and 95% confidence interval",
    )
    axes.axvline(0, color=COLOURS[2], linewidth=1)
    if chart.meaningful_change:
        axes.axvline(
            chart.meaningful_change,
            color=COLOURS[2],
            linestyle=":",
            linewidth=1,
            label=f"Meaningful change ({_number(chart.meaningful_change)})",
        )
    axes.set_yticks(
        positions,
        labels=[f"{c} (n={n})" for c, n in zip(chart.categories, chart.counts, strict=True)],
    )
    axes.invert_yaxis()
    axes.set_xlabel(chart.value_label)
    axes.margins(x=0.1, y=0.15 if rows > 1 else 0.6)
    _tidy(axes)
    figure.legend(frameon=False, loc="lower center", ncols=2, fontsize=8)
    _margins(
        figure,
        [f"{c} (n={n})" for c, n in zip(chart.categories, chart.counts, strict=True)],
        legend_below=True,
    )
    return _svg(figure)


def chart_warm_up() -> None:
    chart_draw(
        Chart(key="warm-up", title="", caption="", categories=["a"], series=[Series("", [1])]),
        number=0,
    )
