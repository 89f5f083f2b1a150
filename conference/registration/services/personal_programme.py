"""The personal programme: a participant's picks among parallel sessions.

Invariants, kept here and only here (the one owner of ``SessionChoice``):

- Only a participant with a confirmed seat picks, and only until the conference starts
  (``choice_deadline``: the edition's start); organisers then have the numbers for the rooms.
- At most one pick per time slot: parallel sessions of a day that overlap in time form one slot
  (``time_slots``), and a participant is in one room at a time.
- Never more picks of a session than its places (``Session.capacity``; empty = no limit).
  Picks are counted and written under the edition lock (``locks.lock_registration``), the
  same lock every seat change takes first, so racing participants queue instead of overfilling
  a room. Only picks of confirmed registrations count.
- A cancelled registration's picks are released (``release_choices``, called by
  ``state.cancel_registration``); a transferred seat carries its picks to the colleague
  (``carry_choices``, called by ``transfer``).
"""

from __future__ import annotations

import dataclasses
import datetime

from django.db import transaction
from django.db.models import Count, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from cms.core.history import note_text
from conference.programme.models import Session

from ..models import Registration, RegistrationStateChange, SessionChoice
from .errors import RegistrationError
from .locks import lock_registration, record

State = Registration.State
Source = RegistrationStateChange.Source


class ChoiceNotAllowed(RegistrationError):
    message = _("You can no longer change your choice of sessions.")


class InvalidSessionChoice(RegistrationError):
    message = _("Choose among the parallel sessions of this conference, at most one in each time slot.")


class SessionFull(RegistrationError):
    def __init__(self, session):
        super().__init__()
        self.session = session
        self.message = _("%(title)s is full. Choose another session in this time slot.") % {"title": session.title}


@dataclasses.dataclass
class TimeSlot:
    """Overlapping parallel sessions of one day: a participant picks at most one of them."""

    date: datetime.date
    start: datetime.time
    end: datetime.time
    sessions: list = dataclasses.field(default_factory=list)

    @property
    def key(self) -> str:
        return f"slot_{self.date:%Y%m%d}_{self.start:%H%M}"


def parallel_sessions(edition_id) -> list[Session]:
    """The edition's parallel sessions in time order, each with ``taken`` (picks by confirmed
    participants) and ``left`` (None when the room has no limit). Two queries."""
    sessions = list(
        Session.objects.filter(edition_id=edition_id, kind=Session.Kind.PARALLEL)
        .select_related("edition")
        .annotate(taken=Count("choices", filter=Q(choices__registration__state=State.CONFIRMED)))
        .order_by("day", "start_time", "sort_order", "pk")
    )
    for session in sessions:
        session.left = None if session.capacity is None else max(session.capacity - session.taken, 0)
    sessions.sort(key=lambda s: (s.date, s.start_time, s.end_time, s.sort_order or 0, s.pk))
    return sessions


def time_slots(sessions) -> list[TimeSlot]:
    """Group parallel sessions into slots: a session that starts before the slot's last end on
    the same day overlaps it and joins it."""
    slots: list[TimeSlot] = []
    for session in sorted(sessions, key=lambda s: (s.date, s.start_time, s.end_time, s.pk)):
        current = slots[-1] if slots else None
        if current is not None and current.date == session.date and session.start_time < current.end:
            current.end = max(current.end, session.end_time)
        else:
            current = TimeSlot(session.date, session.start_time, session.end_time)
            slots.append(current)
        current.sessions.append(session)
    return slots


def choice_deadline(edition) -> datetime.datetime:
    """Picks can be made and changed until the conference starts."""
    return edition.starts_at()


def can_choose(registration, now=None) -> bool:
    now = now or timezone.now()
    return registration.state == State.CONFIRMED and now < choice_deadline(registration.edition)


def chosen_session_ids(registration) -> set[int]:
    return set(SessionChoice.objects.filter(registration=registration).values_list("session_id", flat=True))


def choose_sessions(registration_id, session_ids, *, now=None) -> list[int]:
    """Replace the participant's picks by ``session_ids`` (empty: no parallel sessions).

    Raises ``ChoiceNotAllowed`` (no confirmed seat, or after the deadline),
    ``InvalidSessionChoice`` (not a parallel session of this edition, or two in one slot) or
    ``SessionFull`` (no place left in a newly chosen session). Returns the chosen ids."""
    now = now or timezone.now()
    wanted = {int(pk) for pk in session_ids}
    with transaction.atomic():
        _settings, registration = lock_registration(registration_id)
        if registration.state != State.CONFIRMED or now >= choice_deadline(registration.edition):
            raise ChoiceNotAllowed()
        # Counted under the edition lock: every pick is written under it too.
        sessions = {s.pk: s for s in parallel_sessions(registration.edition_id)}
        if not wanted <= sessions.keys():
            raise InvalidSessionChoice()
        for slot in time_slots(sessions[pk] for pk in wanted):
            if len(slot.sessions) > 1:
                raise InvalidSessionChoice()
        current = chosen_session_ids(registration)
        added = wanted - current
        for pk in sorted(added, key=lambda pk: (sessions[pk].date, sessions[pk].start_time)):
            if sessions[pk].left == 0:
                raise SessionFull(sessions[pk])
        removed = current - wanted
        if not added and not removed:
            return sorted(wanted)
        SessionChoice.objects.filter(registration=registration, session_id__in=removed).delete()
        SessionChoice.objects.bulk_create(
            [SessionChoice(registration=registration, session_id=pk, chosen_at=now) for pk in sorted(added)]
        )
        titles = ", ".join(sessions[pk].title for pk in sorted(wanted, key=lambda pk: sessions[pk].starts_at()))
        note = (
            note_text(_("Sessions chosen: %(titles)s"), titles=titles) if titles else _("No parallel sessions chosen")
        )
        record(registration, registration.state, registration.state, Source.ATTENDEE, None, note)
        return sorted(wanted)


def release_choices(registration) -> int:
    """Free the places of a registration that no longer has a seat. The caller holds the lock."""
    deleted, _rows = SessionChoice.objects.filter(registration=registration).delete()
    return deleted


def carry_choices(old, new) -> int:
    """Move the picks of a transferred seat to the colleague who takes it (same places, so no
    capacity check). The caller holds the lock."""
    return SessionChoice.objects.filter(registration=old).update(registration=new)


def session_numbers(edition) -> list[Session]:
    """Expected numbers per parallel session for organisers: ``taken``, ``capacity``, ``left``."""
    return parallel_sessions(edition.pk)


def personal_sessions(registration, sessions) -> list:
    """The programme as the participant will follow it: every session except the parallel ones
    they did not choose (``sessions`` as read by ``programme.timetable.programme_sessions``)."""
    chosen = chosen_session_ids(registration)
    return [s for s in sessions if s.kind != Session.Kind.PARALLEL or s.pk in chosen]
