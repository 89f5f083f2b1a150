"""The search finds people, sessions and measures, shows their type, and nothing the site hides."""

import datetime

import pytest
from django.utils import timezone

from cms.network.models import NetworkPage
from tests.cms.network.factories import MembershipFactory
from tests.cms.network.factories import PersonFactory as NetworkPersonFactory
from tests.cms.plans.factories import make_measure, make_plan
from tests.conference.factories import (
    ConferenceEditionPageFactory,
    ConferenceIndexPageFactory,
    PersonFactory,
    SessionFactory,
    SessionSpeakerFactory,
)


def results(client, query):
    response = client.get("/sok/", {"q": query})
    assert response.status_code == 200
    return response.content.decode()


@pytest.fixture
def conference_index(home_page):
    return ConferenceIndexPageFactory(parent=home_page)


@pytest.fixture
def edition(conference_index):
    return ConferenceEditionPageFactory(parent=conference_index, year=2026, title="Konferansen 2026")


@pytest.fixture
def programme(edition):
    speaker = PersonFactory(name="Håkon Vik", job_title="Professor", organisation="UiB", email="hakon@example.com")
    session = SessionFactory(
        edition=edition, title="Kloke prioriteringer i kommunene", description="Om valg når ressursene er knappe."
    )
    SessionSpeakerFactory(session=session, person=speaker)
    edition.save_revision().publish()
    return session, speaker


@pytest.mark.django_db
def test_speaker_is_found_by_name_with_type_and_link_to_the_speaker_page(client, programme):
    session, speaker = programme
    html = results(client, "Håkon Vik")
    assert "Foredragsholder" in html
    assert f'href="/konferansen/foredragsholdere/{speaker.pk}-hakon-vik/"' in html
    assert "Professor, UiB" in html
    assert "hakon@example.com" not in html


@pytest.mark.django_db
def test_session_is_found_by_an_inflected_word_with_type_time_and_link(client, programme):
    session, _speaker = programme
    html = results(client, "prioritering")
    assert "Programpost: plenum" in html
    assert f'href="{session.get_url()}"' in html
    assert "Om valg når ressursene er knappe." in html
    assert "4. september 2026 kl. 09.00" in html


@pytest.mark.django_db
def test_sessions_and_speakers_of_an_unpublished_edition_are_not_found(client, conference_index):
    draft = ConferenceEditionPageFactory(parent=conference_index, year=2031, live=False)
    session = SessionFactory(edition=draft, title="Hemmelig innlegg om velferdsteknologi")
    SessionSpeakerFactory(session=session, person=PersonFactory(name="Skjult Foredragsholder"))
    assert "Hemmelig innlegg" not in results(client, "velferdsteknologi")
    assert 'class="search-result"' not in results(client, "Skjult Foredragsholder")


@pytest.mark.django_db
def test_person_seen_nowhere_on_the_site_is_not_found(client, home_page):
    NetworkPersonFactory(name="Ingrid Usynlig")
    html = results(client, "Ingrid Usynlig")
    assert 'class="search-result"' not in html
    assert "Ingenting passet til «Ingrid Usynlig»" in html


@pytest.mark.django_db
def test_current_body_member_is_found_with_a_link_to_the_network_page(client, home_page):
    network = NetworkPage(title="Nettverket", slug="nettverket")
    home_page.add_child(instance=network)
    network.save_revision().publish()
    today = timezone.localdate()
    seat = MembershipFactory(
        person=NetworkPersonFactory(name="Jon Vik", job_title="Helse- og omsorgssjef"),
        term_start=today - datetime.timedelta(days=30),
        term_end=today + datetime.timedelta(days=300),
    )
    MembershipFactory(
        person=NetworkPersonFactory(name="Jon Tidligere"),
        term_start=datetime.date(2019, 1, 1),
        term_end=datetime.date(2020, 12, 31),
    )
    html = results(client, "Jon")
    assert "Person i nettverket" in html
    assert f'href="/nettverket/#body-{seat.body_id}"' in html
    assert "Helse- og omsorgssjef" in html
    assert "Jon Tidligere" not in html


@pytest.mark.django_db
def test_published_measure_is_found_with_type_and_anchor_in_its_plan(client, home_page):
    plan = make_plan(home_page, focus_areas=1)
    area = plan.focus_areas.first()
    make_measure(area, "6.1.1", title="Tilgang til oppdatert forskning for ansatte")
    draft = make_measure(area, "6.1.2", title="Utkast om forskningsdata")
    draft.unpublish()
    html = results(client, "forskningen")
    assert "Tiltak" in html
    assert f'href="{plan.url}#tiltak-611"' in html
    assert "6.1.1 Tilgang til oppdatert forskning for ansatte" in html
    assert "Utkast om forskningsdata" not in html


@pytest.mark.django_db
def test_search_query_count_does_not_grow_with_the_hits(client, edition, django_assert_max_num_queries):
    for n in range(15):
        session = SessionFactory(edition=edition, title=f"Forskning i praksis {n}")
        SessionSpeakerFactory(session=session, person=PersonFactory(name=f"Forsker Forskningsen {n}"))
    edition.save_revision().publish()
    with django_assert_max_num_queries(40):
        html = results(client, "forskning")
    assert html.count('class="search-result"') == 10
