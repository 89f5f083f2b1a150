"""Groups and single registrations racing for the last seats on PostgreSQL: a group gets all of
its seats or none, and the edition is never overbooked."""

import pytest

from conference.registration import services
from conference.registration.models import GroupOrder, Registration

from .factories import INVOICE, TicketTypeFactory, make_edition, person
from .test_concurrency import _put_back_wagtail_root, run_in_threads, skip_unless_postgres, tx_home  # noqa: F401

pytestmark = pytest.mark.postgres


def group_of(edition, ticket, i, size, wants_waiting_list=False):
    return services.create_group_order(
        edition,
        orderer={"first_name": "Leder", "last_name": str(i), "email": f"leder{i}@x.no", "organisation": "Kommune"},
        participants=[
            services.Participant(
                ticket_type=ticket,
                details={"first_name": "Deltaker", "last_name": f"{i}-{n}", "email": f"g{i}-{n}@x.no"},
            )
            for n in range(size)
        ],
        payment_method="invoice",
        invoice=INVOICE,
        wants_waiting_list=wants_waiting_list,
    )


def test_groups_and_singles_racing_for_the_last_seats_is_exact(tx_home):
    skip_unless_postgres()
    seats = 7
    edition = make_edition(tx_home, capacity=seats)
    ticket = TicketTypeFactory(edition=edition)

    def attempt(i):
        if i % 3 == 0:  # groups of three, all or none
            try:
                group_of(edition, ticket, i, 3)
            except services.NotEnoughSeats:
                return "group refused"
            return "group"
        return services.create_registration(
            edition, ticket_type=ticket, details=person(i, **INVOICE), payment_method="invoice"
        ).outcome

    results, errors = run_in_threads(12, attempt)
    assert errors == []
    # Eight singles want seven seats, so some single always ends up waiting: every seat is taken,
    # none twice, and the seats are exactly those of the groups that got in and the singles.
    confirmed = Registration.objects.filter(state__in=Registration.SEAT_STATES)
    assert confirmed.count() == seats
    assert seats == 3 * results.count("group") + results.count("confirmed")
    assert results.count("group") + results.count("group refused") == 4
    assert (
        Registration.objects.filter(state="waiting").count()
        == results.count("waiting")
        == 8 - results.count("confirmed")
    )
    # All or none: every stored group has all three participants with seats.
    for order in GroupOrder.objects.all():
        assert sorted(order.registrations.values_list("state", flat=True)) == ["confirmed"] * 3
    assert Registration.objects.filter(group_order__isnull=True).count() == 8


def test_racing_groups_that_choose_the_waiting_list_fill_exactly(tx_home):
    skip_unless_postgres()
    seats = 10
    edition = make_edition(tx_home, capacity=seats)
    ticket = TicketTypeFactory(edition=edition)

    results, errors = run_in_threads(6, lambda i: group_of(edition, ticket, i, 4, wants_waiting_list=True).outcome)
    assert errors == []
    assert results == ["created"] * 6
    assert Registration.objects.filter(state="confirmed").count() == seats
    assert Registration.objects.filter(state="waiting").count() == 24 - seats
