"""Every change of a registration's state happens here, and only here.

Rules each function keeps:
- It runs in ``transaction.atomic()`` and re-reads the rows it changes with
  ``select_for_update()``.
- Locks are always taken in the same order, so two transactions never wait for each other in a
  circle: the edition's ``RegistrationSettings`` row → ticket types → add-ons → registrations →
  payments.
- Seats are counted and taken while holding the edition lock: never more held + offered +
  confirmed registrations than the edition's capacity, a ticket type's capacity or an add-on's
  capacity.
- Every state change writes a ``RegistrationStateChange`` row; e-mails are written to the
  ``EmailOutbox`` in the same transaction and sent after commit by a task (retried).
- Network calls (Stripe) never happen while a lock is held; refunds are recorded as pending
  and carried out after commit by ``conference.payments.services``.
"""

from __future__ import annotations

import dataclasses
import datetime
import logging

from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .models import (
    AddOn,
    EmailOutbox,
    Registration,
    RegistrationSettings,
    RegistrationStateChange,
    TicketType,
    new_token,
)

logger = logging.getLogger(__name__)

State = Registration.State
Source = RegistrationStateChange.Source
Method = Registration.PaymentMethod


# --- Errors the views turn into messages -------------------------------------------------


class RegistrationError(Exception):
    """Base class: the registration could not be made; the message is safe to show."""

    message = _("The registration could not be completed.")

    def __str__(self):
        return str(self.message)


class RegistrationClosed(RegistrationError):
    message = _("Registration is not open.")


class TicketUnavailable(RegistrationError):
    message = _("This ticket type is not available.")


class InvalidAccessCode(RegistrationError):
    message = _("The access code is not valid for this ticket type.")


class InvalidPaymentMethod(RegistrationError):
    message = _("This payment method is not available for the chosen ticket.")


class AddOnFull(RegistrationError):
    def __init__(self, add_on):
        super().__init__()
        self.add_on = add_on
        self.message = _("%(name)s is fully booked.") % {"name": add_on.name}


class SoldOut(RegistrationError):
    message = _("The conference is fully booked.")


class AlreadyRegistered(RegistrationError):
    message = _("This e-mail address is already registered for this conference.")

    def __init__(self, registration):
        super().__init__()
        self.registration = registration


class NotAllowed(RegistrationError):
    message = _("This change is not possible for the registration in its current state.")


class CancellationDeadlinePassed(RegistrationError):
    message = _("The cancellation deadline has passed. Please contact the organisers.")


@dataclasses.dataclass
class CreateResult:
    registration: Registration
    outcome: str  # "confirmed", "held", "waiting" or "duplicate_post"


# --- Internal helpers -------------------------------------------------------------------


def settings_for(edition) -> RegistrationSettings:
    """The edition's settings row (created with defaults the first time)."""
    obj, _created = RegistrationSettings.objects.get_or_create(edition=edition)
    return obj


def _lock_edition(edition_id) -> RegistrationSettings:
    """Take the per-edition lock. Must be the first lock in every capacity-changing transaction."""
    try:
        return (
            RegistrationSettings.objects.select_for_update(of=("self",))
            .select_related("edition")
            .get(edition_id=edition_id)
        )
    except RegistrationSettings.DoesNotExist:
        # Created outside this transaction's snapshot problems: get_or_create is race-safe
        # through the unique constraint on edition.
        try:
            with transaction.atomic():
                RegistrationSettings.objects.get_or_create(edition_id=edition_id)
        except IntegrityError:
            pass
        return (
            RegistrationSettings.objects.select_for_update(of=("self",))
            .select_related("edition")
            .get(edition_id=edition_id)
        )


def _lock_registration(registration_id) -> tuple[RegistrationSettings, Registration]:
    """Lock edition first, then the registration (the lock order), and re-read it."""
    edition_id = Registration.objects.values_list("edition_id", flat=True).get(pk=registration_id)
    reg_settings = _lock_edition(edition_id)
    registration = (
        Registration.objects.select_for_update(of=("self",))
        .select_related("edition", "ticket_type")
        .get(pk=registration_id)
    )
    return reg_settings, registration


