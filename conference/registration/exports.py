"""Exports for the finance office. The organisers' admin can offer these as downloads; the
``registration_invoice_basis`` command writes them from the shell."""

import csv
import io

from openpyxl import Workbook

from .models import Registration

INVOICE_COLUMNS = [
    ("Referanse", lambda r: r.reference),
    ("Status", lambda r: r.get_state_display()),
    ("Fakturastatus", lambda r: r.get_invoice_status_display()),
    ("Deltaker", lambda r: r.full_name),
    ("E-post deltaker", lambda r: r.email),
    ("Organisasjonsnummer", lambda r: r.invoice_org_number),
    ("Fakturamottaker", lambda r: r.invoice_organisation),
    ("Levering", lambda r: r.get_invoice_delivery_display()),
    ("Adresse", lambda r: r.invoice_street_address),
    ("Postnummer", lambda r: r.invoice_postal_code),
    ("Poststed", lambda r: r.invoice_city),
    ("Faktura-e-post", lambda r: r.invoice_email),
    ("Bestillernummer/ressursnummer", lambda r: r.invoice_reference),
    ("Kontaktperson", lambda r: r.invoice_contact),
    ("Billett", lambda r: r.ticket_type.name),
    ("Tillegg", lambda r: ", ".join(a.name for a in r.add_ons.all())),
    ("Beløp inkl. mva. (kr)", lambda r: f"{r.amount_ore / 100:.2f}"),
    ("Beløp (øre)", lambda r: r.amount_ore),
    ("Påmeldt", lambda r: r.created_at.strftime("%Y-%m-%d %H:%M")),
]


def invoice_basis(edition):
    """Invoice registrations that need an invoice or a credit note (confirmed to invoice,
    or cancelled after being invoiced)."""
    return (
        Registration.objects.filter(edition=edition, payment_method=Registration.PaymentMethod.INVOICE)
        .exclude(invoice_status="")
        .select_related("ticket_type", "edition")
        .prefetch_related("add_ons")
        .order_by("invoice_org_number", "created_at")
    )


def _cell(value):
    # Neutralise spreadsheet formulas typed into free-text fields (CSV/formula injection).
    if isinstance(value, str) and value[:1] in ("=", "+", "-", "@"):
        return "'" + value
    return value


def invoice_basis_csv(edition) -> str:
    out = io.StringIO()
    writer = csv.writer(out, delimiter=";")
    writer.writerow([name for name, _ in INVOICE_COLUMNS])
    for registration in invoice_basis(edition):
        writer.writerow([_cell(get(registration)) for _, get in INVOICE_COLUMNS])
    return out.getvalue()


def invoice_basis_xlsx(edition) -> bytes:
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "Fakturagrunnlag"
    sheet.append([name for name, _ in INVOICE_COLUMNS])
    for registration in invoice_basis(edition):
        sheet.append([_cell(get(registration)) for _, get in INVOICE_COLUMNS])
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()
