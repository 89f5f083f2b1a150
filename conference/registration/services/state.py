"""The registration state machine: every change of a registration's state happens here.

Rules each function keeps:
- It runs in ``transaction.atomic()`` and re-reads the rows it changes with
  ``select_for_update()``, taking locks in the order written in ``locks``.
- Seats are counted (``availability.count``) and taken while holding the edition lock: never
  more held + offered + confirmed registrations than the edition's capacity, a ticket type's
  capacity or an add-on's capacity.
- Free seats go to the waiting list first, in the order people joined it: every change that
  frees or adds seats (cancellation, an expired hold or offer, a refund, more capacity, or a
  newcomer finding seats while people wait) offers them before anyone else can take them.
- Every state change writes a history row; e-mails are written to the outbox in the same
  transaction and sent after commit by a task (retried).
- Payments are changed only by ``conference.payments.services`` (called from here, payment
  row locked last); Stripe is never called while a lock is held.
"""

from __future__ import annotations

import dataclasses
import datetime
import logging

from django.conf import settings
from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _

from cms.core.history import note_text
from conference.payments import services as payments

from .. import fields
from ..models import (
    AddOn,
    EmailOutbox,
    GroupOrder,
    Registration,
    RegistrationSettings,
    RegistrationStateChange,
    TicketType,
    format_nok,
    new_token,
)
from ..policy import can_cancel, is_group_card  # noqa: F401 - re-exported by services
from . import availability, personal_programme
from .errors import (
    AddOnFull,
    AlreadyRegistered,
    CancellationDeadlinePassed,
    InvalidAccessCode,
    InvalidPaymentMethod,
    NotAllowed,
    RegistrationClosed,
    SoldOut,
    TicketUnavailable,
)
from .locks import lock_edition, lock_registration, queue_email, record, transition

logger = logging.getLogger(__name__)

State = Registration.State
Source = RegistrationStateChange.Source
Method = Registration.PaymentMethod
InvoiceStatus = Registration.InvoiceStatus


@dataclasses.dataclass
class CreateResult:
    registration: Registration
    outcome: str  # "confirmed", "held", "waiting" or "duplicate_post"


def _confirm_fields(now):
    return {"confirmed_at": now, "hold_expires_at": None, "offer_expires_at": None}


def _state_after_seat(registration, reg_settings, now) -> tuple[str, dict]:
    """The state a registration goes to when it gets a seat: card payments wait for payment."""
    if registration.payment_method == Method.CARD and registration.amount_ore > 0:
        hold = now + datetime.timedelta(minutes=max(reg_settings.card_hold_minutes, 30))
        return State.HELD, {"hold_expires_at": hold, "offer_expires_at": None}
    extra = _confirm_fields(now)
    if registration.payment_method == Method.INVOICE and registration.amount_ore > 0:
        extra["invoice_status"] = InvoiceStatus.TO_INVOICE
    return State.CONFIRMED, extra


