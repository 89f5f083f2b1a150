"""Group orders: one orderer registers several participants on one invoice or one card payment.

Every participant becomes a ``Registration`` of their own (own ticket e-mail, own manage link,
own seat). The whole group is decided in ONE transaction under the edition lock, so it is all
or none: either every participant gets a seat (or, only if the orderer chose so, the rest go
on the waiting list), or nothing is stored.

A card group is paid with one Checkout Session with a line per participant; the payment is
kept on the group's first registration (the "lead"), and paying or expiring it confirms or
releases every held participant of the group (``state.confirm_card_payment``).
"""

from __future__ import annotations

import dataclasses
import datetime

from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from conference.payments import services as payments

from .. import fields
from ..models import AddOn, EmailOutbox, GroupOrder, Registration, TicketType
from . import availability
from .errors import (
    AddOnFull,
    GroupEmpty,
    GroupTooLarge,
    InvalidPaymentMethod,
    NotAllowed,
    NotEnoughSeats,
    ParticipantError,
    RegistrationClosed,
    SoldOut,
)
from .locks import lock_edition, queue_email, record
from .state import Method, Source, State, _promote, _state_after_seat

# What a participant of a group gives (the orderer gives organisation and invoice details once).
PARTICIPANT_FIELDS = (
    "first_name",
    "last_name",
    "email",
    "job_title",
    "dietary_needs",
    "accessibility_needs",
    "special_needs_consent",
    "participant_list_consent",
)
ORDERER_FIELDS = ("first_name", "last_name", "email", "phone", "organisation")


@dataclasses.dataclass
class Participant:
    ticket_type: TicketType
    details: dict
    add_ons: tuple = ()


@dataclasses.dataclass
class GroupResult:
    order: GroupOrder
    registrations: list
    outcome: str  # "created" or "duplicate_post"

    @property
    def held(self) -> list:
        return [r for r in self.registrations if r.state == State.HELD]


def max_group_size(edition) -> int:
    return availability.settings_for(edition).max_group_size


def create_group_order(
    edition,
    *,
    orderer: dict,
    participants: list[Participant],
    payment_method: str,
    invoice: dict | None = None,
    municipality=None,
    municipality_other: str = "",
    wants_waiting_list: bool = False,
    form_token: str | None = None,
    now=None,
) -> GroupResult:
    """Register a group. All or none: any refusal (a repeated or already registered e-mail, a
    ticket or add-on not available, too few seats without the waiting-list choice) raises a
    ``RegistrationError`` and stores nothing."""
    now = now or timezone.now()
    invoice = invoice or {}
    with transaction.atomic():
        reg_settings = lock_edition(edition.pk)
        edition = reg_settings.edition
        if form_token:
            existing = GroupOrder.objects.filter(form_token=form_token).first()
            if existing:
                return GroupResult(existing, list(existing.registrations.order_by("pk")), "duplicate_post")
        if not availability.registration_window_open(edition, now):
            raise RegistrationClosed()
        if not participants:
            raise GroupEmpty()
        if len(participants) > reg_settings.max_group_size:
            raise GroupTooLarge(reg_settings.max_group_size)

        emails = [(p.details.get("email") or "").strip().lower() for p in participants]
        for index, email in enumerate(emails):
            if email in emails[:index]:
                raise ParticipantError(
                    index, "email", _("This e-mail address is given for another participant in the group.")
                )
        ticket_ids = sorted({p.ticket_type.pk for p in participants})
        tickets = {
            t.pk: t
            for t in TicketType.objects.select_for_update().filter(pk__in=ticket_ids, edition=edition).order_by("pk")
        }
        add_on_ids = sorted({a.pk for p in participants for a in p.add_ons})
        add_ons = {
            a.pk: a for a in AddOn.objects.select_for_update().filter(pk__in=add_on_ids, edition=edition).order_by("pk")
        }
        if len(add_ons) != len(add_on_ids):
            raise ParticipantError(0, "add_ons", _("This ticket type is not available."))
        already = set(
            Registration.objects.filter(
                edition=edition, email__in=emails, state__in=Registration.ACTIVE_STATES
            ).values_list("email", flat=True)
        )
        plans = []
        for index, participant in enumerate(participants):
            ticket = tickets.get(participant.ticket_type.pk)
            if ticket is None or not ticket.is_available_at(now) or ticket.access_code:
                raise ParticipantError(index, "ticket_type", _("This ticket type is not available."))
            chosen = [add_ons[a.pk] for a in participant.add_ons]
            amount = ticket.price_ore + sum(a.price_ore for a in chosen)
            method = payment_method if amount else Method.FREE
            if amount and payment_method not in availability.allowed_payment_methods(ticket, chosen):
                raise InvalidPaymentMethod()
            if emails[index] in already:
                raise ParticipantError(
                    index, "email", _("This e-mail address is already registered for this conference.")
                )
            plans.append((participant, ticket, chosen, amount, method))

        if Registration.objects.filter(edition=edition, state=State.WAITING).exists():
            _promote(reg_settings, now)
        seats = availability.count(edition)
        waiting_tickets = set(
            Registration.objects.filter(edition=edition, state=State.WAITING).values_list("ticket_type_id", flat=True)
        )
        decisions = []
        for index, (_participant, ticket, chosen, _amount, _method) in enumerate(plans):
            if seats.seat_free(ticket) and ticket.pk not in waiting_tickets:
                for add_on in chosen:
                    if seats.add_on_full(add_on):
                        error = AddOnFull(add_on)
                        raise ParticipantError(index, "add_ons", error.message)
                seats = seats.taking(ticket, chosen)
                decisions.append(True)
            elif wants_waiting_list and reg_settings.waiting_list_enabled:
                decisions.append(False)
            elif not reg_settings.waiting_list_enabled and not any(decisions):
                raise SoldOut()
            else:
                raise NotEnoughSeats(decisions.count(True), reg_settings.waiting_list_enabled)

        order = GroupOrder.objects.create(
            edition=edition,
            payment_method=payment_method,
            wants_waiting_list=wants_waiting_list,
            form_token=form_token or None,
            created_at=now,
            **{name: (orderer.get(name) or "").strip() for name in ORDERER_FIELDS},
        )
        order.email = order.email.lower()
        order.save(update_fields=["email"])
        registrations = []
        for (participant, ticket, chosen, amount, method), gets_seat in zip(plans, decisions, strict=True):
            values = {name: participant.details[name] for name in PARTICIPANT_FIELDS if name in participant.details}
            values["email"] = (values.get("email") or "").strip().lower()
            if not values.get("special_needs_consent"):
                values["dietary_needs"] = values["accessibility_needs"] = ""
            invoice_values = (
                {name: invoice.get(name) or "" for name in fields.INVOICE} if method == Method.INVOICE else {}
            )
            registration = Registration(
                edition=edition,
                ticket_type=ticket,
                group_order=order,
                payment_method=method,
                amount_ore=amount,
                phone="",
                organisation=order.organisation,
                municipality=municipality,
                municipality_other=municipality_other if municipality is None else "",
                privacy_accepted_at=now,
                created_at=now,
                **invoice_values,
                **values,
            )
            if gets_seat:
                state, extra = _state_after_seat(registration, reg_settings, now)
            else:
                state, extra = State.WAITING, {}
            registration.state = state
            for name, value in extra.items():
                setattr(registration, name, value)
            registration.save()
            registration.add_ons.set(chosen)
            record(
                registration,
                "",
                state,
                Source.ATTENDEE,
                None,
                _("Registered in group order %(ref)s") % {"ref": order.reference},
            )
            if state == State.CONFIRMED:
                queue_email(registration, EmailOutbox.Kind.CONFIRMATION, dedupe_key=f"confirmation:{registration.pk}")
            elif state == State.WAITING:
                queue_email(registration, EmailOutbox.Kind.WAITING, dedupe_key=f"waiting:{registration.pk}")
            registrations.append(registration)
        queue_email(
            registrations[0],
            EmailOutbox.Kind.GROUP_ORDER,
            dedupe_key=f"group_order:{order.pk}",
            to_email=order.email,
        )
        return GroupResult(order, registrations, "created")


