"""Test data for registration: an open edition, ticket types, add-ons and form data."""

import datetime

import factory
from django.utils import timezone

from cms.network.models import Municipality, MunicipalityMembershipPeriod
from conference.editions.models import ConferenceEditionPage, ConferenceIndexPage
from conference.registration.models import AddOn, RegistrationSettings, TicketType


def make_edition(home_page, *, year=2030, capacity=100, status=ConferenceEditionPage.Status.OPEN, **fields):
    index = ConferenceIndexPage.objects.first()
    if index is None:
        index = ConferenceIndexPage(title="Konferansen", slug="konferansen")
        home_page.add_child(instance=index)
        index.save_revision().publish()
    now = timezone.now()
    defaults = dict(
        title=f"Konferansen {year}",
        slug=str(year),
        year=year,
        start_date=datetime.date(year, 9, 5),
        venue_name="Universitetsaulaen",
        venue_address="Muséplass 3, 5007 Bergen",
        capacity=capacity,
        status=status,
        registration_opens=now - datetime.timedelta(days=1),
        registration_closes=now + datetime.timedelta(days=30),
    )
    defaults.update(fields)
    edition = ConferenceEditionPage(**defaults)
    index.add_child(instance=edition)
    edition.save_revision().publish()
    RegistrationSettings.objects.get_or_create(edition=edition)
    return edition


class TicketTypeFactory(factory.django.DjangoModelFactory):
    name = factory.Sequence(lambda n: f"Billett {n}")
    price_ore = 150000
    allow_invoice = True

    class Meta:
        model = TicketType


class AddOnFactory(factory.django.DjangoModelFactory):
    name = "Konferansemiddag"
    price_ore = 0
    capacity = 2

    class Meta:
        model = AddOn


class MunicipalityFactory(factory.django.DjangoModelFactory):
    """A municipality that is a member of the network today (the form lists only those)."""

    name = factory.Sequence(lambda n: f"Kommune {n}")
    slug = factory.Sequence(lambda n: f"kommune-{n}")
    membership = factory.RelatedFactory(
        "tests.conference.registration.factories.MembershipPeriodFactory", factory_related_name="municipality"
    )

    class Meta:
        model = Municipality
        skip_postgeneration_save = True


class MembershipPeriodFactory(factory.django.DjangoModelFactory):
    start_date = datetime.date(2017, 1, 1)

    class Meta:
        model = MunicipalityMembershipPeriod


def person(n=0, **extra):
    data = {
        "first_name": "Kari",
        "last_name": f"Nordmann{n}",
        "email": f"kari{n}@example.no",
        "phone": "+4791234567",
        "organisation": "Bergen kommune",
        "municipality_other": "Vestland",
        "job_title": "Rådgiver",
        "privacy_accepted": True,
    }
    data.update(extra)
    return data


INVOICE = {
    "invoice_org_number": "964338531",
    "invoice_organisation": "Bergen kommune",
    "invoice_delivery": "ehf",
    "invoice_reference": "RES-123",
    "invoice_contact": "Ola Regnskap",
}


def form_data(ticket, n=0, **overrides):
    """POST data for the public form (invoice by default)."""
    data = {
        "first_name": "Kari",
        "last_name": f"Nordmann{n}",
        "email": f"kari{n}@example.no",
        "email_confirm": f"kari{n}@example.no",
        "phone": "912 34 567",
        "organisation": "Bergen kommune",
        "municipality": "",
        "municipality_other": "Vestland",
        "job_title": "Rådgiver",
        "ticket_type": str(ticket.pk),
        "access_code": "",
        "dietary_needs": "",
        "accessibility_needs": "",
        "participant_list_consent": "on",
        "privacy_accepted": "on",
        "payment_method": "invoice",
        "form_token": f"token-{n}-{ticket.pk}",
        **INVOICE,
    }
    data.update(overrides)
    return {k: v for k, v in data.items() if v is not None}


def ensure_wagtail_root():
    """Transactional tests end with a flush that also removes Wagtail's root page; put it back."""
    from cms.core.demo import ensure_root

    return ensure_root()


def t(msgid: str, plural: str | None = None, n: int = 1) -> str:
    """The bokmål text of an interface string (tests stay right when the catalogue grows)."""
    from django.utils import translation

    with translation.override("nb"):
        return translation.ngettext(msgid, plural, n) if plural else translation.gettext(msgid)
