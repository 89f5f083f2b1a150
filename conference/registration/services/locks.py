"""The lock discipline and the history of every registration state change.

Locks are always taken in the same order, so two transactions never wait for each other in a
circle: the edition's ``RegistrationSettings`` row → ticket types → add-ons → registrations →
payments (``conference.payments`` takes its row last, when called back from here).
"""

from __future__ import annotations

from django.db import IntegrityError, transaction

from ..models import EmailOutbox, Registration, RegistrationSettings, RegistrationStateChange


def lock_edition(edition_id) -> RegistrationSettings:
    """Take the per-edition lock. Must be the first lock in every capacity-changing transaction."""
    try:
        return (
            RegistrationSettings.objects.select_for_update(of=("self",))
            .select_related("edition")
            .get(edition_id=edition_id)
        )
    except RegistrationSettings.DoesNotExist:
        # get_or_create is race-safe through the unique constraint on edition.
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


def lock_registration(registration_id) -> tuple[RegistrationSettings, Registration]:
    """Lock the edition first, then the registration (the lock order), and re-read it."""
    edition_id = Registration.objects.values_list("edition_id", flat=True).get(pk=registration_id)
    reg_settings = lock_edition(edition_id)
    registration = (
        Registration.objects.select_for_update(of=("self",))
        .select_related("edition", "ticket_type")
        .get(pk=registration_id)
    )
    return reg_settings, registration


def record(registration, from_state, to_state, source, actor=None, note=""):
    """One history row; also written for changes that keep the state (from == to)."""
    RegistrationStateChange.objects.create(
        registration=registration,
        from_state=from_state or "",
        to_state=to_state,
        source=source,
        actor=actor if actor is not None and getattr(actor, "is_authenticated", False) else None,
        note=str(note)[:2000],
    )


def transition(registration, to_state, source, actor=None, note="", **fields):
    """Move a locked registration to ``to_state``, set ``fields`` and write the history."""
    from_state = registration.state
    registration.state = to_state
    for name, value in fields.items():
        setattr(registration, name, value)
    registration.save()
    record(registration, from_state, to_state, source, actor, note)


def queue_email(registration, kind, *, dedupe_key=None, to_email=None, subject="", body="") -> EmailOutbox | None:
    """Write an e-mail to the outbox and send it after commit. With a ``dedupe_key`` the same
    e-mail is never queued twice (the unique constraint decides)."""
    from ..tasks import send_email

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
