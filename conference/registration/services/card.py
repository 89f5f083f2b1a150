"""Paying for a held registration by card: what registration asks of ``conference.payments``
and how it answers what payments announces (``conference.payments.signals``)."""

from __future__ import annotations

import datetime

from django.urls import reverse
from django.utils import timezone

from conference.payments import services as payments
from conference.payments import signals

from ..models import Registration, RegistrationStateChange
from . import state
from .errors import NotAllowed

Source = RegistrationStateChange.Source


def _absolute(request, path):
    return request.build_absolute_uri(path) if request is not None else path


def checkout_order(registration: Registration, request=None, now=None) -> payments.CheckoutOrder:
    """The Checkout Session for a held registration: the ticket and each paid add-on as lines.
    Stripe wants a session to live 30 minutes to 24 hours; the hold is extended to match."""
    now = now or timezone.now()
    lines = [
        payments.CheckoutLine(
            f"{registration.edition.title}: {registration.ticket_type.name}", registration.ticket_type.price_ore
        )
    ]
    lines += [payments.CheckoutLine(a.name, a.price_ore) for a in registration.add_ons.all() if a.price_ore]
    return payments.CheckoutOrder(
        registration_id=registration.pk,
        amount_ore=registration.amount_ore,
        email=registration.email,
        lines=tuple(lines),
        success_url=_absolute(request, reverse("registration:receipt", args=[registration.manage_token])),
        cancel_url=_absolute(request, reverse("registration:manage", args=[registration.manage_token])),
        expires_at=max(registration.hold_expires_at or now, now + datetime.timedelta(minutes=31)),
        key_prefix=f"kk-checkout-{registration.manage_token[:16]}-{registration.pk}",
    )


def start_card_payment(registration: Registration, request=None):
    """Open (or reuse) the Checkout Session of a held registration and keep the seat held as long
    as the session lives. Returns the Payment (with ``checkout_url``); raises ``NotAllowed`` for a
    registration that is not waiting for payment, and payments' ``PaymentsNotConfigured`` /
    ``PaymentProviderUnavailable`` (the hold is then untouched and the attendee may retry)."""
    if registration.state != Registration.State.HELD:
        raise NotAllowed()
    order = checkout_order(registration, request)
    payment = payments.start_checkout(order)
    state.note_checkout_started(registration.pk, hold_expires_at=order.expires_at)
    return payment


# --- Receivers of what payments announce (connected in ``RegistrationConfig.ready``) ----------


def _source(source):
    return source if source in Source.values else Source.WEBHOOK


def on_checkout_paid(sender, *, payment_id, source, **kwargs) -> str:
    return state.confirm_card_payment(payment_id, source=_source(source))[1]


def on_checkout_expired(sender, *, payment_id, source, **kwargs) -> None:
    state.card_session_expired(payment_id, source=_source(source))


def on_refunded_elsewhere(sender, *, payment_id, source, **kwargs) -> None:
    state.card_refunded_elsewhere(payment_id, source=_source(source))


def connect():
    signals.checkout_paid.connect(on_checkout_paid, dispatch_uid="registration.checkout_paid")
    signals.checkout_expired.connect(on_checkout_expired, dispatch_uid="registration.checkout_expired")
    signals.refunded_elsewhere.connect(on_refunded_elsewhere, dispatch_uid="registration.refunded_elsewhere")
