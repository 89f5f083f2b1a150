"""Seats and add-on places: the ONE computation of what is taken and what is left.

The public form, the edition page's registration box, the organisers' dashboard and the
locked decisions in ``state`` all count through :func:`count`, so they can never disagree
about what "full" means. Outside a lock the figures are for display; under the edition lock
(``state.lock_edition``) they are the truth.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping

from django.db.models import Count
from django.utils import timezone

from ..models import AddOn, Registration, RegistrationSettings

Method = Registration.PaymentMethod


@dataclasses.dataclass(frozen=True)
class Availability:
    """Seat-taking registrations (held, offered, confirmed) of one edition, by ticket type and
    add-on. Capacities are read from the edition, ticket type and add-on passed in."""

    capacity: int | None
    taken: int
    taken_by_ticket: Mapping[int, int]
    taken_by_add_on: Mapping[int, int]

    def seats_left(self, ticket_type=None) -> int | None:
        """Seats still free for the edition, or for one ticket type within it (None = no limit)."""
        left = None if self.capacity is None else max(self.capacity - self.taken, 0)
        if ticket_type is not None and ticket_type.capacity is not None:
            ticket_left = max(ticket_type.capacity - self.taken_by_ticket.get(ticket_type.pk, 0), 0)
            left = ticket_left if left is None else min(left, ticket_left)
        return left

    def seat_free(self, ticket_type) -> bool:
        left = self.seats_left(ticket_type)
        return left is None or left > 0

    def add_on_left(self, add_on) -> int | None:
        if add_on.capacity is None:
            return None
        return max(add_on.capacity - self.taken_by_add_on.get(add_on.pk, 0), 0)

    def add_on_full(self, add_on) -> bool:
        return self.add_on_left(add_on) == 0

    def taking(self, ticket_type, add_ons=()) -> Availability:
        """The figures after one more seat of ``ticket_type`` (with ``add_ons``) is taken (no
        query)."""
        by_ticket = dict(self.taken_by_ticket)
        by_ticket[ticket_type.pk] = by_ticket.get(ticket_type.pk, 0) + 1
        by_add_on = dict(self.taken_by_add_on)
        for add_on in add_ons:
            by_add_on[add_on.pk] = by_add_on.get(add_on.pk, 0) + 1
        return dataclasses.replace(self, taken=self.taken + 1, taken_by_ticket=by_ticket, taken_by_add_on=by_add_on)


def count(edition, *, exclude_pk=None, add_ons=True) -> Availability:
    """Count the edition's taken seats and add-on places in two queries. ``exclude_pk`` leaves
    one registration out (a late payment asking whether *another* seat is free for it).
    ``add_ons=False`` skips the add-on places (one query less, e.g. under the edition lock when
    nobody chose an add-on); ``add_on_left`` then knows nothing taken."""
    seats = Registration.objects.filter(edition_id=edition.pk, state__in=Registration.SEAT_STATES)
    places = Registration.add_ons.through.objects.filter(
        registration__edition_id=edition.pk, registration__state__in=Registration.SEAT_STATES
    )
    if exclude_pk:
        seats = seats.exclude(pk=exclude_pk)
        places = places.exclude(registration_id=exclude_pk)
    by_ticket = {
        row["ticket_type_id"]: row["n"] for row in seats.order_by().values("ticket_type_id").annotate(n=Count("pk"))
    }
    by_add_on = (
        {row["addon_id"]: row["n"] for row in places.order_by().values("addon_id").annotate(n=Count("pk"))}
        if add_ons
        else {}
    )
    return Availability(
        capacity=edition.capacity,
        taken=sum(by_ticket.values()),
        taken_by_ticket=by_ticket,
        taken_by_add_on=by_add_on,
    )


def offerable(edition, seats: Availability | None = None) -> int:
    """How many people on the waiting list would get an offer if free seats were offered now
    (first in first out, skipping those whose ticket type is full) – what organisers see."""
    seats = seats or count(edition)
    waiting = (
        Registration.objects.filter(edition_id=edition.pk, state=Registration.State.WAITING)
        .select_related("ticket_type")
        .order_by("created_at", "pk")
    )
    offers = 0
    for registration in waiting:
        if seats.seats_left() == 0:
            break
        if seats.seat_free(registration.ticket_type):
            seats = seats.taking(registration.ticket_type)
            offers += 1
    return offers


def seats_left(edition, ticket_type=None) -> int | None:
    """Seats still free (None = no limit). For display only: the truth is decided under lock."""
    return count(edition).seats_left(ticket_type)


def add_on_left(add_on: AddOn) -> int | None:
    return count(add_on.edition).add_on_left(add_on)


def registration_window_open(edition, now=None) -> bool:
    now = now or timezone.now()
    if edition.status != edition.Status.OPEN:
        return False
    if edition.registration_opens and now < edition.registration_opens:
        return False
    return not (edition.registration_closes and now >= edition.registration_closes)


def allowed_payment_methods(ticket_type, add_ons=()) -> list[str]:
    total = ticket_type.price_ore + sum(a.price_ore for a in add_ons)
    if total == 0:
        return [Method.FREE]
    if ticket_type.is_free:
        return [Method.INVOICE, Method.CARD]
    return ticket_type.payment_methods()


def settings_for(edition) -> RegistrationSettings:
    """The edition's settings row (created with defaults the first time)."""
    return RegistrationSettings.for_edition(edition)


def summary(edition, now=None) -> dict:
    """What the form page and the edition page's box show: open or not, seats left, whether a
    waiting list takes people when it is full."""
    now = now or timezone.now()
    left = seats_left(edition)
    return {
        "is_open": registration_window_open(edition, now),
        "seats_left": left,
        "full": left == 0,
        "waiting_list": settings_for(edition).waiting_list_enabled,
        "opens": edition.registration_opens,
        "closes": edition.registration_closes,
        "not_yet": bool(edition.registration_opens and now < edition.registration_opens),
    }
