"""Dashboard charts: safe inline SVG, drawn once per distinct picture."""

from __future__ import annotations

import re
from decimal import Decimal
from types import SimpleNamespace

import pytest

from monitoring import charts


def _spend(*amounts: tuple[str, str, str | None]):
    lines = [
        (
            SimpleNamespace(
                description=description,
                amount=Decimal(amount),
                get_cost_type_display=lambda: "Delivery",
            ),
            Decimal(spent) if spent is not None else None,
        )
        for description, amount, spent in amounts
    ]
    return SimpleNamespace(
        lines=lines,
        budget_total=sum(b.amount for b, _ in lines),
        spent_total=sum((s for _, s in lines if s is not None), Decimal(0)),
    )


@pytest.fixture
def drawings(monkeypatch):
    """How many times matplotlib actually drew a chart."""
    drawn = []
    original = charts.sanitise_svg

    def counting(markup, **kwargs):
        drawn.append(kwargs["title"])
        return original(markup, **kwargs)

    monkeypatch.setattr(charts, "sanitise_svg", counting)
    return drawn


def _ids(svg: str) -> set[str]:
    return set(re.findall(r'\bid="([^"]+)"', svg))


def test_the_same_picture_is_drawn_once_and_each_use_has_its_own_ids(drawings):
    spend = _spend(("Artists' fees", "9000", "4500"), ("Venue hire", "1200", None))

    first = charts.spend_chart(spend)
    second = charts.spend_chart(spend)

    assert drawings == ["Spend against budget"]
    assert first.svg != second.svg  # the same drawing, with different ids
    assert _ids(first.svg)
    assert not _ids(first.svg) & _ids(second.svg)
    title_id = re.search(r'aria-labelledby="([^"]+)"', second.svg).group(1)
    assert f'id="{title_id}"' in second.svg
    assert charts._PREFIX_TOKEN not in first.svg + second.svg


def test_different_data_is_drawn_again(drawings):
    before = charts.spend_chart(_spend(("Artists' fees", "9000", "4500")))
    after = charts.spend_chart(_spend(("Artists' fees", "9000", "6000")))

    assert len(drawings) == 2
    assert before.description != after.description
    assert re.sub(r"chart\d+", "", before.svg) != re.sub(r"chart\d+", "", after.svg)


def test_a_cached_chart_is_still_safe_inline_svg(drawings):
    spend = _spend(("<script>alert(1)</script>", "100", "50"))

    charts.spend_chart(spend)
    chart = charts.spend_chart(spend)

    assert len(drawings) == 1
    assert "<script" not in chart.svg
    assert "style=" not in chart.svg
    assert 'role="img"' in chart.svg
    assert "<title" in chart.svg
