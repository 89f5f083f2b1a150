"""What an attendee may still do with a registration, as plain questions about its row. Kept
apart from ``services`` (which changes state and queues e-mails) so the e-mails can ask the same
question the manage page asks without an import loop."""

from django.utils import timezone

from .models import Registration, RegistrationSettings

State = Registration.State


def is_group_card(registration) -> bool:
    """Paid by card together with others on one group payment (a cancellation refunds one share)."""
    return bool(registration.group_order_id) and registration.payment_method == Registration.PaymentMethod.CARD


def can_cancel(registration, now=None) -> bool:
    now = now or timezone.now()
    if registration.state not in Registration.ACTIVE_STATES:
        return False
    if registration.state in (State.WAITING, State.OFFERED, State.HELD):
        # A held participant of a group shares the open Checkout Session with the others.
        return not (registration.state == State.HELD and is_group_card(registration))
    return now < RegistrationSettings.for_edition(registration.edition).effective_cancellation_deadline()
