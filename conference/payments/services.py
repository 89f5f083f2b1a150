"""Card payments: starting a Checkout Session, applying what Stripe says, refunds.

Registration state is never changed here directly; these functions call
``conference.registration.services`` (which lock and re-read). Stripe is called outside any
database lock.
"""

import datetime
import logging

from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from conference.registration import services as registration_services
from conference.registration.models import Registration

from . import stripe_gateway
from .models import Payment

logger = logging.getLogger(__name__)


def _absolute(request, path):
    return request.build_absolute_uri(path) if request is not None else path


def start_checkout(registration: Registration, request=None) -> Payment:
    """Open (or reuse) a Checkout Session for a held registration and return the Payment with
    its ``checkout_url``. Raises ``PaymentsNotConfigured`` or ``PaymentProviderUnavailable``;
    in that case the hold is untouched and the attendee can try again."""
    if registration.state != Registration.State.HELD:
        raise registration_services.NotAllowed()
    now = timezone.now()
    with transaction.atomic():
        # One attempt row at a time; a retry after a network failure reuses its idempotency key
        # so Stripe returns the session it may already have created.
        payment = (
            Payment.objects.select_for_update()
            .filter(registration=registration, status=Payment.Status.OPEN)
            .order_by("-pk")
            .first()
        )
        if payment is None:
            attempt = registration.payments.count() + 1
            payment = Payment.objects.create(
                registration=registration,
                idempotency_key=f"kk-checkout-{registration.manage_token[:16]}-{registration.pk}-{attempt}",
                amount_ore=registration.amount_ore,
            )
    if payment.stripe_session_id and payment.checkout_url:
        return payment
    # Stripe wants 30 minutes to 24 hours; the hold is extended to match the session.
    expires_at = max(registration.hold_expires_at or now, now + datetime.timedelta(minutes=31))
    manage = reverse("registration:manage", args=[registration.manage_token])
    success = _absolute(request, reverse("registration:receipt", args=[registration.manage_token]))
    line_items = [
        {
            "quantity": 1,
            "price_data": {
                "currency": "nok",
                "unit_amount": registration.ticket_type.price_ore,
                "product_data": {"name": f"{registration.edition.title}: {registration.ticket_type.name}"[:250]},
            },
        }
    ]
    for add_on in registration.add_ons.all():
        if add_on.price_ore:
            line_items.append(
                {
                    "quantity": 1,
                    "price_data": {
                        "currency": "nok",
                        "unit_amount": add_on.price_ore,
                        "product_data": {"name": add_on.name},
                    },
                }
            )
    params = {
        "mode": "payment",
        "line_items": line_items,
        "customer_email": registration.email,
        "client_reference_id": str(registration.pk),
        "metadata": {"registration": str(registration.pk), "payment": str(payment.pk)},
        "success_url": success + "?session_id={CHECKOUT_SESSION_ID}",
        "cancel_url": _absolute(request, manage),
        "expires_at": int(expires_at.timestamp()),
        "locale": "nb",
    }
    session = stripe_gateway.create_checkout_session(params, payment.idempotency_key)
    payment.stripe_session_id = session.id
    payment.checkout_url = session.url or ""
    payment.save(update_fields=["stripe_session_id", "checkout_url"])
    registration_services.note_checkout_started(registration.pk, hold_expires_at=expires_at)
    return payment


def sync_checkout_session(session_id: str, *, source="webhook") -> str:
    """Re-read a Checkout Session from Stripe and apply its state. Safe to call any number of
    times from the webhook and the browser return page."""
    payment = Payment.objects.filter(stripe_session_id=session_id).first()
    if payment is None:
        logger.warning("Stripe session %s is unknown; ignored", session_id)
        return "unknown session"
    session = stripe_gateway.retrieve_checkout_session(session_id)
    if session.get("payment_status") in ("paid", "no_payment_required") and session.get("status") == "complete":
        intent = session.get("payment_intent") or ""
        if intent and not payment.payment_intent_id:
            Payment.objects.filter(pk=payment.pk, payment_intent_id="").update(payment_intent_id=intent)
        _registration, outcome = registration_services.confirm_card_payment(payment.pk, source=source)
        return outcome
    if session.get("status") == "expired":
        registration_services.card_session_expired(payment.pk, source=source)
        return "expired"
    return "open"


def refund_payment(payment_id: int) -> str:
    """Refund a payment marked REFUND_PENDING. The idempotency key is fixed per payment, so a
    retry (or a second worker) can never refund twice."""
    payment = Payment.objects.filter(pk=payment_id).first()
    if payment is None or payment.status != Payment.Status.REFUND_PENDING:
        return "nothing to do"
    if not payment.payment_intent_id:
        session = stripe_gateway.retrieve_checkout_session(payment.stripe_session_id)
        payment.payment_intent_id = session.get("payment_intent") or ""
        payment.save(update_fields=["payment_intent_id"])
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
            payment.save()
    return "refunded"


def retry_pending_refunds() -> int:
    done = 0
    for pk in list(Payment.objects.filter(status=Payment.Status.REFUND_PENDING).values_list("pk", flat=True)[:100]):
        if refund_payment(pk) == "refunded":
            done += 1
    return done


def mark_refunded_by_intent(payment_intent: str, refund_id: str = "") -> int:
    """``charge.refunded`` from Stripe (e.g. a refund made in the dashboard)."""
    with transaction.atomic():
        payments = Payment.objects.select_for_update().filter(
            payment_intent_id=payment_intent, status__in=(Payment.Status.PAID, Payment.Status.REFUND_PENDING)
        )
        count = 0
        for payment in payments:
            payment.status = Payment.Status.REFUNDED
            payment.refunded_at = payment.refunded_at or timezone.now()
            payment.refund_id = payment.refund_id or refund_id
            payment.save()
            count += 1
        return count


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
        Payment.objects.filter(pk=payment.pk, status=Payment.Status.OPEN).update(status=Payment.Status.EXPIRED)
        done += 1
    return done
