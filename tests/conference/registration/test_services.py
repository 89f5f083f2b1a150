import datetime
import json
from io import StringIO
from unittest import mock

import pytest
from django.core.management import call_command
from django.utils import timezone

from conference.registration import services
from conference.registration.models import EmailOutbox, Registration, RegistrationSettings
from conference.registration.tasks import registration_tick

from .factories import INVOICE, TicketTypeFactory, person

pytestmark = pytest.mark.django_db
State = Registration.State
ORG = services.Source.ORGANISER


def register(edition, ticket, n=0, method="invoice", **kwargs):
    details = person(n, **(INVOICE if method == "invoice" else {}))
    details.update(kwargs.pop("details", {}))
    return services.create_registration(edition, ticket_type=ticket, details=details, payment_method=method, **kwargs)


def test_invoice_registration_is_confirmed_at_once_and_marked_to_invoice(edition, invoice_ticket):
    result = register(edition, invoice_ticket)
    reg = result.registration
    assert result.outcome == "confirmed"
    assert reg.state == State.CONFIRMED
    assert reg.amount_ore == 150000
    assert reg.invoice_status == Registration.InvoiceStatus.TO_INVOICE
    assert reg.email == "kari0@example.no"
    assert list(reg.history.values_list("from_state", "to_state")) == [("", "confirmed")]


