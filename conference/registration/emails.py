"""Rendering and sending the registration e-mails (bokmål text + HTML, ticket PDF and .ics)."""

import datetime
import logging

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone, translation

from .models import EmailOutbox

logger = logging.getLogger(__name__)

SUBJECTS = {
    EmailOutbox.Kind.CONFIRMATION: "Påmelding bekreftet: {edition}",
    EmailOutbox.Kind.HELD: "Fullfør betalingen: {edition}",
    EmailOutbox.Kind.MANAGE_LINK: "Lenke til påmeldingen din: {edition}",
    EmailOutbox.Kind.WAITING: "Du står på ventelisten: {edition}",
    EmailOutbox.Kind.OFFER: "Ledig plass til deg: {edition}",
    EmailOutbox.Kind.OFFER_LAPSED: "Tilbudet om plass er utløpt: {edition}",
    EmailOutbox.Kind.HOLD_EXPIRED: "Betalingen ble ikke fullført: {edition}",
    EmailOutbox.Kind.CANCELLED: "Påmeldingen er avbestilt: {edition}",
    EmailOutbox.Kind.LATE_PAYMENT_REFUNDED: "Betalingen er refundert: {edition}",
    EmailOutbox.Kind.REMINDER: "Påminnelse: {edition}",
}


def absolute(path: str) -> str:
    base = getattr(settings, "WAGTAILADMIN_BASE_URL", "") or "http://127.0.0.1:8000"
    return base.rstrip("/") + path


def build_message(outbox: EmailOutbox) -> EmailMultiAlternatives:
    from .tickets import edition_ics, ticket_pdf

    registration = outbox.registration
    with translation.override("nb"):
        context = {"registration": registration, "outbox": outbox, "kind": outbox.kind}
        if registration is not None:
            edition = registration.edition
            context.update(
                edition=edition,
                manage_url=absolute(f"/pamelding/p/{registration.manage_token}/"),
                offer_url=absolute(f"/pamelding/tilbud/{registration.offer_token}/")
                if registration.offer_token
                else "",
            )
        if outbox.kind == EmailOutbox.Kind.CUSTOM:
            subject = outbox.subject
        else:
            subject = SUBJECTS.get(outbox.kind, "{edition}").format(edition=context.get("edition", ""))
        text = render_to_string("registration/email/message.txt", context)
        html = render_to_string("registration/email/message.html", context)
    message = EmailMultiAlternatives(subject, text, settings.DEFAULT_FROM_EMAIL, [outbox.to_email])
    message.attach_alternative(html, "text/html")
    if outbox.kind in (EmailOutbox.Kind.CONFIRMATION, EmailOutbox.Kind.REMINDER) and registration:
        message.attach(f"billett-{registration.reference}.pdf", ticket_pdf(registration), "application/pdf")
        message.attach("konferansen.ics", edition_ics(registration.edition), "text/calendar")
    return message


def deliver(outbox_id: int) -> str:
    """Send one outbox row unless already sent. Failures are recorded and retried later with
    a growing pause; nothing is lost."""
    with transaction.atomic():
        outbox = (
            EmailOutbox.objects.select_for_update(of=("self",))
            .select_related("registration__edition")
            .filter(pk=outbox_id)
            .first()
        )
        if outbox is None:
            return "missing"
        if outbox.sent_at:
            return "already sent"
        outbox.attempts += 1
        try:
            build_message(outbox).send()
        except Exception as exc:  # noqa: BLE001 - any mail failure must be recorded, not lost
            logger.warning("E-mail %s failed (attempt %s): %s", outbox.pk, outbox.attempts, exc)
            outbox.last_error = str(exc)[:2000]
            outbox.next_attempt_at = timezone.now() + datetime.timedelta(minutes=2**outbox.attempts)
            outbox.save()
            return "failed"
        outbox.sent_at = timezone.now()
        outbox.last_error = ""
        outbox.save()
        return "sent"


def retry_pending(now=None) -> int:
    """Send outbox rows that are due (failed earlier, or whose task never ran)."""
    now = now or timezone.now()
    sent = 0
    due = EmailOutbox.objects.filter(
        sent_at__isnull=True, next_attempt_at__lte=now, attempts__lt=EmailOutbox.MAX_ATTEMPTS
    ).values_list("pk", flat=True)[:200]
    for pk in list(due):
        if deliver(pk) == "sent":
            sent += 1
    return sent