def _record(registration, from_state, to_state, source, actor=None, note=""):
    RegistrationStateChange.objects.create(
        registration=registration,
        from_state=from_state or "",
        to_state=to_state,
        source=source,
        actor=actor if actor is not None and getattr(actor, "is_authenticated", False) else None,
        note=str(note)[:2000],
    )


def _transition(registration, to_state, source, actor=None, note="", **fields):
    from_state = registration.state
    registration.state = to_state
    for name, value in fields.items():
        setattr(registration, name, value)
    registration.save()
    _record(registration, from_state, to_state, source, actor, note)


def queue_email(registration, kind, *, dedupe_key=None, to_email=None, subject="", body="") -> EmailOutbox | None:
    """Write an e-mail to the outbox and send it after commit. With a ``dedupe_key`` the same
    e-mail is never queued twice (the unique constraint decides)."""
    from .tasks import send_email

    to_email = to_email or (registration.email if registration else "")
    if dedupe_key and EmailOutbox.objects.filter(dedupe_key=dedupe_key).exists():
        return None
    try:
        with transaction.atomic():
            outbox = EmailOutbox.objects.create(
                registration=registration,
                kind=kind,
                to_email=to_email,
                dedupe_key=dedupe_key,
                subject=subject,
                body=body,
            )
    except IntegrityError:
        return None
    transaction.on_commit(lambda: send_email.enqueue(outbox.pk))
    return outbox


def _seats_taken(edition_id, *, ticket_type_id=None, exclude_pk=None) -> int:
    qs = Registration.objects.filter(edition_id=edition_id, state__in=Registration.SEAT_STATES)
    if ticket_type_id:
        qs = qs.filter(ticket_type_id=ticket_type_id)
    if exclude_pk:
        qs = qs.exclude(pk=exclude_pk)
    return qs.count()


def _add_on_taken(add_on_id, exclude_pk=None) -> int:
    qs = Registration.objects.filter(add_ons__id=add_on_id, state__in=Registration.SEAT_STATES)
    if exclude_pk:
        qs = qs.exclude(pk=exclude_pk)
    return qs.count()


def _seat_free(edition, ticket_type, exclude_pk=None) -> bool:
    if edition.capacity is not None and _seats_taken(edition.pk, exclude_pk=exclude_pk) >= edition.capacity:
        return False
    return not (
        ticket_type.capacity is not None
        and _seats_taken(edition.pk, ticket_type_id=ticket_type.pk, exclude_pk=exclude_pk) >= ticket_type.capacity
    )


def seats_left(edition, ticket_type=None) -> int | None:
    """Seats still free (None = no limit). For display only: the truth is decided under lock."""
    left = None
    if edition.capacity is not None:
        left = max(edition.capacity - _seats_taken(edition.pk), 0)
    if ticket_type is not None and ticket_type.capacity is not None:
        tt_left = max(ticket_type.capacity - _seats_taken(edition.pk, ticket_type_id=ticket_type.pk), 0)
        left = tt_left if left is None else min(left, tt_left)
    return left


def add_on_left(add_on) -> int | None:
    if add_on.capacity is None:
        return None
    return max(add_on.capacity - _add_on_taken(add_on.pk), 0)


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


def _confirm_fields(now):
    return {"confirmed_at": now, "hold_expires_at": None, "offer_expires_at": None}


def _state_after_seat(registration, reg_settings, now) -> tuple[str, dict]:
    """The state a registration goes to when it gets a seat: card payments wait for payment."""
    if registration.payment_method == Method.CARD and registration.amount_ore > 0:
        hold = now + datetime.timedelta(minutes=max(reg_settings.card_hold_minutes, 30))
        return State.HELD, {"hold_expires_at": hold, "offer_expires_at": None}
    fields = _confirm_fields(now)
    if registration.payment_method == Method.INVOICE and registration.amount_ore > 0:
        fields["invoice_status"] = Registration.InvoiceStatus.TO_INVOICE
    return State.CONFIRMED, fields


# --- Creating a registration -------------------------------------------------------------

