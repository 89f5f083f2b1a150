"""The conference under the anonymous page cache: seats left is never more than a minute old,
registration pages are personal, the programme and its feeds are cached and follow edits."""

import pytest
from django.core.cache import caches
from django.utils import translation

from cms.core.models import SiteSettings
from conference.registration.models import Registration
from conference.registration.templatetags.registration_tags import SEATS_LEFT_MAX_STALENESS
from tests.conference.factories import PersonFactory, SessionFactory, SessionSpeakerFactory

from .factories import MunicipalityFactory, form_data

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def site_settings(home_page):
    # Created on first render otherwise, which itself (rightly) invalidates the cache.
    return SiteSettings.for_site(home_page.get_site())


def _max_age(response) -> int:
    for part in response["Cache-Control"].split(","):
        name, _sep, value = part.strip().partition("=")
        if name == "max-age":
            return int(value)
    raise AssertionError(response["Cache-Control"])


def test_edition_page_with_seats_left_is_never_staler_than_a_minute(
    client, edition, invoice_ticket, monkeypatch, settings
):
    cache = caches[settings.PAGE_CACHE_ALIAS]
    timeouts = []
    original_set = cache.set

    def recording_set(key, value, timeout=None, **kwargs):
        if key.startswith("kk:page-cache:v1:"):
            timeouts.append(timeout)
        return original_set(key, value, timeout, **kwargs)

    monkeypatch.setattr(cache, "set", recording_set)
    response = client.get(edition.url)
    with translation.override("nb"):
        seats = translation.ngettext("%(left)s seat left.", "%(left)s seats left.", 100) % {"left": 100}
    assert seats in response.content.decode()

    (server_ttl,) = timeouts
    assert server_ttl + _max_age(response) <= SEATS_LEFT_MAX_STALENESS
    assert server_ttl > 0  # still cached: conference-morning traffic is served from memory


def test_other_pages_keep_the_longer_lifetime(client, home_page, settings):
    response = client.get("/")
    assert _max_age(response) == settings.PAGE_CACHE_MAX_AGE


def test_a_registration_does_not_empty_the_whole_cache(client, home_page, edition, invoice_ticket):
    from cms.core.page_cache import current_generation

    municipality = MunicipalityFactory()
    before = current_generation()

    client.post(f"/pamelding/{edition.year}/", form_data(invoice_ticket, municipality=str(municipality.pk)))

    assert Registration.objects.count() == 1
    assert current_generation() == before


@pytest.mark.parametrize("path", ["/pamelding/2030/", "/en/pamelding/2030/"])
def test_registration_pages_are_personal_and_never_cached(client, edition, invoice_ticket, path):
    first = client.get(path)
    second = client.get(path)
    for response in (first, second):
        assert "X-Page-Cache" not in response
        assert "no-store" in response["Cache-Control"] and "private" in response["Cache-Control"]


def test_programme_feeds_are_cached_and_follow_a_speaker_edit(client, edition, django_assert_num_queries):
    session = SessionFactory(edition=edition, title="Panel")
    person = PersonFactory(name="Kari Byråd")
    SessionSpeakerFactory(session=session, person=person)
    url = edition.url + "program/"

    assert "Kari Byråd" in client.get(url).content.decode()
    client.get(edition.url + "program.json")
    client.get(edition.url + "program.ics")
    with django_assert_num_queries(0):
        assert client.get(url)["X-Page-Cache"] == "hit"
        assert client.get(edition.url + "program.json")["X-Page-Cache"] == "hit"
        assert client.get(edition.url + "program.ics")["X-Page-Cache"] == "hit"

    person.name = "Kari Byrådsleder"
    person.save()

    assert "Kari Byrådsleder" in client.get(url).content.decode()
    assert "Kari Byrådsleder" in client.get(edition.url + "program.json").content.decode()
