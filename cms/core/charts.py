"""Horizontal bar charts drawn on the server as inline SVG, for statistics pages (inquiries,
registration feedback, the award, reports). No JavaScript and no chart library: a chart is a
few rectangles and text, and a template can print it where the page needs it.

What every chart does, so each page need not remember it (WCAG 2.1 AA):
- it is a ``<figure>`` with a ``<figcaption>``; the SVG has ``role="img"`` and is named by its
  ``<title>`` and described by a ``<desc>`` with a short summary (highest and lowest value);
- every bar has its value printed as text next to it, and in a grouped chart the series name
  too, so nothing is told by colour alone (1.4.1); the bar colours are Designsystemet tokens
  with at least 3:1 contrast against the page (1.4.11), set by CSS with the light theme's
  values as fallback attributes;
- it scales with its container (a ``viewBox`` and no fixed width), so it fits a 320 px screen;
- no data gives a sentence saying so rather than an empty drawing.
The numbers themselves belong in a table next to the chart: the chart helps, the table is the
text equivalent.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence

from django.template.loader import render_to_string
from django.utils.formats import number_format
from django.utils.safestring import SafeString
from django.utils.text import slugify
from django.utils.translation import gettext as _

# Light-theme values of the Designsystemet tokens the CSS uses (static/css/charts.css); each
# has at least 3:1 contrast against white. Series beyond the palette reuse it in order.
PALETTE = (
    ("accent", "#0062ba"),  # --ds-color-accent-base-default
    ("brand1", "#0d7a5f"),  # --ds-color-brand1-base-default
    ("brand2", "#5b3fa0"),  # --ds-color-brand2-base-default
    ("neutral", "#24272b"),  # --ds-color-neutral-base-default
)
AXIS_COLOUR = "#77797b"  # --ds-color-neutral-border-default

WIDTH = 400  # viewBox units; the chart is scaled to its container
FONT_SIZE = 15
BAR_HEIGHT = 18
BAR_GAP = 4
GROUP_GAP = 14
LABEL_GAP = 6
CHAR_WIDTH = 0.6 * FONT_SIZE  # a generous estimate of one character's width
MAX_LABEL_CHARS = int(WIDTH / CHAR_WIDTH) - 1


def format_value(value: float | None, unit: str = "") -> str:
    """``12``, ``2,5`` (the active language's decimal mark), ``67 %``; ``–`` for no value."""
    if value is None:
        return "–"
    whole = float(value).is_integer()
    text = number_format(int(value)) if whole else number_format(round(value, 1), decimal_pos=1)
    return f"{text}\u00a0{unit}" if unit else text


def _shorten(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


@dataclasses.dataclass(frozen=True)
class Series:
    """One set of values, one per label of the chart (``None`` where there is no value)."""

    name: str
    values: Sequence[float | None]


@dataclasses.dataclass
class BarChart:
    """Horizontal bars: one row per label, one bar per series in each row (a grouped chart
    when there is more than one series). ``key`` makes the element ids unique on the page;
    ``maximum`` fixes the scale (100 for percentages), otherwise the largest value fills it."""

    key: str
    title: str
    labels: Sequence[str]
    series: Sequence[Series]
    unit: str = ""
    maximum: float | None = None
    summary: str = ""

    @classmethod
    def from_pairs(cls, key: str, title: str, pairs, *, name: str = "", **kwargs) -> BarChart:
        """A chart of one series from ``(label, value)`` pairs, e.g. a table's first two columns."""
        pairs = list(pairs)
        return cls(key, title, [str(label) for label, _ in pairs], [Series(name, [v for _, v in pairs])], **kwargs)

    def __post_init__(self):
        for series in self.series:
            if len(series.values) != len(self.labels):
                raise ValueError(
                    f"series {series.name!r} has {len(series.values)} values for {len(self.labels)} labels"
                )

    @property
    def element_id(self) -> str:
        return "chart-" + (slugify(self.key) or "x")

    @property
    def grouped(self) -> bool:
        return len(self.series) > 1

    @property
    def is_empty(self) -> bool:
        """Nothing to draw: no labels, or no value above zero (e.g. a question nobody answered)."""
        return not any(v for s in self.series for v in s.values)

    def _scale_max(self) -> float:
        largest = max((v for s in self.series for v in s.values if v is not None), default=0)
        return max(self.maximum or 0, largest) or 1

    def _value_text(self, series: Series, value) -> str:
        text = format_value(value, self.unit)
        return f"{series.name}: {text}" if self.grouped else text

    def description(self) -> str:
        """The SVG's ``<desc>``: the given summary, or the highest and lowest value of each series."""
        if self.summary:
            return self.summary
        parts = []
        for series in self.series:
            known = [(v, label) for label, v in zip(self.labels, series.values, strict=True) if v is not None]
            if not known:
                continue
            top_value, top = max(known, key=lambda pair: pair[0])
            low_value, low = min(known, key=lambda pair: pair[0])
            prefix = f"{series.name}: " if self.grouped else ""
            if len(known) == 1 or top_value == low_value:
                parts.append(
                    prefix + _("%(label)s: %(value)s.") % {"label": top, "value": format_value(top_value, self.unit)}
                )
            else:
                parts.append(
                    prefix
                    + _("Highest %(top)s (%(top_value)s), lowest %(low)s (%(low_value)s).")
                    % {
                        "top": top,
                        "top_value": format_value(top_value, self.unit),
                        "low": low,
                        "low_value": format_value(low_value, self.unit),
                    }
                )
        return " ".join(parts)

    def layout(self) -> dict:
        """Positions of the legend, labels, bars and value texts in viewBox units."""
        y = 0
        legend = []
        if self.grouped:
            for index, series in enumerate(self.series):
                legend.append({"name": series.name, "y": y, "text_y": y + FONT_SIZE - 2, **self._colour(index)})
                y += FONT_SIZE + BAR_GAP + 2
            y += GROUP_GAP - BAR_GAP
        texts = [self._value_text(s, v) for s in self.series for v in s.values]
        text_room = min(WIDTH * 0.6, max(map(len, texts), default=1) * CHAR_WIDTH + LABEL_GAP)
        bar_room = WIDTH - text_room
        scale_max = self._scale_max()
        rows = []
        for row, label in enumerate(self.labels):
            top = y
            y += FONT_SIZE + 2
            label_y = y - 3
            bars = []
            for index, series in enumerate(self.series):
                value = series.values[row]
                length = 0 if value is None else max(0.0, value) / scale_max * bar_room
                bars.append(
                    {
                        "y": y,
                        "width": round(length, 2),
                        "text_x": round(length + LABEL_GAP, 2),
                        "text_y": y + BAR_HEIGHT - 4,
                        "text": self._value_text(series, value),
                        **self._colour(index),
                    }
                )
                y += BAR_HEIGHT + BAR_GAP
            rows.append(
                {
                    "label": _shorten(str(label), MAX_LABEL_CHARS),
                    "full_label": str(label),
                    "label_y": label_y,
                    "top": top,
                    "bars": bars,
                }
            )
            y += GROUP_GAP - BAR_GAP
        height = y - GROUP_GAP + BAR_GAP
        return {"width": WIDTH, "height": max(height, 1), "legend": legend, "rows": rows, "axis_y2": height}

    @staticmethod
    def _colour(index: int) -> dict:
        name, fill = PALETTE[index % len(PALETTE)]
        return {"colour": name, "fill": fill}

    def render(self) -> SafeString:
        context = {"chart": self, "font_size": FONT_SIZE, "bar_height": BAR_HEIGHT, "axis_colour": AXIS_COLOUR}
        if not self.is_empty:
            context["layout"] = self.layout()
            context["description"] = self.description()
        return SafeString(render_to_string("components/bar_chart.html", context))

    def __html__(self) -> str:
        return self.render()

    def __str__(self) -> str:
        return self.render()
