"""Card payments with the real ``stripe`` library against the local fake Stripe server."""

import datetime
import time

import pytest
from django.utils import timezone

from conference.payments import services as payment_services
from conference.payments.models import Payment, StripeEvent
from conference.registration import services
from conference.registration.models import EmailOutbox, Registration

from ..registration.factories import form_data, t

pytestmark = pytest.mark.django_db
URL = "/pamelding/2030/"
State = Registration.State


@pytest.fixture(autouse=True)
def _no_ratelimit(settings):
    settings.RATELIMIT_ENABLE = False


def start_card_registration(client, card_ticket, n=0):
    response = client.post(URL, form_data(card_ticket, n=n, payment_method="card"))
    reg = Registration.objects.get(email=f"kari{n}@example.no")
    return response, reg


def test_card_registration_holds_the_seat_and_redirects_to_checkout(client, fake_stripe, edition, card_ticket):
    response, reg = start_card_registration(client, card_ticket)
    payment = Payment.objects.get(registration=reg)
    session = fake_stripe.sessions[payment.stripe_session_id]
    assert reg.state == State.HELD and reg.hold_expires_at
    assert response.status_code == 302 and response.url == session["url"]
    assert session["amount_total"] == 90000 and session["currency"] == "nok"
    assert session["metadata"]["registration"] == str(reg.pk)
    assert "{CHECKOUT_SESSION_ID}" in session["success_url"]
    create = [p for m, path, p in fake_stripe.requests if path == "/v1/checkout/sessions"]
    assert len(create) == 1
    # Stripe wants at least 30 minutes; the hold lasts as long as the session.
    assert session["expires_at"] >= int(time.time()) + 30 * 60
    reg.refresh_from_db()
    assert int(reg.hold_expires_at.timestamp()) == session["expires_at"]


def test_webhook_confirms_and_browser_return_racing_it_gives_one_confirmation_and_one_email(
    client, fake_stripe, edition, card_ticket, mailoutbox, django_capture_on_commit_callbacks
):
    _, reg = start_card_registration(client, card_ticket)
    payment = Payment.objects.get(registration=reg)
    session = fake_stripe.complete(payment.stripe_session_id)
    with django_capture_on_commit_callbacks(execute=True):
        page = client.get(f"/pamelding/kvittering/{reg.manage_token}/?session_id={session['id']}")
        hook = fake_stripe.deliver(client, "checkout.session.completed", session)
        hook_again = fake_stripe.deliver(client, "checkout.session.completed", session)
    assert page.status_code == 200 and hook.status_code == 200 and hook_again.status_code == 200
    reg.refresh_from_db()
    assert reg.state == State.CONFIRMED
    assert reg.history.filter(to_state="confirmed").count() == 1
    assert reg.history.get(to_state="confirmed").source == "return"
    assert EmailOutbox.objects.filter(registration=reg, kind="confirmation").count() == 1
    assert len([m for m in mailoutbox if "bekreftet" in m.subject]) == 1
    payment.refresh_from_db()
    assert payment.status == Payment.Status.PAID and payment.payment_intent_id.startswith("pi_")
    assert t("Thank you, you are registered") in page.content.decode()


def test_webhook_re_reads_the_session_instead_of_trusting_the_payload(client, fake_stripe, edition, card_ticket):
    _, reg = start_card_registration(client, card_ticket)
    payment = Payment.objects.get(registration=reg)
    # A correctly signed event claiming "paid" while Stripe says the session is still open.
    claimed = dict(fake_stripe.sessions[payment.stripe_session_id], status="complete", payment_status="paid")
    response = fake_stripe.deliver(client, "checkout.session.completed", claimed)
    assert response.status_code == 200
    reg.refresh_from_db()
    assert reg.state == State.HELD
    assert fake_stripe.count("GET", f"/v1/checkout/sessions/{payment.stripe_session_id}") == 1


def test_forged_webhook_is_rejected(client, fake_stripe, edition, card_ticket):
    _, reg = start_card_registration(client, card_ticket)
    session = fake_stripe.complete(Payment.objects.get(registration=reg).stripe_session_id)
    response = fake_stripe.deliver(client, "checkout.session.completed", session, secret="whsec_wrong")
    assert response.status_code == 400
    no_header = client.post("/stripe/webhook/", data="{}", content_type="application/json")
    assert no_header.status_code == 400
    reg.refresh_from_db()
    assert reg.state == State.HELD
    assert not StripeEvent.objects.exists()


