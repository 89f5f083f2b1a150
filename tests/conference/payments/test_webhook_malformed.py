"""Correctly signed but malformed webhook events: 400, logged, nothing changed.

Signed with the test secret exactly as Stripe signs, and parsed by the real ``stripe`` library."""

import json
import logging

import pytest

from conference.payments.models import Payment, StripeEvent
from conference.registration.models import Registration

from .test_stripe import start_card_registration

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _no_ratelimit(settings):
    settings.RATELIMIT_ENABLE = False


def event(**overrides):
    base = {
        "id": "evt_malformed",
        "object": "event",
        "type": "checkout.session.completed",
        "data": {"object": {"id": "cs_test_x", "object": "checkout.session"}},
    }
    return json.dumps({**base, **overrides})


MALFORMED = {
    "object without id": event(data={"object": {"object": "checkout.session", "status": "complete"}}),
    "object id is a number": event(data={"object": {"id": 42}}),
    "object id is empty": event(data={"object": {"id": ""}}),
    "list as the object": event(data={"object": [{"id": "cs_test_x"}]}),
    "string as the object": event(data={"object": "cs_test_x"}),
    "no data": json.dumps({"id": "evt_malformed", "object": "event", "type": "checkout.session.completed"}),
    "data is a list": event(data=[]),
    "data without object": event(data={}),
    "data object is null": event(data={"object": None}),
    "type is not a string": event(type=["checkout.session.completed"]),
    "type missing": json.dumps({"id": "evt_malformed", "data": {"object": {"id": "cs_test_x"}}}),
    "id is not a string": event(id=12345),
    "id is null": event(id=None),
    "id missing": json.dumps({"type": "checkout.session.completed", "data": {"object": {"id": "cs_test_x"}}}),
    "id longer than the column": event(id="evt_" + "x" * 300),
    "NUL in the id": event(id="evt_\x00"),
    "NUL deep in the object": event(data={"object": {"id": "cs_test_x", "metadata": {"note": "a\x00b"}}}),
    "NUL in a key": event(data={"object": {"id": "cs_test_x", "a\x00": 1}}),
    "a list, not an event": json.dumps([{"id": "evt_malformed"}]),
    "a string, not an event": json.dumps("evt_malformed"),
    "null, not an event": "null",
    "not JSON at all": "{not json",
}


@pytest.mark.parametrize("payload", MALFORMED.values(), ids=MALFORMED.keys())
def test_signed_but_malformed_event_is_answered_400_logged_and_changes_nothing(
    client, fake_stripe, caplog, edition, card_ticket, payload
):
    _, reg = start_card_registration(client, card_ticket)
    before = list(Payment.objects.values_list("pk", "status"))
    with caplog.at_level(logging.WARNING, logger="conference.payments.views"):
        response = fake_stripe.deliver_payload(client, payload)
    assert response.status_code == 400
    assert response.content == b"malformed event"
    assert "Rejected a" in caplog.text and "Stripe webhook" in caplog.text
    assert not StripeEvent.objects.exists()
    reg.refresh_from_db()
    assert reg.state == Registration.State.HELD
    assert list(Payment.objects.values_list("pk", "status")) == before
    # Nothing was re-read from Stripe for it.
    assert fake_stripe.count("GET", "/v1/") == 0


def test_malformed_delivery_does_not_block_the_well_formed_event_with_the_same_id(
    client, fake_stripe, edition, card_ticket
):
    """Nothing is stored for a rejected event, so Stripe's later, correct delivery of the same
    id is processed rather than ignored as a replay."""
    _, reg = start_card_registration(client, card_ticket)
    session = fake_stripe.complete(Payment.objects.get(registration=reg).stripe_session_id)
    bad = fake_stripe.deliver_payload(client, event(id="evt_same", data={"object": [session]}))
    good = fake_stripe.deliver(client, "checkout.session.completed", session, event_id="evt_same")
    assert bad.status_code == 400 and good.status_code == 200
    assert good.content != b"duplicate event ignored"
    reg.refresh_from_db()
    assert reg.state == Registration.State.CONFIRMED
    assert StripeEvent.objects.get(event_id="evt_same").processed_at


def test_event_about_an_unknown_type_with_a_well_formed_object_is_still_accepted(client, fake_stripe):
    response = fake_stripe.deliver(client, "customer.created", {"id": "cus_1", "object": "customer"})
    assert response.status_code == 200 and response.content == b"ignored"
    assert StripeEvent.objects.get(type="customer.created").object_id == "cus_1"
