"""Charts as server-side SVG (matplotlib, Agg), safe to put inline in a page under a strict CSP
and reusable in PDF reports.

Every chart is a `Chart`: the SVG markup, a title, a one-sentence text alternative, and the data
as a table (headers and rows) to show beneath it. The SVG is rewritten before use: no script, no
<style> element and no style attributes (matplotlib's inline styles become SVG presentation
attributes, which a CSP without 'unsafe-inline' allows), ids made unique to the chart, a <title>
and role="img" for assistive technology, and a viewBox with width 100% so it fits a 320px screen.

For a PDF, put `chart.svg` into the HTML that WeasyPrint renders, with the table after it.
"""

from __future__ import annotations

import hashlib
import io
import itertools
import os
import re
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal
from xml.etree import ElementTree as ET

from django.core.cache import cache
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

os.environ.setdefault("MPLCONFIGDIR", os.path.join(tempfile.gettempdir(), "matplotlib-cc"))

import matplotlib

matplotlib.use("Agg")
from matplotlib import pyplot as plt
from matplotlib.figure import Figure

SVG_NS = "http://www.w3.org/2000/svg"
XLINK_NS = "http://www.w3.org/1999/xlink"

GREEN, AMBER, RED = "#00703c", "#f47738", "#d4351c"
BLUE, BRAND, GREY, LIGHT = "#1d70b8", "#651b3e", "#505a5f", "#f3f2f1"
NO_VALUE = "\N{EN DASH}"
RAG_COLOURS = {"green": GREEN, "amber": AMBER, "red": RED}

# CSS properties matplotlib writes in style="" that SVG also accepts as attributes.
PRESENTATION = {
    "fill",
    "fill-opacity",
    "fill-rule",
    "stroke",
    "stroke-width",
    "stroke-opacity",
    "stroke-linecap",
    "stroke-linejoin",
    "stroke-dasharray",
    "stroke-dashoffset",
    "stroke-miterlimit",
    "opacity",
    "font-family",
    "font-size",
    "font-weight",
    "font-style",
    "text-anchor",
    "dominant-baseline",
    "clip-path",
    "clip-rule",
    "visibility",
}
_counter = itertools.count(1)


@dataclass(frozen=True)
class Chart:
    title: str
    description: str
    svg: SafeString
    headers: list[str]
    rows: list[list[str]]


def _style() -> dict:
    return {
        "svg.fonttype": "none",
        "svg.hashsalt": "cc",
        "font.family": "sans-serif",
        "font.size": 11,
        "axes.edgecolor": GREY,
        "axes.labelcolor": "#0b0c0c",
        "xtick.color": "#0b0c0c",
        "ytick.color": "#0b0c0c",
        "axes.spines.top": False,
        "axes.spines.right": False,
    }


def _strip_elements(root: ET.Element) -> None:
    for parent in root.iter():
        for child in list(parent):
            if child.tag.split("}")[-1] in ("script", "style", "metadata", "foreignObject"):
                parent.remove(child)


def _presentation_attributes(element: ET.Element) -> None:
    style = element.attrib.pop("style", "")
    for declaration in style.split(";"):
        if ":" not in declaration:
            continue
        name, value = (part.strip() for part in declaration.split(":", 1))
        if name in PRESENTATION and "(" not in value.replace("url(#", ""):
            element.set(name, value)


def _prefix_ids(element: ET.Element, prefix: str) -> None:
    for name, value in list(element.attrib.items()):
        if name.lower().startswith("on"):
            del element.attrib[name]
        elif name == "id":
            element.set(name, f"{prefix}-{value}")
        elif "url(#" in value:
            element.set(name, value.replace("url(#", f"url(#{prefix}-"))
        elif name in ("href", f"{{{XLINK_NS}}}href") and value.startswith("#"):
            element.set(name, f"#{prefix}-{value[1:]}")


