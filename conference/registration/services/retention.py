"""Personal data over time (GDPR): erasure and anonymisation after the retention period, and
the export of everything held about one e-mail address."""

from __future__ import annotations

import datetime

from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from cms.core.history import note_text
from conference.payments import services as payments

from .. import fields
from ..models import GroupOrder, Registration, RegistrationSettings, RegistrationStateChange
from .locks import lock_edition, record, transition

State = Registration.State
Source = RegistrationStateChange.Source

ANONYMOUS = "Anonymisert"


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
            reg_settings = lock_edition(edition.pk)
            regs = Registration.objects.select_for_update().filter(edition=edition)
            erased += regs.filter(special_data_erased_at__isnull=True).update(
                dietary_needs="", accessibility_needs="", special_needs_consent=False, special_data_erased_at=now
            )
            for registration in regs.filter(state__in=(State.WAITING, State.OFFERED)):
                transition(registration, State.EXPIRED, Source.TASK, note=_("The conference is over"))
            # The orderer's phone was only needed to reach them about the order.
            GroupOrder.objects.filter(edition=edition).exclude(phone="").update(phone="")
            for registration in regs.filter(
                state__in=(State.CANCELLED, State.EXPIRED, State.TRANSFERRED), anonymised_at__isnull=True
            ):
                _anonymise(registration, now)
                anonymised += 1
    payments.purge_event_payloads(now)
    return {"erased": erased, "anonymised": anonymised}


def _anonymise(registration, now):
    registration.first_name = ANONYMOUS
    registration.last_name = ""
    registration.email = f"anonymisert-{registration.pk}@invalid.example"
    for name in fields.ANONYMISED:
        setattr(registration, name, "")
    registration.anonymised_at = now
    registration.save()
    registration.emails.all().delete()
    record(
        registration, registration.state, registration.state, Source.TASK, note=note_text(_("Anonymised (retention)"))
    )


def export_personal_data(email: str) -> dict:
    """Everything held about one e-mail address (registrations, history, e-mails, payments, and
    group orders placed with it)."""
    email = (email or "").strip().lower()
    registrations = (
        Registration.objects.filter(Q(email=email) | Q(invoice_email=email))
        .select_related("edition", "ticket_type", "municipality")
        .prefetch_related("add_ons", "history", "emails", "payments", "session_choices__session")
    )
    data = {"email": email, "exported_at": timezone.now().isoformat(), "registrations": []}
    for reg in registrations:
        item = {
            "reference": reg.reference,
            "edition": str(reg.edition),
            "ticket_type": reg.ticket_type.name,
            "add_ons": [a.name for a in reg.add_ons.all()],
            "chosen_sessions": [c.session.title for c in reg.session_choices.all()],
            "state": reg.state,
            "municipality": reg.municipality.name if reg.municipality else "",
        }
        for field in Registration._meta.concrete_fields:
            if field.name in fields.NOT_EXPORTED:
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
    data["group_orders"] = [
        {
            "reference": order.reference,
            "edition": str(order.edition),
            "first_name": order.first_name,
            "last_name": order.last_name,
            "email": order.email,
            "phone": order.phone,
            "organisation": order.organisation,
            "payment_method": order.payment_method,
            "created_at": order.created_at.isoformat(),
            "participants": [r.reference for r in order.registrations.order_by("pk")],
        }
        for order in GroupOrder.objects.filter(email=email).select_related("edition")
    ]
    return data
