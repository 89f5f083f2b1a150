"""The certificate of attendance (kursbevis): programme hours from the edition's sessions and
the one-page PDF with the verification address."""

import datetime
import decimal
import io

from django.urls import reverse
from django.utils import formats, timezone, translation
from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.pdfgen import canvas

from cms.core.outbox import absolute_url
from conference.programme.models import Session

NETWORK_NAME = "Kunnskapskommunen Helse Omsorg Vest"


def programme_hours(edition) -> decimal.Decimal:
    """Hours of programme: the union of the edition's sessions (parallel sessions count once,
    breaks not at all), to the nearest half hour."""
    intervals = sorted(
        (s.starts_at(), s.ends_at())
        for s in Session.objects.filter(edition=edition).exclude(kind=Session.Kind.BREAK).select_related("edition")
        if s.end_time > s.start_time
    )
    total = datetime.timedelta()
    current_start = current_end = None
    for start, end in intervals:
        if current_end is None or start > current_end:
            if current_end is not None:
                total += current_end - current_start
            current_start, current_end = start, end
        else:
            current_end = max(current_end, end)
    if current_end is not None:
        total += current_end - current_start
    halves = round(total.total_seconds() / 1800)
    return decimal.Decimal(halves) / 2


def verification_url(certificate) -> str:
    return absolute_url(reverse("registration:verify_certificate", args=[certificate.code]))


def hours_text(hours) -> str:
    return formats.number_format(hours, decimal_pos=1 if hours % 1 else 0)


def certificate_pdf(certificate) -> bytes:
    registration = certificate.registration
    edition = registration.edition
    with translation.override("nb"):
        first = formats.date_format(edition.start_date, "j. F Y")
        last = edition.end_date and edition.end_date != edition.start_date
        when = f"{first} – {formats.date_format(edition.end_date, 'j. F Y')}" if last else first
        issued = formats.date_format(timezone.localtime(certificate.issued_at), "j. F Y")
        hours = hours_text(certificate.hours)
    buffer = io.BytesIO()
    pdf = canvas.Canvas(buffer, pagesize=A4)
    pdf.setTitle(f"Kursbevis – {edition.title}")
    pdf.setAuthor(NETWORK_NAME)
    width, height = A4
    pdf.setFont("Helvetica-Bold", 26)
    pdf.drawCentredString(width / 2, height - 45 * mm, "Kursbevis")
    pdf.setFont("Helvetica", 13)
    pdf.drawCentredString(width / 2, height - 62 * mm, "Dette bekrefter at")
    pdf.setFont("Helvetica-Bold", 20)
    pdf.drawCentredString(width / 2, height - 76 * mm, certificate.name[:60])
    pdf.setFont("Helvetica", 13)
    lines = [
        "har deltatt på",
        str(edition.title)[:80],
        when + (f", {edition.venue_name}" if edition.venue_name else ""),
        (edition.venue_address or "")[:90],
        "",
        f"Faglig program: {hours} timer",
    ]
    y = height - 92 * mm
    for line in lines:
        if line:
            pdf.drawCentredString(width / 2, y, line)
        y -= 9 * mm
    y -= 20 * mm
    pdf.line(width / 2 - 45 * mm, y, width / 2 + 45 * mm, y)
    pdf.setFont("Helvetica", 11)
    pdf.drawCentredString(width / 2, y - 6 * mm, f"For {NETWORK_NAME}")
    pdf.drawCentredString(width / 2, y - 12 * mm, f"Bergen, {issued}")
    pdf.setFont("Helvetica", 9)
    pdf.drawString(20 * mm, 25 * mm, "Kontroller at kursbeviset er ekte:")
    pdf.drawString(20 * mm, 20 * mm, verification_url(certificate)[:120])
    pdf.showPage()
    pdf.save()
    return buffer.getvalue()
