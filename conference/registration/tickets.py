"""Documents for attendees: the PDF ticket with a QR code, the card receipt, the order
confirmation of an invoice registration and the .ics file. The PDFs carry the network's logo
and are written in bokmål whatever the request's language (like the e-mails they go with)."""

import io

import qrcode
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from icalendar import Calendar, Event
from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.lib.utils import ImageReader
from reportlab.pdfgen import canvas

from cms.core import times
from cms.core.logo import draw_logo

from .models import RegistrationSettings, format_nok
from .pricing import invoice_recipient_lines, price_summary

LOGO_SIZE = 14 * mm


def _qr_image(data: str) -> ImageReader:
    img = qrcode.make(data, box_size=8, border=2)
    buffer = io.BytesIO()
    img.save(buffer, format="PNG")
    buffer.seek(0)
    return ImageReader(buffer)


def _when(edition) -> str:
    """ "5. september 2030 kl. 08.30–15.30" (``cms.core.times``, the site's one time style)."""
    return times.span(edition.starts_at(), edition.ends_at())


def _where(edition) -> str:
    return ", ".join(p for p in [edition.venue_name, edition.venue_address] if p)


def _header(pdf) -> float:
    """The logo and the network's name at the top of a page; returns the y below it."""
    width, height = A4
    draw_logo(pdf, 25 * mm, height - 20 * mm - LOGO_SIZE, LOGO_SIZE)
    return height - 20 * mm - LOGO_SIZE - 6 * mm


def ticket_pdf(registration) -> bytes:
    """A one-page ticket. The QR code holds a signed check-in token, not personal data."""
    with translation.override("nb"):
        return _ticket_pdf(registration)


def _ticket_pdf(registration) -> bytes:
    edition = registration.edition
    buffer = io.BytesIO()
    pdf = canvas.Canvas(buffer, pagesize=A4)
    pdf.setTitle(f"Billett {registration.reference}")
    pdf.setAuthor("Kunnskapskommunen Helse Omsorg Vest")
    y = _header(pdf) - 8 * mm
    pdf.setFont("Helvetica-Bold", 18)
    pdf.drawString(25 * mm, y, str(edition.title)[:70])
    pdf.setFont("Helvetica", 12)
    lines = [
        _when(edition),
        _where(edition),
        "",
        f"Deltaker: {registration.full_name}"[:90],
        f"Organisasjon: {registration.organisation}"[:90] if registration.organisation else "",
        f"Billett: {registration.ticket_type.name}"[:90],
        "Tillegg: " + ", ".join(a.name for a in registration.add_ons.all()) if registration.add_ons.exists() else "",
        f"Referanse: {registration.reference}",
    ]
    for line in lines:
        y -= 8 * mm
        if line:
            pdf.drawString(25 * mm, y, line)
    size = 60 * mm
    pdf.drawImage(_qr_image(registration.checkin_token()), 25 * mm, y - size - 10 * mm, size, size)
    pdf.setFont("Helvetica", 10)
    pdf.drawString(25 * mm, y - size - 16 * mm, "Vis QR-koden i døra ved registreringen.")
    pdf.showPage()
    pdf.save()
    return buffer.getvalue()


