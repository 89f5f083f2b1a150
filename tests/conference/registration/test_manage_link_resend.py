"""Registering again with a registered address sends the manage link at most once per window,
so the form cannot be used to flood someone's inbox."""

import datetime

import pytest
from django.core import mail

from conference.registration.models import EmailOutbox, Registration
from conference.registration.services.state import RESEND_WINDOW as MANAGE_LINK_RESEND_WINDOW

from .factories import form_data, t

pytestmark = pytest.mark.django_db
URL = "/pamelding/2030/"
SENT_AGAIN = (
    "This e-mail address is already registered for this conference. We have sent the "
    "link to the registration to that address again."
)
SENT_RECENTLY = (
    "This e-mail address is already registered for this conference. We sent the "
    "link to the registration to that address a short while ago. Check the inbox "
    "(and the spam folder)."
)


@pytest.fixture(autouse=True)
def _no_ratelimit(settings):
    settings.RATELIMIT_ENABLE = False


def manage_link_mails():
    subject = t("Link to your registration: %(edition)s") % {"edition": "Konferansen 2030"}
    return [message for message in mail.outbox if message.subject == subject]


def attempt(client, ticket, n, capture):
    data = form_data(ticket, n=n, email="kari1@example.no", email_confirm="kari1@example.no")
    with capture(execute=True):
        response = client.post(URL, data)
    assert response.status_code == 200
    return response.content.decode().replace("&#x27;", "'")


def test_four_attempts_with_a_registered_address_send_the_link_once_and_say_it_was_sent_recently(
    client, edition, invoice_ticket, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        client.post(URL, form_data(invoice_ticket, n=1))
    registration = Registration.objects.get()
    pages = [attempt(client, invoice_ticket, n, django_capture_on_commit_callbacks) for n in range(2, 6)]

    assert len(manage_link_mails()) == 1
    assert manage_link_mails()[0].to == ["kari1@example.no"]
    assert registration.emails.filter(kind=EmailOutbox.Kind.MANAGE_LINK).count() == 1
    assert t(SENT_AGAIN) in pages[0] and t(SENT_RECENTLY) not in pages[0]
    for page in pages[1:]:
        assert t(SENT_RECENTLY) in page and t(SENT_AGAIN) not in page
        assert registration.manage_token not in page
    assert Registration.objects.count() == 1


def test_the_link_is_sent_again_once_the_window_has_passed(
    client, edition, invoice_ticket, django_capture_on_commit_callbacks
):
    client.post(URL, form_data(invoice_ticket, n=1))
    registration = Registration.objects.get()
    attempt(client, invoice_ticket, 2, django_capture_on_commit_callbacks)
    earlier = registration.emails.get(kind=EmailOutbox.Kind.MANAGE_LINK)
    earlier.created_at -= MANAGE_LINK_RESEND_WINDOW + datetime.timedelta(minutes=1)
    earlier.save(update_fields=["created_at"])

    page = attempt(client, invoice_ticket, 3, django_capture_on_commit_callbacks)

    assert t(SENT_AGAIN) in page
    assert registration.emails.filter(kind=EmailOutbox.Kind.MANAGE_LINK).count() == 2
    assert len(manage_link_mails()) == 2


def test_the_window_is_per_registration_not_per_visitor(
    client, edition, invoice_ticket, django_capture_on_commit_callbacks
):
    client.post(URL, form_data(invoice_ticket, n=1))
    client.post(URL, form_data(invoice_ticket, n=7))
    attempt(client, invoice_ticket, 2, django_capture_on_commit_callbacks)
    data = form_data(invoice_ticket, n=8, email="kari7@example.no", email_confirm="kari7@example.no")
    with django_capture_on_commit_callbacks(execute=True):
        page = client.post(URL, data).content.decode().replace("&#x27;", "'")
    assert t(SENT_AGAIN) in page
    assert sorted(m.to[0] for m in manage_link_mails()) == ["kari1@example.no", "kari7@example.no"]
