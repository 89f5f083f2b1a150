"""Rendering the registration e-mails (bokmål text + HTML, ticket PDF and .ics). Queueing,
delivery and retries are the site-wide outbox's (``cms.core.outbox``); the functions at the end
are the registration-specific entry points to it."""

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext_lazy as _

from cms.core import outbox as core_outbox
from cms.core import times
from cms.core.outbox import absolute_url

from .models import EmailOutbox, Registration
from .policy import can_cancel
from .pricing import invoice_recipient_lines, price_summary

# Subjects and the opening paragraph per kind of e-mail, shared by the text and HTML versions.
# E-mails are rendered in bokmål (``translation.override("nb")``); msgids are English.
SUBJECTS = {
    EmailOutbox.Kind.CONFIRMATION: _("Registration confirmed: %(edition)s"),
    EmailOutbox.Kind.HELD: _("Complete your payment: %(edition)s"),
    EmailOutbox.Kind.MANAGE_LINK: _("Link to your registration: %(edition)s"),
    EmailOutbox.Kind.WAITING: _("You are on the waiting list: %(edition)s"),
    EmailOutbox.Kind.OFFER: _("A seat for you: %(edition)s"),
    EmailOutbox.Kind.OFFER_LAPSED: _("The seat offer has lapsed: %(edition)s"),
    EmailOutbox.Kind.HOLD_EXPIRED: _("The payment was not completed: %(edition)s"),
    EmailOutbox.Kind.CANCELLED: _("Registration cancelled: %(edition)s"),
    EmailOutbox.Kind.LATE_PAYMENT_REFUNDED: _("Your payment has been refunded: %(edition)s"),
    EmailOutbox.Kind.REMINDER: _("Reminder: %(edition)s"),
    EmailOutbox.Kind.GROUP_ORDER: _("Group order received: %(edition)s"),
    EmailOutbox.Kind.TRANSFERRED: _("Your seat has been transferred: %(edition)s"),
    EmailOutbox.Kind.CERTIFICATE: _("Certificate of attendance: %(edition)s"),
    EmailOutbox.Kind.FEEDBACK: _("What did you think of %(edition)s?"),
    EmailOutbox.Kind.SHARE_REFUNDED: _("Registration cancelled and refunded: %(edition)s"),
    EmailOutbox.Kind.ORDER_REFUNDED: _("Refund on your group order: %(edition)s"),
}
# E-mails whose opening paragraph (with the amount) was written in bokmål when queued.
WRITTEN_WHEN_QUEUED = (EmailOutbox.Kind.SHARE_REFUNDED, EmailOutbox.Kind.ORDER_REFUNDED)
LEADS = {
    EmailOutbox.Kind.CONFIRMATION: _("Thank you for registering! You have a seat at %(edition)s."),
    EmailOutbox.Kind.REMINDER: _("A reminder that %(edition)s starts soon. Welcome!"),
    EmailOutbox.Kind.MANAGE_LINK: _(
        "Someone (probably you) tried to register this e-mail address again. The address is already "
        "registered for %(edition)s. Here is the link to your registration."
    ),
    EmailOutbox.Kind.WAITING: _(
        "The conference is fully booked, and you are now on the waiting list for %(edition)s. If a seat "
        "becomes free, you will get an e-mail with an offer that is valid for a limited time."
    ),
    EmailOutbox.Kind.OFFER: _(
        "A seat has become free at %(edition)s, and it is yours if you want it. The offer is valid until %(expires)s."
    ),
    EmailOutbox.Kind.OFFER_LAPSED: _(
        "The offer of a seat at %(edition)s was not accepted in time, and the seat passes to the next "
        "person on the waiting list."
    ),
    EmailOutbox.Kind.HOLD_EXPIRED: _(
        "The card payment for %(edition)s was not completed in time, so the seat we held for you has been "
        "released. You can register again if there are still seats available."
    ),
    EmailOutbox.Kind.CANCELLED: _("Your registration for %(edition)s is cancelled."),
    EmailOutbox.Kind.FEEDBACK: _(
        "Thank you for taking part in %(edition)s. Would you answer four short questions? It takes two minutes, "
        "and your answers are anonymous: we only store that you have answered, not what you answered."
    ),
    EmailOutbox.Kind.CERTIFICATE: _(
        "Thank you for taking part in %(edition)s. Your certificate of attendance (kursbevis) with the hours of "
        "the programme is attached as a PDF. You can also download it from your registration page."
    ),
    EmailOutbox.Kind.GROUP_ORDER: _(
        "Thank you for the group order for %(edition)s. Each participant gets their own e-mail with the ticket "
        "and a link to their own registration. These are the participants:"
    ),
    EmailOutbox.Kind.TRANSFERRED: _(
        "Your seat at %(edition)s has been transferred to someone else, who has been sent a new ticket. Your "
        "old ticket is no longer valid."
    ),
    EmailOutbox.Kind.LATE_PAYMENT_REFUNDED: _(
        "Your payment for %(edition)s arrived after the seat we held for you had been released, and the "
        "conference was then fully booked. We have therefore refunded the full amount to your card. It may "
        "take a few days before the money is back in your account."
    ),
}
CANCELLATION_NOTES = {
    "card": _("The payment is refunded to your card."),
    "group_card": _("What was paid for you is refunded to the card the group order was paid with."),
    "invoice": _("If the invoice has already been sent, your employer will get a credit note."),
}


