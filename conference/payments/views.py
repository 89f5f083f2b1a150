import json
import logging

import stripe
from django.conf import settings
from django.db import IntegrityError, transaction
from django.http import HttpResponse, HttpResponseBadRequest
from django.utils import timezone
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

from . import services, stripe_gateway
from .models import StripeEvent

logger = logging.getLogger(__name__)

SESSION_EVENTS = {
    "checkout.session.completed",
    "checkout.session.async_payment_succeeded",
    "checkout.session.async_payment_failed",
    "checkout.session.expired",
}


@csrf_exempt
@require_POST
def stripe_webhook(request):
    """Stripe's signed webhook, the source of truth for card payments. The signature is
    verified, each event id is stored once (a replay is answered 200 and ignored), and the
    object is re-read from Stripe before anything changes."""
    if not settings.STRIPE_WEBHOOK_SECRET or not settings.STRIPE_SECRET_KEY:
        return HttpResponse("Stripe is not configured", status=503)
    payload = request.body
    try:
        event = stripe_gateway.construct_event(payload, request.headers.get("Stripe-Signature", ""))
    except (ValueError, stripe.SignatureVerificationError):
        logger.warning("Rejected a Stripe webhook with a bad signature or payload")
        return HttpResponseBadRequest("invalid signature")
    obj = event["data"]["object"]
    try:
        with transaction.atomic():
            record = StripeEvent.objects.create(
                event_id=event["id"], type=event["type"], object_id=obj.get("id", ""), payload=json.loads(payload)
            )
    except IntegrityError:
        record = StripeEvent.objects.get(event_id=event["id"])
        if record.processed_at:
            return HttpResponse("duplicate event ignored")
    try:
        result = _handle(event["type"], obj)
    except stripe_gateway.PaymentProviderUnavailable:
        # Not processed: Stripe retries the webhook later, and the tick re-reads open sessions.
        logger.warning("Could not re-read %s from Stripe; event %s left for retry", obj.get("id"), event["id"])
        return HttpResponse("stripe unavailable, retry later", status=503)
    StripeEvent.objects.filter(pk=record.pk).update(processed_at=timezone.now(), result=result[:250])
    return HttpResponse(result)


def _handle(event_type: str, obj) -> str:
    if event_type in SESSION_EVENTS:
        return services.sync_checkout_session(obj["id"], source=services.WEBHOOK)
    if event_type == "charge.refunded":
        # Like sessions, the charge is re-read: only Stripe's own record says it was refunded.
        charge = stripe_gateway.retrieve_charge(obj.get("id") or "")
        if charge is None:
            logger.warning("charge.refunded for a charge Stripe does not know: %s", obj.get("id"))
            return "unknown charge"
        if not charge.get("refunded"):
            return "charge not fully refunded at Stripe"
        intent = charge.get("payment_intent") or ""
        return f"refunded {services.mark_refunded_by_intent(intent)}" if intent else "no payment intent"
    return "ignored"