def sanitise_svg(markup: str, *, title: str, prefix: str) -> str:
    """Make matplotlib's SVG safe and accessible inline (see the module docstring)."""
    root = ET.fromstring(markup)  # noqa: S314 - our own matplotlib output, never user input
    _strip_elements(root)
    for element in root.iter():
        _presentation_attributes(element)
        _prefix_ids(element, prefix)
    width, height = root.attrib.pop("width", ""), root.attrib.pop("height", "")
    if "viewBox" not in root.attrib and width and height:
        root.set("viewBox", f"0 0 {float(width.rstrip('pt'))} {float(height.rstrip('pt'))}")
    root.set("width", "100%")
    root.set("role", "img")
    root.set("aria-labelledby", f"{prefix}-title")
    root.set("focusable", "false")
    title_element = ET.Element(f"{{{SVG_NS}}}title", {"id": f"{prefix}-title"})
    title_element.text = title
    root.insert(0, title_element)
    return _serialise(root)


def _serialise(root: ET.Element) -> str:
    """The SVG with its namespaces written out by hand (`<svg xmlns=…>`, `xlink:href`), not
    through ElementTree's prefix map: that map is global, and other libraries change it
    (WeasyPrint maps "" to no namespace when it loads), which would write `<ns0:svg>` — not SVG
    to a browser's HTML parser."""
    svg, xlink = f"{{{SVG_NS}}}", f"{{{XLINK_NS}}}"
    for element in root.iter():
        if isinstance(element.tag, str) and element.tag.startswith(svg):
            element.tag = element.tag.removeprefix(svg)
        for name in [n for n in element.attrib if n.startswith(xlink)]:
            element.set(f"xlink:{name.removeprefix(xlink)}", element.attrib.pop(name))
    root.set("xmlns", SVG_NS)
    root.set("xmlns:xlink", XLINK_NS)
    return ET.tostring(root, encoding="unicode")


# Charts are drawn once per distinct picture: the SVG is cached under a digest of everything
# drawn (values, labels, colours, title, and this version, bumped when the drawing changes), so
# a dashboard shown again with the same returns, or a report of unchanged data, costs no
# matplotlib time. Ids are made unique again each time a cached chart is used.
CHART_VERSION = 1
CHART_SECONDS = 24 * 60 * 60
_PREFIX_TOKEN = "chartprefixq7z"  # noqa: S105 - a placeholder, not a secret


def _svg(title: str, drawn: tuple, draw: Callable[[], Figure]) -> SafeString:
    """The sanitised SVG of the figure `draw` makes; `drawn` is everything it plots."""
    digest = hashlib.sha256(repr((CHART_VERSION, title, drawn)).encode()).hexdigest()
    key = f"monitoring:chart:{digest}"
    markup = cache.get(key)
    if markup is None:
        with plt.rc_context(_style()):
            figure = draw()
            buffer = io.StringIO()
            figure.savefig(buffer, format="svg", bbox_inches="tight", metadata={"Date": None})
            plt.close(figure)
        markup = sanitise_svg(buffer.getvalue(), title=title, prefix=_PREFIX_TOKEN)
        cache.set(key, markup, CHART_SECONDS)
    prefix = f"chart{next(_counter)}"
    return mark_safe(markup.replace(_PREFIX_TOKEN, prefix))  # noqa: S308 - sanitised when drawn


def _number(value: Decimal | float | None, places: int = 0) -> str:
    if value is None:
        return NO_VALUE
    return f"{value:,.{places}f}"


