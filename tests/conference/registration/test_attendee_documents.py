"""What an attendee receives: the documents on the manage page (ticket, calendar file, receipt or
order confirmation), the prices and invoice recipient in the invoice confirmation e-mail, links
worded by what is still possible, and the ticket PDF with the logo, the time and the place."""

import datetime
import io

import pytest
from django.utils import timezone
from pypdf import PdfReader

from conference.payments.models import Payment
from conference.registration import services
from conference.registration.emails import build_message
from conference.registration.models import EmailOutbox, Registration, RegistrationSettings, RegistrationStateChange
from conference.registration.tickets import ticket_pdf
from tests.conference.registration.factories import INVOICE, AddOnFactory, person

pytestmark = pytest.mark.django_db
ORGANISER = RegistrationStateChange.Source.ORGANISER


def register(edition, ticket, n=0, method="invoice", add_ons=(), **extra):
    details = person(n, **extra)
    if method == "invoice":
        details.update(INVOICE)
    return services.create_registration(
        edition,
        ticket_type=ticket,
        add_ons=list(add_ons),
        details=details,
        payment_method=method,
        access_code=ticket.access_code,
    ).registration


def email(registration, kind):
    outbox = EmailOutbox.objects.create(registration=registration, kind=kind, to_email=registration.email)
    message = build_message(outbox)
    return message.body, message.alternatives[0][0]


def pdf_text(content: bytes) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(content)).pages)


@pytest.fixture
def vat_25(edition):
    RegistrationSettings.objects.filter(edition=edition).update(vat_percent=25, seller_org_number="999888777")


@pytest.fixture
def paid_dinner(edition):
    return AddOnFactory(edition=edition, name="Konferansemiddag", price_ore=60000, capacity=50)


# --- The invoice confirmation e-mail ------------------------------------------------------------


def test_invoice_confirmation_states_each_price_vat_total_and_the_invoice_recipient(
    edition, invoice_ticket, paid_dinner, vat_25
):
    registration = register(edition, invoice_ticket, add_ons=[paid_dinner])
    text, html = email(registration, EmailOutbox.Kind.CONFIRMATION)
    for body in (text, html):
        assert "Faktura" in body and "kr 1 500,00" in body  # the ticket and its price
        assert "Konferansemiddag" in body and "kr 600,00" in body
        assert "Totalt" in body and "kr 2 100,00" in body
        assert "Herav merverdiavgift 25 %: kr 420,00." in body  # 2100 × 25/125
        assert "Fakturaen sendes til:" in body
        assert "Bergen kommune" in body
        assert "Organisasjonsnummer 964338531" in body
        assert "Referanse: RES-123" in body
        assert "Kontaktperson: Ola Regnskap" in body
        assert "Sendes som EHF (elektronisk faktura)" in body


def test_invoice_by_post_names_the_address_and_prices_without_vat_say_so(edition, invoice_ticket):
    registration = register(
        edition,
        invoice_ticket,
        invoice_delivery="post",
        invoice_street_address="Postboks 7700",
        invoice_postal_code="5020",
        invoice_city="Bergen",
    )
    Registration.objects.filter(pk=registration.pk).update(
        invoice_delivery="post",
        invoice_street_address="Postboks 7700",
        invoice_postal_code="5020",
        invoice_city="Bergen",
    )
    registration.refresh_from_db()
    text, html = email(registration, EmailOutbox.Kind.CONFIRMATION)
    for body in (text, html):
        assert "Sendes i posten til Postboks 7700, 5020 Bergen" in body
        assert "Prisene er uten merverdiavgift." in body
        assert "EHF" not in body


def test_free_confirmation_has_no_price_block_or_invoice_recipient(edition, free_ticket):
    registration = register(edition, free_ticket, method="free")
    text, html = email(registration, EmailOutbox.Kind.CONFIRMATION)
    for body in (text, html):
        assert "Fakturaen sendes til" not in body
        assert "Totalt" not in body


# --- E-mail wording fits the registration's state -----------------------------------------------


def test_cancellation_email_does_not_offer_to_change_or_cancel(edition, invoice_ticket):
    registration = register(edition, invoice_ticket)
    services.cancel_registration(registration.pk, source=ORGANISER)
    registration.refresh_from_db()
    text, html = email(registration, EmailOutbox.Kind.CANCELLED)
    for body in (text, html):
        assert "avbestill" not in body.lower()
        assert "endre" not in body
        assert "Se påmeldingen din" in body
        assert f"/pamelding/p/{registration.manage_token}/" in body


@pytest.mark.parametrize(
    ("kind", "state"),
    [
        (EmailOutbox.Kind.HOLD_EXPIRED, Registration.State.EXPIRED),
        (EmailOutbox.Kind.OFFER_LAPSED, Registration.State.EXPIRED),
        (EmailOutbox.Kind.TRANSFERRED, Registration.State.TRANSFERRED),
        (EmailOutbox.Kind.LATE_PAYMENT_REFUNDED, Registration.State.EXPIRED),
        (EmailOutbox.Kind.CERTIFICATE, Registration.State.CONFIRMED),
        (EmailOutbox.Kind.FEEDBACK, Registration.State.CONFIRMED),
    ],
)
def test_emails_about_an_end_or_after_the_event_only_offer_to_see_the_registration(
    edition, invoice_ticket, kind, state
):
    registration = register(edition, invoice_ticket)
    Registration.objects.filter(pk=registration.pk).update(state=state)
    registration.refresh_from_db()
    text, html = email(registration, kind)
    for body in (text, html):
        assert "endre eller avbestill" not in body
        assert "Se, endre" not in body


