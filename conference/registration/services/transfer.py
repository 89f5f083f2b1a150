"""Handing a seat to a colleague: the seat, ticket type, add-ons and payment stay; the person,
the manage link and the ticket (QR) are new. The old registration stays as history in the state
``transferred`` and points to the new one, so its old ticket is refused at the door with the
reason. Nothing is charged again: an invoice not yet sent moves to the new registration."""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ..models import EmailOutbox, Registration
from .errors import NotAllowed, ParticipantError, TransferDeadlinePassed
from .locks import lock_registration, queue_email, record, transition
from .personal_programme import carry_choices
from .state import Source, State

# Kept from the old registration: what was bought and who pays for it.
KEPT = (
    "edition_id",
    "ticket_type_id",
    "group_order_id",
    "payment_method",
    "amount_ore",
    "organisation",
    "municipality_id",
    "municipality_other",
    "invoice_org_number",
    "invoice_organisation",
    "invoice_delivery",
    "invoice_street_address",
    "invoice_postal_code",
    "invoice_city",
    "invoice_email",
    "invoice_reference",
    "invoice_contact",
    "invoice_status",
    "confirmed_at",
    "reminder_sent_at",
)


def can_transfer(registration, now=None) -> bool:
    now = now or timezone.now()
    if registration.state != State.CONFIRMED or registration.checked_in_at:
        return False
    return now < registration.edition.registration_settings.effective_transfer_deadline()


def transfer_registration(
    registration_id, *, first_name: str, last_name: str, email: str, source=Source.ATTENDEE, actor=None, now=None
) -> Registration:
    """Give a confirmed seat to someone else. Attendees (and orderers) only before the transfer
    deadline; organisers always. Returns the new registration."""
    now = now or timezone.now()
    email = (email or "").strip().lower()
    with transaction.atomic():
        reg_settings, old = lock_registration(registration_id)
        if old.state != State.CONFIRMED or old.checked_in_at:
            raise NotAllowed()
        if source != Source.ORGANISER and now >= reg_settings.effective_transfer_deadline():
            raise TransferDeadlinePassed()
        if Registration.objects.filter(
            edition_id=old.edition_id, email=email, state__in=Registration.ACTIVE_STATES
        ).exists():
            raise ParticipantError(0, "email", _("This e-mail address is already registered for this conference."))
        add_ons = list(old.add_ons.all())
        kept = {name: getattr(old, name) for name in KEPT}
        transition(
            old,
            State.TRANSFERRED,
            source,
            actor,
            _("Seat transferred to %(name)s") % {"name": f"{first_name} {last_name}".strip()},
            transferred_at=now,
            invoice_status=Registration.InvoiceStatus.NONE,
        )
        new = Registration(
            first_name=first_name.strip(),
            last_name=last_name.strip(),
            email=email,
            state=State.CONFIRMED,
            created_at=now,
            created_by=actor if source == Source.ORGANISER and getattr(actor, "is_authenticated", False) else None,
            **kept,
        )
        new.save()
        new.add_ons.set(add_ons)
        carry_choices(old, new)
        old.transferred_to = new
        old.save(update_fields=["transferred_to", "updated_at"])
        record(new, "", State.CONFIRMED, source, actor, _("Seat transferred from %(ref)s") % {"ref": old.reference})
        queue_email(new, EmailOutbox.Kind.CONFIRMATION, dedupe_key=f"confirmation:{new.pk}")
        queue_email(old, EmailOutbox.Kind.TRANSFERRED, dedupe_key=f"transferred:{old.pk}")
        return new
