"""The lock discipline, the history of every registration state change and its e-mails.

Locks are always taken in the same order, so two transactions never wait for each other in a
circle: the edition's ``RegistrationSettings`` row → ticket types → add-ons → registrations →
payments (``conference.payments`` takes its row last, when called back from here). A
participant's choice of parallel sessions (``personal_programme``) is counted and written under
the same edition lock, so places in a room are never given twice.
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
    return RegistrationStateChange.record(registration, from_state, to_state, source, actor, note)


def transition(registration, to_state, source, actor=None, note="", **fields):
    """Move a locked registration to ``to_state``, set ``fields`` and write the history."""
    return RegistrationStateChange.transition(registration, to_state, source, actor, note, **fields)


def queue_email(registration, kind, *, dedupe_key=None, to_email=None, subject="", body="") -> EmailOutbox | None:
    """Write an e-mail to the outbox in the caller's transaction; it is sent after commit, never
    twice for one ``dedupe_key`` (``cms.core.outbox``)."""
    from ..emails import queue_email as queue

    return queue(registration, kind, dedupe_key=dedupe_key, to_email=to_email, subject=subject, body=body)
