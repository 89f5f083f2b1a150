"""Exports of an edition's registrations, all through ``cms.core.exports`` (formula guard,
semicolons + BOM for Norwegian Excel, amounts in kroner, Oslo times):

- For the finance office: ``invoice_basis_csv`` / ``invoice_basis_xlsx`` (used by the
  ``registration_invoice_basis`` command) and ``invoice_basis_table`` in the admin: the same
  columns, so the file from the command and the download are alike.
- For organisers in the admin: the participant list of those who consented and the
  dietary/accessibility list, as CSV or XLSX."""

from django.db.models import Prefetch
from django.utils.translation import gettext as _

from cms.core.exports import Column, Export, safe_cell

from .models import FEEDBACK_QUESTIONS, AddOn, FeedbackResponse, Registration
from .services.personal_programme import session_numbers

__all__ = [
    "dietary_list",
    "invoice_basis",
    "invoice_basis_csv",
    "invoice_basis_table",
    "invoice_basis_xlsx",
    "participant_list",
    "safe_cell",
]


def invoice_basis(edition):
    """Invoice registrations that need an invoice or a credit note (confirmed to invoice,
    or cancelled after being invoiced)."""
    return (
        Registration.objects.filter(edition=edition, payment_method=Registration.PaymentMethod.INVOICE)
        .exclude(invoice_status="")
        .select_related("ticket_type", "edition", "municipality", "group_order__edition")
        .prefetch_related("add_ons")
        .order_by("invoice_org_number", "created_at", "pk")
    )


class OrderLine:
    """One invoice line for a group order: its participants that share an invoice status (a
    participant cancelled after the invoice was sent is credited on a line of its own). Reads
    like a registration, so the same columns serve single registrations and orders."""

    def __init__(self, registrations):
        self.registrations = registrations
        self.first = registrations[0] if registrations else None

    def __getattr__(self, name):
        return getattr(self.first, name)

    @property
    def reference(self):
        return self.first.group_order.reference

    @property
    def full_name(self):
        return "; ".join(f"{r.full_name} ({r.reference})" for r in self.registrations)

    @property
    def email(self):
        return "; ".join(r.email for r in self.registrations)

    @property
    def amount_ore(self):
        return sum(r.amount_ore for r in self.registrations)

    def ticket_names(self):
        return "; ".join(r.ticket_type.name for r in self.registrations)

    def add_on_names(self):
        return "; ".join(", ".join(a.name for a in r.add_ons.all()) for r in self.registrations if r.add_ons.all())


def invoice_lines(edition) -> list:
    """The invoice basis as lines: a single registration is one line, a group order one line
    (per invoice status) with its participants listed."""
    lines, orders = [], {}
    for registration in invoice_basis(edition):
        if registration.group_order_id is None:
            lines.append(registration)
            continue
        key = (registration.group_order_id, registration.invoice_status)
        if key not in orders:
            orders[key] = OrderLine([])
            lines.append(orders[key])
        orders[key].registrations.append(registration)
    for line in orders.values():
        line.first = line.registrations[0]
    return lines


def _ticket_names(row):
    return row.ticket_names() if isinstance(row, OrderLine) else row.ticket_type.name


def _add_on_names(row):
    return row.add_on_names() if isinstance(row, OrderLine) else ", ".join(a.name for a in row.add_ons.all())


def _vat_percent(edition) -> int:
    settings = getattr(edition, "registration_settings", None)
    return settings.vat_percent if settings is not None else 0


def invoice_columns(vat_percent: int) -> list[Column]:
    """What the finance office needs to invoice or credit one registration."""

    def vat_ore(r):
        return round(r.amount_ore * vat_percent / (100 + vat_percent)) if vat_percent else 0

    return [
        Column(_("Reference"), "reference"),
        Column(_("Invoice status"), "get_invoice_status_display"),
        Column(_("State"), "get_state_display"),
        Column(_("Invoice recipient"), lambda r: r.invoice_organisation or r.organisation),
        Column(_("Organisation number"), "invoice_org_number"),
        Column(_("Invoice delivery"), "get_invoice_delivery_display"),
        Column(
            _("Invoice address"),
            lambda r: ", ".join(p for p in [r.invoice_street_address, r.invoice_postal_code, r.invoice_city] if p),
        ),
        Column(_("Invoice e-mail"), "invoice_email"),
        Column(_("Employer reference"), "invoice_reference"),
        Column(_("Invoice contact"), "invoice_contact"),
        Column(_("Participant"), "full_name"),
        Column(_("Participant e-mail"), "email"),
        Column(_("Ticket type"), _ticket_names),
        Column(_("Add-ons"), _add_on_names),
        Column(_("Amount incl. VAT (NOK)"), "amount_ore", kind="money"),
        Column(_("VAT (NOK)"), vat_ore, kind="money"),
        Column(_("Registered"), "created_at", kind="datetime"),
        Column(_("Confirmed"), "confirmed_at", kind="datetime"),
        Column(_("Cancelled"), "cancelled_at", kind="datetime"),
    ]


