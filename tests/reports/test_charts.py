"""Report charts: plain SVG that WeasyPrint draws quickly, with the data drawn to scale and
labels that are text, never markup."""

from __future__ import annotations

from xml.etree import ElementTree as ET

import pytest

from reports.charts import Chart, IntervalChart, Series, TargetChart, chart_draw
from reports.pdf import pdf_render

NS = {"svg": "http://www.w3.org/2000/svg"}
PLAIN_TAGS = {"svg", "rect", "line", "path", "circle", "text"}


def _root(chart) -> ET.Element:
    return ET.fromstring(chart.svg)  # noqa: S314 - our own output


def _tags(root: ET.Element) -> set[str]:
    return {element.tag.split("}")[-1] for element in root.iter()}


def _texts(root: ET.Element) -> list[str]:
    return [element.text or "" for element in root.iterfind(".//svg:text", NS)]


def _bars(root: ET.Element, colour: str) -> list[ET.Element]:
    return [r for r in root.iterfind(".//svg:rect", NS) if r.get("fill") == colour]


def test_bar_chart_draws_each_value_to_scale_with_labels_and_a_legend():
    chart = chart_draw(
        Chart(
            key="bids",
            title="Bids per theme",
            caption="",
            categories=["Dementia", "Lung conditions"],
            series=[Series("Received", [10, 20]), Series("Funded", [5, 0])],
            value_label="Bids",
        ),
        number=3,
    )
    root = _root(chart)
    assert chart.number == 3
    assert _tags(root) <= PLAIN_TAGS
    assert root.get("viewBox")
    received = [float(r.get("width")) for r in _bars(root, "#651b3e")]
    funded = [float(r.get("width")) for r in _bars(root, "#b3607f")]
    assert received[1] == pytest.approx(2 * received[0], rel=0.02)
    assert funded[0] == pytest.approx(received[0] / 2, rel=0.05)
    assert funded[1] == 0
    texts = _texts(root)
    for expected in ("Dementia", "Lung conditions", "Bids", "Received", "Funded", "10", "20"):
        assert expected in texts
    # Round ticks from zero past the largest value.
    assert "0" in texts
    assert "20" in texts


def test_single_series_bar_chart_has_no_legend():
    chart = chart_draw(
        Chart(key="a", title="", caption="", categories=["A"], series=[Series("People", [4])]),
        number=1,
    )
    assert "People" not in _texts(_root(chart))


def test_labels_people_typed_are_text_not_markup():
    label = '<script>alert(1)</script> & <image href="file:///etc/passwd"/>'
    chart = chart_draw(
        Chart(key="x", title="", caption="", categories=[label], series=[Series("", [1])]),
        number=1,
    )
    root = _root(chart)
    assert label in _texts(root)
    assert _tags(root) <= PLAIN_TAGS
    assert "<script>" not in chart.svg


def test_target_chart_marks_every_target_and_keeps_value_labels_clear_of_them():
    chart = chart_draw(
        TargetChart(
            key="kpi",
            title="Participants engaged",
            caption="",
            categories=["Quarter 1", "Quarter 2"],
            actuals=[40, None],
            minimum=[30, 60],
            expected=[50, 80],
            stretch=[70, None],
            value_label="Count",
        ),
        number=1,
    )
    root = _root(chart)
    assert _tags(root) <= PLAIN_TAGS
    # One actual bar (the second quarter is not reported) besides the legend's swatch; two
    # minimum marks and the legend's.
    assert len([r for r in _bars(root, "#651b3e") if float(r.get("height")) > 8]) == 1
    assert len([r for r in _bars(root, "#f47738") if r.get("width") == "2"]) == 2 + 1
    diamonds = [p for p in root.iterfind(".//svg:path", NS) if p.get("fill") == "#0b0c0c"]
    triangles = [p for p in root.iterfind(".//svg:path", NS) if p.get("fill") == "#6f777b"]
    assert len(diamonds) == 2 + 1  # two rows and the legend
    assert len(triangles) == 1 + 1
    texts = {t.text: t for t in root.iterfind(".//svg:text", NS)}
    assert "not reported" in texts
    for legend in ("Minimum", "Expected", "Stretch", "Actual"):
        assert legend in texts
    # The first quarter's label "40" starts right of its stretch mark (70), not over it.
    stretch_x = float(triangles[0].get("d").split()[0].removeprefix("M"))
    assert float(texts["40"].get("x")) > stretch_x


def test_interval_chart_draws_zero_the_meaningful_change_and_each_interval():
    chart = chart_draw(
        IntervalChart(
            key="swemwbs",
            title="Wellbeing change",
            caption="",
            categories=["Dementia", "Lung conditions"],
            means=[1.5, -0.5],
            lows=[0.5, -2.0],
            highs=[2.5, 1.0],
            counts=[12, 30],
            meaningful_change=1,
            value_label="Change in score",
        ),
        number=2,
    )
    root = _root(chart)
    assert _tags(root) <= PLAIN_TAGS
    texts = _texts(root)
    assert "Dementia (n=12)" in texts
    assert "Lung conditions (n=30)" in texts
    assert "Meaningful change (1)" in texts
    dashed = [line for line in root.iterfind(".//svg:line", NS) if line.get("stroke-dasharray")]
    assert len(dashed) == 2  # the line across the chart and its legend key
    means = list(root.iterfind(".//svg:circle", NS))
    assert len(means) == 2 + 1
    # The first mean (1.5) is right of the second (-0.5).
    assert float(means[0].get("cx")) > float(means[1].get("cx"))


def test_a_long_list_stays_within_a_page_with_smaller_text():
    chart = chart_draw(
        Chart(
            key="many",
            title="",
            caption="",
            categories=[f"Project {i}" for i in range(40)],
            series=[Series("", [float(i) for i in range(40)])],
        ),
        number=1,
    )
    root = _root(chart)
    assert float(root.get("height").removesuffix("pt")) <= 8.5 * 72
    assert root.get("font-size") == "7"


@pytest.mark.django_db
def test_weasyprint_draws_the_chart_in_a_pdf():
    chart = chart_draw(
        Chart(key="p", title="t", caption="", categories=["A", "B"], series=[Series("", [1, 2])]),
        number=1,
    )
    html = f'<html><body><img src="{chart.data_uri}" alt="{chart.description}"></body></html>'
    rendered = pdf_render(html)
    assert rendered.pages == 1
    assert rendered.refused == []
    assert b"/Subtype /Image" not in rendered.content  # vector, not a bitmap
