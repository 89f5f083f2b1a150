"""Rendering the review e-mails (bokmål text + HTML). Queueing, delivery and retries are the
site-wide outbox's (``cms.core.outbox``)."""

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _

from cms.core import times
from cms.core.outbox import absolute_url

from .models import ReviewEmail

absolute = absolute_url


def build_message(row: ReviewEmail) -> EmailMultiAlternatives:
    member = row.member
    round = member.round
    with translation.override("nb"):
        context = {
            "kind": row.kind,
            "member": member,
            "round": round,
            "edition": round.edition,
            "admin_url": absolute(reverse("review_admin:index")),
        }
        if row.invitation is not None:
            context["accept_url"] = absolute(
                reverse("review:accept_invitation", kwargs={"token": row.invitation.token})
            )
            context["expires"] = times.date_and_time(row.invitation.expires_at)
        if row.kind == ReviewEmail.Kind.INVITATION:
            subject = _("Invitation to the panel: %(round)s") % {"round": round.title}
        else:
            subject = _("You have been added to the panel: %(round)s") % {"round": round.title}
        text = render_to_string("review/email/message.txt", context)
        html = render_to_string("review/email/message.html", context)
    message = EmailMultiAlternatives(subject, text, settings.DEFAULT_FROM_EMAIL, [row.to_email])
    message.attach_alternative(html, "text/html")
    return message
