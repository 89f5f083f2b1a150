"""Concurrency on PostgreSQL: many people racing for the last seats. Threads use their own
database connections, so the row locks are real."""

import threading

import pytest
from django.db import connection, connections

from conference.registration import services
from conference.registration.models import GroupOrder, Registration

from .factories import INVOICE, TicketTypeFactory, ensure_wagtail_root, make_edition, person

pytestmark = pytest.mark.postgres


@pytest.fixture(scope="module", autouse=True)
def _put_back_wagtail_root(django_db_blocker):
    yield
    with django_db_blocker.unblock():
        ensure_wagtail_root()


@pytest.fixture
def tx_home(transactional_db):
    """A home page in a transactional test (an earlier flush may have removed Wagtail's root)."""
    from home.models import HomePage

    root = ensure_wagtail_root()
    home = HomePage(title="Kunnskapskommunen", slug="kk-tx-home", intro="x")
    root.add_child(instance=home)
    return home


def run_in_threads(count, target):
    barrier = threading.Barrier(count)
    results, errors = [], []

    def worker(i):
        try:
            barrier.wait()
            results.append(target(i))
        except Exception as exc:  # noqa: BLE001 - collected and asserted on
            errors.append(exc)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=worker, args=(i,)) for i in range(count)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(60)
    return results, errors


def skip_unless_postgres():
    if connection.vendor != "postgresql":
        pytest.skip("Row locks need PostgreSQL")


def test_racing_for_the_last_seats_never_overbooks(tx_home):
    skip_unless_postgres()
    seats, people = 5, 20
    edition = make_edition(tx_home, capacity=seats)
    ticket = TicketTypeFactory(edition=edition)

    def register(i):
        return services.create_registration(
            edition, ticket_type=ticket, details=person(i, **INVOICE), payment_method="invoice"
        ).outcome

    results, errors = run_in_threads(people, register)
    assert errors == []
    assert sorted(results) == ["confirmed"] * seats + ["waiting"] * (people - seats)
    assert Registration.objects.filter(state__in=Registration.SEAT_STATES).count() == seats
    assert Registration.objects.filter(state="waiting").count() == people - seats


def test_racing_for_the_last_ticket_type_seats_and_add_on(tx_home):
    skip_unless_postgres()
    edition = make_edition(tx_home, capacity=100)
    ticket = TicketTypeFactory(edition=edition, capacity=3, allow_card=True)

    def register(i):
        method = "card" if i % 2 else "invoice"
        details = person(i, **(INVOICE if method == "invoice" else {}))
        return services.create_registration(edition, ticket_type=ticket, details=details, payment_method=method).outcome

    results, errors = run_in_threads(12, register)
    assert errors == []
    assert Registration.objects.filter(state__in=Registration.SEAT_STATES).count() == 3
    assert results.count("waiting") == 9


def test_double_post_racing_itself_creates_one_registration(tx_home):
    skip_unless_postgres()
    edition = make_edition(tx_home)
    ticket = TicketTypeFactory(edition=edition)

    def register(i):
        return services.create_registration(
            edition, ticket_type=ticket, details=person(0, **INVOICE), payment_method="invoice", form_token="same"
        ).outcome

    results, errors = run_in_threads(6, register)
    assert errors == []
    assert sorted(results) == ["confirmed"] + ["duplicate_post"] * 5
    assert Registration.objects.count() == 1


def test_same_email_racing_itself_creates_one_registration(tx_home):
    skip_unless_postgres()
    edition = make_edition(tx_home)
    ticket = TicketTypeFactory(edition=edition)

    def register(i):
        return services.create_registration(
            edition, ticket_type=ticket, details=person(0, **INVOICE), payment_method="invoice", form_token=f"t{i}"
        ).outcome

    results, errors = run_in_threads(6, register)
    assert results == ["confirmed"]
    assert len(errors) == 5 and all(isinstance(e, services.AlreadyRegistered) for e in errors)
    assert Registration.objects.count() == 1


def test_webhook_and_return_page_racing_confirm_once_with_one_email(tx_home):
    skip_unless_postgres()
    from conference.payments.models import Payment
    from conference.registration.models import EmailOutbox

    edition = make_edition(tx_home)
    ticket = TicketTypeFactory(edition=edition, allow_card=True, allow_invoice=False)
    reg = services.create_registration(
        edition, ticket_type=ticket, details=person(0), payment_method="card"
    ).registration
    payment = Payment.objects.create(
        registration=reg, idempotency_key="k1", stripe_session_id="cs_1", amount_ore=150000
    )
    sources = ["webhook", "return"] * 3

    def confirm(i):
        return services.confirm_card_payment(payment.pk, source=sources[i])[1]

    results, errors = run_in_threads(6, confirm)
    assert errors == []
    assert sorted(results) == ["already"] * 5 + ["confirmed"]
    reg.refresh_from_db()
    assert reg.state == Registration.State.CONFIRMED
    assert reg.history.filter(to_state="confirmed").count() == 1
    assert EmailOutbox.objects.filter(registration=reg, kind="confirmation").count() == 1


# --- Group orders racing with singles --------------------------------------------------------


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


def test_cancels_of_the_same_group_participant_racing_refund_their_share_once(tx_home, fake_stripe):
    skip_unless_postgres()
    from conference.payments import services as payment_services
    from conference.payments.models import Payment, Refund

    edition = make_edition(tx_home)
    ticket = TicketTypeFactory(edition=edition, price_ore=90000, allow_card=True, allow_invoice=False)
    result = services.create_group_order(
        edition,
        orderer={"first_name": "Leder", "last_name": "L", "email": "leder@x.no", "organisation": "Kommune"},
        participants=[
            services.Participant(
                ticket_type=ticket, details={"first_name": "Deltaker", "last_name": str(n), "email": f"d{n}@x.no"}
            )
            for n in range(3)
        ],
        payment_method="card",
    )
    payment = services.start_group_card_payment(result.order)
    fake_stripe.complete(payment.stripe_session_id)
    payment_services.sync_checkout_session(payment.stripe_session_id)
    member = result.registrations[1]
    sources = [services.Source.ATTENDEE, services.Source.ORGANISER] * 2

    def cancel(i):
        return services.cancel_registration(member.pk, source=sources[i]).state

    results, errors = run_in_threads(4, cancel)
    assert results == [Registration.State.CANCELLED]
    assert len(errors) == 3 and all(isinstance(e, services.NotAllowed) for e in errors)
    assert Refund.objects.filter(payment=payment).count() == 1
    assert [r["amount"] for r in fake_stripe.refunds.values()] == [90000]
    payment.refresh_from_db()
    assert payment.refunded_ore == 90000 and payment.status == Payment.Status.PARTIALLY_REFUNDED
    states = sorted(Registration.objects.filter(group_order=result.order).values_list("state", flat=True))
    assert states == ["cancelled", "confirmed", "confirmed"]
