"""Bulk e-mail (preview, one e-mail per person even on double submit) and check-in at the door
(QR token, reference, search, second scan says already, refused states)."""

import pytest
from django.core import mail
from django.urls import reverse

from conference.registration import services
from conference.registration.models import EmailOutbox, Registration
from tests.conftest import MODEL_BACKEND

from ..factories import make_edition
from .conftest import ORGANISER, refreshed, register

pytestmark = pytest.mark.django_db


@pytest.fixture
def attendees(edition, invoice_ticket, free_ticket):
    a = register(edition, invoice_ticket, 1)
    b = register(edition, invoice_ticket, 2)
    c = register(edition, free_ticket, 3, method="free")
    d = register(edition, invoice_ticket, 4)
    services.cancel_registration(d.pk, source=ORGANISER)
    return [a, b, c, d]


def bulk_data(batch="0123456789abcdef0123456789abcdef", **extra):
    data = {
        "states": ["confirmed"],
        "subject": "Praktisk informasjon",
        "body": "Velkommen! Husk navneskiltet.\n<script>alert(1)</script>",
        "batch": batch,
        "action": "send",
    }
    data.update(extra)
    return data


def test_bulk_email_preview_shows_count_and_sends_nothing(organiser_client, edition, attendees):
    url = reverse("registration_admin:bulk_email") + f"?edition={edition.pk}"
    response = organiser_client.get(url)
    assert response.status_code == 200
    outbox_before = EmailOutbox.objects.count()
    response = organiser_client.post(url, bulk_data(action="preview"))
    assert response.status_code == 200
    assert response.context["recipient_count"] == 3
    content = response.content.decode()
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in content
    assert EmailOutbox.objects.count() == outbox_before


def test_bulk_email_double_submit_sends_each_person_once(
    organiser_client, edition, attendees, django_capture_on_commit_callbacks
):
    url = reverse("registration_admin:bulk_email") + f"?edition={edition.pk}"
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        first = organiser_client.post(url, bulk_data(), follow=True)
    with django_capture_on_commit_callbacks(execute=True):
        second = organiser_client.post(url, bulk_data(), follow=True)
    custom = [m for m in mail.outbox if m.subject == "Praktisk informasjon"]
    assert len(custom) == 3
    assert sorted(m.to[0] for m in custom) == sorted(r.email for r in attendees[:3])
    assert "3" in [str(m) for m in first.context["messages"]][0]
    assert EmailOutbox.objects.filter(kind=EmailOutbox.Kind.CUSTOM).count() == 3
    assert len(list(second.context["messages"])) == 1


def test_bulk_email_filters_by_ticket_type_and_state(organiser_client, edition, attendees, free_ticket):
    url = reverse("registration_admin:bulk_email") + f"?edition={edition.pk}"
    organiser_client.post(url, bulk_data(ticket_types=[free_ticket.pk]))
    assert list(EmailOutbox.objects.filter(kind="custom").values_list("registration", flat=True)) == [attendees[2].pk]
    organiser_client.post(url, bulk_data(batch="f" * 32, states=["cancelled"]))
    assert EmailOutbox.objects.filter(kind="custom", registration=attendees[3]).count() == 1


def test_bulk_email_rejects_forged_batch_and_empty_subject(organiser_client, edition, attendees):
    url = reverse("registration_admin:bulk_email") + f"?edition={edition.pk}"
    response = organiser_client.post(url, bulk_data(batch="x" * 32))
    assert response.status_code == 200
    assert "batch" in response.context["form"].errors
    response = organiser_client.post(url, bulk_data(subject=""))
    assert "subject" in response.context["form"].errors
    assert not EmailOutbox.objects.filter(kind="custom").exists()


def checkin(client, edition, **data):
    return client.post(reverse("registration_admin:checkin") + f"?edition={edition.pk}", data)