# --- Creating a registration -------------------------------------------------------------


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
        reg_settings = lock_edition(edition.pk)
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
            if not availability.registration_window_open(edition, now):
                raise RegistrationClosed()
            if not ticket_type.is_available_at(now):
                raise TicketUnavailable()
            if ticket_type.access_code and access_code.strip().lower() != ticket_type.access_code.strip().lower():
                raise InvalidAccessCode()
        if by_organiser and payment_method == Method.COMPED:
            amount = 0
        else:
            if payment_method not in availability.allowed_payment_methods(ticket_type, locked_add_ons):
                raise InvalidPaymentMethod()
            amount = ticket_type.price_ore + sum(a.price_ore for a in locked_add_ons)
        duplicate = (
            Registration.objects.filter(edition=edition, email=email, state__in=Registration.ACTIVE_STATES)
            .order_by("pk")
            .first()
        )
        if duplicate:
            raise AlreadyRegistered(duplicate)
        # Seats freed or added since the last promotion belong to the people already waiting.
        anyone_waiting = Registration.objects.filter(edition=edition, state=State.WAITING).exists()
        if anyone_waiting:
            _promote(reg_settings, now)
        # Inside the lock every query counts: add-on places only when add-ons were chosen.
        seats = availability.count(edition, add_ons=bool(locked_add_ons))
        for add_on in locked_add_ons:
            if seats.add_on_full(add_on):
                raise AddOnFull(add_on)

        values = {name: details[name] for name in fields.PERSONAL if name in details}
        values["email"] = email
        registration = Registration(
            edition=edition,
            ticket_type=ticket_type,
            payment_method=payment_method,
            amount_ore=amount,
            form_token=form_token or None,
            privacy_accepted_at=now if details.get("privacy_accepted", by_organiser) else None,
            created_at=now,
            created_by=actor if by_organiser and getattr(actor, "is_authenticated", False) else None,
            **values,
        )
        # Nobody waiting for the edition means nobody waiting for this ticket type.
        still_waiting = (
            anyone_waiting
            and Registration.objects.filter(edition=edition, ticket_type=ticket_type, state=State.WAITING).exists()
        )
        if seats.seat_free(ticket_type) and not still_waiting:
            state, extra = _state_after_seat(registration, reg_settings, now)
        elif reg_settings.waiting_list_enabled:
            state, extra = State.WAITING, {}
        else:
            raise SoldOut()
        registration.state = state
        for name, value in extra.items():
            setattr(registration, name, value)
        registration.save()
        if locked_add_ons:
            registration.add_ons.set(locked_add_ons)
        record(registration, "", state, source, actor, _("Registered by an organiser") if by_organiser else "")
        if state == State.CONFIRMED:
            queue_email(registration, EmailOutbox.Kind.CONFIRMATION, dedupe_key=f"confirmation:{registration.pk}")
        elif state == State.WAITING:
            queue_email(registration, EmailOutbox.Kind.WAITING, dedupe_key=f"waiting:{registration.pk}")
        return CreateResult(registration, state)


RESEND_WINDOW = datetime.timedelta(minutes=15)


def resend_manage_link(registration, now=None) -> bool:
    """Send the manage link to the registered address again (never shown on screen), at most
    once per ``RESEND_WINDOW``: repeated attempts cannot flood someone's inbox. Returns False
    when a link was sent recently and nothing was sent now."""
    now = now or timezone.now()
    with transaction.atomic():
        _settings, registration = lock_registration(registration.pk)
        recent = registration.emails.filter(kind=EmailOutbox.Kind.MANAGE_LINK, created_at__gte=now - RESEND_WINDOW)
        if recent.exists():
            return False
        queue_email(registration, EmailOutbox.Kind.MANAGE_LINK)
        return True


# --- Card payments (Stripe announces through conference.payments.signals) -------------------


def note_checkout_started(registration_id, *, hold_expires_at) -> Registration:
    """A Checkout Session was opened for a held registration; keep the hold at least as long as
    the session lives, so a payment can never arrive for a seat we gave away on purpose."""
    with transaction.atomic():
        _settings, registration = lock_registration(registration_id)
        if registration.state != State.HELD:
            raise NotAllowed()
        if registration.hold_expires_at is None or registration.hold_expires_at < hold_expires_at:
            registration.hold_expires_at = hold_expires_at
            registration.save(update_fields=["hold_expires_at", "updated_at"])
        for member in _held_group_members(registration):
            if member.hold_expires_at is None or member.hold_expires_at < hold_expires_at:
                member.hold_expires_at = hold_expires_at
                member.save(update_fields=["hold_expires_at", "updated_at"])
        return registration


def _held_group_members(registration) -> list[Registration]:
    """The other held card registrations paid together with ``registration`` (the lead of a
    group order), locked after it (registrations are locked in pk order; the lead is first)."""
    if not registration.group_order_id or registration.payment_method != Method.CARD:
        return []
    return list(
        Registration.objects.select_for_update(of=("self",))
        .filter(group_order_id=registration.group_order_id, state=State.HELD, payment_method=Method.CARD)
        .exclude(pk=registration.pk)
        .order_by("pk")
    )


def _registration_of(payment_id) -> int:
    from conference.payments.models import Payment

    return Payment.objects.values_list("registration_id", flat=True).get(pk=payment_id)