def test_confirmation_after_the_cancellation_deadline_offers_change_but_not_cancel(edition, invoice_ticket):
    registration = register(edition, invoice_ticket)
    RegistrationSettings.objects.filter(edition=edition).update(
        cancellation_deadline=timezone.now() - datetime.timedelta(hours=1)
    )
    text, html = email(registration, EmailOutbox.Kind.CONFIRMATION)
    for body in (text, html):
        assert "Se eller endre påmeldingen din" in body
        assert "avbestill" not in body.lower()


def test_confirmation_before_the_deadline_offers_change_and_cancel(edition, invoice_ticket):
    registration = register(edition, invoice_ticket)
    text, html = email(registration, EmailOutbox.Kind.CONFIRMATION)
    assert "Se, endre eller avbestill påmeldingen din" in text
    assert "Se, endre eller avbestill påmeldingen din" in html


# --- The manage page's documents ----------------------------------------------------------------


def test_manage_page_links_ticket_calendar_and_order_confirmation_for_an_invoice_seat(client, edition, invoice_ticket):
    registration = register(edition, invoice_ticket)
    base = f"/pamelding/p/{registration.manage_token}/"
    html = client.get(base).content.decode()
    assert f'href="{base}billett.pdf"' in html
    assert f'href="{base}konferansen.ics"' in html and "(.ics-fil)" in html
    assert f'href="{base}ordrebekreftelse.pdf"' in html
    assert "Last ned ordrebekreftelsen med pris og fakturamottaker (PDF)" in html
    assert f'href="{base}kvittering.pdf"' not in html  # no card payment, no receipt


def test_manage_page_links_the_receipt_when_paid_by_card(client, edition, card_ticket):
    registration = register(edition, card_ticket, method="card")
    Registration.objects.filter(pk=registration.pk).update(state=Registration.State.CONFIRMED)
    Payment.objects.create(
        registration=registration,
        idempotency_key="doc-1",
        stripe_session_id="cs_doc_1",
        amount_ore=90000,
        paid_at=timezone.now(),
    )
    base = f"/pamelding/p/{registration.manage_token}/"
    html = client.get(base).content.decode()
    assert f'href="{base}kvittering.pdf"' in html and "Last ned kvitteringen (PDF)" in html
    assert f'href="{base}ordrebekreftelse.pdf"' not in html
    assert client.get(f"{base}ordrebekreftelse.pdf").status_code == 404


def test_calendar_file_downloads_with_the_edition_time_and_place(client, edition, invoice_ticket):
    registration = register(edition, invoice_ticket)
    response = client.get(f"/pamelding/p/{registration.manage_token}/konferansen.ics")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/calendar")
    assert response["Content-Disposition"] == f'attachment; filename="konferansen-{edition.year}.ics"'
    body = response.content.decode()
    assert "BEGIN:VEVENT" in body and edition.title in body and "Universitetsaulaen" in body


def test_waiting_or_cancelled_attendee_gets_no_calendar_or_order_confirmation(client, edition, invoice_ticket):
    registration = register(edition, invoice_ticket)
    services.cancel_registration(registration.pk, source=ORGANISER)
    base = f"/pamelding/p/{registration.manage_token}/"
    html = client.get(base).content.decode()
    assert "konferansen.ics" not in html and "ordrebekreftelse.pdf" not in html
    assert client.get(f"{base}konferansen.ics").status_code == 404
    assert client.get(f"{base}ordrebekreftelse.pdf").status_code == 404


def test_order_confirmation_pdf_has_prices_and_invoice_recipient(client, edition, invoice_ticket, paid_dinner, vat_25):
    registration = register(edition, invoice_ticket, add_ons=[paid_dinner])
    response = client.get(f"/pamelding/p/{registration.manage_token}/ordrebekreftelse.pdf")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == f'attachment; filename="ordrebekreftelse-{registration.reference}.pdf"'
    text = pdf_text(response.content)
    assert "Ordrebekreftelse" in text
    assert "kr 1 500,00" in text and "Konferansemiddag: kr 600,00" in text
    assert "Totalt: kr 2 100,00" in text and "Herav merverdiavgift 25 %: kr 420,00" in text
    assert "Organisasjonsnummer 964338531" in text and "Referanse: RES-123" in text
    assert "ikke en faktura" in text


def test_unknown_token_gets_no_documents(client):
    for path in ("konferansen.ics", "ordrebekreftelse.pdf"):
        assert client.get(f"/pamelding/p/ikke-et-token/{path}").status_code == 404


# --- The ticket PDF -------------------------------------------------------------------------------


def test_ticket_pdf_has_logo_time_and_place_in_norwegian_style(edition, invoice_ticket):
    registration = register(edition, invoice_ticket)
    content = ticket_pdf(registration)
    text = pdf_text(content)
    assert "Kunnskapskommunen" in text and "Helse Omsorg Vest" in text
    # 5 September 2030, 08.30–15.30 (the edition's default times), as written in Norwegian.
    assert "5. september 2030 kl. 08.30–15.30" in text
    assert "Universitetsaulaen, Muséplass 3, 5007 Bergen" in text
    # The logo mark is drawn in the header's blue (#0f5f8f), as in the site header.
    page = PdfReader(io.BytesIO(content)).pages[0]
    assert b".058824 .372549 .560784 rg" in page.get_contents().get_data()


def test_ticket_over_several_days_names_both_ends(edition, invoice_ticket):
    edition.end_date = datetime.date(edition.year, 9, 6)
    edition.save_revision().publish()
    registration = register(edition, invoice_ticket)
    registration.edition.refresh_from_db()
    text = pdf_text(ticket_pdf(registration))
    assert "5. september 2030 kl. 08.30 – 6. september 2030 kl. 15.30" in text
