"""The personal programme (issue 14, item 3): a participant with a seat picks one parallel session
per time slot on the manage page, places per room are respected, the picks go into their own
calendar file, and cancelling frees them while a transfer carries them over."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from conference.programme.models import Session
from conference.registration import services
from conference.registration.models import Registration, RegistrationStateChange, SessionChoice

from .factories import INVOICE, person, t

pytestmark = pytest.mark.django_db
PARALLEL = Session.Kind.PARALLEL


@pytest.fixture(autouse=True)
def _no_ratelimit(settings):
    settings.RATELIMIT_ENABLE = False


def session(edition, title, start, end, kind=PARALLEL, room="", capacity=None):
    return Session.objects.create(
        edition=edition,
        kind=kind,
        title=title,
        start_time=datetime.time(*start),
        end_time=datetime.time(*end),
        room=room,
        capacity=capacity,
    )


@pytest.fixture
def programme(edition):
    """A plenary, two time slots of parallel sessions (the second with overlapping but not equal
    times) and a closing plenary."""
    return {
        "opening": session(edition, "Åpning", (9, 0), (10, 0), kind=Session.Kind.PLENARY),
        "a": session(edition, "Velferdsteknologi i praksis", (10, 0), (11, 30), room="Sal A", capacity=2),
        "b": session(edition, "Rekruttering av sykepleiere", (10, 0), (11, 30), room="Sal B", capacity=1),
        "c": session(edition, "Legemiddelhåndtering", (13, 0), (14, 0), room="Sal A"),
        "d": session(edition, "Demensomsorg", (13, 15), (14, 30), room="Sal B", capacity=30),
        "closing": session(edition, "Avslutning", (15, 0), (15, 30), kind=Session.Kind.PLENARY),
    }


def register(edition, ticket, n=0):
    return services.create_registration(
        edition, ticket_type=ticket, details=person(n, **INVOICE), payment_method="invoice"
    ).registration


def manage_url(registration, name="registration:manage"):
    return reverse(name, args=[registration.manage_token])


def picks(registration):
    return set(SessionChoice.objects.filter(registration=registration).values_list("session__title", flat=True))


def slot_keys(edition):
    slots = services.time_slots(services.parallel_sessions(edition.pk))
    return [slot.key for slot in slots]


def post_data(edition, *session_pks):
    keys = slot_keys(edition)
    data = {f"programme-{key}": "" for key in keys}
    slots = services.time_slots(services.parallel_sessions(edition.pk))
    for pk in session_pks:
        for slot in slots:
            if any(s.pk == pk for s in slot.sessions):
                data[f"programme-{slot.key}"] = str(pk)
    return data


# --- Time slots and the service -----------------------------------------------------------------


def test_overlapping_parallel_sessions_form_one_slot_and_plenaries_none(edition, programme):
    slots = services.time_slots(services.parallel_sessions(edition.pk))
    assert [[s.title for s in slot.sessions] for slot in slots] == [
        ["Velferdsteknologi i praksis", "Rekruttering av sykepleiere"],
        ["Legemiddelhåndtering", "Demensomsorg"],
    ]
    assert (slots[1].start, slots[1].end) == (datetime.time(13, 0), datetime.time(14, 30))


def test_a_confirmed_participant_picks_and_changing_a_pick_frees_the_old_place(edition, invoice_ticket, programme):
    first, second = register(edition, invoice_ticket, 0), register(edition, invoice_ticket, 1)
    services.choose_sessions(first.pk, [programme["b"].pk, programme["d"].pk])
    with pytest.raises(services.SessionFull) as full:
        services.choose_sessions(second.pk, [programme["b"].pk])
    assert "Rekruttering av sykepleiere" in str(full.value)
    # The first changes their mind: the only place in Sal B is free for the second.
    services.choose_sessions(first.pk, [programme["a"].pk, programme["d"].pk])
    services.choose_sessions(second.pk, [programme["b"].pk])
    assert picks(first) == {"Velferdsteknologi i praksis", "Demensomsorg"}
    assert picks(second) == {"Rekruttering av sykepleiere"}
    # Keeping a pick in a session that is now full is allowed (the place is already yours).
    services.choose_sessions(second.pk, [programme["b"].pk, programme["c"].pk])
    assert picks(second) == {"Rekruttering av sykepleiere", "Legemiddelhåndtering"}
    # And "no parallel sessions" frees everything.
    services.choose_sessions(first.pk, [])
    assert picks(first) == set()
    notes = list(RegistrationStateChange.objects.filter(registration=first).values_list("note", flat=True))
    assert t("No parallel sessions chosen") in notes


@pytest.mark.parametrize("what", ["plenary", "other_edition", "same_slot", "unknown"])
def test_invalid_picks_are_refused(home_page, edition, invoice_ticket, programme, what):
    from .factories import make_edition

    registration = register(edition, invoice_ticket)
    if what == "plenary":
        ids = [programme["opening"].pk]
    elif what == "other_edition":
        other = make_edition(home_page, year=2031, slug="2031")
        ids = [session(other, "Annet år", (10, 0), (11, 0)).pk]
    elif what == "same_slot":
        ids = [programme["a"].pk, programme["b"].pk]
    else:
        ids = [999999]
    with pytest.raises(services.InvalidSessionChoice):
        services.choose_sessions(registration.pk, ids)
    assert picks(registration) == set()


def test_only_a_confirmed_seat_picks_and_only_before_the_conference_starts(edition, invoice_ticket, programme):
    registration = register(edition, invoice_ticket)
    after_start = edition.starts_at() + datetime.timedelta(minutes=1)
    with pytest.raises(services.ChoiceNotAllowed):
        services.choose_sessions(registration.pk, [programme["a"].pk], now=after_start)
    services.cancel_registration(registration.pk)
    with pytest.raises(services.ChoiceNotAllowed):
        services.choose_sessions(registration.pk, [programme["a"].pk])
    edition.capacity = 1
    edition.save()
    register(edition, invoice_ticket, 1)
    waiting = register(edition, invoice_ticket, 2)
    assert waiting.state == Registration.State.WAITING
    with pytest.raises(services.ChoiceNotAllowed):
        services.choose_sessions(waiting.pk, [programme["a"].pk])


def test_cancelling_frees_the_places(edition, invoice_ticket, programme):
    first, second = register(edition, invoice_ticket, 0), register(edition, invoice_ticket, 1)
    services.choose_sessions(first.pk, [programme["b"].pk])
    services.cancel_registration(first.pk)
    assert picks(first) == set()
    services.choose_sessions(second.pk, [programme["b"].pk])
    assert picks(second) == {"Rekruttering av sykepleiere"}


def test_a_transfer_carries_the_picks_to_the_colleague(edition, invoice_ticket, programme):
    first, other = register(edition, invoice_ticket, 0), register(edition, invoice_ticket, 1)
    services.choose_sessions(first.pk, [programme["b"].pk, programme["c"].pk])
    new = services.transfer_registration(first.pk, first_name="Per", last_name="Hansen", email="per@example.no")
    assert picks(new) == {"Rekruttering av sykepleiere", "Legemiddelhåndtering"}
    assert picks(first) == set()
    # The place stays taken by the colleague.
    with pytest.raises(services.SessionFull):
        services.choose_sessions(other.pk, [programme["b"].pk])


# --- The manage page --------------------------------------------------------------------------


def test_manage_page_shows_a_fieldset_per_slot_with_places_left_and_full_sessions_disabled(
    client, edition, invoice_ticket, programme
):
    taker, registration = register(edition, invoice_ticket, 0), register(edition, invoice_ticket, 1)
    services.choose_sessions(taker.pk, [programme["b"].pk])
    html = client.get(manage_url(registration)).content.decode()
    assert t("My programme") in html
    assert html.count('<fieldset class="ds-fieldset') == 2
    assert "kl. 10.00–11.30" in html and "kl. 13.00–14.30" in html
    assert "Sal A · 2 plasser igjen" in html
    full_input = f'value="{programme["b"].pk}"'
    snippet = html[html.index(full_input) - 200 : html.index(full_input) + 200]
    assert "disabled" in snippet
    assert "Sal B · Fullt" in html
    assert t("No parallel session") in html
    # The one who holds the place still sees it as theirs, not disabled.
    own = client.get(manage_url(taker)).content.decode()
    snippet = own[own.index(full_input) - 200 : own.index(full_input) + 200]
    assert "disabled" not in snippet and "checked" in snippet


def test_picking_on_the_manage_page_saves_and_shows_the_choice(client, edition, invoice_ticket, programme):
    registration = register(edition, invoice_ticket)
    response = client.post(
        manage_url(registration, "registration:choose_sessions"), post_data(edition, programme["a"].pk)
    )
    assert response.status_code == 302 and response["Location"].endswith("#mitt-program")
    assert picks(registration) == {"Velferdsteknologi i praksis"}
    html = client.get(manage_url(registration)).content.decode()
    assert t("Your programme has been saved.") in html
    assert "1 plass igjen" in html


def test_a_full_session_gives_a_bokmal_error_naming_it_and_keeps_the_other_picks(
    client, edition, invoice_ticket, programme
):
    taker, registration = register(edition, invoice_ticket, 0), register(edition, invoice_ticket, 1)
    services.choose_sessions(taker.pk, [programme["b"].pk])
    data = post_data(edition, programme["b"].pk, programme["d"].pk)
    response = client.post(manage_url(registration, "registration:choose_sessions"), data)
    html = response.content.decode()
    assert response.status_code == 200
    assert "Rekruttering av sykepleiere er fullt. Velg en annen sesjon i dette tidsrommet." in html
    assert 'id="error-summary"' in html and f'href="#id_programme-{slot_keys(edition)[0]}_0"' in html
    # The full session is not shown as chosen (it cannot be sent); the other slot keeps the input.
    b_input = f'value="{programme["b"].pk}"'
    assert "checked" not in html[html.index(b_input) : html.index(b_input) + 150]
    # Input kept: the other slot still shows Demensomsorg as chosen.
    d_input = f'value="{programme["d"].pk}"'
    assert "checked" in html[html.index(d_input) - 200 : html.index(d_input) + 100]
    assert picks(registration) == set()


@pytest.mark.parametrize("forgery", ["unknown", "plenary", "two_in_a_slot", "not_a_number"])
def test_forged_posts_give_a_clear_error_not_a_500(client, edition, invoice_ticket, programme, forgery):
    registration = register(edition, invoice_ticket)
    key = f"programme-{slot_keys(edition)[0]}"
    data = post_data(edition)
    if forgery == "unknown":
        data[key] = "999999"
    elif forgery == "plenary":
        data[key] = str(programme["opening"].pk)
    elif forgery == "not_a_number":
        data[key] = "x'; drop"
    else:
        data[key] = [str(programme["a"].pk), str(programme["b"].pk)]
    response = client.post(manage_url(registration, "registration:choose_sessions"), data)
    html = response.content.decode()
    assert response.status_code == 200
    assert 'id="error-summary"' in html
    if forgery == "two_in_a_slot":
        assert t("Choose only one session in each time slot.") in html
    else:
        assert t("Choose one of the sessions listed in this time slot.") in html
    assert picks(registration) == set()


def test_after_the_start_the_choice_is_closed_and_shown_read_only(
    client, monkeypatch, edition, invoice_ticket, programme
):
    from conference.registration.services import personal_programme

    registration = register(edition, invoice_ticket)
    services.choose_sessions(registration.pk, [programme["a"].pk])
    # The conference has started (the deadline is its start).
    monkeypatch.setattr(
        personal_programme, "choice_deadline", lambda edition: timezone.now() - datetime.timedelta(minutes=1)
    )
    html = client.get(manage_url(registration)).content.decode()
    assert t("The choice of parallel sessions is closed.") in html
    assert "Velferdsteknologi i praksis" in html
    assert 'name="programme-' not in html
    response = client.post(manage_url(registration, "registration:choose_sessions"), post_data(edition))
    assert response.status_code == 200
    assert t("You can no longer change your choice of sessions.") in response.content.decode()
    assert picks(registration) == {"Velferdsteknologi i praksis"}


def test_waiting_list_and_cancelled_registrations_see_no_choice(client, edition, invoice_ticket, programme):
    registration = register(edition, invoice_ticket)
    services.cancel_registration(registration.pk)
    html = client.get(manage_url(registration)).content.decode()
    assert t("My programme") not in html
    response = client.post(manage_url(registration, "registration:choose_sessions"), post_data(edition))
    assert response.status_code == 302 and picks(registration) == set()


def test_an_edition_without_parallel_sessions_has_no_programme_section(client, edition, invoice_ticket):
    session(edition, "Åpning", (9, 0), (10, 0), kind=Session.Kind.PLENARY)
    registration = register(edition, invoice_ticket)
    html = client.get(manage_url(registration)).content.decode()
    assert t("My programme") not in html


def test_manage_page_queries_do_not_grow_with_sessions_and_picks(
    client, edition, invoice_ticket, programme, django_assert_max_num_queries
):
    registration = register(edition, invoice_ticket)
    services.choose_sessions(registration.pk, [programme["a"].pk, programme["d"].pk])
    with django_assert_max_num_queries(24) as few:
        assert client.get(manage_url(registration)).status_code == 200
    for n in range(6):
        session(edition, f"Ekstra {n}", (16 + n // 3, 0), (16 + n // 3, 45), room=f"Rom {n}", capacity=10)
    with django_assert_max_num_queries(len(few.captured_queries)):
        assert client.get(manage_url(registration)).status_code == 200


# --- The personal calendar ---------------------------------------------------------------------


def test_personal_calendar_has_the_common_programme_and_only_the_chosen_parallel_sessions(
    client, edition, invoice_ticket, programme
):
    registration = register(edition, invoice_ticket)
    services.choose_sessions(registration.pk, [programme["a"].pk, programme["d"].pk])
    assert (
        manage_url(registration, "registration:personal_calendar")
        in client.get(manage_url(registration)).content.decode()
    )
    response = client.get(manage_url(registration, "registration:personal_calendar"))
    assert response.status_code == 200 and response["Content-Type"].startswith("text/calendar")
    body = response.content.decode()
    for title in ("Åpning", "Avslutning", "Velferdsteknologi i praksis", "Demensomsorg"):
        assert f"SUMMARY:{title}" in body
    assert "Rekruttering av sykepleiere" not in body and "Legemiddelhåndtering" not in body
    assert f"UID:session-{programme['a'].pk}@kunnskapskommunen" in body


def test_personal_calendar_is_private(client, edition, invoice_ticket, programme):
    registration = register(edition, invoice_ticket)
    assert client.get("/pamelding/p/feil-token/mitt-program.ics").status_code == 404
    services.cancel_registration(registration.pk)
    assert client.get(manage_url(registration, "registration:personal_calendar")).status_code == 404


def test_the_programme_section_is_valid_html_in_every_state(
    client, monkeypatch, tmp_path, edition, invoice_ticket, programme
):
    from conference.registration.services import personal_programme
    from tests.test_valid_html import _validate

    taker, registration = register(edition, invoice_ticket, 0), register(edition, invoice_ticket, 1)
    services.choose_sessions(taker.pk, [programme["b"].pk])
    pages = {"choose": client.get(manage_url(registration)).content.decode()}
    full = post_data(edition, programme["b"].pk, programme["d"].pk)
    pages["full"] = client.post(manage_url(registration, "registration:choose_sessions"), full).content.decode()
    forged = {**post_data(edition), f"programme-{slot_keys(edition)[1]}": "999999"}
    pages["forged"] = client.post(manage_url(registration, "registration:choose_sessions"), forged).content.decode()
    monkeypatch.setattr(
        personal_programme, "choice_deadline", lambda edition: timezone.now() - datetime.timedelta(minutes=1)
    )
    pages["closed"] = client.get(manage_url(taker)).content.decode()
    files = []
    for name, html in pages.items():
        path = tmp_path / f"{name}.html"
        path.write_text(html, encoding="utf-8")
        files.append(path)
    errors = _validate(files)
    assert not errors, "\n".join(f"{m.get('url', '')}:{m.get('lastLine')}: {m.get('message')}" for m in errors)


def test_the_demo_gives_2028_parallel_sessions_with_places_and_some_picks():
    from io import StringIO

    from django.core.management import call_command

    from conference.editions.models import ConferenceEditionPage

    call_command("load_demo", stdout=StringIO())
    edition = ConferenceEditionPage.objects.get(year=2028)
    sessions = services.parallel_sessions(edition.pk)
    assert len(services.time_slots(sessions)) == 2
    assert all(s.capacity for s in sessions)
    workshop = next(s for s in sessions if s.title.startswith("Verksted"))
    assert workshop.left == 0
    assert SessionChoice.objects.filter(session__edition=edition).count() > 3
    call_command("load_demo", stdout=StringIO())
    assert len(services.parallel_sessions(edition.pk)) == len(sessions)


def test_the_personal_data_export_lists_the_chosen_sessions(edition, invoice_ticket, programme):
    registration = register(edition, invoice_ticket)
    services.choose_sessions(registration.pk, [programme["a"].pk])
    exported = services.export_personal_data(registration.email)
    assert exported["registrations"][0]["chosen_sessions"] == ["Velferdsteknologi i praksis"]


def test_places_are_only_accepted_on_parallel_sessions(edition):
    from django.core.exceptions import ValidationError

    plenary = Session(edition=edition, kind=Session.Kind.PLENARY, title="Åpning", capacity=100)
    plenary.start_time, plenary.end_time = datetime.time(9), datetime.time(10)
    with pytest.raises(ValidationError) as error:
        plenary.clean()
    assert "capacity" in error.value.message_dict
    plenary.kind = Session.Kind.PARALLEL
    plenary.clean()
