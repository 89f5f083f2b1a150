from django_tasks import task


@task()
def process_refund(payment_id: int) -> str:
    """Carry out a pending refund through Stripe (idempotent; retried by the tick)."""
    from .services import refund_payment

    return refund_payment(payment_id)


@task()
def expire_open_sessions(registration_id: int) -> int:
    """A held registration was cancelled: close its Checkout Sessions so it cannot be paid.
    Best effort; a payment that still arrives is refunded by whoever listens to ``signals.checkout_paid``."""
    from .services import expire_open_sessions as expire

    return expire(registration_id)
