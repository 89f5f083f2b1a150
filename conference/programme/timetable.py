"""Reading the published programme of an edition in a fixed number of queries, and arranging it
as a timetable: days → time slots → sessions, with the rooms as columns for wide screens."""

import datetime
from dataclasses import dataclass, field

from django.http import Http404
from modelcluster.queryset import FakeQuerySet

from cms.core.text import slugify_nb
from conference.programme import extras
from conference.programme.models import Session

MAX_ROOM_COLUMNS = 6


def programme_sessions(edition, pk: int | None = None) -> list[Session]:
    """The edition's sessions in time order, with chair and speakers loaded, and what other
    features add to them (``session.extras``, see ``extras``).

    On a live page this reads the published rows (three queries however long the programme);
    in an admin preview the sessions come from the draft held in memory."""
    sessions = edition.sessions.all()
    if pk is not None:
        sessions = sessions.filter(pk=pk)
    if isinstance(sessions, FakeQuerySet):
        items = list(sessions)
    else:
        items = list(
            sessions.select_related("chair", "slides")
            .prefetch_related("speakers__person")
            .order_by("day", "start_time", "sort_order", "pk")
        )
    for session in items:
        # Avoid one query per session for the parent page.
        session.edition = edition
    items.sort(key=lambda s: (s.date, s.start_time, s.sort_order or 0, s.pk or 0))
    speaker_url = speaker_url_function(edition)
    for session in items:
        session.speaker_list = list(session.speakers.all())
        for appearance in session.speaker_list:
            appearance.url = speaker_url(appearance.person)
        if session.chair is not None:
            session.chair.url = speaker_url(session.chair)
    extras.attach(edition, items)
    return items


def speaker_url_function(edition):
    """A function giving a person's speaker page (a route of the conference index page), or ""
    when the index has no URL. The index is looked up once per edition."""
    index = getattr(edition, "_conference_index_cache", None)
    if index is None:
        parent = edition.get_parent()
        index = parent.specific_deferred if parent is not None else None
        edition._conference_index_cache = index
    base = index.url if index is not None else None
    if not base:
        return lambda person: ""
    return lambda person: (
        base + index.reverse_subpage("speaker", kwargs={"pk": person.pk, "slug": slugify_nb(person.name)})
    )


def get_session(edition, pk: int) -> Session:
    for session in programme_sessions(edition, pk=pk):
        return session
    raise Http404("No such session")


@dataclass
class Slot:
    start: datetime.time
    end: datetime.time
    sessions: list = field(default_factory=list)

    @property
    def is_parallel(self) -> bool:
        return len(self.sessions) > 1


@dataclass
class Day:
    date: datetime.date
    slots: list = field(default_factory=list)


@dataclass
class Timetable:
    sessions: list
    days: list
    rooms: list

    @property
    def is_empty(self) -> bool:
        return not self.sessions

    @property
    def columns(self) -> int:
        return max(1, min(len(self.rooms), MAX_ROOM_COLUMNS))

    @property
    def has_several_days(self) -> bool:
        return len(self.days) > 1


def build_timetable(edition) -> Timetable:
    sessions = programme_sessions(edition)
    rooms: list[str] = []
    days: dict[datetime.date, Day] = {}
    for session in sessions:
        day = days.setdefault(session.date, Day(session.date))
        if day.slots and day.slots[-1].start == session.start_time:
            slot = day.slots[-1]
            slot.end = max(slot.end, session.end_time)
        else:
            slot = Slot(session.start_time, session.end_time)
            day.slots.append(slot)
        slot.sessions.append(session)
    # Rooms become columns only where sessions run side by side.
    for day in days.values():
        for slot in day.slots:
            if slot.is_parallel:
                for session in slot.sessions:
                    if session.room and session.room not in rooms:
                        rooms.append(session.room)
    for day in days.values():
        for slot in day.slots:
            for session in slot.sessions:
                if slot.is_parallel and session.room in rooms[:MAX_ROOM_COLUMNS]:
                    session.column = rooms.index(session.room) + 1
                else:
                    session.column = None
    return Timetable(sessions=sessions, days=list(days.values()), rooms=rooms[:MAX_ROOM_COLUMNS])