def test_confirmation_email_has_text_html_ticket_pdf_and_ics(
    edition, invoice_ticket, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        reg = register(edition, invoice_ticket).registration
    assert len(mailoutbox) == 1
    message = mailoutbox[0]
    assert message.to == ["kari0@example.no"]
    assert "Påmelding bekreftet" in message.subject
    assert reg.manage_token in message.body
    assert message.alternatives[0][1] == "text/html"
    names = [a[0] for a in message.attachments]
    assert f"billett-{reg.reference}.pdf" in names and "konferansen.ics" in names
    pdf = next(a for a in message.attachments if a[0].endswith(".pdf"))
    assert pdf[1][:4] == b"%PDF"
    ics = next(a for a in message.attachments if a[0].endswith(".ics"))
    assert "BEGIN:VEVENT" in str(ics[1])
    assert EmailOutbox.objects.get(registration=reg).sent_at is not None


def test_full_edition_puts_new_registration_on_waiting_list(edition, invoice_ticket):
    edition.capacity = 2
    edition.save()
    outcomes = [register(edition, invoice_ticket, n).outcome for n in range(3)]
    assert outcomes == ["confirmed", "confirmed", "waiting"]
    assert Registration.objects.filter(state__in=Registration.SEAT_STATES).count() == 2


def test_ticket_type_capacity_is_respected_within_the_edition(edition, invoice_ticket):
    small = TicketTypeFactory(edition=edition, capacity=1)
    assert register(edition, small, 1).outcome == "confirmed"
    assert register(edition, small, 2).outcome == "waiting"
    assert register(edition, invoice_ticket, 3).outcome == "confirmed"


def test_waiting_list_disabled_refuses_when_full(edition, invoice_ticket):
    edition.capacity = 1
    edition.save()
    RegistrationSettings.objects.filter(edition=edition).update(waiting_list_enabled=False)
    register(edition, invoice_ticket, 1)
    with pytest.raises(services.SoldOut):
        register(edition, invoice_ticket, 2)


def test_full_add_on_is_refused(edition, invoice_ticket, dinner):
    register(edition, invoice_ticket, 1, add_ons=[dinner])
    register(edition, invoice_ticket, 2, add_ons=[dinner])
    with pytest.raises(services.AddOnFull):
        register(edition, invoice_ticket, 3, add_ons=[dinner])
    assert register(edition, invoice_ticket, 3).outcome == "confirmed"


def test_same_email_twice_raises_already_registered(edition, invoice_ticket):
    first = register(edition, invoice_ticket).registration
    with pytest.raises(services.AlreadyRegistered) as error:
        register(edition, invoice_ticket, details={"email": "KARI0@example.no "})
    assert error.value.registration == first


def test_same_email_may_register_again_after_cancelling(edition, invoice_ticket):
    first = register(edition, invoice_ticket).registration
    services.cancel_registration(first.pk)
    assert register(edition, invoice_ticket).outcome == "confirmed"


def test_repeated_form_token_returns_the_first_registration(edition, invoice_ticket):
    first = register(edition, invoice_ticket, form_token="abc")
    second = register(edition, invoice_ticket, form_token="abc")
    assert second.outcome == "duplicate_post"
    assert second.registration == first.registration
    assert Registration.objects.count() == 1


def test_registration_outside_the_window_is_refused(edition, invoice_ticket):
    edition.registration_closes = timezone.now() - datetime.timedelta(minutes=1)
    edition.save()
    with pytest.raises(services.RegistrationClosed):
        register(edition, invoice_ticket)
    # Organisers may still register people by hand.
    assert register(edition, invoice_ticket, source=ORG).outcome == "confirmed"


def test_ticket_outside_its_availability_window_is_refused(edition):
    later = TicketTypeFactory(edition=edition, available_from=timezone.now() + datetime.timedelta(days=2))
    with pytest.raises(services.TicketUnavailable):
        register(edition, later)


def test_access_code_is_checked_on_the_server(edition, free_ticket):
    with pytest.raises(services.InvalidAccessCode):
        register(edition, free_ticket, method="free", access_code="feil")
    assert register(edition, free_ticket, method="free", access_code="gjest").outcome == "confirmed"


def test_payment_method_must_match_the_ticket(edition, invoice_ticket, free_ticket):
    with pytest.raises(services.InvalidPaymentMethod):
        register(edition, invoice_ticket, method="card")
    with pytest.raises(services.InvalidPaymentMethod):
        register(edition, invoice_ticket, method="free")


def test_organiser_can_give_a_complimentary_ticket(edition, invoice_ticket, admin_user):
    result = register(edition, invoice_ticket, method="comped", source=ORG, actor=admin_user)
    assert result.registration.amount_ore == 0
    assert result.registration.state == State.CONFIRMED
    assert result.registration.created_by == admin_user
    assert result.registration.history.get().actor == admin_user


def test_cancel_frees_the_seat_and_offers_it_first_in_first_out(edition, invoice_ticket):
    edition.capacity = 1
    edition.save()
    seated = register(edition, invoice_ticket, 1).registration
    first_waiting = register(edition, invoice_ticket, 2).registration
    second_waiting = register(edition, invoice_ticket, 3).registration
    services.cancel_registration(seated.pk)
    first_waiting.refresh_from_db()
    second_waiting.refresh_from_db()
    assert first_waiting.state == State.OFFERED and first_waiting.offer_token
    assert second_waiting.state == State.WAITING
    assert EmailOutbox.objects.filter(registration=first_waiting, kind="offer").count() == 1
    accepted = services.accept_offer(first_waiting.offer_token)
    assert accepted.state == State.CONFIRMED


def test_unclaimed_offer_passes_to_the_next_on_the_list(edition, invoice_ticket):
    edition.capacity = 1
    edition.save()
    seated = register(edition, invoice_ticket, 1).registration
    first = register(edition, invoice_ticket, 2).registration
    second = register(edition, invoice_ticket, 3).registration
    services.cancel_registration(seated.pk)
    later = timezone.now() + datetime.timedelta(hours=49)
    assert services.expire_offers(now=later) == 1
    first.refresh_from_db()
    second.refresh_from_db()
    assert first.state == State.EXPIRED
    assert second.state == State.OFFERED
    with pytest.raises(services.NotAllowed):
        services.accept_offer(first.offer_token)


def test_declined_offer_passes_on(edition, invoice_ticket):
    edition.capacity = 1
    edition.save()
    seated = register(edition, invoice_ticket, 1).registration
    first = register(edition, invoice_ticket, 2).registration
    second = register(edition, invoice_ticket, 3).registration
    services.cancel_registration(seated.pk)
    first.refresh_from_db()
    services.decline_offer(first.offer_token)
    second.refresh_from_db()
    assert second.state == State.OFFERED


def test_new_registration_does_not_jump_the_waiting_list(edition, invoice_ticket):
    edition.capacity = 1
    edition.save()
    register(edition, invoice_ticket, 1)
    register(edition, invoice_ticket, 2)
    edition.capacity = 2
    edition.save()
    # A seat is free but someone waits for it: it is offered to them, and the newcomer queues behind.
    assert register(edition, invoice_ticket, 3).outcome == "waiting"
    assert Registration.objects.get(email=person(2)["email"]).state == State.OFFERED
    assert services.promote_waiting_list(edition) == 0


def test_attendee_cannot_cancel_after_the_deadline_but_an_organiser_can(edition, invoice_ticket, admin_user):
    reg = register(edition, invoice_ticket).registration
    RegistrationSettings.objects.filter(edition=edition).update(
        cancellation_deadline=timezone.now() - datetime.timedelta(minutes=1)
    )
    with pytest.raises(services.CancellationDeadlinePassed):
        services.cancel_registration(reg.pk)
    services.cancel_registration(reg.pk, source=ORG, actor=admin_user, note="Sykdom")
    reg.refresh_from_db()
    assert reg.state == State.CANCELLED
    assert reg.history.last().note == "Sykdom"


def test_cancelled_invoice_registration_is_marked_for_credit(edition, invoice_ticket):
    reg = register(edition, invoice_ticket).registration
    services.set_invoice_status(reg.pk, Registration.InvoiceStatus.INVOICED)
    services.cancel_registration(reg.pk)
    reg.refresh_from_db()
    assert reg.invoice_status == Registration.InvoiceStatus.TO_CREDIT


def test_expired_card_hold_releases_the_seat_to_the_waiting_list(edition, card_ticket):
    edition.capacity = 1
    edition.save()
    held = register(edition, card_ticket, 1, method="card").registration
    waiting = register(edition, card_ticket, 2, method="card").registration
    assert held.state == State.HELD and held.hold_expires_at
    assert services.expire_holds(now=timezone.now() + datetime.timedelta(minutes=5)) == 0
    assert services.expire_holds(now=timezone.now() + datetime.timedelta(minutes=31)) == 1
    held.refresh_from_db()
    waiting.refresh_from_db()
    assert held.state == State.EXPIRED
    assert waiting.state == State.OFFERED
    # Accepting a card offer holds the seat for payment.
    assert services.accept_offer(waiting.offer_token).state == State.HELD


def test_every_state_change_is_in_the_history(edition, invoice_ticket):
    edition.capacity = 1
    edition.save()
    seated = register(edition, invoice_ticket, 1).registration
    waiting = register(edition, invoice_ticket, 2).registration
    services.cancel_registration(seated.pk)
    waiting.refresh_from_db()
    services.accept_offer(waiting.offer_token)
    assert list(waiting.history.values_list("from_state", "to_state", "source")) == [
        ("", "waiting", "attendee"),
        ("waiting", "offered", "system"),
        ("offered", "confirmed", "attendee"),
    ]


def test_failed_email_is_recorded_and_retried(edition, invoice_ticket, mailoutbox, django_capture_on_commit_callbacks):
    failing = mock.patch("django.core.mail.EmailMultiAlternatives.send", side_effect=OSError("smtp down"))
    with failing, django_capture_on_commit_callbacks(execute=True):
        reg = register(edition, invoice_ticket).registration
    outbox = EmailOutbox.objects.get(registration=reg)
    assert outbox.sent_at is None and outbox.attempts == 1 and "smtp down" in outbox.last_error
    assert mailoutbox == []
    EmailOutbox.objects.filter(pk=outbox.pk).update(next_attempt_at=timezone.now())
    result = registration_tick.call()
    assert result["emails_sent"] == 1
    outbox.refresh_from_db()
    assert outbox.sent_at is not None and outbox.attempts == 2
    assert len(mailoutbox) == 1
    # A second tick sends nothing again.
    assert registration_tick.call()["emails_sent"] == 0


def test_reminder_is_queued_once_a_few_days_before(edition, invoice_ticket):
    reg = register(edition, invoice_ticket).registration
    before = edition.starts_at() - datetime.timedelta(days=2)
    assert services.send_reminders(now=before) == 1
    assert services.send_reminders(now=before) == 0
    assert EmailOutbox.objects.filter(registration=reg, kind="reminder").count() == 1
    assert services.send_reminders(now=edition.starts_at() - datetime.timedelta(days=10)) == 0


def test_retention_erases_needs_and_anonymises_cancelled_registrations(edition, invoice_ticket):
    kept = register(
        edition, invoice_ticket, 1, details={"dietary_needs": "Nøtteallergi", "special_needs_consent": True}
    ).registration
    gone = register(edition, invoice_ticket, 2).registration
    services.cancel_registration(gone.pk)
    assert services.purge_personal_data(now=edition.ends_at() + datetime.timedelta(days=10)) == {
        "erased": 0,
        "anonymised": 0,
    }
    out = StringIO()
    with mock.patch("django.utils.timezone.now", return_value=edition.ends_at() + datetime.timedelta(days=91)):
        call_command("registration_purge", stdout=out)
    kept.refresh_from_db()
    gone.refresh_from_db()
    assert kept.dietary_needs == "" and kept.special_data_erased_at
    assert kept.last_name == "Nordmann1"  # confirmed attendees stay (accounting)
    assert gone.first_name == "Anonymisert" and "kari2" not in gone.email and gone.phone == ""
    assert not gone.emails.exists()
    assert "anonymised: 1" in out.getvalue()


def test_export_contains_everything_held_about_an_email(edition, invoice_ticket):
    reg = register(
        edition, invoice_ticket, details={"dietary_needs": "Vegan", "special_needs_consent": True}
    ).registration
    out = StringIO()
    call_command("registration_export", "KARI0@example.no", stdout=out)
    data = json.loads(out.getvalue())
    item = data["registrations"][0]
    assert item["reference"] == reg.reference
    assert item["dietary_needs"] == "Vegan"
    assert item["history"][0]["to"] == "confirmed"
    assert "manage_token" not in item
    assert services.export_personal_data("nobody@example.no")["registrations"] == []


def test_check_in_token_is_signed_and_a_second_scan_says_already(edition, invoice_ticket, admin_user):
    reg = register(edition, invoice_ticket).registration
    token = reg.checkin_token()
    assert Registration.from_checkin_token(token) == reg
    assert Registration.from_checkin_token(token[:-2] + "xx") is None
    assert Registration.from_checkin_token("garbage") is None
    _, already = services.check_in(reg.pk, actor=admin_user)
    assert already is False
    _, already = services.check_in(reg.pk, actor=admin_user)
    assert already is True


def test_attendee_can_change_name_and_needs_but_not_email(edition, invoice_ticket):
    reg = register(edition, invoice_ticket).registration
    services.update_details(
        reg.pk,
        {"first_name": "Karianne", "email": "evil@example.no", "dietary_needs": "Vegan", "special_needs_consent": True},
    )
    reg.refresh_from_db()
    assert reg.first_name == "Karianne" and reg.email == "kari0@example.no" and reg.dietary_needs == "Vegan"
    assert reg.history.last().note.startswith("Endret: fornavn")


def test_seats_left_counts_seat_taking_states(edition, invoice_ticket):
    assert services.seats_left(edition) == 100
    register(edition, invoice_ticket)
    assert services.seats_left(edition) == 99
    assert services.seats_left(edition, invoice_ticket) == 99


def test_invoice_basis_lists_invoice_registrations_and_neutralises_formulas(
    edition, invoice_ticket, free_ticket, tmp_path
):
    from openpyxl import load_workbook

    from conference.registration.exports import invoice_basis_csv, invoice_basis_xlsx

    register(edition, invoice_ticket, 1, details={"invoice_reference": '=HYPERLINK("x")'})
    register(edition, free_ticket, 2, method="free", access_code="GJEST")
    text = invoice_basis_csv(edition)
    lines = text.strip().splitlines()
    assert len(lines) == 2 and "964338531" in lines[1] and "1500,00" in lines[1]
    assert lines[0].startswith("\ufeff") and ";" in lines[0]  # semicolons + BOM for Norwegian Excel
    assert "'=HYPERLINK" in lines[1]
    path = tmp_path / "f.xlsx"
    path.write_bytes(invoice_basis_xlsx(edition))
    sheet = load_workbook(path).active
    assert sheet.max_row == 2
    out = StringIO()
    call_command("registration_invoice_basis", "2030", stdout=out)
    assert out.getvalue() == text


def test_retention_empties_old_stripe_event_payloads():
    from conference.payments.models import StripeEvent

    old = StripeEvent.objects.create(event_id="evt_old", type="x", payload={"email": "a@example.no"})
    StripeEvent.objects.filter(pk=old.pk).update(received_at=timezone.now() - datetime.timedelta(days=100))
    new = StripeEvent.objects.create(event_id="evt_new", type="x", payload={"email": "b@example.no"})
    services.purge_personal_data()
    old.refresh_from_db()
    new.refresh_from_db()
    assert old.payload == {} and new.payload == {"email": "b@example.no"}
