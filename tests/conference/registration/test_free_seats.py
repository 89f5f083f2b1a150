"""Free seats always reach the waiting list first (found by the outside probe), and a cancelled
registration's invoice is credited only when it was sent."""

import datetime

import pytest

from conference.registration import services
from conference.registration.models import EmailOutbox, Registration
from conference.registration.tasks import registration_tick

from .factories import INVOICE, person

pytestmark = pytest.mark.django_db
State = Registration.State
InvoiceStatus = Registration.InvoiceStatus


def register(edition, ticket, n):
    return services.create_registration(
        edition, ticket_type=ticket, details=person(n, **INVOICE), payment_method="invoice"
    ).registration


def three_seated_two_waiting(edition, ticket):
    edition.capacity = 3
    edition.save_revision().publish()
    people = [register(edition, ticket, n) for n in range(5)]
    assert [p.state for p in people] == [State.CONFIRMED] * 3 + [State.WAITING] * 2
    return people


def states(people):
    return [Registration.objects.get(pk=p.pk).state for p in people]


def test_raising_capacity_and_publishing_offers_the_new_seats_to_the_waiting_list(
    edition, invoice_ticket, django_capture_on_commit_callbacks
):
    people = three_seated_two_waiting(edition, invoice_ticket)
    edition.capacity = 5
    with django_capture_on_commit_callbacks(execute=True):
        edition.save_revision().publish()
    assert states(people) == [State.CONFIRMED] * 3 + [State.OFFERED] * 2
    assert EmailOutbox.objects.filter(kind="offer").count() == 2
    # The sixth person finds every seat taken by an offer and queues.
    assert register(edition, invoice_ticket, 6).state == State.WAITING


def test_the_periodic_tick_offers_seats_that_nobody_offered(edition, invoice_ticket):
    people = three_seated_two_waiting(edition, invoice_ticket)
    # Capacity changed without the publish signal (e.g. a data fix in the shell).
    type(edition).objects.filter(pk=edition.pk).update(capacity=4)
    assert registration_tick.call()["offers_made"] == 1
    assert states(people) == [State.CONFIRMED] * 3 + [State.OFFERED, State.WAITING]
    assert registration_tick.call()["offers_made"] == 0


def test_a_newcomer_finding_free_seats_while_people_wait_offers_them_first(edition, invoice_ticket):
    people = three_seated_two_waiting(edition, invoice_ticket)
    type(edition).objects.filter(pk=edition.pk).update(capacity=6)
    edition.refresh_from_db()
    newcomer = register(edition, invoice_ticket, 7)
    assert states(people) == [State.CONFIRMED] * 3 + [State.OFFERED] * 2
    assert newcomer.state == State.CONFIRMED  # the sixth seat was still free after the offers


def test_raising_a_ticket_types_capacity_offers_its_seats(edition, invoice_ticket, django_capture_on_commit_callbacks):
    invoice_ticket.capacity = 1
    invoice_ticket.save()
    seated, waiting = register(edition, invoice_ticket, 1), register(edition, invoice_ticket, 2)
    assert waiting.state == State.WAITING
    invoice_ticket.capacity = 2
    with django_capture_on_commit_callbacks(execute=True):
        invoice_ticket.save()
    assert states([seated, waiting]) == [State.CONFIRMED, State.OFFERED]


@pytest.mark.parametrize(
    ("before", "after"),
    [
        (InvoiceStatus.TO_INVOICE, InvoiceStatus.NONE),  # never sent: nothing to credit
        (InvoiceStatus.INVOICED, InvoiceStatus.TO_CREDIT),
        (InvoiceStatus.TO_CREDIT, InvoiceStatus.TO_CREDIT),
        (InvoiceStatus.CREDITED, InvoiceStatus.CREDITED),
        (InvoiceStatus.NONE, InvoiceStatus.NONE),
    ],
)
def test_cancelling_credits_an_invoice_only_when_it_was_sent(edition, invoice_ticket, before, after):
    registration = register(edition, invoice_ticket, 1)
    services.set_invoice_status(registration.pk, before)
    services.cancel_registration(registration.pk, source=services.Source.ORGANISER)
    registration.refresh_from_db()
    assert registration.invoice_status == after


def test_dashboard_does_not_ask_finance_to_credit_an_invoice_never_sent(edition, invoice_ticket, admin_client):
    from django.urls import reverse

    registration = register(edition, invoice_ticket, 1)
    services.cancel_registration(registration.pk, source=services.Source.ORGANISER)
    figures = admin_client.get(reverse("registration_admin:dashboard"), {"edition": edition.pk}).context["figures"]
    assert figures["invoice"] == {"to_invoice": 0, "invoiced": 0, "to_credit": 0, "credited": 0}


def test_the_manage_link_is_sent_again_at_most_once_in_a_while(edition, invoice_ticket, mailoutbox):
    registration = register(edition, invoice_ticket, 1)
    assert services.resend_manage_link(registration) is True
    assert services.resend_manage_link(registration) is False
    assert registration.emails.filter(kind="manage_link").count() == 1
    later = (
        registration.emails.get(kind="manage_link").created_at
        + services.state.RESEND_WINDOW
        + datetime.timedelta(seconds=1)
    )
    assert services.resend_manage_link(registration, now=later) is True


def test_organisers_see_free_seats_for_the_waiting_list_and_offer_them_now(edition, invoice_ticket, admin_client):
    from django.urls import reverse

    people = three_seated_two_waiting(edition, invoice_ticket)
    type(edition).objects.filter(pk=edition.pk).update(capacity=4)
    dashboard = admin_client.get(reverse("registration_admin:dashboard"), {"edition": edition.pk})
    assert dashboard.context["figures"]["offerable"] == 1
    assert "Tilby 1 ledig plass nå" in dashboard.content.decode()
    response = admin_client.post(reverse("registration_admin:offer_free_seats"), {"edition": edition.pk}, follow=True)
    assert states(people) == [State.CONFIRMED] * 3 + [State.OFFERED, State.WAITING]
    assert "1 person på ventelisten fikk tilbud om plass." in response.content.decode()
    assert response.context["figures"]["offerable"] == 0


def test_offering_free_seats_needs_the_right_to_change_registrations(
    edition, invoice_ticket, client, django_user_model
):
    from django.contrib.auth.models import Permission
    from django.urls import reverse

    three_seated_two_waiting(edition, invoice_ticket)
    reader = django_user_model.objects.create_user("leser", password="x")
    reader.user_permissions.add(
        Permission.objects.get(codename="access_admin"), Permission.objects.get(codename="view_registration")
    )
    client.force_login(reader)
    response = client.post(reverse("registration_admin:offer_free_seats"), {"edition": edition.pk})
    assert response.status_code in (302, 403)
    assert Registration.objects.filter(state=State.OFFERED).count() == 0
