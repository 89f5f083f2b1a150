from django_tasks import task


@task()
def process_refund(payment_id: int) -> str:
    """Carry out a pending refund through Stripe (idempotent; retried by the tick)."""
    from .services import refund_payment

    return refund_payment(payment_id)


@task()
def reconcile_checkout_session(session_id: str) -> str:
    """Re-read a Checkout Session from Stripe and apply it (used by webhook and return page)."""
    from .services import sync_checkout_session

    return sync_checkout_session(session_id)
