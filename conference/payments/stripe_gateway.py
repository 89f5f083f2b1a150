"""The only place that talks to Stripe. Uses the official client; in tests its base address
points at the local fake Stripe server (``STRIPE_API_BASE``)."""

import stripe
from django.conf import settings


class PaymentsNotConfigured(Exception):
    pass


class PaymentProviderUnavailable(Exception):
    """Stripe could not be reached or refused the request; safe to retry later."""


def card_payments_enabled() -> bool:
    return bool(settings.STRIPE_SECRET_KEY)


def client() -> stripe.StripeClient:
    if not settings.STRIPE_SECRET_KEY:
        raise PaymentsNotConfigured()
    kwargs = {"max_network_retries": 1}
    if settings.STRIPE_API_BASE:
        kwargs["base_addresses"] = {"api": settings.STRIPE_API_BASE}
    return stripe.StripeClient(settings.STRIPE_SECRET_KEY, **kwargs)


def _call(fn, *args, **kwargs):
    try:
        return fn(*args, **kwargs)
    except (stripe.APIConnectionError, stripe.RateLimitError, stripe.APIError, stripe.AuthenticationError) as exc:
        raise PaymentProviderUnavailable(str(exc)) from exc
    except stripe.StripeError as exc:
        raise PaymentProviderUnavailable(str(exc)) from exc


def create_checkout_session(params: dict, idempotency_key: str):
    c = client()
    return _call(c.v1.checkout.sessions.create, params=params, options={"idempotency_key": idempotency_key})


def retrieve_checkout_session(session_id: str) -> dict:
    c = client()
    return _call(c.v1.checkout.sessions.retrieve, session_id).to_dict()


def expire_checkout_session(session_id: str):
    c = client()
    return _call(c.v1.checkout.sessions.expire, session_id)


def create_refund(payment_intent: str, amount: int, idempotency_key: str):
    c = client()
    return _call(
        c.v1.refunds.create,
        params={"payment_intent": payment_intent, "amount": amount},
        options={"idempotency_key": idempotency_key},
    )


def retrieve_charge(charge_id: str) -> dict | None:
    """The charge as Stripe has it now, or None when Stripe does not know it."""
    c = client()
    try:
        return c.v1.charges.retrieve(charge_id).to_dict()
    except stripe.InvalidRequestError:
        return None
    except stripe.StripeError as exc:
        raise PaymentProviderUnavailable(str(exc)) from exc


def construct_event(payload: bytes, signature: str) -> dict:
    """Verify the signature (raises ``stripe.SignatureVerificationError``) and parse to a dict."""
    return stripe.Webhook.construct_event(payload, signature, settings.STRIPE_WEBHOOK_SECRET).to_dict()