PERSONAL_FIELDS = (
    "first_name",
    "last_name",
    "email",
    "phone",
    "organisation",
    "municipality",
    "municipality_other",
    "job_title",
    "dietary_needs",
    "accessibility_needs",
    "special_needs_consent",
    "participant_list_consent",
    "invoice_org_number",
    "invoice_organisation",
    "invoice_delivery",
    "invoice_street_address",
    "invoice_postal_code",
    "invoice_city",
    "invoice_email",
    "invoice_reference",
    "invoice_contact",
)


def create_registration(
    edition,
    *,
    ticket_type: TicketType,
    details: dict,
    payment_method: str,
    add_ons=(),
    access_code: str = "",
    form_token: str | None = None,
    source: str = Source.ATTENDEE,
    actor=None,
    now=None,
) -> CreateResult:
    """Register one person. Takes a seat if one is free (confirmed for free/invoice, held for
    card), otherwise puts the person on the waiting list. A repeated ``form_token`` returns the
    registration made by the first post. Organisers (``source=ORGANISER``) may register outside
    the window, without access code, and give complimentary tickets (``payment_method=comped``).
    """
    now = now or timezone.now()
    by_organiser = source == Source.ORGANISER
    email = (details.get("email") or "").strip().lower()
    add_on_ids = sorted({a.pk for a in add_ons})
    with transaction.atomic():
        reg_settings = _lock_edition(edition.pk)
        edition = reg_settings.edition
        if form_token:
            existing = Registration.objects.filter(form_token=form_token).first()
            if existing:
                return CreateResult(existing, "duplicate_post")
        ticket_type = TicketType.objects.select_for_update().get(pk=ticket_type.pk, edition=edition)
        locked_add_ons = list(
            AddOn.objects.select_for_update().filter(pk__in=add_on_ids, edition=edition).order_by("pk")
        )
        if len(locked_add_ons) != len(add_on_ids):
            raise TicketUnavailable()
        if not by_organiser:
            if not registration_window_open(edition, now):
                raise RegistrationClosed()
            if not ticket_type.is_available_at(now):
                raise TicketUnavailable()
            if ticket_type.access_code and access_code.strip().lower() != ticket_type.access_code.strip().lower():
                raise InvalidAccessCode()
        if by_organiser and payment_method == Method.COMPED:
            amount = 0
        else:
            if payment_method not in allowed_payment_methods(ticket_type, locked_add_ons):
                raise InvalidPaymentMethod()
            amount = ticket_type.price_ore + sum(a.price_ore for a in locked_add_ons)
        duplicate = (
            Registration.objects.filter(edition=edition, email=email, state__in=Registration.ACTIVE_STATES)
            .order_by("pk")
            .first()
        )
        if duplicate:
            raise AlreadyRegistered(duplicate)
        for add_on in locked_add_ons:
            if add_on.capacity is not None and _add_on_taken(add_on.pk) >= add_on.capacity:
                raise AddOnFull(add_on)

        fields = {name: details[name] for name in PERSONAL_FIELDS if name in details}
        fields["email"] = email
        registration = Registration(
            edition=edition,
            ticket_type=ticket_type,
            payment_method=payment_method,
            amount_ore=amount,
            form_token=form_token or None,
            privacy_accepted_at=now if details.get("privacy_accepted", by_organiser) else None,
            created_at=now,
            created_by=actor if by_organiser and getattr(actor, "is_authenticated", False) else None,
            **fields,
        )
        someone_waiting = Registration.objects.filter(
            edition=edition, ticket_type=ticket_type, state__in=(State.WAITING,)
        ).exists()
        if _seat_free(edition, ticket_type) and not someone_waiting:
            state, extra = _state_after_seat(registration, reg_settings, now)
        elif reg_settings.waiting_list_enabled:
            state, extra = State.WAITING, {}
        else:
            raise SoldOut()
        registration.state = state
        for name, value in extra.items():
            setattr(registration, name, value)
        registration.save()
        registration.add_ons.set(locked_add_ons)
        note = _("Registered by an organiser") if by_organiser else ""
        _record(registration, "", state, source, actor, note)
        if state == State.CONFIRMED:
            queue_email(registration, EmailOutbox.Kind.CONFIRMATION, dedupe_key=f"confirmation:{registration.pk}")
        elif state == State.WAITING:
            queue_email(registration, EmailOutbox.Kind.WAITING, dedupe_key=f"waiting:{registration.pk}")
        return CreateResult(registration, state)


