"""Fixtures for posters: an edition with an open poster call (two topics), a member
municipality and an institution, and helpers for the form's POST data."""

import datetime

import pytest
from django.utils import timezone

from conference.posters.models import PosterCallPage, PosterTopic
from tests.cms.network.factories import InstitutionFactory, MembershipPeriodFactory
from tests.conference.registration.factories import make_edition


@pytest.fixture(autouse=True)
def _no_ratelimit(settings):
    settings.RATELIMIT_ENABLE = False


@pytest.fixture
def edition(home_page):
    return make_edition(home_page, year=2030)


def make_call(edition, *, opens_at=None, closes_at=None, **fields):
    now = timezone.now()
    call = PosterCallPage(
        title="Plakater 2030",
        slug="plakater",
        intro="Vis fram prosjektet ditt på konferansen.",
        opens_at=opens_at or now - datetime.timedelta(days=10),
        closes_at=closes_at or now + datetime.timedelta(days=30),
        abstract_word_limit=fields.pop("abstract_word_limit", 50),
        **fields,
    )
    edition.add_child(instance=call)
    call.topics = [PosterTopic(name="Helsefremmende arbeid"), PosterTopic(name="Digitale tjenester")]
    call.save_revision().publish()
    # A fresh copy: the one in memory holds topics without primary keys.
    return PosterCallPage.objects.get(pk=call.pk)


@pytest.fixture
def call(edition):
    return make_call(edition)


@pytest.fixture
def municipality(db):
    return MembershipPeriodFactory(municipality__name="Askøy").municipality


@pytest.fixture
def institution(db):
    return InstitutionFactory(name="Høgskulen på Vestlandet", short_name="HVL")


def submit_url(call):
    return call.url + call.reverse_subpage("submit")


def private_url(submission, name="submission"):
    call = submission.call
    return call.url + call.reverse_subpage(name, kwargs={"token": submission.token})


def words(n, word="ord"):
    return " ".join([word] * n)


def post_data(call, *, action="submit", authors=None, **overrides):
    """A complete, valid submission (a 20-word abstract) as the form posts it."""
    topic = call.topics.first()
    data = {
        "action": action,
        "contact_name": "Kari Nordmann",
        "contact_email": "Kari@Example.no",
        "title": "Mestring hjemme etter utskrivning",
        "background": words(5, "bakgrunn"),
        "method": words(5, "metode"),
        "results": words(5, "resultat"),
        "relevance": words(5, "nytte"),
        "topic": str(topic.pk) if topic else "",
        "consent_to_publish": "on",
        "website_url": "",
    }
    if authors is None:
        authors = [{"name": "Kari Nordmann", "affiliation_other": "Bergen kommune", "is_presenting": "on"}]
    data["authors-TOTAL_FORMS"] = str(len(authors))
    data["authors-INITIAL_FORMS"] = "0"
    data["authors-MIN_NUM_FORMS"] = "1"
    data["authors-MAX_NUM_FORMS"] = "30"
    for i, author in enumerate(authors):
        for key, value in author.items():
            data[f"authors-{i}-{key}"] = value
    data.update(overrides)
    return data