def kpi_chart(series) -> Chart:
    """A KPI's value to date after each period against its minimum, expected and stretch bands."""
    item = series.item
    name = item.kpi.name
    points = series.points
    labels = [f"P{p.period_number}" for p in points]
    places = 0 if item.kpi.unit == "count" else 1
    x = list(range(len(points)))
    targeted = any(p.expected is not None for p in points)
    lows = [float(p.minimum) if p.minimum is not None else None for p in points]
    mids = [float(p.expected) if p.expected is not None else None for p in points]
    highs = [float(p.stretch) if p.stretch is not None else None for p in points]
    values = [float(p.to_date) if p.to_date is not None else None for p in points]
    colours = [RAG_COLOURS[p.assessment.rag] if p.assessment else GREY for p in points]
    unit = item.kpi.get_unit_display()

    def draw() -> Figure:
        figure, axes = plt.subplots(figsize=(6.4, 3.0))
        if targeted:
            axes.step(
                x, lows, where="mid", color=RED, linestyle="--", linewidth=1.2, label="Minimum"
            )
            axes.step(
                x, mids, where="mid", color=AMBER, linestyle="-.", linewidth=1.2, label="Expected"
            )
            axes.step(
                x, highs, where="mid", color=GREEN, linestyle=":", linewidth=1.6, label="Stretch"
            )
        axes.bar(x, [v or 0 for v in values], color=colours, width=0.55, label="Actual to date")
        axes.set_xticks(x, labels)
        axes.set_ylabel(unit)
        axes.legend(loc="upper left", fontsize=8, frameon=False, ncols=2)
        return figure

    svg = _svg(
        f"{name}: actual against targets",
        ("kpi", labels, targeted, lows, mids, highs, values, colours, unit),
        draw,
    )
    reported = [p for p in points if p.to_date is not None]
    if reported:
        last = reported[-1]
        rating = (
            last.assessment.statutory.label.lower()
            if last.assessment
            else "not rated (no targets yet)"
        )
        description = f"{name}: {_number(last.to_date, places)} to {last.period_label}, {rating}."
    else:
        description = f"{name}: no actuals reported yet."
    rows = [
        [
            p.period_label,
            _number(p.actual, places),
            _number(p.to_date, places),
            _number(p.minimum, places),
            _number(p.expected, places),
            _number(p.stretch, places),
            p.assessment.statutory.label if p.assessment else NO_VALUE,
        ]
        for p in points
    ]
    return Chart(
        title=name,
        description=description,
        svg=svg,
        headers=["Period", "Actual", "To date", "Minimum", "Expected", "Stretch", "Rating"],
        rows=rows,
    )


def spend_chart(spend) -> Chart:
    """Each budget line's budget against spend to date."""
    lines = spend.lines
    y = list(range(len(lines)))
    names = [escape(b.description)[:40] for b, _ in lines]
    budgets = [float(b.amount) for b, _ in lines]
    spent = [float(s or 0) for _, s in lines]

    def draw() -> Figure:
        figure, axes = plt.subplots(figsize=(6.4, 0.5 + 0.45 * max(len(lines), 1)))
        axes.barh(y, budgets, color=LIGHT, edgecolor=GREY, label="Budget")
        axes.barh(y, spent, height=0.4, color=BRAND, label="Spent to date")
        axes.set_yticks(y, names)
        axes.invert_yaxis()
        axes.set_xlabel("£")
        axes.legend(loc="lower right", fontsize=8, frameon=False)
        return figure

    svg = _svg("Spend against budget", ("spend", names, budgets, spent), draw)
    total = spend.spent_total
    description = (
        f"£{_number(total)} spent of a £{_number(spend.budget_total)} budget."
        if total is not None
        else f"No spend reported yet against a £{_number(spend.budget_total)} budget."
    )
    rows = [
        [
            b.description,
            b.get_cost_type_display(),
            f"£{_number(b.amount)}",
            f"£{_number(s)}" if s is not None else NO_VALUE,
        ]
        for b, s in lines
    ]
    return Chart(
        title="Spend against budget",
        description=description,
        svg=svg,
        headers=["Budget line", "Cost type", "Budget", "Spent to date"],
        rows=rows,
    )