def test_old_signed_webhook_is_rejected(client, fake_stripe, edition, card_ticket):
    _, reg = start_card_registration(client, card_ticket)
    session = fake_stripe.complete(Payment.objects.get(registration=reg).stripe_session_id)
    response = fake_stripe.deliver(client, "checkout.session.completed", session, timestamp=time.time() - 3600)
    assert response.status_code == 400


def test_replayed_webhook_event_is_ignored(client, fake_stripe, edition, card_ticket):
    _, reg = start_card_registration(client, card_ticket)
    session = fake_stripe.complete(Payment.objects.get(registration=reg).stripe_session_id)
    first = fake_stripe.deliver(client, "checkout.session.completed", session, event_id="evt_same")
    second = fake_stripe.deliver(client, "checkout.session.completed", session, event_id="evt_same")
    assert first.status_code == second.status_code == 200
    assert second.content == b"duplicate event ignored"
    assert StripeEvent.objects.filter(event_id="evt_same").count() == 1


def test_webhook_for_unknown_session_is_logged_and_answered_200(client, fake_stripe, caplog, edition):
    response = fake_stripe.deliver(
        client, "checkout.session.completed", {"id": "cs_test_unknown", "object": "checkout.session"}
    )
    assert response.status_code == 200
    assert response.content == b"unknown session"
    assert "cs_test_unknown" in caplog.text
    assert not Registration.objects.exists()


def test_webhook_get_is_not_allowed(client, fake_stripe):
    assert client.get("/stripe/webhook/").status_code == 405


def test_stripe_unreachable_keeps_the_hold_and_retry_uses_the_same_idempotency_key(
    client, stripe_unreachable, edition, card_ticket, settings
):
    response = client.post(URL, form_data(card_ticket, payment_method="card"), follow=True)
    reg = Registration.objects.get()
    assert response.status_code == 200
    message = t(
        "We could not reach the card payment service. Your seat is held for you until "
        "%(time)s; please try again in a moment."
    )
    assert message.split("%(time)s")[0] in response.content.decode()
    assert reg.state == State.HELD
    payment = Payment.objects.get(registration=reg)
    assert payment.stripe_session_id is None
    # Stripe is back: the retry button reuses the attempt's idempotency key.
    from tests.conference.payments.fake_stripe import FakeStripe

    fake = FakeStripe().start()
    try:
        settings.STRIPE_API_BASE = fake.base
        retry = client.post(f"/pamelding/p/{reg.manage_token}/betal/")
        payment.refresh_from_db()
        assert retry.status_code == 302 and retry.url == payment.checkout_url
        assert list(fake.idempotent) == [payment.idempotency_key]
        assert Payment.objects.filter(registration=reg).count() == 1
    finally:
        fake.stop()


def test_expired_session_webhook_releases_the_hold_to_the_waiting_list(client, fake_stripe, edition, card_ticket):
    edition.capacity = 1
    edition.save()
    _, held = start_card_registration(client, card_ticket, n=1)
    client.post(URL, form_data(card_ticket, n=2, payment_method="card"))
    waiting = Registration.objects.get(email="kari2@example.no")
    assert waiting.state == State.WAITING
    session = fake_stripe.expire(Payment.objects.get(registration=held).stripe_session_id)
    assert fake_stripe.deliver(client, "checkout.session.expired", session).status_code == 200
    held.refresh_from_db()
    waiting.refresh_from_db()
    assert held.state == State.EXPIRED
    assert waiting.state == State.OFFERED


def test_payment_after_the_hold_expired_is_confirmed_when_a_seat_is_free(client, fake_stripe, edition, card_ticket):
    _, reg = start_card_registration(client, card_ticket)
    services.expire_holds(now=timezone.now() + datetime.timedelta(hours=2))
    reg.refresh_from_db()
    assert reg.state == State.EXPIRED
    session = fake_stripe.complete(Payment.objects.get(registration=reg).stripe_session_id)
    fake_stripe.deliver(client, "checkout.session.completed", session)
    reg.refresh_from_db()
    assert reg.state == State.CONFIRMED
    assert "etter at reservasjonen var utløpt" in reg.history.last().note


