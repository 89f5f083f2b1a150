"""The registration e-mails: one text for both versions, in bokmål, escaped in HTML."""

import pytest

from conference.registration.emails import build_message
from conference.registration.models import EmailOutbox
from tests.conference.registration.factories import form_data


@pytest.mark.django_db
def test_confirmation_email_speaks_bokmal_in_text_and_html(
    client, edition, invoice_ticket, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=False):
        client.post(f"/pamelding/{edition.year}/", form_data(invoice_ticket))
    outbox = EmailOutbox.objects.get(kind=EmailOutbox.Kind.CONFIRMATION)
    message = build_message(outbox)
    html = message.alternatives[0][0]
    lead = f"Takk for påmeldingen! Du har plass på {edition.title}."
    assert message.subject == f"Påmelding bekreftet: {edition.title}"
    assert lead in message.body and lead in html
    manage = f"/pamelding/p/{outbox.registration.manage_token}/"
    assert manage in message.body and manage in html
    assert "Lenken er personlig" in message.body


@pytest.mark.django_db
def test_edition_title_is_escaped_in_the_html_email(
    client, edition, invoice_ticket, django_capture_on_commit_callbacks
):
    edition.title = "Konferansen <script>alert(1)</script>"
    edition.save_revision().publish()
    with django_capture_on_commit_callbacks(execute=False):
        client.post(f"/pamelding/{edition.year}/", form_data(invoice_ticket))
    html = build_message(EmailOutbox.objects.get(kind=EmailOutbox.Kind.CONFIRMATION)).alternatives[0][0]
    assert "<script>" not in html and "&lt;script&gt;" in html
