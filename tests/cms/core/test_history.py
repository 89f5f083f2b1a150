"""State-change history: record() and transition() as every flow with states uses them.

The concrete model here is registration's, the first user of ``cms.core.history``."""

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import FieldDoesNotExist

from cms.core import history
from conference.registration.models import Registration, RegistrationStateChange
from tests.conference.registration.factories import TicketTypeFactory, make_edition

pytestmark = pytest.mark.django_db

Source = RegistrationStateChange.Source


@pytest.fixture
def registration(home_page):
    edition = make_edition(home_page)
    return Registration.objects.create(
        edition=edition,
        ticket_type=TicketTypeFactory(edition=edition),
        state=Registration.State.WAITING,
        first_name="Kari",
        last_name="Nordmann",
        email="kari@example.no",
        payment_method=Registration.PaymentMethod.INVOICE,
    )


def test_transition_changes_the_state_saves_fields_and_records_from_and_to(registration, admin_user):
    row = RegistrationStateChange.transition(
        registration,
        Registration.State.CANCELLED,
        Source.ORGANISER,
        admin_user,
        "Ringte og meldte av",
        cancelled_at=None,
    )
    registration.refresh_from_db()
    assert registration.state == Registration.State.CANCELLED
    assert (row.from_state, row.to_state, row.source, row.actor, row.note) == (
        "waiting",
        "cancelled",
        "organiser",
        admin_user,
        "Ringte og meldte av",
    )
    assert list(registration.history.all()) == [row]


def test_only_a_signed_in_user_is_stored_as_the_actor(registration):
    anonymous = history.record(
        RegistrationStateChange, registration, "waiting", "waiting", Source.ATTENDEE, actor=AnonymousUser()
    )
    task = history.record(RegistrationStateChange, registration, "waiting", "waiting", Source.TASK)
    assert anonymous.actor is None and task.actor is None


def test_a_long_note_is_cut_so_it_never_fails_the_change_it_describes(registration):
    row = RegistrationStateChange.record(registration, "waiting", "waiting", Source.SYSTEM, note="x" * 5000)
    row.refresh_from_db()
    assert len(row.note) == 2000


def test_an_empty_from_state_is_stored_as_empty_text(registration):
    row = RegistrationStateChange.record(registration, None, "waiting", Source.ATTENDEE)
    assert row.from_state == "" and str(row) == "– → waiting"


def test_a_misspelt_field_in_a_transition_fails_loudly_and_changes_nothing(registration):
    with pytest.raises(FieldDoesNotExist):
        RegistrationStateChange.transition(registration, "confirmed", Source.SYSTEM, cancelled_on=None)
    registration.refresh_from_db()
    assert registration.state == "waiting" and not registration.history.exists()


def test_a_history_model_without_owner_field_is_refused():
    class Orphan:
        owner_field = ""

    with pytest.raises(TypeError, match="owner_field"):
        history.record(Orphan, object(), "", "x", "system")


def test_module_level_transition_takes_the_history_model_by_keyword(registration):
    history.transition(
        registration, Registration.State.OFFERED, history_model=RegistrationStateChange, source=Source.SYSTEM
    )
    assert list(registration.history.values_list("from_state", "to_state")) == [("waiting", "offered")]


def test_a_translatable_note_is_written_in_bokmal_even_from_an_english_request(registration):
    from django.utils import translation
    from django.utils.translation import gettext_lazy

    with translation.override("en"):
        row = RegistrationStateChange.record(
            registration, "confirmed", "confirmed", "system", note=gettext_lazy("Checked in")
        )
        with_values = RegistrationStateChange.record(
            registration,
            "confirmed",
            "confirmed",
            "system",
            note=history.note_text(gettext_lazy("Changed: %(fields)s"), fields="fornavn"),
        )
    assert row.note == "Sjekket inn"
    assert with_values.note == "Endret: fornavn"