def receipt_pdf(registration, payment) -> bytes:
    """Receipt for a card payment, with the VAT note."""
    reg_settings = RegistrationSettings.for_edition(registration.edition)
    buffer = io.BytesIO()
    pdf = canvas.Canvas(buffer, pagesize=A4)
    pdf.setTitle(f"Kvittering {registration.reference}")
    pdf.setAuthor("Kunnskapskommunen Helse Omsorg Vest")
    y = _header(pdf) - 8 * mm
    pdf.setFont("Helvetica-Bold", 18)
    pdf.drawString(25 * mm, y, "Kvittering")
    pdf.setFont("Helvetica", 12)
    vat = reg_settings.vat_percent
    vat_amount = payment.amount_ore * vat // (100 + vat) if vat else 0
    seller = reg_settings.seller_name + (
        f", org.nr. {reg_settings.seller_org_number}" if reg_settings.seller_org_number else ""
    )
    lines = [
        seller,
        "",
        f"Referanse: {registration.reference}",
        f"Betalt: {timezone.localtime(payment.paid_at):%d.%m.%Y kl. %H.%M}" if payment.paid_at else "",
        f"Kjøper: {registration.full_name}"[:90],
        f"{registration.edition.title}"[:90],
        f"Billett: {registration.ticket_type.name} {format_nok(registration.ticket_type.price_ore)}"[:90],
    ]
    lines += [f"{a.name}: {format_nok(a.price_ore)}"[:90] for a in registration.add_ons.all()]
    lines += [
        "",
        f"Sum betalt med kort: {format_nok(payment.amount_ore)}",
        f"Herav merverdiavgift {vat} %: {format_nok(vat_amount)}" if vat else "Beløpet er uten merverdiavgift.",
    ]
    if payment.refunded_at:
        lines.append(f"Refundert: {timezone.localtime(payment.refunded_at):%d.%m.%Y}")
    elif payment.refunded_ore:
        # Shares of a group's payment given back for participants who cancelled.
        lines.append(f"Refundert så langt: {format_nok(payment.refunded_ore)}")
    for line in lines:
        y -= 8 * mm
        if line:
            pdf.drawString(25 * mm, y, line)
    pdf.showPage()
    pdf.save()
    return buffer.getvalue()


def order_confirmation_pdf(registration) -> bytes:
    """For a registration paid by invoice: what will be invoiced (ticket, add-ons, total and
    VAT) and to whom. Not an invoice: the finance office sends that."""
    with translation.override("nb"):
        return _order_confirmation_pdf(registration)


def _order_confirmation_pdf(registration) -> bytes:
    edition = registration.edition
    reg_settings = RegistrationSettings.for_edition(edition)
    prices = price_summary(registration)
    buffer = io.BytesIO()
    pdf = canvas.Canvas(buffer, pagesize=A4)
    pdf.setTitle(_("Order confirmation %(reference)s") % {"reference": registration.reference})
    pdf.setAuthor("Kunnskapskommunen Helse Omsorg Vest")
    y = _header(pdf) - 8 * mm
    pdf.setFont("Helvetica-Bold", 18)
    pdf.drawString(25 * mm, y, _("Order confirmation"))
    pdf.setFont("Helvetica", 11)
    seller = reg_settings.seller_name + (
        f", org.nr. {reg_settings.seller_org_number}" if reg_settings.seller_org_number else ""
    )
    lines = [
        seller,
        "",
        f"{_('Reference')}: {registration.reference}",
        f"{_('Participant')}: {registration.full_name}"[:90],
        f"{edition.title}"[:90],
        f"{_when(edition)}, {_where(edition)}"[:100],
        "",
    ]
    lines += [f"{line.label}: {line.amount_display}"[:90] for line in prices.lines]
    lines += [f"{_('Total')}: {prices.total_display}"]
    if prices.vat_percent:
        lines.append(
            _("Of which VAT %(percent)s %%: %(amount)s") % {"percent": prices.vat_percent, "amount": prices.vat_display}
        )
    else:
        lines.append(_("The prices are without VAT."))
    lines += ["", _("The invoice is sent to:")]
    lines += [f"  {line}"[:100] for line in invoice_recipient_lines(registration)]
    lines += ["", _("This is a confirmation of your order, not an invoice. The invoice comes separately.")]
    for line in lines:
        y -= 7 * mm
        if line:
            pdf.drawString(25 * mm, y, line)
    pdf.showPage()
    pdf.save()
    return buffer.getvalue()


def edition_ics(edition) -> bytes:
    calendar = Calendar()
    calendar.add("prodid", "-//Kunnskapskommunen//Konferansen//NO")
    calendar.add("version", "2.0")
    event = Event()
    event.add("uid", f"konferanse-{edition.year}@kunnskapskommunen.no")
    event.add("summary", edition.title)
    event.add("dtstart", edition.starts_at())
    event.add("dtend", edition.ends_at())
    event.add("dtstamp", timezone.now())
    location = ", ".join(p for p in [edition.venue_name, edition.venue_address] if p)
    if location:
        event.add("location", location)
    calendar.add_component(event)
    return calendar.to_ical()
