"""Exports of an edition's registrations.

- For the finance office: ``invoice_basis_csv`` / ``invoice_basis_xlsx`` (used by the
  ``registration_invoice_basis`` command).
- For organisers in the admin: ``Table`` based exports (participant list of those who
  consented, dietary/accessibility list, invoice basis with the VAT part) as CSV or XLSX.

Every cell goes through a formula guard so a name such as ``=HYPERLINK(...)`` typed into the
public form is shown as text by spreadsheet programs, never run as a formula."""

import csv
import datetime
import io

from django.db.models import Prefetch
from django.http import HttpResponse
from django.utils import timezone
from django.utils.translation import gettext as _
from openpyxl import Workbook

from .models import AddOn, Registration

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


# --- Organisers' admin exports ------------------------------------------------------------

FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")

XLSX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def safe_cell(value):
    """Text that a spreadsheet would read as a formula gets a leading apostrophe."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return _("Yes") if value else _("No")
    if isinstance(value, (int, float)):
        return value
    if isinstance(value, datetime.datetime):
        return timezone.localtime(value).strftime("%Y-%m-%d %H:%M") if timezone.is_aware(value) else str(value)
    text = str(value)
    if text.startswith(FORMULA_PREFIXES):
        return "'" + text
    return text


def ore_to_kroner(ore: int) -> str:
    """1500_00 øre -> '1500.00' (a plain number the finance office can sum)."""
    kroner, rest = divmod(int(ore or 0), 100)
    return f"{kroner}.{rest:02d}"


class Table:
    """A header and rows, ready to be written as CSV or XLSX."""

    def __init__(self, title: str, headers: list[str], rows: list[list]):
        self.title = title
        self.headers = [str(h) for h in headers]
        self.rows = [[safe_cell(c) for c in row] for row in rows]

    def csv_bytes(self) -> bytes:
        buffer = io.StringIO()
        writer = csv.writer(buffer, delimiter=";")
        writer.writerow([safe_cell(h) for h in self.headers])
        writer.writerows(self.rows)
        # The BOM makes Excel read the file as UTF-8 (æ, ø, å).
        return ("\ufeff" + buffer.getvalue()).encode("utf-8")

    def xlsx_bytes(self) -> bytes:
        from openpyxl import Workbook
        from openpyxl.styles import Font

        workbook = Workbook()
        sheet = workbook.active
        sheet.title = self.title[:31]
        sheet.append([safe_cell(h) for h in self.headers])
        for cell in sheet[1]:
            cell.font = Font(bold=True)
        for row in self.rows:
            sheet.append(row)
        sheet.freeze_panes = "A2"
        for column in sheet.columns:
            width = max((len(str(c.value or "")) for c in column), default=8)
            sheet.column_dimensions[column[0].column_letter].width = min(max(width + 2, 8), 50)
        buffer = io.BytesIO()
        workbook.save(buffer)
        return buffer.getvalue()

    def response(self, filename: str, fmt: str) -> HttpResponse:
        if fmt == "xlsx":
            response = HttpResponse(self.xlsx_bytes(), content_type=XLSX_CONTENT_TYPE)
            filename += ".xlsx"
        else:
            response = HttpResponse(self.csv_bytes(), content_type="text/csv; charset=utf-8")
            filename += ".csv"
        response["Content-Disposition"] = f'attachment; filename="{filename}"'
        response["Cache-Control"] = "no-store"
        return response


def _base(edition):
    return (
        Registration.objects.filter(edition=edition)
        .select_related("ticket_type", "municipality", "edition")
        .order_by("last_name", "first_name", "pk")
    )


def participant_list(edition) -> Table:
    """Confirmed participants who agreed to appear on the participant list."""
    registrations = _base(edition).filter(state=Registration.State.CONFIRMED, participant_list_consent=True)
    rows = [[r.first_name, r.last_name, r.organisation, r.municipality_display(), r.job_title] for r in registrations]
    return Table(
        _("Participants"),
        [_("First name"), _("Last name"), _("Organisation"), _("Municipality"), _("Job title")],
        rows,
    )


def dietary_list(edition) -> Table:
    """Active registrations with dietary or accessibility needs (special-category data: only
    for organisers allowed to see it; the data is erased after the event)."""
    registrations = (
        _base(edition)
        .filter(state__in=Registration.SEAT_STATES, special_needs_consent=True)
        .exclude(dietary_needs="", accessibility_needs="")
        .prefetch_related(Prefetch("add_ons", queryset=AddOn.objects.order_by("sort_order", "pk")))
    )
    rows = [
        [
            r.reference,
            r.full_name,
            r.organisation,
            r.ticket_type.name,
            ", ".join(a.name for a in r.add_ons.all()),
            r.dietary_needs,
            r.accessibility_needs,
        ]
        for r in registrations
    ]
    return Table(
        _("Dietary and accessibility"),
        [
            _("Reference"),
            _("Name"),
            _("Organisation"),
            _("Ticket type"),
            _("Add-ons"),
            _("Dietary needs"),
            _("Accessibility needs"),
        ],
        rows,
    )


def invoice_basis_table(edition) -> Table:
    """Every registration paid by invoice that the finance office has to invoice or credit."""
    vat_percent = 0
    settings = getattr(edition, "registration_settings", None)
    if settings is not None:
        vat_percent = settings.vat_percent
    registrations = _base(edition).filter(payment_method=Registration.PaymentMethod.INVOICE).exclude(invoice_status="")
    rows = []
    for r in registrations:
        vat_ore = round(r.amount_ore * vat_percent / (100 + vat_percent)) if vat_percent else 0
        rows.append(
            [
                r.reference,
                r.get_invoice_status_display(),
                r.get_state_display(),
                r.invoice_organisation or r.organisation,
                r.invoice_org_number,
                r.get_invoice_delivery_display(),
                ", ".join(p for p in [r.invoice_street_address, r.invoice_postal_code, r.invoice_city] if p),
                r.invoice_email,
                r.invoice_reference,
                r.invoice_contact,
                r.full_name,
                r.email,
                r.ticket_type.name,
                ore_to_kroner(r.amount_ore),
                ore_to_kroner(vat_ore),
                r.confirmed_at,
                r.cancelled_at,
            ]
        )
    return Table(
        _("Invoice basis"),
        [
            _("Reference"),
            _("Invoice status"),
            _("State"),
            _("Invoice recipient"),
            _("Organisation number"),
            _("Invoice delivery"),
            _("Invoice address"),
            _("Invoice e-mail"),
            _("Employer reference"),
            _("Invoice contact"),
            _("Participant"),
            _("Participant e-mail"),
            _("Ticket type"),
            _("Amount incl. VAT (NOK)"),
            _("VAT (NOK)"),
            _("Confirmed"),
            _("Cancelled"),
        ],
        rows,
    )