def confirm_card_payment(payment_id, *, source=Source.WEBHOOK, now=None) -> tuple[Registration, str]:
    """A Checkout Session was paid (verified with Stripe by payments). Idempotent: browser
    return and webhook may both call it; only the first confirms and queues the e-mail.

    Returns the registration and what happened: "confirmed", "already", or "refund" (paid
    after the hold expired and no seat was free: the payment is refunded and the person told).
    """
    now = now or timezone.now()
    with transaction.atomic():
        reg_settings, registration = lock_registration(_registration_of(payment_id))
        if not payments.record_paid(payment_id, now):
            return registration, "already"
        if registration.state == State.CONFIRMED:
            # Paid twice (two sessions): keep the first, refund this one.
            payments.request_refund(payment_id, _("Registration was already paid"))
            record(registration, registration.state, registration.state, source, note=_("Second payment refunded"))
            return registration, "refund"
        if registration.state == State.HELD:
            confirmed = [registration, *_held_group_members(registration)]
            for paid in confirmed:
                transition(paid, State.CONFIRMED, source, note=_("Card payment received"), **_confirm_fields(now))
                queue_email(paid, EmailOutbox.Kind.CONFIRMATION, dedupe_key=f"confirmation:{paid.pk}")
            if registration.group_order_id:
                _refund_unclaimed_shares(payment_id, registration, confirmed, source)
            return registration, "confirmed"
        if registration.group_order_id:
            # A group's payment arriving after its holds lapsed is refunded as a whole.
            payments.request_refund(payment_id, _("Paid after the seat was released"))
            record(
                registration,
                registration.state,
                registration.state,
                source,
                note=_("Card payment arrived without a seat to give; refunded automatically"),
            )
            queue_email(registration, EmailOutbox.Kind.LATE_PAYMENT_REFUNDED, dedupe_key=f"late_refund:{payment_id}")
            return registration, "refund"
        # The hold expired (or the registration was cancelled) before the money arrived.
        if (
            registration.state == State.EXPIRED
            and availability.count(reg_settings.edition, exclude_pk=registration.pk).seat_free(registration.ticket_type)
            and not Registration.objects.filter(
                edition=registration.edition, email=registration.email, state__in=Registration.ACTIVE_STATES
            ).exists()
        ):
            _drop_full_add_ons(registration, source)
            transition(
                registration,
                State.CONFIRMED,
                source,
                note=_("Card payment arrived after the hold expired; a seat was free"),
                **_confirm_fields(now),
            )
            queue_email(registration, EmailOutbox.Kind.CONFIRMATION, dedupe_key=f"confirmation:{registration.pk}")
            return registration, "confirmed"
        payments.request_refund(payment_id, _("Paid after the seat was released"))
        record(
            registration,
            registration.state,
            registration.state,
            source,
            note=_("Card payment arrived without a seat to give; refunded automatically"),
        )
        queue_email(registration, EmailOutbox.Kind.LATE_PAYMENT_REFUNDED, dedupe_key=f"late_refund:{payment_id}")
        return registration, "refund"


def _refund_unclaimed_shares(payment_id, lead, confirmed, source) -> None:
    """A group's Checkout Session was opened for every held participant; one cancelled before
    the money arrived gets no seat, so what was paid beyond the seats given is refunded."""
    from conference.payments.models import Payment

    paid = Payment.objects.values_list("amount_ore", flat=True).get(pk=payment_id)
    excess = paid - sum(r.amount_ore for r in confirmed)
    if excess > 0:
        amount = payments.request_partial_refund(
            payment_id, share="unclaimed", amount_ore=excess, reason=_("Participants cancelled before payment")
        )
        if amount:
            record(
                lead,
                lead.state,
                lead.state,
                source,
                note=note_text(
                    _("%(amount)s paid for participants cancelled before the payment is refunded"),
                    amount=format_nok(amount),
                ),
            )


