"""Card payments: the Stripe adapter and the ``Payment`` records. Only this module changes a
``Payment``.

Payments does not know what is being sold. A seller (``conference.registration``) opens a
checkout with a :class:`CheckoutOrder`, and learns what Stripe said through the signals in
``conference.payments.signals``; its receivers call :func:`record_paid`, :func:`record_expired`
and :func:`request_refund` inside their own transactions, after taking their own locks, so the
payment row is always the last lock taken. Stripe is never called while a row lock is held.
"""

from __future__ import annotations

import dataclasses
import datetime
import logging

from django.db import transaction
from django.utils import timezone
from django_tasks import task

from . import signals, stripe_gateway
from .models import Payment, StripeEvent

logger = logging.getLogger(__name__)

# Who learnt of a payment's fate (passed on to the seller's history).
WEBHOOK = "webhook"
RETURN = "return"

STRIPE_PAYLOAD_DAYS = 90


@dataclasses.dataclass(frozen=True)
class CheckoutLine:
    name: str
    amount_ore: int


@dataclasses.dataclass(frozen=True)
class CheckoutOrder:
    """Everything Stripe Checkout needs, prepared by the seller."""

    registration_id: int
    amount_ore: int
    email: str
    lines: tuple[CheckoutLine, ...]
    success_url: str
    cancel_url: str
    expires_at: datetime.datetime
    # Prefix of the idempotency key: one key per attempt, reused when an attempt is retried.
    key_prefix: str


def start_checkout(order: CheckoutOrder) -> Payment:
    """Open (or reuse) a Checkout Session and return the Payment with its ``checkout_url``.
    Raises ``PaymentsNotConfigured`` or ``PaymentProviderUnavailable``; in that case the seller
    keeps what it holds and the buyer can try again (the retry reuses the idempotency key, so
    Stripe returns the session it may already have created)."""
    with transaction.atomic():
        payment = (
            Payment.objects.select_for_update()
            .filter(registration_id=order.registration_id, status=Payment.Status.OPEN)
            .order_by("-pk")
            .first()
        )
        if payment is None:
            attempt = Payment.objects.filter(registration_id=order.registration_id).count() + 1
            payment = Payment.objects.create(
                registration_id=order.registration_id,
                idempotency_key=f"{order.key_prefix}-{attempt}",
                amount_ore=order.amount_ore,
            )
    if payment.stripe_session_id and payment.checkout_url:
        return payment
    params = {
        "mode": "payment",
        "line_items": [
            {
                "quantity": 1,
                "price_data": {
                    "currency": "nok",
                    "unit_amount": line.amount_ore,
                    "product_data": {"name": line.name[:250]},
                },
            }
            for line in order.lines
        ],
        "customer_email": order.email,
        "client_reference_id": str(order.registration_id),
        "metadata": {"registration": str(order.registration_id), "payment": str(payment.pk)},
        "success_url": order.success_url + "?session_id={CHECKOUT_SESSION_ID}",
        "cancel_url": order.cancel_url,
        "expires_at": int(order.expires_at.timestamp()),
        "locale": "nb",
    }
    session = stripe_gateway.create_checkout_session(params, payment.idempotency_key)
    Payment.objects.filter(pk=payment.pk).update(stripe_session_id=session.id, checkout_url=session.url or "")
    payment.refresh_from_db()
    return payment


def sync_checkout_session(session_id: str, *, source: str = WEBHOOK) -> str:
    """Re-read a Checkout Session from Stripe and announce what it says. Safe to call any number
    of times from the webhook and the browser return page: receivers are idempotent."""
    payment = Payment.objects.filter(stripe_session_id=session_id).first()
    if payment is None:
        logger.warning("Stripe session %s is unknown; ignored", session_id)
        return "unknown session"
    session = stripe_gateway.retrieve_checkout_session(session_id)
    if session.get("payment_status") in ("paid", "no_payment_required") and session.get("status") == "complete":
        intent = session.get("payment_intent") or ""
        if intent and not payment.payment_intent_id:
            Payment.objects.filter(pk=payment.pk, payment_intent_id="").update(payment_intent_id=intent)
        outcomes = [
            result
            for _receiver, result in signals.checkout_paid.send(sender=Payment, payment_id=payment.pk, source=source)
            if result
        ]
        if not outcomes:
            # Nobody sells with this payment any more: keep the money on record all the same.
            with transaction.atomic():
                return "paid" if record_paid(payment.pk) else "already"
        return outcomes[0]
    if session.get("status") == "expired":
        signals.checkout_expired.send(sender=Payment, payment_id=payment.pk, source=source)
        with transaction.atomic():
            record_expired(payment.pk)
        return "expired"
    return "open"


# --- Called by sellers inside their own transaction (payment lock last) ---------------------


def record_paid(payment_id: int, now=None) -> bool:
    """Mark a payment as paid. Returns False when it already was (a repeated announcement)."""
    payment = Payment.objects.select_for_update().get(pk=payment_id)
    if payment.paid_at:
        return False
    payment.status = Payment.Status.PAID
    payment.paid_at = now or timezone.now()
    payment.save(update_fields=["status", "paid_at"])
    return True


def record_expired(payment_id: int) -> None:
    Payment.objects.filter(pk=payment_id, status=Payment.Status.OPEN).update(status=Payment.Status.EXPIRED)


