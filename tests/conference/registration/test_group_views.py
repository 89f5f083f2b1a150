"""The group order pages as people use them: the form with a row per participant, its errors
in the summary, the orderer's private order page, transfers, and the old ticket at the door."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from conference.registration import services
from conference.registration.models import EmailOutbox, GroupOrder, Registration, RegistrationSettings

from .factories import INVOICE, t

pytestmark = pytest.mark.django_db


def group_data(ticket, count, *, rows=None, **overrides):
    data = {
        "first_name": "Eva",
        "last_name": "Enhetsleder",
        "email": "eva@askoy.kommune.no",
        "phone": "912 34 567",
        "organisation": "Askøy kommune",
        "municipality": "",
        "municipality_other": "Vestland",
        "payment_method": "invoice",
        "privacy_accepted": "on",
        "form_token": "gruppe-token-1",
        "deltaker-TOTAL_FORMS": str(rows or count),
        "deltaker-INITIAL_FORMS": "0",
        **INVOICE,
    }
    for n in range(count):
        data.update(
            {
                f"deltaker-{n}-first_name": "Sykepleier",
                f"deltaker-{n}-last_name": f"Nr{n}",
                f"deltaker-{n}-email": f"sykepleier{n}@askoy.no",
                f"deltaker-{n}-ticket_type": str(ticket.pk),
            }
        )
    data.update(overrides)
    return data


def url(edition):
    return reverse("registration:group_register", args=[edition.year])


def test_the_form_shows_the_rows_asked_for_within_the_maximum(client, edition, invoice_ticket):
    response = client.get(url(edition))
    assert response.status_code == 200
    assert response.content.decode().count("<legend") >= 3 and len(response.context["formset"].forms) == 3
    assert len(client.get(url(edition), {"antall": "7"}).context["formset"].forms) == 7
    assert len(client.get(url(edition), {"antall": "500"}).context["formset"].forms) == 20
    assert len(client.get(url(edition), {"antall": "tre\x00"}).context["formset"].forms) == 3


def test_rows_left_empty_are_ignored_as_a_browser_sends_them(client, edition, invoice_ticket):
    page = client.get(url(edition), {"antall": "4"}).content.decode()
    assert 'name="deltaker-TOTAL_FORMS" value="4"' in page
    assert 'name="deltaker-INITIAL_FORMS" value="0"' in page
    response = client.post(url(edition), group_data(invoice_ticket, 2, rows=4))
    assert response.status_code == 302
    assert Registration.objects.count() == 2


def test_rows_do_not_add_queries(client, edition, invoice_ticket, dinner, django_assert_max_num_queries):
    client.get(url(edition), {"antall": "2"})
    with django_assert_max_num_queries(30) as few:
        client.get(url(edition), {"antall": "2"})
    with django_assert_max_num_queries(len(few.captured_queries)):
        client.get(url(edition), {"antall": "20"})


def test_a_unit_leader_registers_three_colleagues_on_one_invoice(client, edition, invoice_ticket):
    response = client.post(url(edition), group_data(invoice_ticket, 3, rows=5))
    order = GroupOrder.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("registration:group_order", args=[order.manage_token])
    regs = list(order.registrations.order_by("pk"))
    assert [r.state for r in regs] == ["confirmed"] * 3
    assert {r.invoice_reference for r in regs} == {"RES-123"}
    assert EmailOutbox.objects.filter(kind="confirmation").count() == 3
    page = client.get(response["Location"]).content.decode()
    for r in regs:
        assert r.full_name in page and r.reference in page
    assert "kr 4 500,00" in page
    # The same post again (double click) makes nothing new.
    client.post(url(edition), group_data(invoice_ticket, 3))
    assert Registration.objects.count() == 3


def test_repeated_email_is_tied_to_the_participant_and_listed_in_the_summary(client, edition, invoice_ticket):
    data = group_data(invoice_ticket, 3, **{"deltaker-2-email": "SYKEPLEIER0@askoy.no"})
    response = client.post(url(edition), data)
    assert response.status_code == 200
    page = response.content.decode()
    message = t("This e-mail address is also given for participant %(number)s.") % {"number": 1}
    assert message in page
    assert 'href="#id_deltaker-2-email"' in page
    assert t("Participant %(number)s") % {"number": 3} in page
    assert 'value="Nr1"' in page  # input kept
    assert Registration.objects.count() == 0


def test_more_participants_than_allowed_is_refused_with_a_message(client, edition, invoice_ticket):
    RegistrationSettings.objects.filter(edition=edition).update(max_group_size=2)
    response = client.post(url(edition), group_data(invoice_ticket, 3))
    assert response.status_code == 200
    message = t("One order can have at most %(max)s participants. Split the group into several orders.") % {"max": 2}
    assert message in response.content.decode()
    assert 'href="#participants"' in response.content.decode()
    assert Registration.objects.count() == 0


def test_an_already_registered_participant_and_a_full_conference(client, home_page, invoice_ticket, edition):
    edition.capacity = 2
    edition.save_revision().publish()
    response = client.post(url(edition), group_data(invoice_ticket, 3))
    page = response.content.decode()
    message = t(
        "There are only %(left)s seats left for this group. Remove participants, or tick the box to "
        "put the rest on the waiting list."
    ) % {"left": 2}
    assert message in page and 'href="#id_wants_waiting_list"' in page
    assert Registration.objects.count() == 0
    response = client.post(url(edition), group_data(invoice_ticket, 3, wants_waiting_list="on"))
    assert response.status_code == 302
    assert sorted(Registration.objects.values_list("state", flat=True)) == ["confirmed", "confirmed", "waiting"]


def test_garbage_does_not_give_500(client, edition, invoice_ticket):
    data = group_data(invoice_ticket, 1, **{"deltaker-TOTAL_FORMS": "x", "deltaker-0-ticket_type": "999999"})
    assert client.post(url(edition), data).status_code == 200
    data = group_data(invoice_ticket, 1, **{"deltaker-0-ticket_type": "abc", "deltaker-0-add_ons": "x"})
    assert client.post(url(edition), data).status_code == 200
    assert Registration.objects.count() == 0


def make_order(edition, ticket, count=2):
    return services.create_group_order(
        edition,
        orderer={"first_name": "Eva", "last_name": "E", "email": "eva@x.no", "organisation": "Askøy kommune"},
        participants=[
            services.Participant(
                ticket_type=ticket, details={"first_name": "P", "last_name": f"N{n}", "email": f"p{n}@x.no"}
            )
            for n in range(count)
        ],
        payment_method="invoice",
        invoice=INVOICE,
    )


def test_the_order_page_is_private_and_only_for_its_own_participants(client, edition, invoice_ticket):
    first = make_order(edition, invoice_ticket)
    other = services.create_registration(
        edition,
        ticket_type=invoice_ticket,
        details={"first_name": "A", "last_name": "B", "email": "ab@x.no", **INVOICE},
        payment_method="invoice",
    ).registration
    token = first.order.manage_token
    assert client.get(reverse("registration:group_order", args=["x" * 43])).status_code == 404
    assert client.get(reverse("registration:group_transfer", args=[token, other.pk])).status_code == 404
    assert client.post(reverse("registration:group_cancel", args=[token, other.pk])).status_code == 404
    other.refresh_from_db()
    assert other.state == "confirmed"


def test_a_participant_transfers_from_the_manage_page_but_not_after_the_deadline(client, edition, invoice_ticket):
    registration = make_order(edition, invoice_ticket, 1).registrations[0]
    manage = client.get(reverse("registration:manage", args=[registration.manage_token])).content.decode()
    assert reverse("registration:transfer", args=[registration.manage_token]) in manage
    RegistrationSettings.objects.filter(edition=edition).update(
        transfer_deadline=timezone.now() - datetime.timedelta(hours=1)
    )
    path = reverse("registration:transfer", args=[registration.manage_token])
    response = client.post(path, {"first_name": "K", "last_name": "N", "email": "k@x.no"})
    assert t("This seat can no longer be transferred. Please contact the organisers.") in response.content.decode()
    registration.refresh_from_db()
    assert registration.state == "confirmed"
