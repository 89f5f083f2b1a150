"""The bar-chart helper: bars proportional to the values, every value printed as text, an
accessible name and summary, escaped labels, a clear sentence for no data, and colours with
enough contrast against the page."""

import re
from pathlib import Path

import pytest
from django.conf import settings
from django.test.html import parse_html
from django.utils import translation

from cms.core.charts import PALETTE, BarChart, Series, format_value


@pytest.fixture(autouse=True)
def _bokmal():
    with translation.override("nb"):
        yield


def bar_widths(html: str) -> list[float]:
    return [float(w) for w in re.findall(r'<rect class="kk-chart__bar [^"]*" x="0" y="[\d.]+" width="([\d.]+)"', html)]


def texts(html: str, css_class: str) -> list[str]:
    return re.findall(rf'<text class="{css_class}"[^>]*>([^<]*)', html)


def test_bars_are_proportional_to_the_values_and_every_value_is_printed():
    chart = BarChart.from_pairs("kommuner", "Henvendelser per kommune", [("Bergen", 12), ("Askøy", 6), ("Alver", 3)])
    html = chart.render()
    bergen, askoy, alver = bar_widths(html)
    assert bergen / askoy == pytest.approx(2) and bergen / alver == pytest.approx(4)
    assert texts(html, "kk-chart__label") == ["Bergen", "Askøy", "Alver"]
    assert texts(html, "kk-chart__value") == ["12", "6", "3"]
    # The value sits just after the end of its bar, never on top of a longer one.
    first_value_x = float(re.search(r'<text class="kk-chart__value" x="([\d.]+)"', html).group(1))
    assert first_value_x > bergen


def test_the_svg_is_a_named_and_described_image_in_a_figure_with_a_caption():
    html = BarChart.from_pairs("roller", "Henvendelser per rolle", [("Forsker", 4), ("Masterstudent", 9)]).render()
    dom = parse_html(html)
    assert dom.count(parse_html("<figcaption class='kk-chart__caption'>Henvendelser per rolle</figcaption>")) == 1
    assert 'role="img"' in html and 'aria-labelledby="chart-roller-title chart-roller-desc"' in html
    assert '<title id="chart-roller-title">Henvendelser per rolle</title>' in html
    assert '<desc id="chart-roller-desc">Høyest Masterstudent (9), lavest Forsker (4).</desc>' in html, (
        "the summary names the highest and the lowest value"
    )
    assert 'viewBox="0 0 400 ' in html and 'width="100%"' in html  # scales to its container
    assert not re.search(r'<svg[^>]* height="', html)  # no fixed height: it keeps its proportions


def test_a_fixed_maximum_scales_percentages_against_100():
    html = BarChart.from_pairs("andel", "Andel godtatt", [("2025", 50), ("2026", 100)], unit="%", maximum=100).render()
    half, full = bar_widths(html)
    assert full / half == pytest.approx(2)
    assert texts(html, "kk-chart__value") == ["50\u00a0%", "100\u00a0%"]


def test_grouped_bars_carry_the_series_name_in_text_and_a_legend():
    chart = BarChart(
        "aar",
        "Henvendelser per år",
        ["2025", "2026"],
        [Series("Godtatt", [6, 3]), Series("Avslått", [2, None])],
    )
    html = chart.render()
    assert texts(html, "kk-chart__value") == ["Godtatt: 6", "Avslått: 2", "Godtatt: 3", "Avslått: –"]
    assert ">Godtatt</text>" in html and ">Avslått</text>" in html  # the legend
    widths = bar_widths(html)
    assert len(widths) == 2 + 3  # two legend swatches, three bars: no bar for a missing value
    assert "kk-chart__bar--accent" in html and "kk-chart__bar--brand1" in html
    assert "Godtatt: Høyest 2025 (6), lavest 2026 (3). Avslått: 2025: 2." in html


@pytest.mark.parametrize(
    "pairs", [[], [("Bergen", None)], [("Bergen", 0), ("Askøy", 0)]], ids=["no-labels", "no-values", "all-zero"]
)
def test_no_data_gives_a_sentence_not_an_empty_drawing(pairs):
    html = BarChart.from_pairs("tom", "Henvendelser per kommune", pairs).render()
    assert "<svg" not in html
    assert "Ingen data å vise i diagrammet ennå." in html
    assert "<figcaption" in html and "Henvendelser per kommune" in html


def test_labels_titles_and_series_names_are_escaped():
    nasty = 'Bergen <script>alert("x")</script> & Co'
    html = BarChart("farlig", f"Tittel {nasty}", [nasty], [Series('<b>"serie"</b>', [3]), Series("To", [1])]).render()
    assert "<script>" not in html and "<b>" not in html
    assert "Bergen &lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; Co" in html
    assert "&lt;b&gt;&quot;serie&quot;&lt;/b&gt;: 3" in html
    parse_html(html)  # still well-formed


def test_long_labels_are_shortened_on_the_chart_with_the_full_label_kept():
    label = "Etat for psykisk helse og rusarbeid i Bergen kommune, avdeling nord"
    html = BarChart.from_pairs("lang", "Lange navn", [(label, 2)]).render()
    shown = texts(html, "kk-chart__label")[0]
    assert shown.endswith("…") and len(shown) < len(label)
    assert f"<title>{label}</title>" in html


def test_values_use_the_language_decimal_mark():
    assert format_value(2.5) == "2,5" and format_value(4.0) == "4" and format_value(None) == "–"
    with translation.override("en"):
        assert format_value(2.5) == "2.5"


def test_series_of_the_wrong_length_are_refused():
    with pytest.raises(ValueError):
        BarChart("feil", "Feil", ["A", "B"], [Series("S", [1])])


def relative_luminance(hex_colour: str) -> float:
    channels = [int(hex_colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
    r, g, b = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


@pytest.mark.parametrize(("name", "fill"), PALETTE)
def test_bar_colours_have_3_to_1_contrast_against_white_and_follow_the_tokens(name, fill):
    contrast = (1 + 0.05) / (relative_luminance(fill) + 0.05)
    assert contrast >= 3, f"{name} {fill} has {contrast:.2f}:1"
    css = (Path(settings.BASE_DIR) / "static" / "css" / "charts.css").read_text()
    assert re.search(rf"\.kk-chart__bar--{name} {{ fill: var\(--ds-color-{name}-base-default, {fill}\); }}", css)
