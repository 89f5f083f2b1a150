"""Group orders and seat transfers in the services: all or none, the waiting list only when the
orderer chooses it, one invoice basis line per order, and a transfer that keeps the seat."""

import datetime

import pytest
from django.utils import timezone

from conference.registration import exports, services
from conference.registration.models import EmailOutbox, GroupOrder, Registration, RegistrationSettings

from .factories import INVOICE, AddOnFactory, TicketTypeFactory, make_edition

ORDERER = {
    "first_name": "Eva",
    "last_name": "Enhetsleder",
    "email": "eva@askoy.kommune.no",
    "phone": "+4791234567",
    "organisation": "Askøy kommune",
}


def participants(ticket, count, start=0, add_ons=()):
    return [
        services.Participant(
            ticket_type=ticket,
            details={"first_name": "Sykepleier", "last_name": f"Nr{n}", "email": f"sykepleier{n}@askoy.no"},
            add_ons=tuple(add_ons),
        )
        for n in range(start, start + count)
    ]


def order(edition, ticket, count, **kwargs):
    kwargs.setdefault("payment_method", "invoice")
    kwargs.setdefault("invoice", INVOICE)
    return services.create_group_order(edition, orderer=ORDERER, participants=participants(ticket, count), **kwargs)


@pytest.mark.django_db
def test_a_group_gets_one_seat_each_and_own_tickets(edition, invoice_ticket):
    result = order(edition, invoice_ticket, 3, form_token="g-1")
    regs = result.registrations
    assert [r.state for r in regs] == ["confirmed"] * 3
    assert len({r.manage_token for r in regs}) == 3
    assert all(r.invoice_reference == "RES-123" and r.invoice_status == "to_invoice" for r in regs)
    assert all(r.organisation == "Askøy kommune" for r in regs)
    kinds = sorted(EmailOutbox.objects.values_list("kind", "to_email"))
    assert kinds.count(("group_order", "eva@askoy.kommune.no")) == 1
    assert sorted(to for kind, to in kinds if kind == "confirmation") == [
        "sykepleier0@askoy.no",
        "sykepleier1@askoy.no",
        "sykepleier2@askoy.no",
    ]
    # The same post again makes nothing new.
    again = order(edition, invoice_ticket, 3, form_token="g-1")
    assert again.outcome == "duplicate_post" and again.order == result.order
    assert Registration.objects.count() == 3


@pytest.mark.django_db
def test_a_group_bigger_than_the_seats_left_is_refused_unless_the_orderer_chooses_the_waiting_list(home_page):
    edition = make_edition(home_page, capacity=4)
    ticket = TicketTypeFactory(edition=edition)
    services.create_registration(
        edition,
        ticket_type=ticket,
        details={"first_name": "A", "last_name": "B", "email": "a@b.no"},
        payment_method="invoice",
    )
    with pytest.raises(services.NotEnoughSeats) as refused:
        order(edition, ticket, 5)
    assert refused.value.left == 3
    assert Registration.objects.count() == 1 and GroupOrder.objects.count() == 0
    result = order(edition, ticket, 5, wants_waiting_list=True)
    assert [r.state for r in result.registrations] == ["confirmed"] * 3 + ["waiting"] * 2


@pytest.mark.django_db
def test_repeated_email_too_many_and_already_registered_are_refused(edition, invoice_ticket):
    group = participants(invoice_ticket, 2)
    group[1].details["email"] = "SYKEPLEIER0@askoy.no"
    with pytest.raises(services.ParticipantError) as repeated:
        services.create_group_order(
            edition, orderer=ORDERER, participants=group, payment_method="invoice", invoice=INVOICE
        )
    assert (repeated.value.index, repeated.value.field) == (1, "email")
    RegistrationSettings.objects.filter(edition=edition).update(max_group_size=2)
    with pytest.raises(services.GroupTooLarge):
        order(edition, invoice_ticket, 3)
    order(edition, invoice_ticket, 1)
    with pytest.raises(services.ParticipantError) as again:
        order(edition, invoice_ticket, 2)
    assert again.value.index == 0
    assert Registration.objects.count() == 1


@pytest.mark.django_db
def test_a_full_add_on_refuses_the_whole_group(edition, invoice_ticket):
    dinner = AddOnFactory(edition=edition, capacity=2)
    with pytest.raises(services.ParticipantError) as full:
        services.create_group_order(
            edition,
            orderer=ORDERER,
            participants=participants(invoice_ticket, 3, add_ons=[dinner]),
            payment_method="invoice",
            invoice=INVOICE,
        )
    assert full.value.index == 2 and full.value.field == "add_ons"
    assert Registration.objects.count() == 0