# E-mails after which the attendee may still change their registration (if its state allows).
# The others report an end (cancelled, expired, transferred, refunded) or come after the
# conference (certificate, evaluation): their link only shows the registration.
CHANGEABLE_KINDS = {
    EmailOutbox.Kind.CONFIRMATION,
    EmailOutbox.Kind.HELD,
    EmailOutbox.Kind.MANAGE_LINK,
    EmailOutbox.Kind.WAITING,
    EmailOutbox.Kind.OFFER,
    EmailOutbox.Kind.REMINDER,
}


absolute = absolute_url


def manage_link_label(outbox: EmailOutbox) -> str:
    """What the link to the attendee's page offers: never "change or cancel" for a registration
    that cannot be changed or cancelled any more."""
    registration = outbox.registration
    if outbox.kind not in CHANGEABLE_KINDS or registration.state not in Registration.ACTIVE_STATES:
        return str(_("See your registration"))
    if can_cancel(registration):
        return str(_("See, change or cancel your registration"))
    return str(_("See or change your registration"))


def build_message(outbox: EmailOutbox) -> EmailMultiAlternatives:
    from .tickets import edition_ics, ticket_pdf

    registration = outbox.registration
    with translation.override("nb"):
        context = {
            "registration": registration,
            "outbox": outbox,
            "kind": outbox.kind,
            "greeting_name": registration.first_name if registration is not None else "",
        }
        if registration is not None:
            edition = registration.edition
            context.update(
                edition=edition,
                manage_url=absolute(reverse("registration:manage", kwargs={"token": registration.manage_token})),
                offer_url=absolute(reverse("registration:offer", kwargs={"token": registration.offer_token}))
                if registration.offer_token
                else "",
            )
        values = {"edition": context.get("edition", "")}
        if registration is not None and registration.offer_expires_at:
            values["expires"] = times.date_and_time(registration.offer_expires_at)
        if outbox.kind in LEADS:
            context["lead"] = str(LEADS[outbox.kind]) % values
        elif outbox.kind in WRITTEN_WHEN_QUEUED:
            context["lead"] = outbox.body
        if outbox.kind == EmailOutbox.Kind.ORDER_REFUNDED and registration is not None and registration.group_order:
            # To the orderer: their order page, not the participant's personal link.
            order = registration.group_order
            context.update(
                greeting_name=order.first_name,
                order_url=absolute(reverse("registration:group_order", kwargs={"token": order.manage_token})),
            )
        if outbox.kind == EmailOutbox.Kind.GROUP_ORDER and registration is not None and registration.group_order:
            order = registration.group_order
            context.update(
                greeting_name=order.first_name,
                order_url=absolute(reverse("registration:group_order", kwargs={"token": order.manage_token})),
                order_registrations=list(order.registrations.select_related("edition").order_by("pk")),
            )
        if outbox.kind == EmailOutbox.Kind.FEEDBACK and registration is not None:
            invitation = getattr(registration, "feedback_invitation", None)
            if invitation is not None:
                context["feedback_url"] = absolute(reverse("registration:feedback", kwargs={"token": invitation.token}))
        if registration is not None:
            context["manage_label"] = manage_link_label(outbox)
        if outbox.kind == EmailOutbox.Kind.CONFIRMATION and registration is not None:
            if registration.amount_ore or registration.payment_method == registration.PaymentMethod.INVOICE:
                context["prices"] = price_summary(registration)
            if registration.payment_method == registration.PaymentMethod.INVOICE:
                context["invoice_recipient"] = invoice_recipient_lines(registration)
        if outbox.kind == EmailOutbox.Kind.CANCELLED and registration is not None:
            method = registration.payment_method
            if method == "card" and registration.group_order_id:
                method = "group_card"
            context["cancellation_note"] = CANCELLATION_NOTES.get(method, "")
        if outbox.kind == EmailOutbox.Kind.CUSTOM:
            subject = outbox.subject
        else:
            subject = str(SUBJECTS.get(outbox.kind, "%(edition)s")) % values
        text = render_to_string("registration/email/message.txt", context)
        html = render_to_string("registration/email/message.html", context)
    message = EmailMultiAlternatives(subject, text, settings.DEFAULT_FROM_EMAIL, [outbox.to_email])
    message.attach_alternative(html, "text/html")
    if outbox.kind in (EmailOutbox.Kind.CONFIRMATION, EmailOutbox.Kind.REMINDER) and registration:
        message.attach(f"billett-{registration.reference}.pdf", ticket_pdf(registration), "application/pdf")
        message.attach("konferansen.ics", edition_ics(registration.edition), "text/calendar")
    if outbox.kind == EmailOutbox.Kind.CERTIFICATE and registration and hasattr(registration, "certificate"):
        from .certificates import certificate_pdf

        message.attach(
            f"kursbevis-{registration.reference}.pdf", certificate_pdf(registration.certificate), "application/pdf"
        )
    return message


def queue_email(registration, kind, *, dedupe_key=None, to_email=None, subject="", body="") -> EmailOutbox | None:
    """Write a registration e-mail to the outbox and send it after commit (``cms.core.outbox``).
    With a ``dedupe_key`` the same e-mail is never queued twice. Returns None for a duplicate."""
    return core_outbox.queue_email(
        EmailOutbox,
        dedupe_key=dedupe_key,
        registration=registration,
        kind=kind,
        to_email=to_email or (registration.email if registration else ""),
        subject=subject,
        body=body,
    )


def deliver(outbox_id: int) -> str:
    """Send one registration e-mail unless already sent (see ``cms.core.outbox.deliver``)."""
    return core_outbox.deliver(EmailOutbox, outbox_id)


def retry_pending(now=None) -> int:
    """Send registration e-mails that are due (failed earlier, or whose task never ran)."""
    return core_outbox.retry_pending([EmailOutbox], now=now)