def group_checkout_order(order: GroupOrder, request=None, now=None) -> payments.CheckoutOrder:
    """One Checkout Session for every held card participant of a group: a line per
    participant (ticket and paid add-ons), kept on the group's lead registration."""
    now = now or timezone.now()
    held = list(
        order.registrations.filter(state=State.HELD, payment_method=Method.CARD)
        .select_related("ticket_type", "edition")
        .prefetch_related("add_ons")
        .order_by("pk")
    )
    if not held:
        raise NotAllowed()
    lead = lead_registration(order)
    if lead is None or lead.state != State.HELD:
        raise NotAllowed()
    lines = []
    for registration in held:
        extras = [a.name for a in registration.add_ons.all() if a.price_ore]
        name = f"{registration.full_name}: {registration.ticket_type.name}"
        if extras:
            name += " + " + ", ".join(extras)
        lines.append(payments.CheckoutLine(name, registration.amount_ore))
    url = reverse("registration:group_order", args=[order.manage_token])
    absolute = request.build_absolute_uri(url) if request is not None else url
    expires = max([r.hold_expires_at or now for r in held] + [now + datetime.timedelta(minutes=31)])
    return payments.CheckoutOrder(
        registration_id=lead.pk,
        amount_ore=sum(r.amount_ore for r in held),
        email=order.email,
        lines=tuple(lines),
        success_url=absolute,
        cancel_url=absolute,
        expires_at=expires,
        key_prefix=f"kk-group-{order.manage_token[:16]}-{order.pk}",
    )


def lead_registration(order: GroupOrder) -> Registration | None:
    """The registration that carries the group's card payment: the group's first one."""
    return order.registrations.order_by("pk").first()


def start_group_card_payment(order: GroupOrder, request=None):
    """Open (or reuse) the group's Checkout Session and keep every held seat as long as it lives."""
    from .state import note_checkout_started

    checkout = group_checkout_order(order, request)
    payment = payments.start_checkout(checkout)
    note_checkout_started(checkout.registration_id, hold_expires_at=checkout.expires_at)
    return payment
