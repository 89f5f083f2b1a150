"""Certificates of attendance: issued after the conference to everyone checked in (by the
periodic tick, e-mailed with the PDF), or by an organiser by hand."""

from __future__ import annotations

import datetime

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ..models import Certificate, EmailOutbox, Registration, RegistrationSettings
from .errors import NotAllowed
from .locks import lock_registration, queue_email, record
from .state import Source, State


def _hours(edition):
    from ..certificates import programme_hours

    return programme_hours(edition)


# Editions that ended longer ago than this are not issued automatically (organisers can still
# issue by hand), so nobody gets certificates for a conference years ago when this is deployed.
ISSUE_WITHIN = datetime.timedelta(days=60)


def conference_over(edition, now=None) -> bool:
    return (now or timezone.now()) >= edition.ends_at()


def issue_certificate(registration_id, *, actor=None, hours=None, now=None) -> tuple[Certificate, bool]:
    """Issue (once) the certificate of a confirmed registration and e-mail it. Automatic issue
    needs a check-in; an organiser (``actor``) may issue one by hand. Returns (certificate,
    created)."""
    now = now or timezone.now()
    with transaction.atomic():
        _settings, registration = lock_registration(registration_id)
        existing = Certificate.objects.filter(registration=registration).first()
        if existing:
            return existing, False
        if registration.state != State.CONFIRMED or (actor is None and not registration.checked_in_at):
            raise NotAllowed()
        certificate = Certificate.objects.create(
            registration=registration,
            name=registration.full_name,
            hours=_hours(registration.edition) if hours is None else hours,
            issued_at=now,
            issued_by=actor if getattr(actor, "is_authenticated", False) else None,
        )
        record(
            registration,
            registration.state,
            registration.state,
            Source.ORGANISER if actor else Source.TASK,
            actor,
            _("Certificate of attendance issued"),
        )
        queue_email(registration, EmailOutbox.Kind.CERTIFICATE, dedupe_key=f"certificate:{registration.pk}")
        return certificate, True


def issue_due_certificates(now=None) -> int:
    """The periodic work: after an edition has ended, everyone checked in gets a certificate."""
    now = now or timezone.now()
    issued = 0
    for reg_settings in RegistrationSettings.objects.select_related("edition"):
        edition = reg_settings.edition
        if not conference_over(edition, now) or now - edition.ends_at() > ISSUE_WITHIN:
            continue
        hours = None
        due = Registration.objects.filter(
            edition=edition, state=State.CONFIRMED, checked_in_at__isnull=False, certificate__isnull=True
        ).values_list("pk", flat=True)[:500]
        for pk in due:
            if hours is None:
                hours = _hours(edition)
            issued += issue_certificate(pk, hours=hours, now=now)[1]
    return issued
