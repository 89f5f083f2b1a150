"""What a registration costs, line by line, as the attendee is told it: in the invoice
confirmation e-mail, the order confirmation PDF and the card receipt. One place, so the three
never disagree about the lines, the total or the VAT."""

from __future__ import annotations

import dataclasses

from .models import RegistrationSettings, format_nok


@dataclasses.dataclass(frozen=True)
class PriceLine:
    label: str
    amount_ore: int

    @property
    def amount_display(self) -> str:
        return format_nok(self.amount_ore)


@dataclasses.dataclass(frozen=True)
class PriceSummary:
    """The ticket and each add-on at their prices, the total charged (what the registration
    stores: prices may change later) and the VAT it includes (prices include VAT)."""

    lines: list[PriceLine]
    total_ore: int
    vat_percent: int

    @property
    def total_display(self) -> str:
        return format_nok(self.total_ore)

    @property
    def vat_ore(self) -> int:
        if not self.vat_percent:
            return 0
        return round(self.total_ore * self.vat_percent / (100 + self.vat_percent))

    @property
    def vat_display(self) -> str:
        return format_nok(self.vat_ore)


def price_summary(registration) -> PriceSummary:
    lines = [PriceLine(registration.ticket_type.name, registration.ticket_type.price_ore)]
    lines += [PriceLine(a.name, a.price_ore) for a in registration.add_ons.order_by("sort_order", "pk")]
    vat_percent = RegistrationSettings.for_edition(registration.edition).vat_percent
    return PriceSummary(lines, registration.amount_ore, vat_percent)


def invoice_recipient_lines(registration) -> list[str]:
    """Who receives the invoice, as lines: organisation, organisation number, the employer's
    reference, the contact and how it is delivered (EHF, e-mail address or postal address)."""
    from django.utils.translation import gettext as _

    Delivery = registration.InvoiceDelivery
    lines = [registration.invoice_organisation or registration.organisation]
    if registration.invoice_org_number:
        lines.append(_("Organisation number %(number)s") % {"number": registration.invoice_org_number})
    if registration.invoice_reference:
        lines.append(_("Reference: %(reference)s") % {"reference": registration.invoice_reference})
    if registration.invoice_contact:
        lines.append(_("Contact: %(contact)s") % {"contact": registration.invoice_contact})
    if registration.invoice_delivery == Delivery.EHF:
        lines.append(_("Delivered as EHF (electronic invoice)"))
    elif registration.invoice_delivery == Delivery.EMAIL:
        lines.append(_("Sent by e-mail to %(email)s") % {"email": registration.invoice_email})
    elif registration.invoice_delivery == Delivery.POST:
        address = ", ".join(
            p
            for p in [
                registration.invoice_street_address,
                f"{registration.invoice_postal_code} {registration.invoice_city}".strip(),
            ]
            if p
        )
        lines.append(_("Sent by post to %(address)s") % {"address": address})
    return [line for line in lines if line]
