import pytest

from tests.conference.payments.fake_stripe import fake_stripe, stripe_unreachable  # noqa: F401
from tests.conference.registration.factories import AddOnFactory, TicketTypeFactory, make_edition


@pytest.fixture
def edition(home_page):
    return make_edition(home_page)


@pytest.fixture
def invoice_ticket(edition):
    return TicketTypeFactory(edition=edition, name="Faktura", price_ore=150000, allow_invoice=True)


@pytest.fixture
def free_ticket(edition):
    return TicketTypeFactory(edition=edition, name="Gratis", price_ore=0, allow_invoice=False, access_code="GJEST")


@pytest.fixture
def card_ticket(edition):
    return TicketTypeFactory(edition=edition, name="Kort", price_ore=90000, allow_invoice=False, allow_card=True)


@pytest.fixture
def dinner(edition):
    return AddOnFactory(edition=edition)
