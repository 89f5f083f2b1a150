"""Cancelling participants of a group order: a card-paid group gets exactly the cancelled
participant's share back as a partial Stripe refund (the real ``stripe`` client against the fake
Stripe server), once; an invoice-paid group gets a smaller invoice line or a credit line."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from conference.payments import services as payment_services
from conference.payments import stripe_gateway
from conference.payments.models import Payment, Refund
from conference.registration import exports, services
from conference.registration.models import EmailOutbox, Registration, RegistrationSettings
from conference.registration.tasks import registration_tick

from .factories import AddOnFactory, t

pytestmark = pytest.mark.django_db
State = Registration.State

ORDERER = {"first_name": "Eva", "last_name": "Leder", "email": "eva@askoy.kommune.no", "organisation": "Askøy kommune"}


def participant(ticket, n, add_ons=()):
    return services.Participant(
        ticket_type=ticket,
        details={"first_name": "Sykepleier", "last_name": f"Nr{n}", "email": f"sykepleier{n}@askoy.no"},
        add_ons=tuple(add_ons),
    )


def paid_group(fake_stripe, edition, ticket, count=3, dinner_for=()):
    """A card group order, paid at the fake Stripe: participant n gets the dinner if n in dinner_for."""
    dinner = AddOnFactory(edition=edition, name="Middag", price_ore=45000, capacity=10)
    result = services.create_group_order(
        edition,
        orderer=ORDERER,
        participants=[participant(ticket, n, [dinner] if n in dinner_for else []) for n in range(count)],
        payment_method="card",
    )
    payment = services.start_group_card_payment(result.order)
    fake_stripe.complete(payment.stripe_session_id)
    payment_services.sync_checkout_session(payment.stripe_session_id)
    payment.refresh_from_db()
    regs = list(result.order.registrations.order_by("pk"))
    assert [r.state for r in regs] == [State.CONFIRMED] * count and payment.status == Payment.Status.PAID
    return result.order, regs, payment


def stripe_refunds(fake_stripe):
    return sorted(r["amount"] for r in fake_stripe.refunds.values())


def test_participant_cancelling_gets_exactly_their_share_back_once(
    client, fake_stripe, edition, card_ticket, django_capture_on_commit_callbacks, mailoutbox
):
    order, regs, payment = paid_group(fake_stripe, edition, card_ticket, dinner_for=(1,))
    assert payment.amount_ore == 3 * 90000 + 45000
    url = reverse("registration:cancel", args=[regs[1].manage_token])
    page = client.get(url).content.decode()
    assert "kr 1 350,00" in page  # the share stated before confirming
    with django_capture_on_commit_callbacks(execute=True):
        client.post(url)
    # Ticket + dinner of that participant, on the group's payment intent, with a key per share.
    assert stripe_refunds(fake_stripe) == [135000]
    refund = next(iter(fake_stripe.refunds.values()))
    assert refund["payment_intent"] == payment.payment_intent_id
    payment.refresh_from_db()
    assert payment.status == Payment.Status.PARTIALLY_REFUNDED and payment.refunded_ore == 135000
    assert payment.refunds.get().idempotency_key == f"kk-refund-{payment.pk}-registration-{regs[1].pk}"
    states = [r.state for r in Registration.objects.filter(group_order=order).order_by("pk")]
    assert states == [State.CONFIRMED, State.CANCELLED, State.CONFIRMED]
    # The participant and the orderer are told the amount, in bokmål; so is the history.
    to_participant = next(m for m in mailoutbox if m.to == ["sykepleier1@askoy.no"])
    to_orderer = next(m for m in mailoutbox if m.to == ["eva@askoy.kommune.no"])
    assert "kr 1 350,00" in to_participant.body and "refundert" in to_participant.body
    assert "kr 1 350,00" in to_orderer.body and "Sykepleier Nr1" in to_orderer.body
    assert reverse("registration:group_order", args=[order.manage_token]) in to_orderer.body
    assert regs[1].manage_token not in to_orderer.body
    assert regs[1].history.filter(note__contains="kr 1 350,00").count() == 1

    # A second cancel request (a double click, a retry) refunds nothing more.
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url, follow=True)
    assert t("This change is not possible for the registration in its current state.") in response.content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        assert registration_tick.call()["refunds"] == 0
    assert stripe_refunds(fake_stripe) == [135000]
    assert fake_stripe.count("POST", "/v1/refunds") == 1


def test_two_participants_then_the_whole_order_refund_exactly_what_was_paid(
    client, admin_client, fake_stripe, edition, card_ticket, django_capture_on_commit_callbacks
):
    order, regs, payment = paid_group(fake_stripe, edition, card_ticket, count=4, dinner_for=(0,))
    assert payment.amount_ore == 4 * 90000 + 45000
    # The orderer cancels the lead (who carries the payment), an organiser another participant.
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("registration:group_cancel", args=[order.manage_token, regs[0].pk]))
    with django_capture_on_commit_callbacks(execute=True):
        services.cancel_registration(regs[2].pk, source=services.Source.ORGANISER)
    assert stripe_refunds(fake_stripe) == [90000, 135000]
    payment.refresh_from_db()
    assert payment.refunded_ore == 225000 and payment.status == Payment.Status.PARTIALLY_REFUNDED
    assert fake_stripe.charge_for(payment.payment_intent_id)["amount_refunded"] == 225000

    # The whole order: what remains (two tickets), never more than was paid.
    page = client.get(reverse("registration:group_cancel_order", args=[order.manage_token])).content.decode()
    assert "kr 1 800,00" in page
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("registration:group_cancel_order", args=[order.manage_token]))
    assert stripe_refunds(fake_stripe) == [90000, 135000, 180000]
    payment.refresh_from_db()
    assert payment.status == Payment.Status.REFUNDED and payment.refunded_ore == payment.amount_ore
    charge = fake_stripe.charge_for(payment.payment_intent_id)
    assert charge["refunded"] and charge["amount_refunded"] == payment.amount_ore
    assert not Registration.objects.filter(group_order=order).exclude(state=State.CANCELLED).exists()
    assert EmailOutbox.objects.filter(kind="order_refund", to_email=order.email).count() == 3
    # Stripe's charge.refunded for the now fully refunded charge changes nothing more.
    charge_event = {"id": next(iter(fake_stripe.charges)), "object": "charge"}
    assert fake_stripe.deliver(client, "charge.refunded", charge_event).status_code == 200
    with django_capture_on_commit_callbacks(execute=True):
        registration_tick.call()
    assert fake_stripe.count("POST", "/v1/refunds") == 3
    # Asking for the rest again gives nothing back.
    with pytest.raises(services.NotAllowed):
        services.cancel_group_order(order.pk, source=services.Source.ORGANISER)


def test_a_refund_that_failed_at_stripe_is_retried_by_the_tick_and_made_once(
    fake_stripe, edition, card_ticket, settings, django_capture_on_commit_callbacks
):
    order, regs, payment = paid_group(fake_stripe, edition, card_ticket)
    base = settings.STRIPE_API_BASE
    settings.STRIPE_API_BASE = "http://127.0.0.1:9"  # Stripe unreachable
    with django_capture_on_commit_callbacks(execute=True):
        services.cancel_registration(regs[1].pk)
    refund = Refund.objects.get(payment=payment)
    assert refund.status == Refund.Status.PENDING and refund.amount_ore == 90000
    payment.refresh_from_db()
    assert payment.refunded_ore == 0
    settings.STRIPE_API_BASE = base
    # Stripe made the refund but its answer was lost: the retry sends the same key and gets
    # the same refund back instead of a second one.
    stripe_gateway.create_refund(payment.payment_intent_id, 90000, refund.idempotency_key)
    assert registration_tick.call()["refunds"] == 1
    assert registration_tick.call()["refunds"] == 0
    assert stripe_refunds(fake_stripe) == [90000]
    payment.refresh_from_db()
    refund.refresh_from_db()
    assert refund.status == Refund.Status.SUCCEEDED and payment.refunded_ore == 90000
    assert payment.status == Payment.Status.PARTIALLY_REFUNDED


def test_a_partial_refund_webhook_does_not_refund_the_payment_or_cancel_the_others(
    client, fake_stripe, edition, card_ticket, django_capture_on_commit_callbacks
):
    order, regs, payment = paid_group(fake_stripe, edition, card_ticket)
    with django_capture_on_commit_callbacks(execute=True):
        services.cancel_registration(regs[2].pk)
    # Stripe sends charge.refunded for every refund, partial ones too.
    charge = {"id": next(iter(fake_stripe.charges)), "object": "charge", "amount_refunded": 90000}
    response = fake_stripe.deliver(client, "charge.refunded", charge)
    assert response.status_code == 200
    payment.refresh_from_db()
    assert payment.status == Payment.Status.PARTIALLY_REFUNDED and payment.refunded_ore == 90000
    assert [r.state for r in Registration.objects.filter(group_order=order).order_by("pk")] == [
        State.CONFIRMED,
        State.CONFIRMED,
        State.CANCELLED,
    ]


def test_the_rest_refunded_in_stripes_dashboard_cancels_every_participant_still_paid_for(
    client, fake_stripe, edition, card_ticket, django_capture_on_commit_callbacks
):
    order, regs, payment = paid_group(fake_stripe, edition, card_ticket)
    with django_capture_on_commit_callbacks(execute=True):
        services.cancel_registration(regs[2].pk)
    fake_stripe.refund_in_dashboard(payment.payment_intent_id)
    charge_id = next(iter(fake_stripe.charges))
    fake_stripe.deliver(client, "charge.refunded", {"id": charge_id, "object": "charge"})
    payment.refresh_from_db()
    assert payment.status == Payment.Status.REFUNDED and payment.refunded_ore == payment.amount_ore
    assert set(Registration.objects.filter(group_order=order).values_list("state", flat=True)) == {State.CANCELLED}


def test_cancelling_after_the_deadline_is_refused_with_a_clear_message(
    client, fake_stripe, edition, card_ticket, django_capture_on_commit_callbacks
):
    order, regs, payment = paid_group(fake_stripe, edition, card_ticket)
    RegistrationSettings.objects.filter(edition=edition).update(
        cancellation_deadline=timezone.now() - datetime.timedelta(hours=1)
    )
    manage = client.get(reverse("registration:manage", args=[regs[1].manage_token])).content.decode()
    assert t("The cancellation deadline has passed. Please contact the organisers.") in manage
    assert reverse("registration:cancel", args=[regs[1].manage_token]) not in manage
    order_page = client.get(reverse("registration:group_order", args=[order.manage_token])).content.decode()
    assert reverse("registration:group_cancel_order", args=[order.manage_token]) not in order_page
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("registration:group_cancel", args=[order.manage_token, regs[1].pk]), follow=True)
    assert t("The cancellation deadline has passed. Please contact the organisers.") in response.content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("registration:group_cancel_order", args=[order.manage_token]), follow=True)
    assert t("The cancellation deadline has passed. Please contact the organisers.") in response.content.decode()
    assert fake_stripe.refunds == {} and not Refund.objects.exists()
    assert set(Registration.objects.filter(group_order=order).values_list("state", flat=True)) == {State.CONFIRMED}
    # Organisers still can, and the share is refunded.
    with django_capture_on_commit_callbacks(execute=True):
        services.cancel_registration(regs[1].pk, source=services.Source.ORGANISER)
    assert stripe_refunds(fake_stripe) == [90000]


def test_an_unpaid_group_member_cannot_be_cancelled_alone(edition, card_ticket):
    result = services.create_group_order(
        edition, orderer=ORDERER, participants=[participant(card_ticket, n) for n in range(2)], payment_method="card"
    )
    member = result.registrations[1]
    assert member.state == State.HELD and not services.can_cancel(member)
    with pytest.raises(services.NotAllowed):
        services.cancel_registration(member.pk)
    with pytest.raises(services.NotAllowed):
        services.cancel_group_order(result.order.pk)


def test_invoice_group_cancelling_before_invoicing_shrinks_the_line_and_after_it_adds_a_credit_line(
    edition, invoice_ticket
):
    from .factories import INVOICE

    result = services.create_group_order(
        edition,
        orderer=ORDERER,
        participants=[participant(invoice_ticket, n) for n in range(3)],
        payment_method="invoice",
        invoice=INVOICE,
    )
    regs = result.registrations
    services.cancel_registration(regs[0].pk)
    lines = exports.invoice_lines(edition)
    assert [(line.invoice_status, line.amount_ore) for line in lines] == [("to_invoice", 300000)]
    for reg in regs[1:]:
        services.set_invoice_status(reg.pk, Registration.InvoiceStatus.INVOICED)
    services.cancel_registration(regs[1].pk)
    lines = sorted(exports.invoice_lines(edition), key=lambda line: line.invoice_status)
    assert [(line.invoice_status, line.amount_ore) for line in lines] == [("invoiced", 150000), ("to_credit", 150000)]
    credit = next(line for line in lines if line.invoice_status == "to_credit")
    assert "Sykepleier Nr1" in credit.full_name
    assert not Refund.objects.exists()


def test_a_participant_cancelled_by_an_organiser_before_the_group_paid_is_refunded_when_it_pays(
    fake_stripe, edition, card_ticket, django_capture_on_commit_callbacks
):
    result = services.create_group_order(
        edition, orderer=ORDERER, participants=[participant(card_ticket, n) for n in range(3)], payment_method="card"
    )
    payment = services.start_group_card_payment(result.order)
    assert payment.amount_ore == 270000
    services.cancel_registration(result.registrations[2].pk, source=services.Source.ORGANISER)
    fake_stripe.complete(payment.stripe_session_id)
    with django_capture_on_commit_callbacks(execute=True):
        payment_services.sync_checkout_session(payment.stripe_session_id)
    assert stripe_refunds(fake_stripe) == [90000]
    payment.refresh_from_db()
    assert payment.refunded_ore == 90000 and payment.status == Payment.Status.PARTIALLY_REFUNDED
    states = [r.state for r in Registration.objects.filter(group_order=result.order).order_by("pk")]
    assert states == [State.CONFIRMED, State.CONFIRMED, State.CANCELLED]
