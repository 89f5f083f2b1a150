"""A transferred ticket at the door: the old QR code is refused and says to whom the seat went."""

import pytest
from django.urls import reverse

from ..factories import t
from ..test_group_views import make_order

pytestmark = pytest.mark.django_db


def test_the_orderer_transfers_a_seat_and_the_old_ticket_is_refused_at_the_door(
    client, organiser_client, edition, invoice_ticket
):
    result = make_order(edition, invoice_ticket)
    old = result.registrations[0]
    path = reverse("registration:group_transfer", args=[result.order.manage_token, old.pk])
    response = client.post(path, {"first_name": "Kollega", "last_name": "Ny", "email": "p1@x.no"})
    assert t("This e-mail address is already registered for this conference.") in response.content.decode()
    response = client.post(path, {"first_name": "Kollega", "last_name": "Ny", "email": "kollega@x.no"})
    assert response.status_code == 302
    old.refresh_from_db()
    assert old.state == "transferred" and old.transferred_to.email == "kollega@x.no"
    checkin = reverse("registration_admin:checkin") + f"?edition={edition.pk}"
    result = organiser_client.post(checkin, {"token": old.checkin_token()}).context["result"]
    assert result["level"] == "error" and "Kollega Ny" in result["message"]
    assert old.transferred_to.reference in result["message"]
    new_ticket = organiser_client.post(checkin, {"token": old.transferred_to.checkin_token()})
    assert new_ticket.context["result"]["level"] == "success"