def test_payment_after_the_hold_expired_without_a_seat_is_refunded_and_the_person_told(
    client, fake_stripe, edition, card_ticket, invoice_ticket, django_capture_on_commit_callbacks, mailoutbox
):
    edition.capacity = 1
    edition.save()
    _, late = start_card_registration(client, card_ticket, n=1)
    services.expire_holds(now=timezone.now() + datetime.timedelta(hours=2))
    client.post(URL, form_data(invoice_ticket, n=2))  # takes the freed seat
    payment = Payment.objects.get(registration=late)
    session = fake_stripe.complete(payment.stripe_session_id)
    with django_capture_on_commit_callbacks(execute=True):
        fake_stripe.deliver(client, "checkout.session.completed", session)
    late.refresh_from_db()
    payment.refresh_from_db()
    assert late.state == State.EXPIRED
    assert payment.status == Payment.Status.REFUNDED and payment.refund_id.startswith("re_")
    refund = fake_stripe.refunds[payment.refund_id]
    assert refund["amount"] == 90000 and refund["payment_intent"] == payment.payment_intent_id
    assert EmailOutbox.objects.filter(registration=late, kind="late_refund").count() == 1
    assert any("refundert" in m.subject for m in mailoutbox)
    assert Registration.objects.filter(state__in=Registration.SEAT_STATES).count() == 1


def test_cancelling_a_card_registration_refunds_once(
    client, fake_stripe, edition, card_ticket, django_capture_on_commit_callbacks
):
    _, reg = start_card_registration(client, card_ticket)
    session = fake_stripe.complete(Payment.objects.get(registration=reg).stripe_session_id)
    fake_stripe.deliver(client, "checkout.session.completed", session)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(f"/pamelding/p/{reg.manage_token}/avbestill/")
    payment = Payment.objects.get(registration=reg)
    assert payment.status == Payment.Status.REFUNDED
    assert payment.refunded_ore == payment.amount_ore
    # A retry (e.g. a second worker) with the same idempotency key cannot refund twice.
    refund = payment.refunds.get()
    assert refund.idempotency_key == f"kk-refund-{payment.pk}"
    refund.status = refund.Status.PENDING
    refund.save()
    payment_services.refund_payment(payment.pk)
    assert len(fake_stripe.refunds) == 1
    assert fake_stripe.count("POST", "/v1/refunds") == 2
    payment.refresh_from_db()
    assert payment.refunded_ore == payment.amount_ore and payment.status == Payment.Status.REFUNDED
    # Stripe's charge.refunded event is then harmless.
    charge = {"id": "ch_1", "object": "charge", "payment_intent": payment.payment_intent_id}
    assert fake_stripe.deliver(client, "charge.refunded", charge).status_code == 200


def test_refund_is_retried_by_the_tick_when_stripe_was_down(client, fake_stripe, edition, card_ticket, settings):
    from conference.registration.tasks import registration_tick

    _, reg = start_card_registration(client, card_ticket)
    session = fake_stripe.complete(Payment.objects.get(registration=reg).stripe_session_id)
    fake_stripe.deliver(client, "checkout.session.completed", session)
    base = settings.STRIPE_API_BASE
    settings.STRIPE_API_BASE = "http://127.0.0.1:9"
    services.cancel_registration(reg.pk)
    assert payment_services.retry_pending_refunds() == 0
    assert Payment.objects.get(registration=reg).status == Payment.Status.REFUND_PENDING
    settings.STRIPE_API_BASE = base
    assert registration_tick.call()["refunds"] == 1
    assert Payment.objects.get(registration=reg).status == Payment.Status.REFUNDED


def test_receipt_pdf_for_card_payment(client, fake_stripe, edition, card_ticket):
    _, reg = start_card_registration(client, card_ticket)
    assert client.get(f"/pamelding/p/{reg.manage_token}/kvittering.pdf").status_code == 404
    session = fake_stripe.complete(Payment.objects.get(registration=reg).stripe_session_id)
    fake_stripe.deliver(client, "checkout.session.completed", session)
    response = client.get(f"/pamelding/p/{reg.manage_token}/kvittering.pdf")
    assert response.status_code == 200 and response.content[:4] == b"%PDF"


