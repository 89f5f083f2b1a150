"""The network's logo in generated PDFs (tickets, order confirmations), drawn from the same SVG
the site header shows (``templates/includes/logo_mark.html``), so the two never drift apart.

The mark is a rounded square, one straight-edged path (the "K") and a dot. Reportlab cannot
read SVG, and the mark needs none of SVG's curves, so this reads those three shapes and draws
them as vectors (sharp at any print size)."""

from __future__ import annotations

import functools
import re

from django.template.loader import get_template

LOGO_TEMPLATE = "includes/logo_mark.html"
SITE_NAME = "Kunnskapskommunen"
SITE_SUBTITLE = "Helse Omsorg Vest"
_NUMBER = r"-?\d+(?:\.\d+)?"


@functools.cache
def logo_shapes() -> dict:
    """The mark's viewBox size, square (corner radius, colour), path points and dot."""
    source = get_template(LOGO_TEMPLATE).template.source
    view_box = float(re.search(r'viewBox="0 0 (\S+) \S+"', source).group(1))
    rect = re.search(r'<rect[^>]*rx="([^"]+)"[^>]*fill="([^"]+)"', source)
    path = re.search(r'<path[^>]*d="([^"]+)"[^>]*fill="([^"]+)"', source)
    circle = re.search(r'<circle[^>]*cx="([^"]+)"[^>]*cy="([^"]+)"[^>]*r="([^"]+)"[^>]*fill="([^"]+)"', source)
    return {
        "size": view_box,
        "square": (float(rect.group(1)), rect.group(2)),
        "path": (_points(path.group(1)), path.group(2)),
        "dot": (float(circle.group(1)), float(circle.group(2)), float(circle.group(3)), circle.group(4)),
    }


def _points(d: str) -> list[tuple[float, float]]:
    """The corners of a closed path written with M, L, H, V (and their relative forms)."""
    points: list[tuple[float, float]] = []
    x = y = 0.0
    for command, args in re.findall(r"([MLHVZmlhvz])([^MLHVZmlhvz]*)", d):
        numbers = [float(n) for n in re.findall(_NUMBER, args)]
        relative = command.islower()
        kind = command.upper()
        if kind == "Z":
            continue
        if kind in "ML":
            for i in range(0, len(numbers), 2):
                dx, dy = numbers[i], numbers[i + 1]
                x, y = (x + dx, y + dy) if relative else (dx, dy)
                points.append((x, y))
        elif kind == "H":
            for n in numbers:
                x = x + n if relative else n
                points.append((x, y))
        elif kind == "V":
            for n in numbers:
                y = y + n if relative else n
                points.append((x, y))
    return points


def draw_logo(pdf, x: float, y: float, size: float, *, with_name: bool = True) -> None:
    """Draw the mark with its lower left corner at (``x``, ``y``), ``size`` points wide, and
    the network's name beside it. SVG's y axis points down, the PDF's up."""
    from reportlab.lib.colors import HexColor

    shapes = logo_shapes()
    scale = size / shapes["size"]

    def at(px, py):
        return x + px * scale, y + size - py * scale

    radius, colour = shapes["square"]
    pdf.saveState()
    pdf.setFillColor(HexColor(colour))
    pdf.roundRect(x, y, size, size, radius * scale, stroke=0, fill=1)
    points, colour = shapes["path"]
    pdf.setFillColor(HexColor(colour))
    path = pdf.beginPath()
    path.moveTo(*at(*points[0]))
    for point in points[1:]:
        path.lineTo(*at(*point))
    path.close()
    pdf.drawPath(path, stroke=0, fill=1)
    cx, cy, r, colour = shapes["dot"]
    pdf.setFillColor(HexColor(colour))
    pdf.circle(*at(cx, cy), r * scale, stroke=0, fill=1)
    if with_name:
        pdf.setFillColor(HexColor(shapes["square"][1]))
        pdf.setFont("Helvetica-Bold", size * 0.4)
        pdf.drawString(x + size * 1.25, y + size * 0.52, SITE_NAME)
        pdf.setFont("Helvetica", size * 0.3)
        pdf.drawString(x + size * 1.25, y + size * 0.12, SITE_SUBTITLE)
    pdf.restoreState()
