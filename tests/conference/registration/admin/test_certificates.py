"""Certificates of attendance: hours from the programme, issued after the conference to those
checked in, on the manage page, by hand in the admin, and a verification page that shows only
name, edition and hours (a forged code is 404)."""

import datetime
import decimal

import pytest
from django.urls import reverse
from pypdf import PdfReader

from conference.programme.models import Session
from conference.registration import services
from conference.registration.certificates import programme_hours
from conference.registration.models import Certificate, EmailOutbox
from tests.conference.factories import SessionFactory

from ..factories import INVOICE, person, t

pytestmark = pytest.mark.django_db


def session(edition, start, end, **extra):
    return SessionFactory(edition=edition, start_time=datetime.time(*start), end_time=datetime.time(*end), **extra)


@pytest.fixture
def programme(edition):
    # 09.00–10.30 plenary, two parallel rooms 10.45–12.00 and 11.00–12.15, lunch (not counted),
    # 13.00–14.30 plenary: 1.5 + 1.5 + 1.5 = 4.5 hours.
    session(edition, (9, 0), (10, 30))
    session(edition, (10, 45), (12, 0), kind=Session.Kind.PARALLEL, room="Sal A")
    session(edition, (11, 0), (12, 15), kind=Session.Kind.PARALLEL, room="Sal B")
    session(edition, (12, 15), (13, 0), kind=Session.Kind.BREAK, title="Lunsj")
    session(edition, (13, 0), (14, 30))
    return edition


def attend(edition, ticket, n=0, check_in=True):
    registration = services.create_registration(
        edition, ticket_type=ticket, details=person(n, **INVOICE), payment_method="invoice"
    ).registration
    if check_in:
        services.check_in(registration.pk)
    return registration


def after(edition):
    return edition.ends_at() + datetime.timedelta(hours=1)


def test_hours_come_from_the_programme_with_parallel_sessions_once_and_without_breaks(programme):
    assert programme_hours(programme) == decimal.Decimal("4.5")


def test_everyone_checked_in_gets_one_after_the_conference_and_only_once(programme, invoice_ticket):
    present = attend(programme, invoice_ticket, 0)
    absent = attend(programme, invoice_ticket, 1, check_in=False)
    assert services.issue_due_certificates(now=programme.starts_at()) == 0
    assert services.issue_due_certificates(now=after(programme)) == 1
    assert services.issue_due_certificates(now=after(programme)) == 0
    certificate = Certificate.objects.get()
    assert certificate.registration == present and certificate.hours == decimal.Decimal("4.5")
    assert not Certificate.objects.filter(registration=absent).exists()
    mail = EmailOutbox.objects.get(kind="certificate")
    assert mail.to_email == present.email
    from conference.registration.emails import build_message

    message = build_message(mail)
    pdf_name, pdf_bytes, _type = message.attachments[0]
    assert pdf_name == f"kursbevis-{present.reference}.pdf"
    text = PdfReader(__import__("io").BytesIO(pdf_bytes)).pages[0].extract_text()
    assert present.full_name in text and "4,5 timer" in text and programme.title in text
    assert reverse("registration:verify_certificate", args=[certificate.code]) in text.replace("\n", "")


def test_manage_page_offers_the_pdf_once_issued(client, programme, invoice_ticket):
    registration = attend(programme, invoice_ticket)
    url = reverse("registration:certificate", args=[registration.manage_token])
    assert client.get(url).status_code == 404
    services.issue_due_certificates(now=after(programme))
    page = client.get(reverse("registration:manage", args=[registration.manage_token])).content.decode()
    assert url in page
    response = client.get(url)
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"


def test_the_verification_page_confirms_without_other_personal_data(client, programme, invoice_ticket):
    registration = attend(programme, invoice_ticket)
    services.issue_due_certificates(now=after(programme))
    certificate = Certificate.objects.get()
    page = client.get(reverse("registration:verify_certificate", args=[certificate.code])).content.decode()
    assert registration.full_name in page and programme.title in page and "4,5" in page
    assert registration.email not in page and registration.organisation not in page
    assert registration.reference not in page
    forged = certificate.code[:-4] + ("AAAA" if not certificate.code.endswith("AAAA") else "BBBB")
    assert client.get(reverse("registration:verify_certificate", args=[forged])).status_code == 404
    assert client.get("/kursbevis/%00/").status_code == 404


def test_organisers_issue_one_by_hand_but_not_for_cancelled(organiser_client, programme, invoice_ticket):
    registration = attend(programme, invoice_ticket, check_in=False)
    response = organiser_client.post(reverse("registration_admin:issue_certificate", args=[registration.pk]))
    assert response.status_code == 302
    certificate = Certificate.objects.get(registration=registration)
    assert certificate.issued_by is not None
    assert registration.history.filter(note=t("Certificate of attendance issued")).exists()
    cancelled = attend(programme, invoice_ticket, 5, check_in=False)
    services.cancel_registration(cancelled.pk, source=services.Source.ORGANISER)
    organiser_client.post(reverse("registration_admin:issue_certificate", args=[cancelled.pk]))
    assert not Certificate.objects.filter(registration=cancelled).exists()


def test_people_without_change_permission_cannot_issue(client, django_user_model, programme, invoice_ticket):
    registration = attend(programme, invoice_ticket, check_in=False)
    user = django_user_model.objects.create_user("nysgjerrig", "n@example.no", "passord-som-er-langt")
    client.force_login(user)
    response = client.post(reverse("registration_admin:issue_certificate", args=[registration.pk]))
    assert response.status_code in (302, 403)
    assert not Certificate.objects.exists()
