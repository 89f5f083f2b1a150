"""Name badges for the door: a PDF with eight 90 × 55 mm badges per A4 page, one per confirmed
registration, sorted by last name so they can be laid out alphabetically.

A badge shows the name and the organisation, nothing about the registration itself: not the
payment method and not the ticket type (ticket types are often named after how they are paid,
"Faktura", and a badge is read by everyone in the room)."""

from __future__ import annotations

import io

from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen import canvas

from .models import Registration

BADGE_WIDTH = 90 * mm
BADGE_HEIGHT = 55 * mm
COLUMNS = 2
ROWS = 4
PER_PAGE = COLUMNS * ROWS


def _fit(text: str, font: str, size: float, width: float, minimum: float = 9) -> float:
    """The largest font size up to ``size`` at which ``text`` fits ``width``."""
    while size > minimum and stringWidth(text, font, size) > width:
        size -= 1
    return size


def _clip(text: str, font: str, size: float, width: float) -> str:
    while text and stringWidth(text, font, size) > width:
        text = text[:-1]
    return text


def badge_registrations(edition):
    return (
        Registration.objects.filter(edition=edition, state=Registration.State.CONFIRMED)
        .select_related("municipality")
        .order_by("last_name", "first_name", "pk")
    )


def badges_pdf(edition, registrations=None) -> bytes:
    registrations = list(badge_registrations(edition) if registrations is None else registrations)
    buffer = io.BytesIO()
    pdf = canvas.Canvas(buffer, pagesize=A4)
    pdf.setTitle(f"Navneskilt – {edition.title}")
    pdf.setAuthor("Kunnskapskommunen Helse Omsorg Vest")
    page_width, page_height = A4
    margin_x = (page_width - COLUMNS * BADGE_WIDTH) / 2
    margin_y = (page_height - ROWS * BADGE_HEIGHT) / 2
    inner = BADGE_WIDTH - 12 * mm
    if not registrations:
        pdf.setFont("Helvetica", 12)
        pdf.drawString(25 * mm, page_height - 30 * mm, "Ingen bekreftede påmeldinger.")
        pdf.showPage()
    for index, registration in enumerate(registrations):
        slot = index % PER_PAGE
        if index and slot == 0:
            pdf.showPage()
        column, row = slot % COLUMNS, slot // COLUMNS
        x = margin_x + column * BADGE_WIDTH
        y = page_height - margin_y - (row + 1) * BADGE_HEIGHT
        # Cutting guide
        pdf.setStrokeGray(0.75)
        pdf.setLineWidth(0.3)
        pdf.rect(x, y, BADGE_WIDTH, BADGE_HEIGHT)
        pdf.setFillGray(0.35)
        pdf.setFont("Helvetica", 8)
        pdf.drawString(x + 6 * mm, y + BADGE_HEIGHT - 9 * mm, _clip(str(edition.title), "Helvetica", 8, inner))
        pdf.setFillGray(0)
        first = registration.first_name.strip()
        last = registration.last_name.strip()
        size = _fit(first, "Helvetica-Bold", 24, inner)
        pdf.setFont("Helvetica-Bold", size)
        pdf.drawString(x + 6 * mm, y + 30 * mm, _clip(first, "Helvetica-Bold", size, inner))
        size = _fit(last, "Helvetica", 16, inner)
        pdf.setFont("Helvetica", size)
        pdf.drawString(x + 6 * mm, y + 22 * mm, _clip(last, "Helvetica", size, inner))
        organisation = registration.organisation or registration.municipality_display()
        if organisation:
            pdf.setFont("Helvetica", 10)
            pdf.drawString(x + 6 * mm, y + 12 * mm, _clip(organisation, "Helvetica", 10, inner))
    if registrations:
        pdf.showPage()
    pdf.save()
    return buffer.getvalue()