def has_open_checkout(registration_id: int, *, exclude_pk=None) -> bool:
    qs = Payment.objects.filter(registration_id=registration_id, status=Payment.Status.OPEN)
    if exclude_pk:
        qs = qs.exclude(pk=exclude_pk)
    return qs.exists()


def request_refund(payment_id: int, reason) -> bool:
    """Mark a paid payment for refund; Stripe is called after commit (and retried by the tick).
    Returns False when the payment is not paid (nothing to refund)."""
    payment = Payment.objects.select_for_update().get(pk=payment_id)
    if payment.status != Payment.Status.PAID:
        return False
    payment.status = Payment.Status.REFUND_PENDING
    payment.refund_reason = str(reason)[:200]
    payment.save(update_fields=["status", "refund_reason"])
    transaction.on_commit(lambda: process_refund.enqueue(payment_id))
    return True


def settle_cancellation(registration_id: int, reason) -> None:
    """The purchase was cancelled: refund what was paid, and close open Checkout Sessions after
    commit so they can no longer be paid (a payment that still arrives is refunded)."""
    for payment_id in Payment.objects.filter(registration_id=registration_id, status=Payment.Status.PAID).values_list(
        "pk", flat=True
    ):
        request_refund(payment_id, reason)
    if has_open_checkout(registration_id):
        transaction.on_commit(lambda: close_open_checkouts.enqueue(registration_id))


# --- Stripe round trips (no row lock held while Stripe is called) ----------------------------


def refund_payment(payment_id: int) -> str:
    """Refund a payment marked REFUND_PENDING. The idempotency key is fixed per payment, so a
    retry (or a second worker) can never refund twice."""
    payment = Payment.objects.filter(pk=payment_id).first()
    if payment is None or payment.status != Payment.Status.REFUND_PENDING:
        return "nothing to do"
    if not payment.payment_intent_id:
        session = stripe_gateway.retrieve_checkout_session(payment.stripe_session_id)
        payment.payment_intent_id = session.get("payment_intent") or ""
        Payment.objects.filter(pk=payment.pk).update(payment_intent_id=payment.payment_intent_id)
    try:
        refund = stripe_gateway.create_refund(payment.payment_intent_id, payment.amount_ore, f"kk-refund-{payment.pk}")
    except stripe_gateway.PaymentProviderUnavailable as exc:
        logger.warning("Refund of payment %s failed, will retry: %s", payment.pk, exc)
        return "failed"
    with transaction.atomic():
        payment = Payment.objects.select_for_update().get(pk=payment.pk)
        if payment.status == Payment.Status.REFUND_PENDING:
            payment.status = Payment.Status.REFUNDED
            payment.refund_id = refund.id
            payment.refunded_at = timezone.now()
            payment.save(update_fields=["status", "refund_id", "refunded_at"])
    return "refunded"


def retry_pending_refunds() -> int:
    done = 0
    for pk in list(Payment.objects.filter(status=Payment.Status.REFUND_PENDING).values_list("pk", flat=True)[:100]):
        if refund_payment(pk) == "refunded":
            done += 1
    return done


def mark_refunded_by_intent(payment_intent: str, refund_id: str = "", *, source: str = WEBHOOK) -> int:
    """``charge.refunded`` from Stripe (e.g. a refund made in the dashboard): record it, then
    announce the payments that were paid until now so the seller can release what they bought."""
    with transaction.atomic():
        payments = Payment.objects.select_for_update().filter(
            payment_intent_id=payment_intent, status__in=(Payment.Status.PAID, Payment.Status.REFUND_PENDING)
        )
        refunded_elsewhere = []
        for payment in payments:
            if payment.status == Payment.Status.PAID:
                refunded_elsewhere.append(payment.pk)
            payment.status = Payment.Status.REFUNDED
            payment.refunded_at = payment.refunded_at or timezone.now()
            payment.refund_id = payment.refund_id or refund_id
            payment.save(update_fields=["status", "refunded_at", "refund_id"])
    for payment_id in refunded_elsewhere:
        signals.refunded_elsewhere.send(sender=Payment, payment_id=payment_id, source=source)
    return len(payments)


def expire_open_sessions(registration_id: int) -> int:
    done = 0
    for payment in Payment.objects.filter(
        registration_id=registration_id, status=Payment.Status.OPEN, stripe_session_id__isnull=False
    ):
        try:
            stripe_gateway.expire_checkout_session(payment.stripe_session_id)
        except (stripe_gateway.PaymentProviderUnavailable, stripe_gateway.PaymentsNotConfigured):
            logger.warning("Could not expire Checkout Session %s", payment.stripe_session_id)
            continue
        record_expired(payment.pk)
        done += 1
    return done


def purge_event_payloads(now=None) -> int:
    """Stripe webhook payloads carry names and e-mail addresses; after a while keep only the ids."""
    now = now or timezone.now()
    cutoff = now - datetime.timedelta(days=STRIPE_PAYLOAD_DAYS)
    return StripeEvent.objects.filter(received_at__lt=cutoff).exclude(payload={}).update(payload={})


# --- Tasks (django-tasks), next to what they run; every one is safe to run twice ------------


@task()
def process_refund(payment_id: int) -> str:
    """Carry out a pending refund through Stripe (idempotent; retried by the tick)."""
    return refund_payment(payment_id)


@task()
def close_open_checkouts(registration_id: int) -> int:
    """A held registration was cancelled: close its Checkout Sessions so it cannot be paid.
    Best effort; a payment that still arrives is refunded by the ``checkout_paid`` receiver."""
    return expire_open_sessions(registration_id)
