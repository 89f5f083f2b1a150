"""Factories for conference editions, sessions and speakers."""

import datetime

import factory
import wagtail_factories

from cms.network.models import Person
from conference.award.models import AwardWinner
from conference.editions.models import ConferenceEditionPage, ConferenceIndexPage
from conference.programme.models import Session, SessionSpeaker


class ConferenceIndexPageFactory(wagtail_factories.PageFactory):
    title = "Konferansen"
    slug = "konferansen"
    intro = "Nettverkets store møteplass."

    class Meta:
        model = ConferenceIndexPage


class ConferenceEditionPageFactory(wagtail_factories.PageFactory):
    year = factory.Sequence(lambda n: 2030 + n)
    title = factory.LazyAttribute(lambda o: f"Konferansen {o.year}")
    slug = factory.LazyAttribute(lambda o: str(o.year))
    start_date = factory.LazyAttribute(lambda o: datetime.date(o.year, 9, 4))
    start_time = datetime.time(8, 30)
    end_time = datetime.time(15, 30)
    venue_name = "Universitetsaulaen"
    venue_address = "Muséplass 3, 5007 Bergen"
    status = ConferenceEditionPage.Status.PLANNED

    class Meta:
        model = ConferenceEditionPage


class PersonFactory(factory.django.DjangoModelFactory):
    name = factory.Sequence(lambda n: f"Foredragsholder {n}")
    job_title = "Rådgiver"
    organisation = "Bergen kommune"

    class Meta:
        model = Person


class SessionFactory(factory.django.DjangoModelFactory):
    edition = factory.SubFactory(ConferenceEditionPageFactory)
    kind = Session.Kind.PLENARY
    title = factory.Sequence(lambda n: f"Innlegg {n}")
    start_time = datetime.time(9, 0)
    end_time = datetime.time(9, 30)

    class Meta:
        model = Session


class SessionSpeakerFactory(factory.django.DjangoModelFactory):
    session = factory.SubFactory(SessionFactory)
    person = factory.SubFactory(PersonFactory)
    role = SessionSpeaker.Role.SPEAKER

    class Meta:
        model = SessionSpeaker


class AwardWinnerFactory(factory.django.DjangoModelFactory):
    name = "Birgitte Graverholt"
    project = "IMPAKT"
    organisation = "Høgskulen på Vestlandet"

    class Meta:
        model = AwardWinner


def add_sessions(edition, count, *, speakers_per_session=2, start=datetime.time(8, 30), minutes=5, rooms=1):
    """Give ``edition`` ``count`` published sessions with fresh speakers, ``rooms`` side by side."""
    sessions = []
    base = datetime.datetime.combine(edition.start_date, start)
    for i in range(count):
        slot_start = base + datetime.timedelta(minutes=minutes * (i // rooms))
        session = SessionFactory(
            edition=edition,
            title=f"Sesjon {i + 1}",
            start_time=slot_start.time(),
            end_time=(slot_start + datetime.timedelta(minutes=minutes)).time(),
            room=f"Sal {i % rooms + 1}" if rooms > 1 else "Aulaen",
            chair=PersonFactory() if i % 3 == 0 else None,
            sort_order=i,
        )
        for j in range(speakers_per_session):
            SessionSpeakerFactory(session=session, sort_order=j)
        sessions.append(session)
    return sessions
