"""The public programme: timetable, session pages, speaker pages, drafts and 404s."""

import datetime

import pytest

from conference.programme.models import Session, SessionSpeaker
from tests.conference.factories import (
    ConferenceEditionPageFactory,
    PersonFactory,
    SessionFactory,
    SessionSpeakerFactory,
    add_sessions,
)
from tests.conference.i18n import nb, nb_plural

pytestmark = pytest.mark.django_db


def test_programme_lists_sessions_in_time_order_with_headings_and_times(client, edition):
    SessionFactory(
        edition=edition, title="Lunsj", kind="break", start_time=datetime.time(12), end_time=datetime.time(13)
    )
    opening = SessionFactory(
        edition=edition, title="Åpning", start_time=datetime.time(9), end_time=datetime.time(9, 20)
    )
    SessionSpeakerFactory(session=opening, person=PersonFactory(name="Kari Byråd"))

    response = client.get("/konferansen/2026/program/")

    html = response.content.decode()
    assert response.status_code == 200
    assert html.index("Åpning") < html.index("Lunsj")
    assert '<time datetime="09:00">09.00</time>' in html
    assert '<h3 class="ds-heading session-card__title"' in html
    assert "Kari Byråd" in html
    assert 'type="text/calendar"' in html and "/konferansen/2026/program.ics" in html


def test_parallel_sessions_get_a_column_per_room(client, edition):
    add_sessions(edition, 4, rooms=2)
    html = client.get("/konferansen/2026/program/").content.decode()
    assert "timetable--cols-2" in html
    assert "timetable__col-1" in html and "timetable__col-2" in html
    assert nb_plural("%(counter)s parallel session", "%(counter)s parallel sessions", 2) in html


def test_empty_programme_says_it_is_coming(client, conference_index):
    upcoming = ConferenceEditionPageFactory(parent=conference_index, year=2030)
    response = client.get(f"{upcoming.url}program/")
    assert response.status_code == 200
    assert nb("The programme is coming") in response.content.decode()
    assert "timetable__slot" not in response.content.decode()


def test_edition_without_a_venue_still_renders(client, conference_index):
    edition = ConferenceEditionPageFactory(parent=conference_index, year=2031, venue_name="", venue_address="")
    SessionFactory(edition=edition, title="Innlegg uten sted", room="")
    assert client.get(edition.url).status_code == 200
    assert client.get(edition.url + "program/").status_code == 200
    session = edition.sessions.get()
    assert client.get(session.get_url()).status_code == 200


def test_session_page_shows_speakers_and_calendar_link(client, edition):
    session = SessionFactory(edition=edition, title="Hovedinnlegg om prioritering", description="Om kloke valg.")
    SessionSpeakerFactory(session=session, person=PersonFactory(name="Håkon Vik", job_title="Professor"))

    response = client.get(session.get_url())

    html = response.content.decode()
    assert response.status_code == 200
    assert "<h1" in html and "Hovedinnlegg om prioritering" in html
    assert "Håkon Vik" in html and "Professor" in html
    assert f'href="/konferansen/2026/program/{session.pk}.ics"' in html


def test_session_url_without_or_with_wrong_slug_redirects_to_the_canonical_one(client, edition):
    session = SessionFactory(edition=edition, title="Velkommen")
    for url in (f"/konferansen/2026/program/{session.pk}/", f"/konferansen/2026/program/{session.pk}-feil/"):
        response = client.get(url)
        assert response.status_code == 301
        assert response["Location"] == f"/konferansen/2026/program/{session.pk}-velkommen/"


@pytest.mark.parametrize(
    "url",
    [
        "/konferansen/2026/program/999999-finnes-ikke/",
        "/konferansen/2026/program/999999.ics",
        "/konferansen/2031/program/",
        "/konferansen/2031/program.json",
        "/konferansen/2031/program.ics",
        "/konferansen/foredragsholdere/999999-ingen/",
        "/konferansen/2026/program/ukjent/",
    ],
)
def test_unknown_sessions_editions_and_speakers_are_designed_404s(client, edition, url):
    response = client.get(url)
    assert response.status_code == 404
    assert "<h1" in response.content.decode()


def test_session_of_another_edition_is_not_found_under_this_one(client, edition, conference_index):
    other = ConferenceEditionPageFactory(parent=conference_index, year=2028)
    session = SessionFactory(edition=other)
    assert client.get(f"/konferansen/2026/program/{session.pk}-{session.slug}/").status_code == 404
    assert client.get(f"/konferansen/2026/program/{session.pk}.ics").status_code == 404


