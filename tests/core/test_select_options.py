"""Selects draw their options in Python (core.templatetags.govuk.govuk_select_options) and must
give exactly the markup Django's own per-option templates give."""

import re

import pytest
from django import forms
from django.forms.renderers import DjangoTemplates

from commissioning.models import Area
from tenders.forms import OpportunityFilterForm


class _Form(forms.Form):
    plain = forms.ChoiceField(
        choices=[("", "Any"), ("a", "Arts & <crafts>"), ("b", 'Say "hello"')], required=False
    )
    grouped = forms.ChoiceField(
        choices=[("Kent", [("k1", "Thanet"), ("k2", "Dover")]), ("g1", "Stroud")],
        required=False,
    )
    many = forms.MultipleChoiceField(
        choices=[("1", "One"), ("2", "Two"), ("3", "Three")],
        required=False,
        widget=forms.SelectMultiple(attrs={"data-x": "y"}),
    )


class _CustomOption(forms.Select):
    option_template_name = "tests/core/custom_option.html"


def _normalised(html: str) -> str:
    return re.sub(r"\s+", " ", str(html)).replace("> <", "><").strip()


@pytest.mark.parametrize(
    "data", [{}, {"plain": "a", "grouped": "k2", "many": ["1", "3"]}, {"plain": "<x>"}]
)
def test_options_match_djangos_own_templates(data):
    form = _Form(data or None)
    for name in ("plain", "grouped", "many"):
        widget = form.fields[name].widget
        value = form[name].value()
        ours = widget.render(name, value, attrs={"id": f"id_{name}"})
        stock = widget.render(name, value, attrs={"id": f"id_{name}"}, renderer=DjangoTemplates())
        assert _normalised(ours) == _normalised(stock)
    selected = _Form({"plain": "a", "grouped": "k2"})["grouped"].as_widget()
    assert '<optgroup label="Kent">' in selected
    assert '<option value="k2" selected>Dover</option>' in selected


def test_labels_and_values_are_escaped():
    html = _Form()["plain"].as_widget()
    assert "Arts &amp; &lt;crafts&gt;" in html
    assert "<crafts>" not in html
    assert "Say &quot;hello&quot;" in html


@pytest.mark.django_db
def test_a_model_choice_select_names_each_area_once_and_keeps_the_choice():
    chosen = Area.objects.order_by("name").last()
    html = OpportunityFilterForm({"area": str(chosen.pk)})["area"].as_widget()
    assert html.count("<option") == Area.objects.count() + 1  # and "Anywhere"
    assert f'<option value="{chosen.pk}" selected>' in html


def test_a_widget_with_its_own_option_template_keeps_it(tmp_path, settings):
    (tmp_path / "tests" / "core").mkdir(parents=True)
    (tmp_path / "tests" / "core" / "custom_option.html").write_text(
        '<option data-custom="1" value="{{ widget.value }}">{{ widget.label }}</option>'
    )
    settings.TEMPLATES = [
        {**settings.TEMPLATES[0], "DIRS": [tmp_path, *settings.TEMPLATES[0]["DIRS"]]}
    ]
    from django.forms import renderers  # noqa: PLC0415

    renderers.get_default_renderer.cache_clear()
    try:
        html = _CustomOption(choices=[("a", "A")]).render("c", "a")
    finally:
        renderers.get_default_renderer.cache_clear()
    assert '<option data-custom="1" value="a">A</option>' in html