def test_webhook_without_configuration_answers_503(client, settings):
    settings.STRIPE_WEBHOOK_SECRET = ""
    assert client.post("/stripe/webhook/", data="{}", content_type="application/json").status_code == 503


def test_organisers_can_list_and_create_ticket_types_in_the_admin(admin_client, edition, card_ticket):
    from conference.registration.models import TicketType

    listing = admin_client.get("/admin/registration/ticket-types/")
    assert listing.status_code == 200 and "Kort" in listing.content.decode()
    response = admin_client.post(
        "/admin/registration/ticket-types/new/",
        {
            "edition": edition.pk,
            "name": "Student",
            "price_ore": "50000",
            "allow_card": "on",
            "active": "on",
            "sort_order": "0",
        },
    )
    assert response.status_code == 302
    assert TicketType.objects.filter(name="Student", price_ore=50000).exists()
    assert admin_client.get("/admin/payments/card-payments/").status_code == 200
    assert admin_client.get("/admin/payments/stripe-events/").status_code == 200


def test_ticket_admin_is_closed_to_anonymous_visitors(client, edition):
    assert client.get("/admin/registration/ticket-types/").status_code == 302


def test_cancelling_while_payment_is_pending_closes_the_checkout_session(
    client, fake_stripe, edition, card_ticket, django_capture_on_commit_callbacks
):
    _, reg = start_card_registration(client, card_ticket)
    payment = Payment.objects.get(registration=reg)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(f"/pamelding/p/{reg.manage_token}/avbestill/")
    payment.refresh_from_db()
    assert payment.status == Payment.Status.EXPIRED
    assert fake_stripe.sessions[payment.stripe_session_id]["status"] == "expired"
    reg.refresh_from_db()
    assert reg.state == State.CANCELLED


def _paid_card_registration(client, fake_stripe, card_ticket):
    _, reg = start_card_registration(client, card_ticket)
    session = fake_stripe.complete(Payment.objects.get(registration=reg).stripe_session_id)
    fake_stripe.deliver(client, "checkout.session.completed", session)
    payment = Payment.objects.get(registration=reg)
    assert payment.status == Payment.Status.PAID
    return payment


def test_refund_made_in_the_stripe_dashboard_is_recorded_from_stripes_own_charge(
    client, fake_stripe, edition, card_ticket
):
    payment = _paid_card_registration(client, fake_stripe, card_ticket)
    fake_stripe.refund_in_dashboard(payment.payment_intent_id)
    charge = fake_stripe.charge_for(payment.payment_intent_id)
    response = fake_stripe.deliver(client, "charge.refunded", charge)
    assert response.status_code == 200
    assert fake_stripe.count("GET", f"/v1/charges/{charge['id']}") == 1  # re-read, not trusted
    assert Payment.objects.get(pk=payment.pk).status == Payment.Status.REFUNDED


def test_charge_refunded_event_is_ignored_when_stripe_says_the_charge_is_not_refunded(
    client, fake_stripe, edition, card_ticket
):
    payment = _paid_card_registration(client, fake_stripe, card_ticket)
    charge = {**fake_stripe.charge_for(payment.payment_intent_id), "refunded": True}  # the event's claim
    response = fake_stripe.deliver(client, "charge.refunded", charge)
    assert response.status_code == 200
    assert b"not fully refunded" in response.content
    assert Payment.objects.get(pk=payment.pk).status == Payment.Status.PAID


def test_full_refund_in_the_stripe_dashboard_cancels_the_registration_and_offers_the_seat(
    client, fake_stripe, edition, card_ticket, invoice_ticket
):
    edition.capacity = 1
    edition.save()
    payment = _paid_card_registration(client, fake_stripe, card_ticket)
    client.post(URL, form_data(invoice_ticket, n=2))
    waiting = Registration.objects.get(email="kari2@example.no")
    assert waiting.state == State.WAITING
    fake_stripe.refund_in_dashboard(payment.payment_intent_id)
    fake_stripe.deliver(client, "charge.refunded", fake_stripe.charge_for(payment.payment_intent_id))
    refunded = Registration.objects.get(pk=payment.registration_id)
    waiting.refresh_from_db()
    assert refunded.state == State.CANCELLED
    assert refunded.history.last().note == t("The card payment was refunded in Stripe")
    assert waiting.state == State.OFFERED