def invoice_basis_export(edition) -> Export:
    return Export(_("Invoice basis"), invoice_columns(_vat_percent(edition)), invoice_lines(edition))


def invoice_basis_csv(edition) -> str:
    """The invoice basis as CSV text for Norwegian Excel (with its BOM)."""
    return invoice_basis_export(edition).csv_text()


def invoice_basis_xlsx(edition) -> bytes:
    return invoice_basis_export(edition).xlsx_bytes()


def _base(edition):
    return (
        Registration.objects.filter(edition=edition)
        .select_related("ticket_type", "municipality", "edition")
        .order_by("last_name", "first_name", "pk")
    )


def participant_list(edition) -> Export:
    """Confirmed participants who agreed to appear on the participant list."""
    registrations = _base(edition).filter(state=Registration.State.CONFIRMED, participant_list_consent=True)
    columns = [
        Column(_("First name"), "first_name"),
        Column(_("Last name"), "last_name"),
        Column(_("Organisation"), "organisation"),
        Column(_("Municipality"), "municipality_display"),
        Column(_("Job title"), "job_title"),
    ]
    return Export(_("Participants"), columns, registrations)


def dietary_list(edition) -> Export:
    """Active registrations with dietary or accessibility needs (special-category data: only
    for organisers allowed to see it; the data is erased after the event)."""
    registrations = (
        _base(edition)
        .filter(state__in=Registration.SEAT_STATES, special_needs_consent=True)
        .exclude(dietary_needs="", accessibility_needs="")
        .prefetch_related(Prefetch("add_ons", queryset=AddOn.objects.order_by("sort_order", "pk")))
    )
    columns = [
        Column(_("Reference"), "reference"),
        Column(_("Name"), "full_name"),
        Column(_("Organisation"), "organisation"),
        Column(_("Ticket type"), "ticket_type.name"),
        Column(_("Add-ons"), lambda r: ", ".join(a.name for a in r.add_ons.all())),
        Column(_("Dietary needs"), "dietary_needs"),
        Column(_("Accessibility needs"), "accessibility_needs"),
    ]
    return Export(_("Dietary and accessibility"), columns, registrations)


def feedback_export(edition) -> Export:
    """The anonymous evaluation answers for the annual report: one row per answer."""
    columns = [Column(_("Submitted"), "submitted_on", kind="date")]
    for key, label in FEEDBACK_QUESTIONS:
        columns.append(Column(label, lambda r, key=key: r.scores.get(key), kind="number"))
    columns.append(Column(_("Comment"), "comment"))
    return Export(_("Evaluation"), columns, FeedbackResponse.objects.filter(edition=edition).order_by("pk"))


def session_numbers_export(edition) -> Export:
    """Expected numbers per parallel session: picks by confirmed participants and places."""
    columns = [
        Column(_("Date"), "date", kind="date"),
        Column(_("Starts"), lambda s: s.start_time.strftime("%H.%M")),
        Column(_("Ends"), lambda s: s.end_time.strftime("%H.%M")),
        Column(_("Room"), "room"),
        Column(_("Session"), "title"),
        Column(_("Chosen by"), "taken", kind="number"),
        Column(_("Places"), "capacity", kind="number"),
        Column(_("Places left"), "left", kind="number"),
    ]
    return Export(_("Parallel sessions"), columns, session_numbers(edition))


def invoice_basis_table(edition) -> Export:
    """Every registration paid by invoice that the finance office has to invoice or credit,
    for the admin download (same columns as the command's file)."""
    return invoice_basis_export(edition)