def test_draft_programme_is_not_public_until_the_edition_is_published(client, edition, admin_client):
    SessionFactory(edition=edition, title="Publisert innlegg")
    edition.save_revision().publish()
    # The organiser drafts a new programme: one session renamed, one added.
    page = edition.get_latest_revision_as_object()
    page.sessions = [
        Session(title="Nytt hovedinnlegg", kind="plenary", start_time=datetime.time(9), end_time=datetime.time(10)),
        Session(title="Utkast til panel", kind="plenary", start_time=datetime.time(10), end_time=datetime.time(11)),
    ]
    revision = page.save_revision()

    public = client.get("/konferansen/2026/program/").content.decode()
    assert "Publisert innlegg" in public
    assert "Utkast til panel" not in public
    assert "Utkast til panel" not in client.get("/konferansen/2026/program.json").content.decode()
    assert "Utkast til panel" not in client.get("/konferansen/2026/program.ics").content.decode()

    revision.publish()

    public = client.get("/konferansen/2026/program/").content.decode()
    assert "Utkast til panel" in public and "Nytt hovedinnlegg" in public
    assert "Publisert innlegg" not in public


def test_unpublished_edition_has_no_public_programme_or_exports(client, edition):
    SessionFactory(edition=edition)
    edition.unpublish()
    assert client.get("/konferansen/2026/program/").status_code == 404
    assert client.get("/konferansen/2026/program.json").status_code == 404
    assert client.get("/konferansen/2026/program.ics").status_code == 404


def test_speaker_page_lists_sessions_across_editions(client, edition, conference_index):
    earlier = ConferenceEditionPageFactory(parent=conference_index, year=2024, title="Konferansen 2024")
    person = PersonFactory(name="Marte Haugland", bio="Fagutvikler i sykehjem.")
    SessionSpeakerFactory(session=SessionFactory(edition=edition, title="Innlegg 2026"), person=person)
    SessionSpeakerFactory(session=SessionFactory(edition=earlier, title="Innlegg 2024"), person=person)
    SessionFactory(
        edition=earlier, title="Ledet sesjon", chair=person, start_time=datetime.time(10), end_time=datetime.time(11)
    )

    response = client.get(f"/konferansen/foredragsholdere/{person.pk}-marte-haugland/")

    html = response.content.decode()
    assert response.status_code == 200
    assert "Fagutvikler i sykehjem." in html
    assert html.index("Konferansen 2026") < html.index("Konferansen 2024")
    assert "Innlegg 2026" in html and "Innlegg 2024" in html and "Ledet sesjon" in html


def test_people_who_are_not_on_a_published_programme_have_no_speaker_page(client, edition, conference_index):
    stranger = PersonFactory(name="Ikke foredragsholder")
    assert client.get(f"/konferansen/foredragsholdere/{stranger.pk}-ikke-foredragsholder/").status_code == 404
    draft_edition = ConferenceEditionPageFactory(parent=conference_index, year=2032, live=False)
    SessionSpeakerFactory(session=SessionFactory(edition=draft_edition), person=stranger)
    assert client.get(f"/konferansen/foredragsholdere/{stranger.pk}-ikke-foredragsholder/").status_code == 404


def test_speaker_url_with_a_stale_slug_redirects(client, edition):
    person = PersonFactory(name="Liv Tveit")
    SessionSpeakerFactory(session=SessionFactory(edition=edition), person=person)
    response = client.get(f"/konferansen/foredragsholdere/{person.pk}-gammelt-navn/")
    assert response.status_code == 301
    assert response["Location"] == f"/konferansen/foredragsholdere/{person.pk}-liv-tveit/"


def test_programme_page_query_count_does_not_grow_with_sessions(client, edition, django_assert_max_num_queries):
    add_sessions(edition, 10, speakers_per_session=2)
    client.get("/konferansen/2026/program/")  # warm caches shared by every page
    with django_assert_max_num_queries(20) as small:
        assert client.get("/konferansen/2026/program/").status_code == 200
    add_sessions(edition, 50, speakers_per_session=2, start=datetime.time(10, 0), minutes=1)
    assert edition.sessions.count() == 60
    assert SessionSpeaker.objects.filter(session__edition=edition).values("person").distinct().count() == 120
    with django_assert_max_num_queries(20) as large:
        assert client.get("/konferansen/2026/program/").status_code == 200
    assert len(large.captured_queries) == len(small.captured_queries)


def test_demo_sized_programme_query_count_is_reported(client, edition, django_assert_max_num_queries, capsys):
    add_sessions(edition, 60, speakers_per_session=2, minutes=1)
    client.get("/konferansen/2026/program/")
    with django_assert_max_num_queries(20) as captured:
        client.get("/konferansen/2026/program/")
    with capsys.disabled():
        print(f"\nprogramme page, 60 sessions / 120 speakers: {len(captured.captured_queries)} queries")


def test_past_edition_without_a_programme_does_not_promise_one(client, conference_index):
    past = ConferenceEditionPageFactory(parent=conference_index, year=2019, status="held")
    html = client.get(f"{past.url}program/").content.decode()
    assert nb("The programme is coming") not in html
    assert nb("The programme of this conference is not available on this site.") in html
