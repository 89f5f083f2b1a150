"""Status changes with written answers, the researcher's reply through the status link,
withdrawal and forwarding; each with the e-mails it sends."""

import pytest
from django.core import mail
from django.urls import reverse

from cms.inquiries import services
from cms.inquiries.models import InquiryEmail, InquiryRouting

from .conftest import login


def detail(routing):
    return reverse("inquiries_admin:detail", args=[routing.pk])


def test_contact_asks_for_more_the_student_answers_and_the_contact_accepts(
    client, contacts, send, django_capture_on_commit_callbacks
):
    inquiry = send()
    routing = inquiry.routings.get(municipality__name="Askøy")
    login(client, contacts["askoy"])
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            detail(routing), {"action": "answer", "state": "needs_info", "message": "Hvor lange er intervjuene?"}
        )
    assert response.status_code == 302
    routing.refresh_from_db()
    assert routing.state == "needs_info" and routing.first_answer_at is not None
    to_researcher = [m for m in mail.outbox if m.to == ["siri@student.example.com"] and "Nytt om" in m.subject]
    assert to_researcher and "Hvor lange er intervjuene?" in to_researcher[0].body

    # The researcher sees the question on the status page and answers there.
    client.logout()
    status_url = reverse("inquiries:status", args=[inquiry.token])
    page = client.get(status_url).content.decode()
    assert "Hvor lange er intervjuene?" in page and "Trenger mer informasjon" in page
    client.post(status_url, {"action": "reply", "routing": routing.pk, "message": "45 minutter hver."})
    routing.refresh_from_db()
    assert routing.state == "assessing"
    assert InquiryEmail.objects.filter(kind="reply", to_email="fou-askoy.askoy@example.com").exists()

    login(client, contacts["askoy"])
    assert "45 minutter hver." in client.get(detail(routing)).content.decode()
    client.post(detail(routing), {"action": "answer", "state": "accepted", "message": "Velkommen!"})
    routing.refresh_from_db()
    assert routing.state == "accepted" and routing.decided_at is not None
    assert InquiryEmail.objects.filter(kind="status", routing=routing).count() == 2


def test_answer_needs_a_text_and_an_allowed_status(client, contacts, send):
    routing = send().routings.get(municipality__name="Askøy")
    login(client, contacts["askoy"])
    response = client.post(detail(routing), {"action": "answer", "state": "accepted", "message": ""})
    assert "Skriv et svar til forskeren." in response.content.decode()
    response = client.post(detail(routing), {"action": "answer", "state": "withdrawn", "message": "Nei"})
    assert response.status_code == 200
    routing.refresh_from_db()
    assert routing.state == "received"
    services.answer(routing.pk, "declined", "Ikke kapasitet.", actor=None)
    with pytest.raises(services.InquiryError):
        services.answer(routing.pk, "accepted", "Likevel?", actor=None)


def test_reply_without_a_question_changes_nothing(client, send):
    inquiry = send()
    client.post(
        reverse("inquiries:status", args=[inquiry.token]),
        {"action": "reply", "routing": inquiry.routings.first().pk, "message": "Hei"},
    )
    assert set(inquiry.routings.values_list("state", flat=True)) == {"received"}


def test_researcher_withdraws_open_routings_only(client, contacts, send):
    inquiry = send()
    decided = inquiry.routings.get(municipality__name="Askøy")
    services.answer(decided.pk, "accepted", "Ja.", actor=None)
    url = reverse("inquiries:status", args=[inquiry.token])
    response = client.post(url, {"action": "withdraw"})
    assert "Kryss av for å bekrefte" in response.content.decode()
    client.post(url, {"action": "withdraw", "confirm": "on"})
    states = dict(inquiry.routings.values_list("municipality__name", "state"))
    assert states == {"Askøy": "accepted", "Bergen": "withdrawn"}
    told = InquiryEmail.objects.get(kind="status", to_email="fou-sykehjem.bergen@example.com")
    assert "har trukket" in told.body and "Hei" not in told.body


def test_contact_forwards_to_another_department_whose_contact_then_sees_it(client, contacts, send):
    inquiry = send()
    routing = inquiry.routings.get(municipality__name="Bergen")
    login(client, contacts["bergen_sykehjem"])
    client.post(
        detail(routing),
        {
            "action": "forward",
            "municipality": routing.municipality_id,
            "department": "Etat for psykisk helse og rusarbeid",
            "message": "Passer bedre hos dere.",
        },
    )
    routing.refresh_from_db()
    assert routing.department == "Etat for psykisk helse og rusarbeid" and routing.state == "received"
    assert client.get(detail(routing)).status_code == 404  # no longer the sender's
    login(client, contacts["bergen_psykisk"])
    assert "Passer bedre hos dere." in client.get(detail(routing)).content.decode()
    assert InquiryEmail.objects.filter(kind="new", to_email="fou-psykisk.bergen@example.com").exists()


def test_forward_to_a_municipality_already_asked_is_refused(contacts, send, network):
    inquiry = send()
    routing = inquiry.routings.get(municipality__name="Bergen")
    with pytest.raises(services.InquiryError):
        services.forward(routing.pk, network["askoy"], "", "", actor=None)
    assert InquiryRouting.objects.get(pk=routing.pk).municipality.name == "Bergen"
