"""Charts for reports, drawn as plain vector SVG with the text kept as text.

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
import math
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from xml.etree import ElementTree as ET

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


# Drawing ---------------------------------------------------------------------------------------
#
# Charts are drawn here as plain SVG (rect, line, path, text; no groups, styles, clip paths or
# <use>), not by matplotlib: WeasyPrint draws an image's SVG node by node and lays each
# character of an SVG text out on its own, so matplotlib's ~340 nodes per chart (a group per
# artist, a style attribute per node, clip paths, tick marks as <use>) cost a programme report
# about 2 s of rendering on top of ~1.3 s drawing them, a fifth of the report. Units are points.

SVG_NS = "http://www.w3.org/2000/svg"
TEXT = "#0b0c0c"
AXIS = "#505a5f"
GRID = "#dfe1e2"
WIDTH = WIDTH_INCHES * 72
MAX_HEIGHT = MAX_HEIGHT_INCHES * 72
# The average advance of a character of Liberation Sans / DejaVu Sans, as a share of the size.
CHARACTER_WIDTH = 0.56


def _f(value: float) -> str:
    return f"{value:.1f}".removesuffix(".0")


class _Canvas:
    """An SVG being drawn: shapes and text appended in painting order."""

    def __init__(self, height: float, font_size: float) -> None:
        self.height = height
        self.font_size = font_size
        self.root = ET.Element(
            "svg",
            {
                "xmlns": SVG_NS,
                "version": "1.1",
                "width": f"{_f(WIDTH)}pt",
                "height": f"{_f(height)}pt",
                "viewBox": f"0 0 {_f(WIDTH)} {_f(height)}",
                "font-family": ", ".join(FONT),
                "font-size": _f(font_size),
                "fill": TEXT,
            },
        )

    def _add(self, tag: str, **attributes: str) -> ET.Element:
        return ET.SubElement(
            self.root, tag, {k.replace("_", "-"): v for k, v in attributes.items()}
        )

    def rect(self, x: float, y: float, width: float, height: float, colour: str) -> None:
        self._add("rect", x=_f(x), y=_f(y), width=_f(max(width, 0)), height=_f(height), fill=colour)

    def line(
        self,
        start: tuple[float, float],
        end: tuple[float, float],
        colour: str,
        *,
        width: float = 1,
        dash: str = "",
    ) -> None:
        extra = {"stroke_dasharray": dash} if dash else {}
        self._add(
            "line",
            x1=_f(start[0]),
            y1=_f(start[1]),
            x2=_f(end[0]),
            y2=_f(end[1]),
            stroke=colour,
            stroke_width=_f(width),
            **extra,
        )

    def path(self, d: str, colour: str) -> None:
        self._add("path", d=d, fill=colour)

    def circle(self, x: float, y: float, radius: float, colour: str) -> None:
        self._add("circle", cx=_f(x), cy=_f(y), r=_f(radius), fill=colour)

    def text(self, x: float, y: float, text: str, *, anchor: str = "start", size: float = 0):
        element = self._add("text", x=_f(x), y=_f(y))
        if anchor != "start":
            element.set("text-anchor", anchor)
        if size:
            element.set("font-size", _f(size))
        element.text = text

    def markup(self) -> str:
        # Tags without a namespace and xmlns as a plain attribute: ElementTree's global prefix
        # map (which WeasyPrint changes when it loads) is never consulted.
        return ET.tostring(self.root, encoding="unicode")


def _text_width(text: str, size: float) -> float:
    return len(text) * size * CHARACTER_WIDTH


def _nice_step(span: float, ticks: int = 5) -> float:
    """A round tick interval (1, 2, 2.5 or 5 times a power of ten) giving about `ticks` ticks."""
    if span <= 0:
        return 1
    raw = span / ticks
    power = 10 ** math.floor(math.log10(raw))
    for multiple in (1, 2, 2.5, 5, 10):
        if raw <= multiple * power:
            return multiple * power
    return 10 * power


@dataclass(frozen=True)
class _Scale:
    """Maps values on [low, high] onto [left, right] points, with round ticks."""

    low: float
    high: float
    left: float
    right: float

    @classmethod
    def around(cls, values: list[float], left: float, right: float, *, zero: bool) -> _Scale:
        low = min([*values, 0] if zero else values, default=0)
        high = max([*values, 0] if zero else values, default=1)
        if high == low:
            high = low + 1
        step = _nice_step(high - low)
        # With zero, low is at most 0, so a round low is 0 itself unless values go below it.
        low = math.floor(low / step) * step
        high = math.ceil(high / step) * step
        return cls(low, high, left, right)

    def x(self, value: float) -> float:
        return self.left + (value - self.low) / (self.high - self.low) * (self.right - self.left)

    def ticks(self) -> list[float]:
        step = _nice_step(self.high - self.low)
        count = round((self.high - self.low) / step)
        return [self.low + i * step for i in range(count + 1)]


@dataclass(frozen=True)
class _Frame:
    """Where a chart of `rows` categories goes: label column, plot area, row band height."""

    canvas: _Canvas
    scale: _Scale
    top: float
    band: float
    rows: int

    @property
    def bottom(self) -> float:
        return self.top + self.band * self.rows

    def centre(self, row: int) -> float:
        return self.top + self.band * (row + 0.5)


LEGEND_HEIGHT = 18
AXIS_HEIGHT = 34


def _frame(
    labels: list[str],
    values: list[float],
    *,
    per_row: float,
    zero: bool = True,
    legend: bool = False,
    value_room: float = 0,
) -> _Frame:
    """The canvas and scale for one row per label: at most a page high (long lists get
    thinner rows and smaller text), the label column as wide as the longest label needs."""
    rows = max(1, len(labels))
    font_size = 9 if rows <= 24 else 7
    top = 8
    extra = AXIS_HEIGHT + (LEGEND_HEIGHT if legend else 0)
    band = min(per_row * 72, (MAX_HEIGHT - top - extra) / rows)
    height = max(2.2 * 72, top + band * rows + extra)
    longest = max((_text_width(label, font_size) for label in labels), default=0)
    label_width = min(3.2 * 72, longest + 10)
    canvas = _Canvas(height, font_size)
    scale = _Scale.around(values, label_width, WIDTH - 12 - value_room, zero=zero)
    return _Frame(canvas, scale, top, band, rows)


def _labels_and_axis(frame: _Frame, labels: list[str], value_label: str) -> None:
    canvas, scale = frame.canvas, frame.scale
    for tick in scale.ticks():
        x = scale.x(tick)
        canvas.line((x, frame.top), (x, frame.bottom), GRID, width=0.5)
        canvas.line((x, frame.bottom), (x, frame.bottom + 3), AXIS, width=0.8)
        canvas.text(x, frame.bottom + 12, _number(round(tick, 6)), anchor="middle")
    canvas.line((scale.left, frame.bottom), (scale.right, frame.bottom), AXIS, width=0.8)
    canvas.line((scale.left, frame.top), (scale.left, frame.bottom), AXIS, width=0.8)
    if value_label:
        canvas.text((scale.left + scale.right) / 2, frame.bottom + 26, value_label, anchor="middle")
    baseline = canvas.font_size * 0.35
    for row, label in enumerate(labels):
        canvas.text(scale.left - 5, frame.centre(row) + baseline, label, anchor="end")


def _legend(frame: _Frame, entries: list[tuple[str, Callable[[float, float], None]]]) -> None:
    """Keys in one row under the axis, centred: each a swatch drawn by its function at (x, y)."""
    canvas = frame.canvas
    size = 8
    widths = [16 + _text_width(label, size) + 14 for label, _ in entries]
    x = (WIDTH - sum(widths)) / 2
    y = canvas.height - LEGEND_HEIGHT / 2
    for (label, swatch), width in zip(entries, widths, strict=True):
        swatch(x + 5, y)
        canvas.text(x + 14, y + 3, label, size=size)
        x += width


def _square(canvas: _Canvas, colour: str) -> Callable[[float, float], None]:
    return lambda x, y: canvas.rect(x - 4, y - 4, 8, 8, colour)


def _draw_bars(chart: Chart) -> str:
    values = [v for series in chart.series for v in series.values]
    count = max(1, len(chart.series))
    frame = _frame(
        chart.categories,
        values,
        per_row=0.32 * count,
        legend=count > 1,
        value_room=_text_width(_number(max(values, default=0)), 8) + 6,
    )
    canvas, scale = frame.canvas, frame.scale
    _labels_and_axis(frame, chart.categories, chart.value_label)
    bar = frame.band * 0.8 / count
    for index, series in enumerate(chart.series):
        colour = COLOURS[index % len(COLOURS)]
        for row, value in enumerate(series.values):
            y = frame.centre(row) - frame.band * 0.4 + index * bar
            start, end = sorted((scale.x(0), scale.x(value)))
            canvas.rect(start, y + bar * 0.05, end - start, bar * 0.9, colour)
            canvas.text(end + 3, y + bar / 2 + 3, _number(value), size=8)
    if count > 1:
        _legend(
            frame,
            [
                (series.label, _square(canvas, COLOURS[i % len(COLOURS)]))
                for i, series in enumerate(chart.series)
            ],
        )
    return canvas.markup()


# Target marks: distinguishable by shape as well as colour (greyscale print, colour blindness).
_TARGET_MARKS = [
    ("Minimum", "minimum", "#f47738", "bar"),
    ("Expected", "expected", "#0b0c0c", "diamond"),
    ("Stretch", "stretch", "#6f777b", "triangle"),
]


def _mark(canvas: _Canvas, shape: str, colour: str, at: tuple[float, float], size: float) -> None:
    x, y = at
    half = size / 2
    if shape == "bar":
        canvas.rect(x - 1, y - half, 2, size, colour)
    elif shape == "diamond":
        canvas.path(
            f"M{_f(x)} {_f(y - half)}L{_f(x + half)} {_f(y)}L{_f(x)} {_f(y + half)}"
            f"L{_f(x - half)} {_f(y)}Z",
            colour,
        )
    else:
        canvas.path(
            f"M{_f(x)} {_f(y - half)}L{_f(x + half)} {_f(y + half * 0.8)}"
            f"L{_f(x - half)} {_f(y + half * 0.8)}Z",
            colour,
        )


def _draw_targets(chart: TargetChart) -> str:
    marks = [v for _, attribute, _, _ in _TARGET_MARKS for v in getattr(chart, attribute)]
    values = [v for v in [*chart.actuals, *marks] if v is not None]
    frame = _frame(
        chart.categories,
        values,
        per_row=0.36,
        legend=True,
        value_room=_text_width("not reported", 8) + 6,
    )
    canvas, scale = frame.canvas, frame.scale
    _labels_and_axis(frame, chart.categories, chart.value_label)
    size = min(9.0, frame.band * 0.6)
    for row, actual in enumerate(chart.actuals):
        y = frame.centre(row)
        if actual is not None:
            canvas.rect(
                scale.x(0),
                y - frame.band * 0.3,
                scale.x(actual) - scale.x(0),
                frame.band * 0.6,
                COLOURS[0],
            )
        ends = [scale.x(actual or 0)]
        for _, attribute, colour, shape in _TARGET_MARKS:
            value = getattr(chart, attribute)[row]
            if value is not None:
                _mark(canvas, shape, colour, (scale.x(value), y), size)
                ends.append(scale.x(value) + size / 2)
        label = _number(actual) if actual is not None else "not reported"
        # After the bar and every mark, so a label never sits under a target.
        canvas.text(max(ends) + 3, y + 3, label, size=8)
    entries = [
        (label, lambda x, y, shape=shape, colour=colour: _mark(canvas, shape, colour, (x, y), 8))
        for label, _, colour, shape in _TARGET_MARKS
    ]
    _legend(frame, [*entries, ("Actual", _square(canvas, COLOURS[0]))])
    return canvas.markup()


def _draw_intervals(chart: IntervalChart) -> str:
    labels = [f"{c} (n={n})" for c, n in zip(chart.categories, chart.counts, strict=True)]
    values = [*chart.lows, *chart.highs, *chart.means, 0, chart.meaningful_change]
    frame = _frame(labels, values, per_row=0.36, zero=False, legend=True)
    canvas, scale = frame.canvas, frame.scale
    _labels_and_axis(frame, labels, chart.value_label)
    canvas.line((scale.x(0), frame.top), (scale.x(0), frame.bottom), COLOURS[2], width=1)
    entries: list[tuple[str, Callable[[float, float], None]]] = [
        (
            "Mean change and 95% confidence interval",
            lambda x, y: (
                canvas.line((x - 5, y), (x + 5, y), COLOURS[1], width=1.2),
                canvas.circle(x, y, 3, COLOURS[0]),
            ),
        )
    ]
    if chart.meaningful_change:
        x = scale.x(chart.meaningful_change)
        canvas.line((x, frame.top), (x, frame.bottom), COLOURS[2], width=1, dash="2 2")
        entries.append(
            (
                f"Meaningful change ({_number(chart.meaningful_change)})",
                lambda x, y: canvas.line((x - 5, y), (x + 5, y), COLOURS[2], width=1, dash="2 2"),
            )
        )
    cap = min(6.0, frame.band * 0.4)
    for row, (mean, low, high) in enumerate(zip(chart.means, chart.lows, chart.highs, strict=True)):
        y = frame.centre(row)
        left, right = scale.x(low), scale.x(high)
        canvas.line((left, y), (right, y), COLOURS[1], width=1.2)
        canvas.line((left, y - cap / 2), (left, y + cap / 2), COLOURS[1], width=1.2)
        canvas.line((right, y - cap / 2), (right, y + cap / 2), COLOURS[1], width=1.2)
        canvas.circle(scale.x(mean), y, 3, COLOURS[0])
    _legend(frame, entries)
    return canvas.markup()


def chart_draw(chart: AnyChart, *, number: int) -> AnyChart:
    """The chart with its SVG drawn, numbered as the report's figure `number`."""
    if isinstance(chart, TargetChart):
        svg = _draw_targets(chart)
    elif isinstance(chart, IntervalChart):
        svg = _draw_intervals(chart)
    else:
        svg = _draw_bars(chart)
    return replace(chart, number=number, svg=svg)
