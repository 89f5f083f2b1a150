"""Card payments: the Stripe adapter and the ``Payment`` records. Only this module changes a
``Payment``.

Payments does not know what is being sold. A seller (``conference.registration``) opens a
checkout with a :class:`CheckoutOrder`, and learns what Stripe said through the signals in
``conference.payments.signals``; its receivers call :func:`record_paid`, :func:`record_expired`,
:func:`request_refund` and :func:`request_partial_refund` inside their own transactions, after taking their own locks, so the
payment row is always the last lock taken. Stripe is never called while a row lock is held.

A payment's states: OPEN → PAID (or EXPIRED); money goes back as ``Refund`` rows, one per
share (a group participant) or for the rest: PAID → PARTIALLY_REFUNDED while some of it is still
held, → REFUND_PENDING once everything is asked back, → REFUNDED when what Stripe refunded
(``refunded_ore``) reaches the amount. Never more is asked back than was paid.
"""

from __future__ import annotations

import dataclasses
import datetime
import logging

from django.db import transaction
from django.db.models import Q, Sum
from django.utils import timezone
from django_tasks import task

from . import signals, stripe_gateway
from .models import Payment, Refund, StripeEvent

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


def _committed_ore(payment) -> int:
    """What of a payment is refunded or on its way back (pending refunds included)."""
    return payment.refunds.exclude(status=Refund.Status.DROPPED).aggregate(total=Sum("amount_ore"))["total"] or 0


def refundable_ore(payment) -> int:
    """What of a payment could still be given back (paid, less what is refunded or on its way)."""
    if payment.status not in Payment.HELD_MONEY:
        return 0
    return max(payment.amount_ore - _committed_ore(payment), 0)


def _add_refund(payment, share: str, amount: int, reason, idempotency_key: str) -> Refund:
    payment_id = payment.pk
    refund = Refund.objects.create(
        payment=payment, share=share, amount_ore=amount, reason=str(reason)[:200], idempotency_key=idempotency_key
    )
    transaction.on_commit(lambda: process_refund.enqueue(payment_id))
    return refund


def request_refund(payment_id: int, reason) -> int:
    """Give back whatever remains of a paid payment (all of it, or what earlier share refunds
    left); Stripe is called after commit (and retried by the tick). Never more than was paid.
    Returns the amount that will be refunded: 0 when nothing of the payment is held any more."""
    payment = Payment.objects.select_for_update().get(pk=payment_id)
    if payment.status not in Payment.HELD_MONEY:
        return 0
    remaining = refundable_ore(payment)
    payment.status = Payment.Status.REFUND_PENDING
    payment.refund_reason = str(reason)[:200]
    payment.save(update_fields=["status", "refund_reason"])
    if remaining > 0:
        # The key of the whole-payment refund is what it always was: kk-refund-<payment id>.
        _add_refund(payment, Refund.REST, remaining, reason, f"kk-refund-{payment.pk}")
    return max(remaining, 0)


def request_partial_refund(payment_id: int, *, share: str, amount_ore: int, reason) -> int:
    """Give back one share of a payment (one participant of a group order), at most what is
    still held of it. Asking again for the same ``share`` refunds nothing more: one refund per
    (payment, share), with the Stripe idempotency key ``kk-refund-<payment id>-<share>``.
    Returns the amount that will be refunded (0 when nothing is: already asked for, nothing
    paid, or nothing left). Stripe is called after commit and retried by the tick."""
    payment = Payment.objects.select_for_update().get(pk=payment_id)
    if payment.status not in Payment.HELD_MONEY or payment.refunds.filter(share=share).exists():
        return 0
    committed = _committed_ore(payment)
    amount = min(int(amount_ore), payment.amount_ore - committed)
    if amount <= 0:
        return 0
    payment.status = (
        Payment.Status.REFUND_PENDING if committed + amount >= payment.amount_ore else Payment.Status.PARTIALLY_REFUNDED
    )
    payment.refund_reason = str(reason)[:200]
    payment.save(update_fields=["status", "refund_reason"])
    _add_refund(payment, share, amount, reason, f"kk-refund-{payment.pk}-{share}")
    return amount


def settle_cancellation(registration_id: int, reason) -> None:
    """The purchase was cancelled: refund what was paid, and close open Checkout Sessions after
    commit so they can no longer be paid (a payment that still arrives is refunded)."""
    for payment_id in Payment.objects.filter(
        registration_id=registration_id, status__in=Payment.HELD_MONEY
    ).values_list("pk", flat=True):
        request_refund(payment_id, reason)
    if has_open_checkout(registration_id):
        transaction.on_commit(lambda: close_open_checkouts.enqueue(registration_id))


def held_payment(registration_id: int) -> Payment | None:
    """The payment of a purchase whose money is (at least partly) still held, if any."""
    return Payment.objects.filter(registration_id=registration_id, status__in=Payment.HELD_MONEY).order_by("pk").first()


# --- Stripe round trips (no row lock held while Stripe is called) ----------------------------


