"""The edition lock is held for as few queries as possible: every query inside it is paid by
everyone registering at the same moment (the registration burst in bench/registration.py)."""

import pytest

from conference.registration import services
from conference.registration.models import Registration

from .factories import INVOICE, AddOnFactory, person

State = Registration.State


def register(edition, ticket, n, **kwargs):
    return services.create_registration(
        edition, ticket_type=ticket, details=person(n, **INVOICE), payment_method="invoice", **kwargs
    )


def test_a_plain_registration_takes_few_queries_under_the_lock(edition, invoice_ticket, django_assert_max_num_queries):
    register(edition, invoice_ticket, 0)
    # Lock, ticket, duplicate check, anyone waiting, seat count, insert, history, e-mail row
    # (its dedupe check and savepoint) and the surrounding savepoint: 13, down from 16 (no
    # add-on count, no per-ticket waiting check and no add-on write when they cannot matter).
    with django_assert_max_num_queries(13):
        result = register(edition, invoice_ticket, 1)
    assert result.outcome == State.CONFIRMED


def test_add_on_places_are_still_counted_when_an_add_on_is_chosen(edition, invoice_ticket):
    dinner = AddOnFactory(edition=edition, capacity=1, price_ore=0)
    first = register(edition, invoice_ticket, 0, add_ons=[dinner]).registration
    assert list(first.add_ons.all()) == [dinner]
    with pytest.raises(services.AddOnFull):
        register(edition, invoice_ticket, 1, add_ons=[dinner])
    assert Registration.objects.filter(add_ons=dinner).count() == 1


def test_someone_waiting_for_the_ticket_still_keeps_a_newcomer_off_a_freed_seat(edition, invoice_ticket):
    edition.capacity = 1
    edition.save()
    seated = register(edition, invoice_ticket, 0).registration
    waiting = register(edition, invoice_ticket, 1).registration
    assert waiting.state == State.WAITING
    # A seat frees; the waiting person is offered it, and a newcomer waits behind.
    services.cancel_registration(seated.pk)
    newcomer = register(edition, invoice_ticket, 2).registration
    waiting.refresh_from_db()
    assert waiting.state == State.OFFERED
    assert newcomer.state == State.WAITING


def test_registrations_and_payments_stay_out_of_wagtails_reference_index(edition, invoice_ticket, card_ticket):
    """Each indexed save enqueued an index task inside the lock: 1 000 task rows (and as many
    jobs for the worker) in a burst of 600 registrations."""
    from django.contrib.contenttypes.models import ContentType
    from wagtail.models import ReferenceIndex

    from conference.payments.models import Payment

    register(edition, invoice_ticket, 0)
    types = ContentType.objects.get_for_models(Registration, Payment).values()
    assert not ReferenceIndex.objects.filter(content_type__in=types).exists()
    assert not ReferenceIndex.model_is_indexable(Registration)
    assert not ReferenceIndex.model_is_indexable(Payment)