def wellbeing_chart(result) -> Chart:
    """Mean score at baseline and follow-up, with the paired change and its 95% CI."""
    definition = result.instrument
    a = result.analysis
    label = definition.score_label
    means = [a.baseline.mean or 0, a.follow_up.mean or 0]
    errors = [a.baseline.sd or 0, a.follow_up.sd or 0]
    ticks = [f"Baseline (n={a.baseline.n})", f"Follow-up (n={a.follow_up.n})"]
    limits = (
        definition.raw_min if definition.is_summed else definition.scale_min,
        definition.raw_max,
    )
    axis_label = f"{definition.short_name} {label} (mean ± SD)"

    def draw() -> Figure:
        figure, axes = plt.subplots(figsize=(6.4, 2.6))
        axes.barh([1, 0], means, xerr=errors, color=[GREY, BLUE], capsize=4, height=0.5)
        axes.set_yticks([1, 0], ticks)
        axes.set_xlim(*limits)
        axes.set_xlabel(axis_label)
        return figure

    svg = _svg(
        f"{definition.short_name} before and after",
        ("wellbeing", means, errors, ticks, limits, axis_label),
        draw,
    )
    description = _wellbeing_sentence(definition.short_name, a)
    rows = [
        ["Baseline", str(a.baseline.n), _number(a.baseline.mean, 2), _number(a.baseline.sd, 2)],
        ["Follow-up", str(a.follow_up.n), _number(a.follow_up.mean, 2), _number(a.follow_up.sd, 2)],
    ]
    return Chart(
        title=f"{definition.short_name} before and after",
        description=description,
        svg=svg,
        headers=["Time point", "Responses", "Mean", "Standard deviation"],
        rows=rows,
    )


def _wellbeing_sentence(name: str, a) -> str:
    if not a.pairs:
        return f"{name}: no participant has both a baseline and a follow-up yet."
    text = f"{name}: mean change {a.mean_change:+.2f} across {a.pairs} paired participants"
    if a.ci_low is not None:
        text += f" (95% confidence interval {a.ci_low:+.2f} to {a.ci_high:+.2f})"
    if a.too_few_pairs:
        text += "; fewer than 30 pairs, so treat with caution"
    return text + "."


def change_by_project_chart(rows: list[tuple[str, object]], instrument) -> Chart:
    """Mean paired change for each project with its 95% CI: which projects moved wellbeing."""
    shown = [
        (name, a) for name, a in rows if a is not None and a.pairs >= 2 and a.ci_low is not None
    ]
    y = list(range(len(shown)))
    bars = [
        (
            a.mean_change,
            a.mean_change - a.ci_low,
            a.ci_high - a.mean_change,
            GREEN if a.ci_low > 0 else (RED if a.ci_high < 0 else AMBER),
        )
        for _, a in shown
    ]
    names = [re.sub(r"\s+", " ", name)[:38] for name, _ in shown]
    meaningful = float(instrument.meaningful_change)
    axis_label = f"Mean change in {instrument.short_name} {instrument.score_label} (95% CI)"

    def draw() -> Figure:
        figure, axes = plt.subplots(figsize=(6.4, 0.7 + 0.42 * max(len(shown), 1)))
        for position, (mean, below, above, colour) in zip(y, bars, strict=True):
            axes.errorbar(mean, position, xerr=[[below], [above]], fmt="o", color=colour, capsize=3)
        axes.axvline(0, color=GREY, linewidth=1)
        axes.axvline(meaningful, color=GREEN, linestyle=":", linewidth=1)
        axes.set_yticks(y, names)
        axes.invert_yaxis()
        axes.set_xlabel(axis_label)
        return figure

    svg = _svg(
        f"Change in {instrument.short_name} by project",
        ("change", bars, names, meaningful, axis_label),
        draw,
    )
    improved = sum(1 for _, a in shown if a.ci_low > 0)
    description = (
        f"{improved} of {len(shown)} projects show a {instrument.short_name} improvement whose 95% "
        "confidence interval is above zero."
    )
    table = [
        [
            name,
            str(a.pairs),
            _number(a.mean_change, 2),
            f"{_number(a.ci_low, 2)} to {_number(a.ci_high, 2)}",
            f"{a.p_value:.3g}" if a.p_value is not None else NO_VALUE,
            f"{a.improved_share:.0%}" if a.improved_share is not None else NO_VALUE,
        ]
        for name, a in shown
    ]
    return Chart(
        title=f"Change in {instrument.short_name} by project",
        description=description,
        svg=svg,
        headers=[
            "Project",
            "Pairs",
            "Mean change",
            "95% CI",
            "p",
            f"Improved by ≥ {instrument.meaningful_change}",
        ],
        rows=table,
    )