def resend_manage_link(registration) -> None:
    """Send the manage link to the registered address again (never shown on screen)."""
    with transaction.atomic():
        queue_email(registration, EmailOutbox.Kind.MANAGE_LINK)


# --- Card payments -------------------------------------------------------------------------


def note_checkout_started(registration_id, *, hold_expires_at) -> Registration:
    """A Checkout Session was opened for a held registration; keep the hold at least as long as
    the session lives, so a payment can never arrive for a seat we gave away on purpose."""
    with transaction.atomic():
        _settings, registration = _lock_registration(registration_id)
        if registration.state != State.HELD:
            raise NotAllowed()
        if registration.hold_expires_at is None or registration.hold_expires_at < hold_expires_at:
            registration.hold_expires_at = hold_expires_at
            registration.save(update_fields=["hold_expires_at", "updated_at"])
        return registration


def confirm_card_payment(payment_id, *, source=Source.WEBHOOK, now=None) -> tuple[Registration, str]:
    """A Checkout Session was paid (verified with Stripe by the caller). Idempotent: browser
    return and webhook may both call it; only the first confirms and queues the e-mail.

    Returns the registration and what happened: "confirmed", "already", or "refund" (paid
    after the hold expired and no seat was free: the payment is marked for refund and the person
    is told).
    """
    from conference.payments.models import Payment

    now = now or timezone.now()
    registration_id = Payment.objects.values_list("registration_id", flat=True).get(pk=payment_id)
    with transaction.atomic():
        reg_settings, registration = _lock_registration(registration_id)
        payment = Payment.objects.select_for_update().get(pk=payment_id)
        if payment.status != Payment.Status.OPEN and payment.paid_at:
            return registration, "already"
        payment.status = Payment.Status.PAID
        payment.paid_at = now
        payment.save()
        if registration.state == State.CONFIRMED:
            # Paid twice (two sessions): keep the first, refund this one.
            _mark_refund(payment, _("Registration was already paid"))
            _record(registration, registration.state, registration.state, source, note=_("Second payment refunded"))
            return registration, "refund"
        if registration.state == State.HELD:
            _transition(registration, State.CONFIRMED, source, note=_("Card payment received"), **_confirm_fields(now))
            queue_email(registration, EmailOutbox.Kind.CONFIRMATION, dedupe_key=f"confirmation:{registration.pk}")
            return registration, "confirmed"
        # The hold expired (or the registration was cancelled) before the money arrived.
        if (
            registration.state == State.EXPIRED
            and _seat_free(reg_settings.edition, registration.ticket_type, exclude_pk=registration.pk)
            and not Registration.objects.filter(
                edition=registration.edition, email=registration.email, state__in=Registration.ACTIVE_STATES
            ).exists()
        ):
            _drop_full_add_ons(registration, source)
            _transition(
                registration,
                State.CONFIRMED,
                source,
                note=_("Card payment arrived after the hold expired; a seat was free"),
                **_confirm_fields(now),
            )
            queue_email(registration, EmailOutbox.Kind.CONFIRMATION, dedupe_key=f"confirmation:{registration.pk}")
            return registration, "confirmed"
        _mark_refund(payment, _("Paid after the seat was released"))
        _record(
            registration,
            registration.state,
            registration.state,
            source,
            note=_("Card payment arrived without a seat to give; refunded automatically"),
        )
        queue_email(registration, EmailOutbox.Kind.LATE_PAYMENT_REFUNDED, dedupe_key=f"late_refund:{payment.pk}")
        return registration, "refund"


def _mark_refund(payment, reason):
    from conference.payments.models import Payment
    from conference.payments.tasks import process_refund

    payment.status = Payment.Status.REFUND_PENDING
    payment.refund_reason = str(reason)[:200]
    payment.save()
    payment_pk = payment.pk
    transaction.on_commit(lambda: process_refund.enqueue(payment_pk))