def refund_payment(payment_id: int) -> str:
    """Carry out a payment's pending refunds through Stripe. The idempotency key is fixed per
    refund, so a retry (or a second worker) can never refund twice; what Stripe refunded is
    added to ``refunded_ore`` once, under the payment's lock, and the payment is REFUNDED when
    that reaches its amount. Returns "refunded", "failed" (retried by the tick) or "nothing to do"."""
    payment = Payment.objects.filter(pk=payment_id).first()
    if payment is None:
        return "nothing to do"
    if payment.status == Payment.Status.REFUND_PENDING and not payment.refunds.filter(status=Refund.Status.PENDING):
        # Marked for a full refund before refunds were kept one by one: refund what remains.
        with transaction.atomic():
            payment = Payment.objects.select_for_update().get(pk=payment_id)
            remaining = payment.amount_ore - max(_committed_ore(payment), payment.refunded_ore)
            if payment.status == Payment.Status.REFUND_PENDING and remaining > 0:
                Refund.objects.get_or_create(
                    payment=payment,
                    share=Refund.REST,
                    defaults={
                        "amount_ore": remaining,
                        "reason": payment.refund_reason,
                        "idempotency_key": f"kk-refund-{payment.pk}",
                    },
                )
            elif payment.status == Payment.Status.REFUND_PENDING:
                _settle_refunded(payment)
    pending = list(payment.refunds.filter(status=Refund.Status.PENDING).order_by("pk"))
    if not pending:
        return "nothing to do"
    if not payment.payment_intent_id:
        session = stripe_gateway.retrieve_checkout_session(payment.stripe_session_id)
        payment.payment_intent_id = session.get("payment_intent") or ""
        Payment.objects.filter(pk=payment.pk).update(payment_intent_id=payment.payment_intent_id)
    outcome = "refunded"
    for refund in pending:
        try:
            stripe_refund = stripe_gateway.create_refund(
                payment.payment_intent_id, refund.amount_ore, refund.idempotency_key
            )
        except stripe_gateway.PaymentProviderUnavailable as exc:
            if Payment.objects.filter(pk=payment.pk, status=Payment.Status.REFUNDED).exists():
                # Stripe says the whole charge was given back meanwhile: nothing left to refund.
                Refund.objects.filter(pk=refund.pk, status=Refund.Status.PENDING).update(status=Refund.Status.DROPPED)
                continue
            logger.warning("Refund %s of payment %s failed, will retry: %s", refund.pk, payment.pk, exc)
            outcome = "failed"
            continue
        with transaction.atomic():
            locked = Payment.objects.select_for_update().get(pk=payment.pk)
            done = Refund.objects.filter(pk=refund.pk, status=Refund.Status.PENDING).update(
                status=Refund.Status.SUCCEEDED, stripe_refund_id=stripe_refund.id, refunded_at=timezone.now()
            )
            if done:
                locked.refunded_ore = min(locked.amount_ore, locked.refunded_ore + refund.amount_ore)
                locked.refund_id = stripe_refund.id
                locked.save(update_fields=["refunded_ore", "refund_id"])
                _settle_refunded(locked)
    return outcome


def _settle_refunded(payment) -> None:
    """The status that follows from what was refunded (caller holds the payment's lock)."""
    if payment.refunded_ore >= payment.amount_ore:
        payment.status = Payment.Status.REFUNDED
        payment.refunded_at = payment.refunded_at or timezone.now()
    elif payment.status == Payment.Status.REFUND_PENDING and not payment.refunds.filter(status=Refund.Status.PENDING):
        # Nothing more on its way back, yet not all of it: the rest was never asked for.
        payment.status = Payment.Status.PARTIALLY_REFUNDED
    elif payment.status == Payment.Status.PAID and payment.refunded_ore:
        payment.status = Payment.Status.PARTIALLY_REFUNDED
    payment.save(update_fields=["status", "refunded_at"])


def retry_pending_refunds() -> int:
    done = 0
    pending = Payment.objects.filter(
        Q(status=Payment.Status.REFUND_PENDING) | Q(refunds__status=Refund.Status.PENDING)
    ).distinct()
    for pk in list(pending.values_list("pk", flat=True)[:100]):
        if refund_payment(pk) == "refunded":
            done += 1
    return done


def mark_refunded_by_intent(payment_intent: str, refund_id: str = "", *, source: str = WEBHOOK) -> int:
    """``charge.refunded`` from Stripe, for a charge Stripe says is refunded IN FULL (the webhook
    ignores partial refunds: those are ours, one share at a time, and recorded when made).
    Record it, then announce the payments that still held money until now (a refund made in
    Stripe's dashboard) so the seller can release what they bought. A payment whose full
    refund we asked for ourselves (REFUND_PENDING) is not announced."""
    with transaction.atomic():
        payments = list(
            Payment.objects.select_for_update().filter(
                payment_intent_id=payment_intent, status__in=(*Payment.HELD_MONEY, Payment.Status.REFUND_PENDING)
            )
        )
        refunded_elsewhere = []
        for payment in payments:
            if payment.status in Payment.HELD_MONEY:
                refunded_elsewhere.append(payment.pk)
                # The dashboard gave everything back: our own shares still waiting are void.
                payment.refunds.filter(status=Refund.Status.PENDING).update(status=Refund.Status.DROPPED)
            payment.status = Payment.Status.REFUNDED
            payment.refunded_ore = payment.amount_ore
            payment.refunded_at = payment.refunded_at or timezone.now()
            payment.refund_id = payment.refund_id or refund_id
            payment.save(update_fields=["status", "refunded_ore", "refunded_at", "refund_id"])
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