def card_session_expired(payment_id, *, source=Source.WEBHOOK, now=None) -> Registration:
    """Stripe says the Checkout Session expired unpaid: release the hold (if it belongs to
    that session) and offer the seat to the waiting list."""
    now = now or timezone.now()
    with transaction.atomic():
        reg_settings, registration = lock_registration(_registration_of(payment_id))
        payments.record_expired(payment_id)
        if registration.state == State.HELD and not payments.has_open_checkout(registration.pk, exclude_pk=payment_id):
            for unpaid in [registration, *_held_group_members(registration)]:
                transition(unpaid, State.EXPIRED, source, note=_("Card payment not completed"), hold_expires_at=None)
                queue_email(unpaid, EmailOutbox.Kind.HOLD_EXPIRED, dedupe_key=f"hold_expired:{unpaid.pk}")
            _promote(reg_settings, now)
        return registration


def card_refunded_elsewhere(payment_id, *, source=Source.WEBHOOK, now=None) -> Registration:
    """A card payment was refunded in full outside the site (Stripe's dashboard). A confirmed
    card registration left with no paid payment has given up its seat: it is cancelled and the
    seat offered to the waiting list."""
    from conference.payments.models import Payment

    now = now or timezone.now()
    with transaction.atomic():
        reg_settings, registration = lock_registration(_registration_of(payment_id))
        still_paid = registration.payments.filter(status__in=Payment.HELD_MONEY).exists()
        if registration.payment_method != Method.CARD or still_paid:
            return registration
        # A group's payment pays for every participant: all who still have their seat lose it.
        paid_for = [registration] if registration.state == State.CONFIRMED else []
        if registration.group_order_id:
            paid_for += list(
                Registration.objects.select_for_update(of=("self",))
                .filter(group_order_id=registration.group_order_id, state=State.CONFIRMED, payment_method=Method.CARD)
                .exclude(pk=registration.pk)
                .order_by("pk")
            )
        for cancelled in paid_for:
            transition(
                cancelled,
                State.CANCELLED,
                source,
                note=_("The card payment was refunded in Stripe"),
                cancelled_at=now,
            )
            personal_programme.release_choices(cancelled)
            queue_email(cancelled, EmailOutbox.Kind.CANCELLED, dedupe_key=f"cancelled:{cancelled.pk}")
        if paid_for:
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
            reg_settings, registration = lock_registration(pk)
            if (
                registration.state != State.HELD
                or not registration.hold_expires_at
                or registration.hold_expires_at >= now
            ):
                continue
            transition(registration, State.EXPIRED, Source.TASK, note=_("Hold expired"), hold_expires_at=None)
            queue_email(registration, EmailOutbox.Kind.HOLD_EXPIRED, dedupe_key=f"hold_expired:{registration.pk}")
            _promote(reg_settings, now)
            count += 1
    return count


# --- Waiting list --------------------------------------------------------------------------


def _drop_full_add_ons(registration, source):
    seats = availability.count(registration.edition, exclude_pk=registration.pk)
    for add_on in AddOn.objects.filter(pk__in=registration.add_ons.values("pk")).order_by("pk"):
        if seats.add_on_full(add_on):
            registration.add_ons.remove(add_on)
            registration.amount_ore = max(registration.amount_ore - add_on.price_ore, 0)
            registration.save(update_fields=["amount_ore", "updated_at"])
            record(
                registration,
                registration.state,
                registration.state,
                source,
                note=note_text(_("%(add_on)s: full, removed"), add_on=add_on.name),
            )


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
    seats = availability.count(edition)
    for registration in waiting:
        if seats.seats_left() == 0:
            break
        if not seats.seat_free(registration.ticket_type):
            continue
        expires = now + validity
        if edition.starts_at() < expires:
            expires = max(edition.starts_at(), now + datetime.timedelta(hours=2))
        transition(
            registration,
            State.OFFERED,
            Source.SYSTEM,
            note=_("A seat became free"),
            offer_token=new_token(),
            offer_expires_at=expires,
        )
        queue_email(registration, EmailOutbox.Kind.OFFER, dedupe_key=f"offer:{registration.offer_token}")
        seats = seats.taking(registration.ticket_type)
        offered += 1
    return offered


def promote_waiting_list(edition, now=None) -> int:
    """Offer any free seats of the edition to the waiting list (FIFO). Returns how many offers
    were made."""
    now = now or timezone.now()
    with transaction.atomic():
        reg_settings = lock_edition(edition.pk)
        return _promote(reg_settings, now)