def card_session_expired(payment_id, *, source=Source.WEBHOOK, now=None) -> Registration:
    """Stripe says the Checkout Session expired unpaid: release the hold (if it belongs to
    that session) and offer the seat to the waiting list."""
    from conference.payments.models import Payment

    now = now or timezone.now()
    registration_id = Payment.objects.values_list("registration_id", flat=True).get(pk=payment_id)
    with transaction.atomic():
        reg_settings, registration = _lock_registration(registration_id)
        payment = Payment.objects.select_for_update().get(pk=payment_id)
        if payment.status == Payment.Status.OPEN:
            payment.status = Payment.Status.EXPIRED
            payment.save()
        other_open = registration.payments.filter(status=Payment.Status.OPEN).exclude(pk=payment.pk).exists()
        if registration.state == State.HELD and not other_open:
            _transition(registration, State.EXPIRED, source, note=_("Card payment not completed"), hold_expires_at=None)
            queue_email(registration, EmailOutbox.Kind.HOLD_EXPIRED, dedupe_key=f"hold_expired:{registration.pk}")
            _promote(reg_settings, now)
        return registration


def expire_holds(now=None) -> int:
    """Release card holds whose time is up (the periodic safety net behind Stripe's
    ``checkout.session.expired``). A payment arriving later is handled by
    ``confirm_card_payment``."""
    now = now or timezone.now()
    count = 0
    ids = list(
        Registration.objects.filter(state=State.HELD, hold_expires_at__lt=now).values_list("pk", flat=True)[:500]
    )
    for pk in ids:
        with transaction.atomic():
            reg_settings, registration = _lock_registration(pk)
            if (
                registration.state != State.HELD
                or not registration.hold_expires_at
                or registration.hold_expires_at >= now
            ):
                continue
            _transition(registration, State.EXPIRED, Source.TASK, note=_("Hold expired"), hold_expires_at=None)
            queue_email(registration, EmailOutbox.Kind.HOLD_EXPIRED, dedupe_key=f"hold_expired:{registration.pk}")
            _promote(reg_settings, now)
            count += 1
    return count


# --- Waiting list --------------------------------------------------------------------------


def _drop_full_add_ons(registration, source):
    for add_on in AddOn.objects.filter(pk__in=registration.add_ons.values("pk")).order_by("pk"):
        if add_on.capacity is not None and _add_on_taken(add_on.pk, exclude_pk=registration.pk) >= add_on.capacity:
            registration.add_ons.remove(add_on)
            registration.amount_ore = max(registration.amount_ore - add_on.price_ore, 0)
            registration.save(update_fields=["amount_ore", "updated_at"])
            _record(registration, registration.state, registration.state, source, note=f"{add_on.name}: full, removed")


def _promote(reg_settings, now) -> int:
    """Offer free seats to the waiting list, first in first out. Caller holds the edition lock."""
    edition = reg_settings.edition
    offered = 0
    validity = datetime.timedelta(hours=reg_settings.offer_validity_hours)
    waiting = (
        Registration.objects.select_for_update(of=("self",))
        .select_related("ticket_type")
        .filter(edition=edition, state=State.WAITING)
        .order_by("created_at", "pk")
    )
    for registration in waiting:
        if edition.capacity is not None and _seats_taken(edition.pk) >= edition.capacity:
            break
        if not _seat_free(edition, registration.ticket_type):
            continue
        expires = now + validity
        if edition.starts_at() < expires:
            expires = max(edition.starts_at(), now + datetime.timedelta(hours=2))
        _transition(
            registration,
            State.OFFERED,
            Source.SYSTEM,
            note=_("A seat became free"),
            offer_token=new_token(),
            offer_expires_at=expires,
        )
        queue_email(registration, EmailOutbox.Kind.OFFER, dedupe_key=f"offer:{registration.offer_token}")
        offered += 1
    return offered


def promote_waiting_list(edition, now=None) -> int:
    """Offer any free seats of the edition to the waiting list (FIFO)."""
    now = now or timezone.now()
    with transaction.atomic():
        reg_settings = _lock_edition(edition.pk)
        return _promote(reg_settings, now)