@pytest.mark.django_db
def test_invoice_basis_has_one_line_per_order_with_the_participants(edition, invoice_ticket):
    order(edition, invoice_ticket, 3)
    services.create_registration(
        edition,
        ticket_type=invoice_ticket,
        details={"first_name": "Enkelt", "last_name": "Person", "email": "enkelt@x.no", **INVOICE},
        payment_method="invoice",
    )
    lines = exports.invoice_basis_export(edition).csv_text().strip().splitlines()
    assert len(lines) == 3  # header, the group's line, the single registration's line
    group_line = next(line for line in lines if "Nr0" in line)
    assert "Sykepleier Nr1" in group_line and "Sykepleier Nr2" in group_line
    assert "4500,00" in group_line and "RES-123" in group_line


@pytest.mark.django_db
def test_card_group_is_one_payment_that_confirms_everyone(edition, card_ticket, fake_stripe):
    result = order(edition, card_ticket, 3, payment_method="card", invoice={})
    assert [r.state for r in result.registrations] == ["held"] * 3
    payment = services.start_group_card_payment(result.order)
    assert payment.amount_ore == 3 * 90000
    assert payment.registration_id == result.registrations[0].pk
    from conference.payments import services as payments

    fake_stripe.complete(payment.stripe_session_id)
    payments.sync_checkout_session(payment.stripe_session_id)
    assert set(Registration.objects.values_list("state", flat=True)) == {"confirmed"}
    assert EmailOutbox.objects.filter(kind="confirmation").count() == 3
    # A participant cancelling gets their share of the group's single payment back, no more.
    member = Registration.objects.get(pk=result.registrations[1].pk)
    assert services.can_cancel(member)
    services.cancel_registration(member.pk)
    payment.refresh_from_db()
    assert payment.refunds.get().amount_ore == 90000
    assert payment.status == "partly_refunded"


@pytest.mark.django_db
def test_transfer_keeps_the_seat_and_the_invoice_and_makes_a_new_ticket(edition, invoice_ticket):
    old = order(edition, invoice_ticket, 2).registrations[0]
    new = services.transfer_registration(old.pk, first_name="Kollega", last_name="Ny", email="Kollega@askoy.no")
    old.refresh_from_db()
    assert old.state == "transferred" and old.transferred_to == new and old.invoice_status == ""
    assert new.state == "confirmed" and new.email == "kollega@askoy.no" and new.invoice_status == "to_invoice"
    assert new.manage_token != old.manage_token and new.group_order_id == old.group_order_id
    assert Registration.objects.filter(state__in=Registration.SEAT_STATES).count() == 2
    assert list(old.history.values_list("to_state", flat=True)) == ["confirmed", "transferred"]
    assert EmailOutbox.objects.filter(registration=new, kind="confirmation").exists()
    assert EmailOutbox.objects.filter(registration=old, kind="transferred").exists()
    # Nothing is charged twice: the order's line still has two seats, one of them the new person.
    lines = exports.invoice_basis_export(edition).csv_text().strip().splitlines()
    assert len(lines) == 2 and "Kollega Ny" in lines[1] and "3000,00" in lines[1]


@pytest.mark.django_db
def test_transfer_after_the_deadline_is_refused_for_the_attendee(edition, invoice_ticket):
    old = order(edition, invoice_ticket, 1).registrations[0]
    RegistrationSettings.objects.filter(edition=edition).update(
        transfer_deadline=timezone.now() - datetime.timedelta(minutes=1)
    )
    with pytest.raises(services.TransferDeadlinePassed):
        services.transfer_registration(old.pk, first_name="A", last_name="B", email="ab@x.no")
    old.refresh_from_db()
    assert old.state == "confirmed"
    organiser_made = services.transfer_registration(
        old.pk, first_name="A", last_name="B", email="ab@x.no", source=services.Source.ORGANISER
    )
    assert organiser_made.state == "confirmed"


@pytest.mark.django_db
def test_personal_data_export_and_retention_cover_orders_and_transfers(edition, invoice_ticket):
    result = order(edition, invoice_ticket, 2)
    old = result.registrations[0]
    services.transfer_registration(old.pk, first_name="Ny", last_name="Kollega", email="ny@askoy.no")
    exported = services.export_personal_data("eva@askoy.kommune.no")
    assert exported["group_orders"][0]["reference"] == result.order.reference
    assert "manage_token" not in exported["group_orders"][0]
    after = edition.ends_at() + datetime.timedelta(days=91)
    services.purge_personal_data(now=after)
    old.refresh_from_db()
    result.order.refresh_from_db()
    assert old.anonymised_at is not None and old.first_name == "Anonymisert"
    assert result.order.phone == ""
    assert Registration.objects.filter(state="confirmed").count() == 2