def test_check_in_by_qr_token_then_again_says_already(organiser_client, organiser, edition, attendees):
    registration = attendees[0]
    response = checkin(organiser_client, edition, token=registration.checkin_token())
    assert response.status_code == 200
    assert response.context["result"]["level"] == "success"
    registration = refreshed(registration)
    assert registration.checked_in_at is not None
    assert registration.history.order_by("-pk").first().actor == organiser
    response = checkin(organiser_client, edition, token=registration.checkin_token())
    result = response.context["result"]
    assert result["level"] == "warning"
    from django.utils import timezone

    at = timezone.localtime(registration.checked_in_at)
    assert f"kl. {at:%H.%M}" in result["message"]
    content = response.content.decode()
    assert 'role="status"' in content
    assert "kk-checkin-result__box--warning" in content
    assert refreshed(registration).history.filter(note="Sjekket inn").count() == 1


def test_check_in_by_reference_and_by_search(organiser_client, edition, attendees):
    response = checkin(organiser_client, edition, token=attendees[1].reference.lower())
    assert response.context["result"]["level"] == "success"
    response = organiser_client.get(reverse("registration_admin:checkin"), {"edition": edition.pk, "q": "Nordmann3"})
    assert list(response.context["results"]) == [attendees[2]]
    response = checkin(organiser_client, edition, registration=attendees[2].pk)
    assert response.context["result"]["level"] == "success"


def test_check_in_refuses_cancelled_waiting_forged_and_other_edition(organiser_client, home_page, edition, attendees):
    response = checkin(organiser_client, edition, registration=attendees[3].pk)
    assert response.context["result"]["level"] == "error"
    assert refreshed(attendees[3]).checked_in_at is None
    response = checkin(organiser_client, edition, token="forged:token")
    assert response.context["result"]["level"] == "error"
    other = make_edition(home_page, year=2031)
    from ..factories import TicketTypeFactory

    stranger = register(other, TicketTypeFactory(edition=other), 7)
    response = checkin(organiser_client, edition, token=stranger.checkin_token())
    assert response.context["result"]["level"] == "error"
    assert refreshed(stranger).checked_in_at is None


def test_check_in_refuses_waiting_list(organiser_client, home_page, django_user_model):
    small = make_edition(home_page, year=2032, capacity=1)
    from ..factories import TicketTypeFactory

    ticket = TicketTypeFactory(edition=small)
    register(small, ticket, 1)
    waiting = register(small, ticket, 2)
    assert waiting.state == Registration.State.WAITING
    response = checkin(organiser_client, small, registration=waiting.pk)
    assert response.context["result"]["level"] == "error"
    assert "waiting" in response.context["result"]["message"] or "venteliste" in response.context["result"]["message"]


def test_reader_sees_check_in_search_but_cannot_check_in(client, viewer, edition, attendees):
    client.force_login(viewer, backend=MODEL_BACKEND)
    response = client.get(reverse("registration_admin:checkin"), {"edition": edition.pk, "q": "Nordmann1"})
    assert response.status_code == 200
    assert "checkin-token-form" not in response.content.decode()
    assert checkin(client, edition, registration=attendees[0].pk).status_code in (302, 403)
    assert refreshed(attendees[0]).checked_in_at is None


def test_check_in_page_shows_the_count_and_the_json_count_follows_check_ins(organiser_client, edition, attendees):
    html = organiser_client.get(reverse("registration_admin:checkin"), {"edition": edition.pk}).content.decode()
    assert "Sjekket inn: <strong data-checkin-count>0</strong> av <span data-checkin-expected>3</span>" in html
    url = reverse("registration_admin:checkin_count")
    checkin(organiser_client, edition, registration=attendees[0].pk)
    response = organiser_client.get(url, {"edition": edition.pk})
    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"]
    assert response.json() == {"edition": edition.pk, "checked_in": 1, "expected": 3}


def test_json_count_is_for_organisers_only(client, editor, edition, attendees):
    url = reverse("registration_admin:checkin_count")
    anonymous = client.get(url, {"edition": edition.pk})
    assert anonymous.status_code == 302 and "/admin/login/" in anonymous["Location"]
    client.force_login(editor, backend=MODEL_BACKEND)
    refused = client.get(url, {"edition": edition.pk})
    assert refused.status_code in (302, 403)
    assert b"checked_in" not in refused.content


def test_json_count_of_an_unknown_edition_is_not_found(organiser_client, edition, attendees):
    url = reverse("registration_admin:checkin_count")
    assert organiser_client.get(url, {"edition": "999999"}).status_code == 404
    assert organiser_client.get(url, {"edition": "abc"}).status_code == 404