def accept_offer(offer_token, *, now=None) -> Registration:
    """The person takes the offered seat: confirmed (free/invoice) or held for card payment."""
    now = now or timezone.now()
    registration_id = Registration.objects.values_list("pk", flat=True).get(offer_token=offer_token)
    with transaction.atomic():
        reg_settings, registration = _lock_registration(registration_id)
        if registration.state != State.OFFERED:
            raise NotAllowed()
        if registration.offer_expires_at and registration.offer_expires_at <= now:
            raise NotAllowed()
        _drop_full_add_ons(registration, Source.ATTENDEE)
        state, extra = _state_after_seat(registration, reg_settings, now)
        _transition(registration, state, Source.ATTENDEE, note=_("Offer accepted"), **extra)
        if state == State.CONFIRMED:
            queue_email(registration, EmailOutbox.Kind.CONFIRMATION, dedupe_key=f"confirmation:{registration.pk}")
        return registration


def decline_offer(offer_token, *, now=None) -> Registration:
    now = now or timezone.now()
    registration_id = Registration.objects.values_list("pk", flat=True).get(offer_token=offer_token)
    with transaction.atomic():
        reg_settings, registration = _lock_registration(registration_id)
        if registration.state != State.OFFERED:
            raise NotAllowed()
        _transition(registration, State.CANCELLED, Source.ATTENDEE, note=_("Offer declined"), cancelled_at=now)
        _promote(reg_settings, now)
        return registration


def expire_offers(now=None) -> int:
    """Offers nobody claimed in time lapse; the seat passes to the next on the list."""
    now = now or timezone.now()
    count = 0
    ids = list(
        Registration.objects.filter(state=State.OFFERED, offer_expires_at__lt=now).values_list("pk", flat=True)[:500]
    )
    for pk in ids:
        with transaction.atomic():
            reg_settings, registration = _lock_registration(pk)
            if registration.state != State.OFFERED or registration.offer_expires_at >= now:
                continue
            _transition(registration, State.EXPIRED, Source.TASK, note=_("Offer not claimed in time"))
            queue_email(
                registration, EmailOutbox.Kind.OFFER_LAPSED, dedupe_key=f"offer_lapsed:{registration.offer_token}"
            )
            _promote(reg_settings, now)
            count += 1
    return count


# --- Attendee changes ------------------------------------------------------------------------


def can_cancel(registration, now=None) -> bool:
    now = now or timezone.now()
    if registration.state not in Registration.ACTIVE_STATES:
        return False
    if registration.state in (State.WAITING, State.OFFERED, State.HELD):
        return True
    return now < settings_for(registration.edition).effective_cancellation_deadline()


def cancel_registration(registration_id, *, source=Source.ATTENDEE, actor=None, note="", now=None) -> Registration:
    """Cancel. Card payments are refunded (after commit, idempotently), invoices are marked for
    a credit note, and the freed seat goes to the waiting list. Attendees can only cancel
    before the edition's deadline; organisers always can."""
    from conference.payments.models import Payment

    now = now or timezone.now()
    with transaction.atomic():
        reg_settings, registration = _lock_registration(registration_id)
        if registration.state not in Registration.ACTIVE_STATES:
            raise NotAllowed()
        if (
            source == Source.ATTENDEE
            and registration.state == State.CONFIRMED
            and now >= reg_settings.effective_cancellation_deadline()
        ):
            raise CancellationDeadlinePassed()
        had_seat = registration.has_seat
        extra = {"cancelled_at": now, "hold_expires_at": None, "offer_expires_at": None}
        if (
            registration.invoice_status in (Registration.InvoiceStatus.INVOICED,)
            or registration.invoice_status == Registration.InvoiceStatus.TO_INVOICE
        ):
            extra["invoice_status"] = Registration.InvoiceStatus.TO_CREDIT
        _transition(registration, State.CANCELLED, source, actor, note or _("Cancelled"), **extra)
        if registration.payments.filter(status=Payment.Status.OPEN).exists():
            from conference.payments.tasks import expire_open_sessions

            transaction.on_commit(lambda: expire_open_sessions.enqueue(registration_id))
        for payment in registration.payments.select_for_update().filter(status=Payment.Status.PAID):
            _mark_refund(payment, _("Cancelled by the attendee") if source == Source.ATTENDEE else _("Cancelled"))
        queue_email(registration, EmailOutbox.Kind.CANCELLED, dedupe_key=f"cancelled:{registration.pk}")
        if had_seat:
            _promote(reg_settings, now)
        return registration