def promote_all_waiting_lists(now=None) -> int:
    """The periodic safety net: every edition with people waiting gets its free seats offered."""
    offered = 0
    edition_ids = (
        Registration.objects.filter(state=State.WAITING).order_by().values_list("edition_id", flat=True).distinct()
    )
    for reg_settings in RegistrationSettings.objects.filter(edition_id__in=list(edition_ids)).select_related("edition"):
        offered += promote_waiting_list(reg_settings.edition, now)
    return offered


def accept_offer(offer_token, *, now=None) -> Registration:
    """The person takes the offered seat: confirmed (free/invoice) or held for card payment."""
    now = now or timezone.now()
    registration_id = Registration.objects.values_list("pk", flat=True).get(offer_token=offer_token)
    with transaction.atomic():
        reg_settings, registration = lock_registration(registration_id)
        if registration.state != State.OFFERED:
            raise NotAllowed()
        if registration.offer_expires_at and registration.offer_expires_at <= now:
            raise NotAllowed()
        _drop_full_add_ons(registration, Source.ATTENDEE)
        state, extra = _state_after_seat(registration, reg_settings, now)
        transition(registration, state, Source.ATTENDEE, note=_("Offer accepted"), **extra)
        if state == State.CONFIRMED:
            queue_email(registration, EmailOutbox.Kind.CONFIRMATION, dedupe_key=f"confirmation:{registration.pk}")
        return registration


def decline_offer(offer_token, *, now=None) -> Registration:
    now = now or timezone.now()
    registration_id = Registration.objects.values_list("pk", flat=True).get(offer_token=offer_token)
    with transaction.atomic():
        reg_settings, registration = lock_registration(registration_id)
        if registration.state != State.OFFERED:
            raise NotAllowed()
        transition(registration, State.CANCELLED, Source.ATTENDEE, note=_("Offer declined"), cancelled_at=now)
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
            reg_settings, registration = lock_registration(pk)
            if registration.state != State.OFFERED or registration.offer_expires_at >= now:
                continue
            transition(registration, State.EXPIRED, Source.TASK, note=_("Offer not claimed in time"))
            queue_email(
                registration, EmailOutbox.Kind.OFFER_LAPSED, dedupe_key=f"offer_lapsed:{registration.offer_token}"
            )
            _promote(reg_settings, now)
            count += 1
    return count


# --- Attendee and organiser changes ------------------------------------------------------------


def can_cancel_order(order, registrations=None, now=None) -> bool:
    """Whether the orderer may cancel the whole order now (the rules of ``cancel_group_order``)."""
    now = now or timezone.now()
    registrations = registrations if registrations is not None else list(order.registrations.all())
    active = [r for r in registrations if r.state in Registration.ACTIVE_STATES]
    if not active or any(r.state == State.HELD and is_group_card(r) for r in active):
        return False
    if any(r.state == State.CONFIRMED for r in active):
        return now < availability.settings_for(order.edition).effective_cancellation_deadline()
    return True


# What happens to the invoice when a registration is cancelled: only an invoice that was sent
# needs a credit note; one never sent is simply not sent.
INVOICE_AFTER_CANCEL = {
    InvoiceStatus.TO_INVOICE: InvoiceStatus.NONE,
    InvoiceStatus.INVOICED: InvoiceStatus.TO_CREDIT,
}


