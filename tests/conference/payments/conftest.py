"""Payment tests use the registration tests' edition, tickets and the fake Stripe server."""

from tests.conference.registration.conftest import (  # noqa: F401
    card_ticket,
    dinner,
    edition,
    fake_stripe,
    free_ticket,
    invoice_ticket,
    stripe_unreachable,
)