EDITABLE_BY_ATTENDEE = ("first_name", "last_name", "dietary_needs", "accessibility_needs", "special_needs_consent")


def update_details(registration_id, changes: dict, *, source=Source.ATTENDEE, actor=None) -> Registration:
    """Change personal details (not the state). Attendees may change name and needs;
    organisers any personal field. The change is written to the history."""
    allowed = EDITABLE_BY_ATTENDEE if source == Source.ATTENDEE else PERSONAL_FIELDS
    with transaction.atomic():
        _settings, registration = _lock_registration(registration_id)
        if registration.state in (State.CANCELLED, State.EXPIRED) and source == Source.ATTENDEE:
            raise NotAllowed()
        changed = []
        for name, value in changes.items():
            if name not in allowed:
                continue
            if name == "email":
                value = (value or "").strip().lower()
            if getattr(registration, name) != value:
                setattr(registration, name, value)
                changed.append(name)
        if not registration.special_needs_consent:
            registration.dietary_needs = registration.accessibility_needs = ""
        if changed:
            registration.save()
            _record(
                registration, registration.state, registration.state, source, actor, "Changed: " + ", ".join(changed)
            )
        return registration


def set_invoice_status(registration_id, status, *, actor=None) -> Registration:
    with transaction.atomic():
        _settings, registration = _lock_registration(registration_id)
        old = registration.invoice_status
        registration.invoice_status = status
        registration.save(update_fields=["invoice_status", "updated_at"])
        _record(
            registration,
            registration.state,
            registration.state,
            Source.ORGANISER,
            actor,
            f"Invoice: {old or '–'} → {status}",
        )
        return registration


def check_in(registration_id, *, actor=None, now=None) -> tuple[Registration, bool]:
    """Mark as checked in at the door. Returns (registration, already_checked_in)."""
    now = now or timezone.now()
    with transaction.atomic():
        _settings, registration = _lock_registration(registration_id)
        if registration.state != State.CONFIRMED:
            raise NotAllowed()
        if registration.checked_in_at:
            return registration, True
        registration.checked_in_at = now
        registration.save(update_fields=["checked_in_at", "updated_at"])
        _record(registration, registration.state, registration.state, Source.ORGANISER, actor, "Checked in")
        return registration, False


# --- Periodic work ----------------------------------------------------------------------------


def send_reminders(now=None) -> int:
    """Queue the reminder a few days before the conference, once per confirmed registration."""
    now = now or timezone.now()
    count = 0
    for reg_settings in RegistrationSettings.objects.select_related("edition"):
        edition = reg_settings.edition
        starts = edition.starts_at()
        if not (now < starts <= now + datetime.timedelta(days=reg_settings.reminder_days_before)):
            continue
        for pk in Registration.objects.filter(
            edition=edition, state=State.CONFIRMED, reminder_sent_at__isnull=True
        ).values_list("pk", flat=True):
            with transaction.atomic():
                registration = Registration.objects.select_for_update().get(pk=pk)
                if registration.reminder_sent_at:
                    continue
                registration.reminder_sent_at = now
                registration.save(update_fields=["reminder_sent_at", "updated_at"])
                queue_email(registration, EmailOutbox.Kind.REMINDER, dedupe_key=f"reminder:{registration.pk}")
                count += 1
    return count


ANONYMOUS = "Anonymisert"
STRIPE_PAYLOAD_DAYS = 90


