"""The public inquiry form: what a researcher sees and what is stored."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from cms.inquiries.models import Inquiry, InquiryEmail, InquiryRouting

from .conftest import PDF, pdf_upload

URL = "/forskningshenvendelse/"


def post_data(network, **overrides):
    today = timezone.localdate()
    data = {
        "first_name": "Siri",
        "last_name": "Student",
        "email": "siri@student.example.com",
        "phone": "912 34 567",
        "institution": str(network["uib"].pk),
        "institution_other": "",
        "role": "master",
        "supervisor_name": "Professor Veileder",
        "supervisor_email": "veileder@uib.example.com",
        "title": "Ernæring på sykehjem",
        "summary": "Hvordan følges ernæringen opp?",
        "kind": "research",
        "method": "Intervjuer",
        "participants_needed": "Seks sykepleiere",
        "services_request": "Hjelp til rekruttering",
        "services_time": "Seks timer",
        "start_date": (today + datetime.timedelta(days=30)).strftime("%d.%m.%Y"),
        "end_date": (today + datetime.timedelta(days=200)).strftime("%d.%m.%Y"),
        "sikt_status": "applied",
        "sikt_reference": "123456",
        "rek_status": "not_needed",
        "rek_reference": "",
        "municipalities": [str(network["bergen"].pk), str(network["askoy"].pk)],
        "service_areas": ["nursing_homes"],
        "privacy_accepted": "on",
        "form_token": "skjema-token-abcdef",
        "website_url": "",
    }
    data.update(overrides)
    return data


def test_form_offers_only_current_members_in_a_fieldset(client, network):
    response = client.get(URL)
    html = response.content.decode()
    assert response.status_code == 200
    assert "Bergen" in html and "Askøy" in html and "Alver" in html
    assert "Lindås" not in html  # merged away
    assert "<legend" in html and 'autocomplete="given-name"' in html
    assert 'enctype="multipart/form-data"' in html


def test_valid_inquiry_is_stored_routed_and_receipted(client, network, contacts):
    response = client.post(URL, post_data(network, project_description=pdf_upload()))
    inquiry = Inquiry.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("inquiries:receipt", args=[inquiry.token])
    routings = InquiryRouting.objects.filter(inquiry=inquiry)
    assert {r.municipality.name for r in routings} == {"Bergen", "Askøy"}
    # Bergen routes per department: nursing homes go to Etat for sykehjem.
    assert routings.get(municipality__name="Bergen").department == "Etat for sykehjem"
    assert inquiry.attachments.get().original_name == "prosjektbeskrivelse.pdf"
    kinds = sorted(InquiryEmail.objects.values_list("kind", "to_email"))
    assert ("receipt", "siri@student.example.com") in kinds
    assert ("new", "fou-sykehjem.bergen@example.com") in kinds
    assert ("new", "fou-askoy.askoy@example.com") in kinds
    assert not any(to == "fou-psykisk.bergen@example.com" for _, to in kinds)
    receipt = client.get(response["Location"])
    assert inquiry.reference in receipt.content.decode()


def test_contact_email_holds_no_personal_data_of_the_researcher(network, contacts, send):
    inquiry = send()
    message = InquiryEmail.objects.filter(kind="new").first().build_message()
    assert inquiry.reference in message.body and inquiry.title in message.body
    assert "Siri" not in message.body and "siri@student" not in message.body and "912" not in message.body


def test_double_submit_creates_one_inquiry(client, network, contacts):
    data = post_data(network)
    first = client.post(URL, data)
    second = client.post(URL, data)
    assert Inquiry.objects.count() == 1
    assert InquiryEmail.objects.filter(kind="receipt").count() == 1
    assert first["Location"] == second["Location"]


def test_non_member_municipality_is_refused(client, network):
    response = client.post(URL, post_data(network, municipalities=[str(network["lindas"].pk)]))
    html = response.content.decode()
    assert response.status_code == 200
    assert Inquiry.objects.count() == 0
    assert "Velg bare blant medlemskommunene i listen." in html
    assert 'href="#id_municipalities_0"' in html  # the error summary links to the field
    assert 'value="Ernæring på sykehjem"' in html  # input kept


@pytest.mark.parametrize(
    ("overrides", "field", "message"),
    [
        (
            {"supervisor_name": "", "supervisor_email": ""},
            "supervisor_name",
            "Studenter må oppgi navnet på veilederen sin.",
        ),
        ({"sikt_reference": ""}, "sikt_reference", "Oppgi referansenummeret"),
        ({"institution": "other", "institution_other": ""}, "institution_other", "Skriv navnet på institusjonen din."),
        ({"summary": "x" * 2001}, "summary", "Kort ned sammendraget"),
        ({"email": "ikke-en-adresse"}, "email", "Skriv en gyldig e-postadresse"),
        ({"start_date": "31.02.2027"}, "start_date", "Skriv datoen som dd.mm.åååå."),
        ({"municipalities": []}, "municipalities", "Velg minst én kommune."),
        ({"municipalities": ["abc"]}, "municipalities", "Velg bare blant medlemskommunene i listen."),
        ({"privacy_accepted": ""}, "privacy_accepted", "Du må godta behandlingen"),
    ],
)
def test_bad_input_gets_a_message_at_its_field(client, network, overrides, field, message):
    response = client.post(URL, post_data(network, **overrides))
    html = response.content.decode()
    assert response.status_code == 200
    assert Inquiry.objects.count() == 0
    assert message in html
    assert f'id="id_{field}' in html and "error-summary" in html


def test_non_pdf_and_oversized_attachments_are_refused(client, network, settings):
    response = client.post(
        URL, post_data(network, project_description=pdf_upload("virus.pdf", b"MZ\x90\x00 not a pdf"))
    )
    assert "ikke en ekte PDF" in response.content.decode()
    settings.MAX_UPLOAD_BYTES = 100
    response = client.post(URL, post_data(network, approval=pdf_upload(content=PDF)))
    assert "Filen er for stor" in response.content.decode()
    assert Inquiry.objects.count() == 0


def test_honeypot_holds_back_bots(client, network):
    response = client.post(URL, post_data(network, website_url="http://spam.example.com"))
    assert response.status_code == 200
    assert Inquiry.objects.count() == 0


@pytest.mark.parametrize("token", ["x" * 43, "abc", "%00" * 40, "a" * 5000])
def test_tampered_status_link_is_404(client, network, send, token):
    send()
    assert client.get(f"/forskningshenvendelse/s/{token}/").status_code == 404
    assert client.get(f"/forskningshenvendelse/kvittering/{token}/").status_code == 404


def test_status_pages_are_never_cached(client, network, send):
    inquiry = send()
    response = client.get(reverse("inquiries:status", args=[inquiry.token]))
    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"] or "no-cache" in response["Cache-Control"]


def test_a_flood_of_posts_gets_the_designed_429_page(client, network):
    responses = [client.post(URL, {"first_name": "Bot"}) for _ in range(21)]
    assert all(r.status_code == 200 for r in responses[:20])
    assert responses[20].status_code == 429
    assert client.get(URL).status_code == 200  # reading the form is never limited
