"""Calendar and JSON exports of the programme."""

import datetime
import json
import zoneinfo

import icalendar
import pytest

from tests.conference.factories import (
    ConferenceEditionPageFactory,
    PersonFactory,
    SessionFactory,
    SessionSpeakerFactory,
)

pytestmark = pytest.mark.django_db
OSLO = zoneinfo.ZoneInfo("Europe/Oslo")


def events(response):
    assert response["Content-Type"].startswith("text/calendar")
    calendar = icalendar.Calendar.from_ical(response.content)
    return list(calendar.walk("VEVENT"))


def test_programme_feed_has_one_event_per_session_at_oslo_wall_clock_times(client, edition):
    SessionFactory(edition=edition, title="Åpning", start_time=datetime.time(9), end_time=datetime.time(9, 20))
    SessionFactory(
        edition=edition, title="Lunsj", kind="break", start_time=datetime.time(12), end_time=datetime.time(13)
    )

    found = events(client.get("/konferansen/2026/program.ics"))

    assert [str(e["SUMMARY"]) for e in found] == ["Åpning", "Lunsj"]
    start = found[0].decoded("DTSTART")
    assert start.astimezone(OSLO) == datetime.datetime(2026, 9, 4, 9, 0, tzinfo=OSLO)
    # Summer time: 09.00 in Bergen is 07.00 UTC.
    assert start.astimezone(datetime.UTC).hour == 7
    assert found[1].decoded("DTEND").astimezone(OSLO).time() == datetime.time(13, 0)


@pytest.mark.parametrize(
    ("day", "utc_hour"),
    [
        (datetime.date(2033, 10, 29), 8),  # Saturday before the autumn change: still summer time (UTC+2)
        (datetime.date(2033, 10, 31), 9),  # Monday after it: winter time (UTC+1)
        (datetime.date(2034, 3, 24), 9),  # Friday before the spring change: winter time
        (datetime.date(2034, 3, 27), 8),  # Monday after it: summer time
    ],
)
def test_times_stay_right_on_both_sides_of_the_daylight_saving_change(client, conference_index, day, utc_hour):
    edition = ConferenceEditionPageFactory(parent=conference_index, year=day.year, start_date=day, slug=f"k{day:%m%d}")
    SessionFactory(edition=edition, start_time=datetime.time(10), end_time=datetime.time(11))

    (event,) = events(client.get(f"{edition.url}program.ics"))

    start = event.decoded("DTSTART")
    assert start.astimezone(datetime.UTC).hour == utc_hour
    assert start.astimezone(OSLO).replace(tzinfo=None) == datetime.datetime.combine(day, datetime.time(10))


def test_uids_are_stable_across_regenerations_and_edits(client, edition):
    session = SessionFactory(edition=edition, title="Før")
    first = events(client.get("/konferansen/2026/program.ics"))
    session.title = "Etter"
    session.start_time = datetime.time(10)
    session.end_time = datetime.time(11)
    session.save()
    second = events(client.get("/konferansen/2026/program.ics"))

    assert str(first[0]["UID"]) == str(second[0]["UID"]) == f"session-{session.pk}@kunnskapskommunen"
    assert str(second[0]["SUMMARY"]) == "Etter"


def test_uids_survive_publishing_a_new_revision(client, edition):
    SessionFactory(edition=edition, title="Innlegg")
    edition.save_revision().publish()
    before = {str(e["UID"]) for e in events(client.get("/konferansen/2026/program.ics"))}
    page = edition.get_latest_revision_as_object()
    page.title = "Konferansen 2026 (oppdatert)"
    page.save_revision().publish()
    after = {str(e["UID"]) for e in events(client.get("/konferansen/2026/program.ics"))}
    assert before == after


def test_single_session_ics_is_a_download_with_that_session_only(client, edition):
    SessionFactory(edition=edition, title="Annet innlegg")
    session = SessionFactory(
        edition=edition, title="Panel", start_time=datetime.time(10), end_time=datetime.time(11), room="Aulaen"
    )

    response = client.get(f"/konferansen/2026/program/{session.pk}.ics")

    assert response["Content-Disposition"] == 'attachment; filename="panel.ics"'
    (event,) = events(response)
    assert str(event["UID"]) == f"session-{session.pk}@kunnskapskommunen"
    assert "Aulaen" in str(event["LOCATION"]) and "Universitetsaulaen" in str(event["LOCATION"])
    assert str(event["URL"]).endswith(session.get_url())


def test_json_programme_has_the_documented_shape(client, edition):
    session = SessionFactory(edition=edition, title="Panel", room="Aulaen", chair=PersonFactory(name="Ordstyrer"))
    SessionSpeakerFactory(session=session, person=PersonFactory(name="Først"), role="moderator", sort_order=0)
    SessionSpeakerFactory(session=session, person=PersonFactory(name="Andre"), role="panellist", sort_order=1)

    response = client.get("/konferansen/2026/program.json")

    assert response["Content-Type"] == "application/json"
    data = json.loads(response.content)
    assert data["version"] == 1
    assert set(data["edition"]) == {
        "year", "title", "theme", "status", "start_date", "end_date", "date_label", "starts_at", "ends_at",
        "timezone", "venue", "url", "programme_url", "ical_url",
    }  # fmt: skip
    assert data["edition"]["starts_at"] == "2026-09-04T08:30:00+02:00"
    assert data["edition"]["venue"]["name"] == "Universitetsaulaen"
    (item,) = data["sessions"]
    assert set(item) == {
        "id", "uid", "type", "type_label", "title", "description", "date", "starts_at", "ends_at", "room",
        "url", "ics_url", "chair", "speakers", "slides_url", "extras",
    }  # fmt: skip
    assert item["uid"] == f"session-{session.pk}@kunnskapskommunen"
    assert item["starts_at"] == "2026-09-04T09:00:00+02:00"
    assert item["url"] == f"http://testserver/konferansen/2026/program/{session.pk}-panel/"
    assert item["chair"]["name"] == "Ordstyrer"
    assert [(s["name"], s["role"]) for s in item["speakers"]] == [("Først", "moderator"), ("Andre", "panellist")]
    assert item["speakers"][0]["url"].startswith("http://testserver/konferansen/foredragsholdere/")
    assert item["slides_url"] is None


def test_json_of_an_edition_without_venue_or_sessions(client, conference_index):
    edition = ConferenceEditionPageFactory(parent=conference_index, year=2030, venue_name="", venue_address="")
    data = client.get(f"{edition.url}program.json").json()
    assert data["edition"]["venue"] is None
    assert data["sessions"] == []


def test_exports_only_answer_get(client, edition):
    assert client.post("/konferansen/2026/program.json").status_code == 405
