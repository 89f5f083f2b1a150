"""Fixtures of the portal: member municipalities (Bergen routes per department), a merged-away
one, FoU-contacts with admin logins, and a helper that sends an inquiry through the services."""

import datetime

import pytest
from django.utils import timezone

from cms.inquiries import services
from cms.network.models import FouContact, Institution, Municipality, MunicipalityMembershipPeriod, Person
from tests import pdfs
from tests.conftest import MODEL_BACKEND
from tests.pdfs import pdf_bytes

D = datetime.date


PDF = pdf_bytes(width=200, height=200)


def pdf_upload(name="prosjektbeskrivelse.pdf", content=PDF, content_type="application/pdf"):
    return pdfs.pdf_upload(name, content, content_type)


@pytest.fixture(autouse=True)
def _private_storage_in_memory(settings):
    settings.STORAGES = {**settings.STORAGES, "private": {"BACKEND": "django.core.files.storage.InMemoryStorage"}}


def member(name, joined=D(2017, 1, 1), end=None):
    municipality = Municipality.objects.create(name=name, slug=name.lower().replace("ø", "o"))
    MunicipalityMembershipPeriod.objects.create(municipality=municipality, start_date=joined, end_date=end)
    return municipality


@pytest.fixture
def network(db):
    bergen = member("Bergen")
    askoy = member("Askøy")
    lindas = member("Lindås", end=D(2019, 12, 31))
    lindas.merged_into = member("Alver", joined=D(2020, 1, 1))
    lindas.merged_on = D(2020, 1, 1)
    lindas.save()
    uib = Institution.objects.create(name="Universitetet i Bergen", short_name="UiB")
    return {"bergen": bergen, "askoy": askoy, "lindas": lindas, "alver": lindas.merged_into, "uib": uib}


def make_contact(django_user_model, municipality, department="", username=None, email=None):
    person = Person.objects.create(name=f"Kontakt {municipality.name} {department}".strip(), job_title="FoU-kontakt")
    user = None
    if username:
        # No group here: linking the contact puts the user in FoU-kontakter (cms.inquiries.groups).
        user = django_user_model.objects.create_user(username, f"{username}@example.com", "passord-som-er-langt")
    return FouContact.objects.create(
        person=person,
        municipality=municipality,
        department=department,
        email=email or f"{username or 'fou'}.{municipality.slug}@example.com",
        user=user,
    )


@pytest.fixture
def contacts(network, django_user_model):
    return {
        "bergen_sykehjem": make_contact(django_user_model, network["bergen"], "Etat for sykehjem", "fou-sykehjem"),
        "bergen_psykisk": make_contact(
            django_user_model, network["bergen"], "Etat for psykisk helse og rusarbeid", "fou-psykisk"
        ),
        "askoy": make_contact(django_user_model, network["askoy"], "", "fou-askoy"),
        "alver": make_contact(django_user_model, network["alver"], "", "fou-alver"),
    }


def login(client, contact_or_user):
    user = getattr(contact_or_user, "user", contact_or_user)
    client.force_login(user, backend=MODEL_BACKEND)
    return client


def inquiry_data(network, **overrides):
    today = timezone.localdate()
    data = {
        "form_token": "skjema-token-1",
        "first_name": "Siri",
        "last_name": "Student",
        "email": "siri@student.example.com",
        "phone": "912 34 567",
        "institution": network["uib"],
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
        "start_date": today + datetime.timedelta(days=30),
        "end_date": today + datetime.timedelta(days=200),
        "sikt_status": "applied",
        "sikt_reference": "123456",
        "rek_status": "not_needed",
        "rek_reference": "",
        "service_areas": ["nursing_homes"],
        "municipalities": [network["bergen"], network["askoy"]],
    }
    data.update(overrides)
    return data


@pytest.fixture
def send(network):
    """Send an inquiry through the services; returns it."""

    def _send(**overrides):
        return services.submit_inquiry(inquiry_data(network, **overrides)).inquiry

    return _send