def cancel_registration(registration_id, *, source=Source.ATTENDEE, actor=None, note="", now=None) -> Registration:
    """Cancel. Card payments are refunded (after commit, idempotently), a sent invoice is marked
    for a credit note (an unsent one is dropped), and the freed seat goes to the waiting list.
    Attendees can only cancel before the edition's deadline; organisers always can."""
    now = now or timezone.now()
    with transaction.atomic():
        reg_settings, registration = lock_registration(registration_id)
        if registration.state not in Registration.ACTIVE_STATES:
            raise NotAllowed()
        if (
            source == Source.ATTENDEE
            and registration.state == State.CONFIRMED
            and now >= reg_settings.effective_cancellation_deadline()
        ):
            raise CancellationDeadlinePassed()
        if source == Source.ATTENDEE and is_group_card(registration) and registration.state == State.HELD:
            raise NotAllowed()
        had_seat = registration.has_seat
        extra = {"cancelled_at": now, "hold_expires_at": None, "offer_expires_at": None}
        if registration.invoice_status in INVOICE_AFTER_CANCEL:
            extra["invoice_status"] = INVOICE_AFTER_CANCEL[registration.invoice_status]
        transition(registration, State.CANCELLED, source, actor, note or _("Cancelled"), **extra)
        personal_programme.release_choices(registration)
        refunded_share = 0
        if is_group_card(registration):
            # The group's one payment also pays for the others: refund only this share (its
            # e-mail to the participant says the registration is cancelled, with the amount).
            refunded_share = _refund_group_share(registration, source, actor)
        else:
            payments.settle_cancellation(
                registration.pk, _("Cancelled by the attendee") if source == Source.ATTENDEE else _("Cancelled")
            )
        if not refunded_share:
            queue_email(registration, EmailOutbox.Kind.CANCELLED, dedupe_key=f"cancelled:{registration.pk}")
        if had_seat:
            _promote(reg_settings, now)
        return registration


def _group_payment(order_id):
    """The group's card payment whose money is still (partly) held: it is kept on the lead."""
    lead_id = Registration.objects.filter(group_order_id=order_id).order_by("pk").values_list("pk", flat=True).first()
    return payments.held_payment(lead_id) if lead_id else None


def _refund_group_share(registration, source, actor) -> int:
    """Refund a cancelled participant's share (ticket and add-ons) of the group's card payment,
    once (one refund per payment and participant), and tell the participant, the orderer and
    the history. Caller holds the registration's lock; the payment is locked last."""
    payment = _group_payment(registration.group_order_id)
    if payment is None:
        return 0
    amount = payments.request_partial_refund(
        payment.pk,
        share=f"registration-{registration.pk}",
        amount_ore=registration.amount_ore,
        reason=note_text(_("Participant %(reference)s cancelled"), reference=registration.reference),
    )
    if not amount:
        return 0
    order = registration.group_order
    shown = format_nok(amount)
    record(
        registration,
        registration.state,
        registration.state,
        source,
        actor,
        note_text(_("%(amount)s of the group's card payment is refunded for this participant"), amount=shown),
    )
    queue_email(
        registration,
        EmailOutbox.Kind.SHARE_REFUNDED,
        dedupe_key=f"share_refund:{registration.pk}",
        body=note_text(
            _(
                "Your registration for %(edition)s is cancelled. Your share of the group's card payment, "
                "%(amount)s, is refunded to the card the order was paid with. It may take a few days before "
                "the money is back in the account."
            ),
            edition=registration.edition.title,
            amount=shown,
        ),
    )
    queue_email(
        registration,
        EmailOutbox.Kind.ORDER_REFUNDED,
        dedupe_key=f"order_refund:{order.pk}:{registration.pk}",
        to_email=order.email,
        body=note_text(
            _(
                "%(name)s is no longer registered for %(edition)s on group order %(order)s. %(amount)s of the "
                "order's card payment is refunded to the card it was paid with."
            ),
            name=registration.full_name,
            edition=registration.edition.title,
            order=order.reference,
            amount=shown,
        ),
    )
    return amount


