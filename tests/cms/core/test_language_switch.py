"""The language switch leads to the same page in the other language, or as near to it as exists."""

import re

import pytest

from cms.core.demo_utils import ensure_translation
from tests.conference.factories import (
    ConferenceEditionPageFactory,
    ConferenceIndexPageFactory,
    PersonFactory,
    SessionFactory,
    SessionSpeakerFactory,
)
from tests.factories import StandardPageFactory


def switch_target(html):
    match = re.search(r'class="ds-link language-switch__link" href="([^"]*)" lang="(\w+)"', html)
    assert match, "no language switch on the page"
    return match.group(1), match.group(2)


@pytest.fixture
def english_home(home_page, en_locale):
    return ensure_translation(home_page, "en", title="Home")


@pytest.mark.django_db
def test_translated_page_switches_to_its_translation_and_back(client, home_page, english_home):
    page = StandardPageFactory(parent=home_page, title="Om oss", slug="om-oss")
    ensure_translation(page, "en", title="About us", slug="about-us")
    assert switch_target(client.get("/om-oss/").content.decode()) == ("/en/about-us/", "en")
    assert switch_target(client.get("/en/about-us/").content.decode()) == ("/om-oss/", "nb")


@pytest.mark.django_db
def test_untranslated_page_switches_to_its_nearest_translated_ancestor(client, home_page, english_home):
    about = StandardPageFactory(parent=home_page, title="Om oss", slug="om-oss")
    ensure_translation(about, "en", title="About us", slug="about-us")
    StandardPageFactory(parent=about, title="Bare på norsk", slug="bare-norsk")
    StandardPageFactory(parent=home_page, title="Kontakt", slug="kontakt")
    assert switch_target(client.get("/om-oss/bare-norsk/").content.decode()) == ("/en/about-us/", "en")
    assert switch_target(client.get("/kontakt/").content.decode()) == ("/en/", "en")


@pytest.mark.django_db
def test_routes_of_a_translated_edition_keep_the_programme_but_not_row_ids(client, home_page, english_home):
    index = ConferenceIndexPageFactory(parent=home_page)
    edition = ConferenceEditionPageFactory(parent=index, year=2026)
    session = SessionFactory(edition=edition, title="Åpning")
    SessionSpeakerFactory(session=session, person=PersonFactory(name="Håkon Vik"))
    edition.save_revision().publish()
    ensure_translation(index, "en", title="The conference", slug="conference")
    ensure_translation(edition, "en", title="The conference 2026")
    assert switch_target(client.get("/konferansen/2026/program/").content.decode()) == (
        "/en/conference/2026/program/",
        "en",
    )
    # A session's id is not the same in the English programme: go to the English edition.
    html = client.get(session.get_url()).content.decode()
    assert switch_target(html) == ("/en/conference/2026/", "en")


@pytest.mark.django_db
def test_search_switches_to_the_same_search_in_english(client, home_page, english_home):
    html = client.get("/sok/", {"q": "forskning"}).content.decode()
    assert switch_target(html) == ("/en/sok/?q=forskning", "en")


@pytest.mark.django_db
def test_session_and_speaker_pages_show_their_own_level_in_the_breadcrumbs(client, home_page):
    index = ConferenceIndexPageFactory(parent=home_page)
    edition = ConferenceEditionPageFactory(parent=index, year=2026, title="Konferansen 2026")
    session = SessionFactory(edition=edition, title="Åpning av konferansen")
    speaker = PersonFactory(name="Håkon Vik")
    SessionSpeakerFactory(session=session, person=speaker)
    edition.save_revision().publish()

    def trail(url):
        html = client.get(url).content.decode()
        nav = html.split('class="ds-breadcrumbs')[1].split("</nav>")[0]
        return re.findall(r"<li><a class=\"ds-link\"( href=\"[^\"]*\"| aria-current=\"page\")>([^<]*)</a></li>", nav)

    assert trail(session.get_url()) == [
        (' href="/"', "Forside"),
        (' href="/konferansen/"', "Konferansen"),
        (' href="/konferansen/2026/"', "Konferansen 2026"),
        (' href="/konferansen/2026/program/"', "Program"),
        (' aria-current="page"', "Åpning av konferansen"),
    ]
    assert trail("/konferansen/2026/program/")[-2:] == [
        (' href="/konferansen/2026/"', "Konferansen 2026"),
        (' aria-current="page"', "Program"),
    ]
    assert trail(index.speaker_url(speaker))[-2:] == [
        (' href="/konferansen/"', "Konferansen"),
        (' aria-current="page"', "Håkon Vik"),
    ]
