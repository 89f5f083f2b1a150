"""The conference programme under gunicorn: an edition with 60 sessions (three rooms side by
side) and 120 speakers; its timetable page, iCal feed, JSON and a session page next to
/healthz, plus the SQL queries each makes."""

import datetime

from bench.server import prepare, run_page_benchmark

YEAR = 2099
SLUG = "bench-programme"
SESSIONS, ROOMS, SPEAKERS_PER_SESSION = 60, 3, 2


def seed() -> str:
    """Create the benchmark edition once (idempotent); return its URL path."""
    from cms.core.demo_utils import child_by_slug, ensure_child
    from cms.network.models import Person
    from conference.editions.models import ConferenceEditionPage
    from conference.programme.models import Session, SessionSpeaker
    from home.models import HomePage

    home = HomePage.objects.filter(depth=2, locale__language_code="nb").first()
    index = child_by_slug(home, "konferansen")
    edition, created = ensure_child(
        index,
        ConferenceEditionPage,
        SLUG,
        title=f"Ytelsestest {YEAR}",
        year=YEAR,
        start_date=datetime.date(YEAR, 10, 30),
        venue_name="Universitetsaulaen",
        status=ConferenceEditionPage.Status.PLANNED,
    )
    if not edition.sessions.exists():
        people = [
            Person.objects.create(name=f"Ytelse Foredragsholder {i:03}", organisation="Bergen kommune")
            for i in range(SESSIONS * SPEAKERS_PER_SESSION)
        ]
        sessions = []
        start = datetime.datetime.combine(edition.start_date, datetime.time(8, 30))
        for i in range(SESSIONS):
            slot = start + datetime.timedelta(minutes=20 * (i // ROOMS))
            session = Session(
                kind=Session.Kind.PARALLEL,
                title=f"Parallellsesjon {i + 1}",
                description="Et kort sammendrag av innlegget. " * 5,
                start_time=slot.time(),
                end_time=(slot + datetime.timedelta(minutes=20)).time(),
                room=f"Sal {i % ROOMS + 1}",
            )
            session.speakers = [
                SessionSpeaker(person=people[i * SPEAKERS_PER_SESSION + j], role=SessionSpeaker.Role.SPEAKER)
                for j in range(SPEAKERS_PER_SESSION)
            ]
            sessions.append(session)
        edition.sessions = sessions
        edition.save_revision().publish()
    edition = ConferenceEditionPage.objects.get(pk=edition.pk)
    return edition.url


def main() -> None:
    prepare()
    base = seed()
    from conference.editions.models import ConferenceEditionPage

    edition = ConferenceEditionPage.objects.get(slug=SLUG)
    session = edition.sessions.order_by("start_time", "pk").first()
    pages = [
        ("Programme page (60 sessions)", f"{base}program/"),
        ("iCal feed (60 events)", f"{base}program.ics"),
        ("JSON programme", f"{base}program.json"),
        ("Session page", session.get_url()),
        ("Session .ics", session.get_ics_url()),
        ("Conference index", "/konferansen/"),
    ]
    run_page_benchmark("Programme", pages)


if __name__ == "__main__":
    main()