def cancel_group_order(order_id, *, source=Source.ATTENDEE, actor=None, now=None) -> list[Registration]:
    """Cancel every active participant of a group order at once. A card payment gives back what
    remains of it (never more than was paid: shares already refunded are not refunded again);
    invoices follow the single-cancellation rule (an unsent invoice line is dropped, a sent one
    marked for a credit note). Attendees (the orderer) only before the cancellation deadline,
    and not while the group's card payment is being made; organisers always."""
    now = now or timezone.now()
    edition_id = GroupOrder.objects.values_list("edition_id", flat=True).get(pk=order_id)
    with transaction.atomic():
        reg_settings = lock_edition(edition_id)
        order = GroupOrder.objects.get(pk=order_id)
        active = list(
            Registration.objects.select_for_update(of=("self",))
            .select_related("edition", "ticket_type")
            .filter(group_order=order, state__in=Registration.ACTIVE_STATES)
            .order_by("pk")
        )
        if not active:
            raise NotAllowed()
        if source == Source.ATTENDEE:
            if (
                any(r.state == State.CONFIRMED for r in active)
                and now >= reg_settings.effective_cancellation_deadline()
            ):
                raise CancellationDeadlinePassed()
            if any(r.state == State.HELD and is_group_card(r) for r in active):
                raise NotAllowed()
        note = _("Group order cancelled by the orderer") if source == Source.ATTENDEE else _("Group order cancelled")
        for registration in active:
            extra = {"cancelled_at": now, "hold_expires_at": None, "offer_expires_at": None}
            if registration.invoice_status in INVOICE_AFTER_CANCEL:
                extra["invoice_status"] = INVOICE_AFTER_CANCEL[registration.invoice_status]
            transition(registration, State.CANCELLED, source, actor, note, **extra)
            queue_email(registration, EmailOutbox.Kind.CANCELLED, dedupe_key=f"cancelled:{registration.pk}")
        lead = Registration.objects.filter(group_order=order).order_by("pk").first()
        payment = payments.held_payment(lead.pk)
        amount = payments.request_refund(payment.pk, note) if payment else 0
        payments.settle_cancellation(lead.pk, note)
        if amount:
            shown = format_nok(amount)
            record(
                lead,
                State.CANCELLED,
                State.CANCELLED,
                source,
                actor,
                note_text(_("What remained of the group's card payment, %(amount)s, is refunded"), amount=shown),
            )
            queue_email(
                lead,
                EmailOutbox.Kind.ORDER_REFUNDED,
                dedupe_key=f"order_refund:{order.pk}:all",
                to_email=order.email,
                body=note_text(
                    _(
                        "Group order %(order)s for %(edition)s is cancelled. What remained of the order's card "
                        "payment, %(amount)s, is refunded to the card it was paid with."
                    ),
                    order=order.reference,
                    edition=lead.edition.title,
                    amount=shown,
                ),
            )
        _promote(reg_settings, now)
        return active


def update_details(registration_id, changes: dict, *, source=Source.ATTENDEE, actor=None) -> Registration:
    """Change personal details (not the state). Attendees may change name and needs;
    organisers any personal field. The change is written to the history."""
    allowed = fields.EDITABLE_BY_ATTENDEE if source == Source.ATTENDEE else fields.PERSONAL
    with transaction.atomic():
        _settings, registration = lock_registration(registration_id)
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
            with translation.override(settings.LANGUAGE_CODE):
                names = ", ".join(str(Registration._meta.get_field(name).verbose_name) for name in changed)
            record(
                registration,
                registration.state,
                registration.state,
                source,
                actor,
                note_text(_("Changed: %(fields)s"), fields=names),
            )
        return registration


def set_invoice_status(registration_id, status, *, actor=None) -> Registration:
    with transaction.atomic():
        _settings, registration = lock_registration(registration_id)
        old = registration.invoice_status
        registration.invoice_status = status
        registration.save(update_fields=["invoice_status", "updated_at"])
        record(
            registration,
            registration.state,
            registration.state,
            Source.ORGANISER,
            actor,
            note_text(
                _("Invoice: %(old)s → %(new)s"),
                old=registration.InvoiceStatus(old).label if old else "–",
                new=registration.InvoiceStatus(status).label if status else "–",
            ),
        )
        return registration


def check_in(registration_id, *, actor=None, now=None) -> tuple[Registration, bool]:
    """Mark as checked in at the door. Returns (registration, already_checked_in)."""
    now = now or timezone.now()
    with transaction.atomic():
        _settings, registration = lock_registration(registration_id)
        if registration.state != State.CONFIRMED:
            raise NotAllowed()
        if registration.checked_in_at:
            return registration, True
        registration.checked_in_at = now
        registration.save(update_fields=["checked_in_at", "updated_at"])
        record(
            registration, registration.state, registration.state, Source.ORGANISER, actor, note_text(_("Checked in"))
        )
        return registration, False


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
