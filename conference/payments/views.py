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
    except stripe.SignatureVerificationError:
        logger.warning("Rejected a Stripe webhook with a bad signature")
        return HttpResponseBadRequest("invalid signature")
    except (ValueError, TypeError, AttributeError, KeyError):
        # Not UTF-8, not JSON, or JSON that is not an object (the stripe library fails on it).
        logger.warning("Rejected a Stripe webhook whose payload is not a JSON object")
        return HttpResponseBadRequest("malformed event")
    problem = malformed_event_problem(event)
    if problem:
        # Signed but unusable: nothing is stored, so a later well-formed delivery of the same
        # event id is not mistaken for a replay; the log line is the record.
        logger.error("Rejected a signed Stripe webhook event (%s): id=%s", problem, _safe_id(event))
        return HttpResponseBadRequest("malformed event")
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


def malformed_event_problem(event) -> str:
    """Why a correctly signed event cannot be processed, or ``""`` when it can.

    Everything the webhook stores or passes on must have the shape Stripe documents: a string
    event id and type, ``data.object`` an object with a string id (every event we subscribe to
    is about an object with an id), fitting the ``StripeEvent`` columns, and no NUL anywhere
    (PostgreSQL's text and jsonb cannot hold it)."""
    if not isinstance(event, dict):
        return "event is not an object"
    if not _is_text(event.get("id"), StripeEvent._meta.get_field("event_id").max_length):
        return "event id missing or not a string"
    if not _is_text(event.get("type"), StripeEvent._meta.get_field("type").max_length):
        return "event type missing or not a string"
    data = event.get("data")
    if not isinstance(data, dict):
        return "event without data"
    obj = data.get("object")
    if not isinstance(obj, dict):
        return "data.object missing or not an object"
    if not _is_text(obj.get("id"), StripeEvent._meta.get_field("object_id").max_length):
        return "object id missing or not a string"
    if _contains_nul(event):
        return "NUL character in the event"
    return ""


def _is_text(value, max_length: int) -> bool:
    return isinstance(value, str) and 0 < len(value) <= max_length


def _contains_nul(value) -> bool:
    stack = [value]
    while stack:
        item = stack.pop()
        if isinstance(item, str):
            if "\x00" in item:
                return True
        elif isinstance(item, dict):
            stack.extend(item.keys())
            stack.extend(item.values())
        elif isinstance(item, list):
            stack.extend(item)
    return False


def _safe_id(event) -> str:
    """The event id for the log, whatever the event looks like."""
    value = event.get("id") if isinstance(event, dict) else None
    return repr(value)[:80]


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