def purge_personal_data(now=None) -> dict:
    """Retention: after an edition ended + ``retention_days``, erase dietary and accessibility
    needs of everyone, close the waiting list and anonymise cancelled, expired and waiting
    registrations. Confirmed registrations keep name and organisation (accounting)."""
    now = now or timezone.now()
    erased = anonymised = 0
    for reg_settings in RegistrationSettings.objects.select_related("edition"):
        edition = reg_settings.edition
        if edition.ends_at() + datetime.timedelta(days=reg_settings.retention_days) > now:
            continue
        with transaction.atomic():
            reg_settings = _lock_edition(edition.pk)
            regs = Registration.objects.select_for_update().filter(edition=edition)
            erased += regs.filter(special_data_erased_at__isnull=True).update(
                dietary_needs="", accessibility_needs="", special_needs_consent=False, special_data_erased_at=now
            )
            for registration in regs.filter(state__in=(State.WAITING, State.OFFERED)):
                _transition(registration, State.EXPIRED, Source.TASK, note=_("The conference is over"))
            for registration in regs.filter(state__in=(State.CANCELLED, State.EXPIRED), anonymised_at__isnull=True):
                _anonymise(registration, now)
                anonymised += 1
    # Stripe webhook payloads carry names and e-mail addresses; keep only the event ids.
    from conference.payments.models import StripeEvent

    StripeEvent.objects.filter(received_at__lt=now - datetime.timedelta(days=STRIPE_PAYLOAD_DAYS)).exclude(
        payload={}
    ).update(payload={})
    return {"erased": erased, "anonymised": anonymised}


def _anonymise(registration, now):
    registration.first_name = ANONYMOUS
    registration.last_name = ""
    registration.email = f"anonymisert-{registration.pk}@invalid.example"
    for name in (
        "phone",
        "job_title",
        "dietary_needs",
        "accessibility_needs",
        "invoice_street_address",
        "invoice_postal_code",
        "invoice_city",
        "invoice_email",
        "invoice_reference",
        "invoice_contact",
        "municipality_other",
    ):
        setattr(registration, name, "")
    registration.anonymised_at = now
    registration.save()
    registration.emails.all().delete()
    _record(registration, registration.state, registration.state, Source.TASK, note="Anonymised (retention)")


def export_personal_data(email: str) -> dict:
    """Everything held about one e-mail address (registrations, history, e-mails, payments)."""
    email = (email or "").strip().lower()
    registrations = (
        Registration.objects.filter(Q(email=email) | Q(invoice_email=email))
        .select_related("edition", "ticket_type", "municipality")
        .prefetch_related("add_ons", "history", "emails", "payments")
    )
    data = {"email": email, "exported_at": timezone.now().isoformat(), "registrations": []}
    for reg in registrations:
        item = {
            "reference": reg.reference,
            "edition": str(reg.edition),
            "ticket_type": reg.ticket_type.name,
            "add_ons": [a.name for a in reg.add_ons.all()],
            "state": reg.state,
            "municipality": reg.municipality.name if reg.municipality else "",
        }
        for field in Registration._meta.concrete_fields:
            if field.name in (
                "edition",
                "ticket_type",
                "municipality",
                "created_by",
                "manage_token",
                "form_token",
                "offer_token",
            ):
                continue
            value = getattr(reg, field.attname)
            item[field.name] = value.isoformat() if hasattr(value, "isoformat") else value
        item["history"] = [
            {"at": h.at.isoformat(), "from": h.from_state, "to": h.to_state, "source": h.source, "note": h.note}
            for h in reg.history.all()
        ]
        item["emails"] = [
            {
                "kind": e.kind,
                "to": e.to_email,
                "created_at": e.created_at.isoformat(),
                "sent_at": e.sent_at.isoformat() if e.sent_at else None,
            }
            for e in reg.emails.all()
        ]
        item["payments"] = [
            {
                "amount_ore": p.amount_ore,
                "status": p.status,
                "stripe_session_id": p.stripe_session_id,
                "created_at": p.created_at.isoformat(),
                "paid_at": p.paid_at.isoformat() if p.paid_at else None,
                "refunded_at": p.refunded_at.isoformat() if p.refunded_at else None,
            }
            for p in reg.payments.all()
        ]
        data["registrations"].append(item)
    return data
