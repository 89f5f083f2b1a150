"""The conference index: the next edition up front, the archive of earlier ones."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from wagtail.test.utils import WagtailPageTestCase

from conference.editions.models import ConferenceEditionPage
from tests.conference.factories import AwardWinnerFactory, ConferenceEditionPageFactory
from tests.conference.i18n import nb

pytestmark = pytest.mark.django_db


@pytest.fixture
def editions(conference_index, settings):
    made = {}
    for year, status in [(2022, "held"), (2024, "held"), (2030, "open"), (2032, "planned")]:
        made[year] = ConferenceEditionPageFactory(
            parent=conference_index, year=year, title=f"Konferansen {year}", status=status
        )
    AwardWinnerFactory(edition=made[2022], name="Birgitte Graverholt", project="IMPAKT")
    return made


def test_index_shows_the_next_edition_first_and_past_ones_in_the_archive(client, conference_index, editions):
    response = client.get(conference_index.url)

    html = response.content.decode()
    assert response.context["next_edition"] == editions[2030]
    assert [e.year for e in response.context["past_editions"]] == [2024, 2022]
    assert [e.year for e in response.context["later_editions"]] == [2032]
    assert html.index("Konferansen 2030") < html.index("Konferansen 2024") < html.index("Konferansen 2022")
    assert "Birgitte Graverholt (IMPAKT)" in html
    assert "/konferansen/2022/program/" in html


def test_index_without_future_editions_says_so(client, conference_index):
    ConferenceEditionPageFactory(parent=conference_index, year=2022, status="held")
    response = client.get(conference_index.url)
    assert response.context["next_edition"] is None
    assert nb("The date of the next conference has not been set yet.") in response.content.decode()


def test_cancelled_edition_stays_in_the_archive_with_its_award(client, conference_index):
    cancelled = ConferenceEditionPageFactory(parent=conference_index, year=2020, status="cancelled")
    AwardWinnerFactory(edition=cancelled, name="Lars Thore Fadnes", project="INTRO-HCV")
    html = client.get(conference_index.url).content.decode()
    assert "Lars Thore Fadnes (INTRO-HCV)" in html
    assert nb("cancelled") in html
    assert "/konferansen/2020/program/" not in html


def test_unpublished_editions_are_not_listed(client, conference_index):
    ConferenceEditionPageFactory(parent=conference_index, year=2030, title="Hemmelig utkast", live=False)
    assert "Hemmelig utkast" not in client.get(conference_index.url).content.decode()


def test_edition_page_shows_key_facts_winners_and_announces_the_calendar(client, edition):
    AwardWinnerFactory(edition=edition, name="Et miljø", citation="Fordi de fortjener det.")
    html = client.get(edition.url).content.decode()
    assert '<link rel="alternate" type="text/calendar"' in html
    assert "Universitetsaulaen" in html and "Fordi de fortjener det." in html
    assert 'datetime="2026-09-04"' in html


def test_edition_times_are_aware_in_oslo(edition):
    assert edition.starts_at().isoformat() == "2026-09-04T08:30:00+02:00"
    assert edition.ends_at().isoformat() == "2026-09-04T15:30:00+02:00"


def test_edition_clean_rejects_a_date_outside_its_year():
    edition = ConferenceEditionPage(title="x", slug="x", year=2026, start_date=datetime.date(2027, 1, 1))
    with pytest.raises(ValidationError) as error:
        edition.clean()
    assert error.value.message_dict["start_date"] == [nb("The date must be in the edition's year.")]


class ConferencePageTypeTests(WagtailPageTestCase):
    def test_index_and_edition_render(self):
        from wagtail.models import Page, Site

        from home.models import HomePage
        from tests.conference.factories import ConferenceIndexPageFactory

        home = Page.get_first_root_node().add_child(instance=HomePage(title="Hjem", slug="hjem-x"))
        Site.objects.all().delete()
        Site.objects.create(hostname="testserver", port=80, root_page=home, is_default_site=True)
        index = ConferenceIndexPageFactory(parent=home)
        edition = ConferenceEditionPageFactory(parent=index, year=2026)
        self.assertPageIsRenderable(index)
        self.assertPageIsRenderable(edition)
        self.assertPageIsRoutable(edition, "program/")
        self.assertPageIsRenderable(edition, "program/")


def test_sitemap_lists_the_edition_and_its_programme(client, edition):
    xml = client.get("/sitemap.xml").content.decode()
    assert "http://testserver/konferansen/2026/</loc>" in xml
    assert "http://testserver/konferansen/2026/program/</loc>" in xml
