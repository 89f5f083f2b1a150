"""Participants racing for the last places of a parallel session, on PostgreSQL row locks (each
thread has its own connection): exactly the room's places are given, the others get an error
naming the full session."""

import datetime

import pytest

from conference.programme.models import Session
from conference.registration import services
from conference.registration.models import SessionChoice

from .factories import INVOICE, TicketTypeFactory, make_edition, person
from .test_concurrency import _put_back_wagtail_root, run_in_threads, skip_unless_postgres, tx_home  # noqa: F401

pytestmark = pytest.mark.postgres


def test_racing_for_the_last_places_of_a_session_gives_exactly_the_places(tx_home):  # noqa: F811
    skip_unless_postgres()
    edition = make_edition(tx_home, capacity=50)
    ticket = TicketTypeFactory(edition=edition)
    room = Session.objects.create(
        edition=edition,
        kind=Session.Kind.PARALLEL,
        title="Velferdsteknologi i praksis",
        room="Sal A",
        capacity=3,
        start_time=datetime.time(10, 0),
        end_time=datetime.time(11, 30),
    )
    Session.objects.create(
        edition=edition,
        kind=Session.Kind.PARALLEL,
        title="Rekruttering",
        room="Sal B",
        start_time=datetime.time(10, 0),
        end_time=datetime.time(11, 30),
    )
    people = [
        services.create_registration(
            edition, ticket_type=ticket, details=person(i, **INVOICE), payment_method="invoice"
        ).registration
        for i in range(10)
    ]

    def pick(i):
        try:
            services.choose_sessions(people[i].pk, [room.pk])
        except services.SessionFull as exc:
            return str(exc)
        return "chosen"

    results, errors = run_in_threads(10, pick)
    assert errors == []
    assert results.count("chosen") == 3
    refused = [r for r in results if r != "chosen"]
    assert len(refused) == 7 and all("Velferdsteknologi i praksis" in message for message in refused)
    assert SessionChoice.objects.filter(session=room).count() == 3
