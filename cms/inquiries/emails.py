"""The portal's e-mails, queued through ``cms.core.outbox`` in the transaction that causes them.

Each kind has a subject in ``SUBJECTS`` and a body template ``inquiries/email/<kind>.txt``
(plain text, bokmål). E-mails to FoU-contacts hold no personal data of the researcher: the
reference, the title and a link to the admin, where the contact logs in to read the rest."""

from __future__ import annotations

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext_lazy as _

from cms.core import outbox as core_outbox
from cms.core.outbox import absolute_url

from .models import Inquiry, InquiryEmail, InquiryRouting

SUBJECTS = {
    InquiryEmail.Kind.RECEIPT: _("Research inquiry received: %(reference)s"),
    InquiryEmail.Kind.NEW: _("New research inquiry for %(where)s: %(reference)s"),
    InquiryEmail.Kind.STATUS: _("News about your research inquiry %(reference)s"),
    InquiryEmail.Kind.REPLY: _("The researcher has answered: %(reference)s"),
    InquiryEmail.Kind.REMINDER: _("Reminder: research inquiry %(reference)s is waiting"),
    InquiryEmail.Kind.DIGEST: _("Research inquiries waiting for you"),
}


def status_url(inquiry: Inquiry) -> str:
    return absolute_url(reverse("inquiries:status", args=[inquiry.token]))


def admin_url(routing: InquiryRouting) -> str:
    return absolute_url(reverse("inquiries_admin:detail", args=[routing.pk]))


def build_message(outbox: InquiryEmail) -> EmailMultiAlternatives:
    with translation.override("nb"):
        inquiry, routing = outbox.inquiry, outbox.routing
        context = {"outbox": outbox, "inquiry": inquiry, "routing": routing}
        values = {"reference": "", "where": ""}
        if inquiry is not None:
            context["status_url"] = status_url(inquiry)
            values["reference"] = inquiry.reference
        if routing is not None:
            context["admin_url"] = admin_url(routing)
            values["where"] = routing.where
        subject = outbox.subject or str(SUBJECTS.get(outbox.kind, "%(reference)s")) % values
        text = outbox.body or render_to_string(f"inquiries/email/{outbox.kind}.txt", context)
    return EmailMultiAlternatives(subject, text, settings.DEFAULT_FROM_EMAIL, [outbox.to_email])


def queue(kind, *, to_email, inquiry=None, routing=None, dedupe_key=None, subject="", body=""):
    """Queue one inquiry e-mail (sent after commit); with ``dedupe_key`` never twice."""
    if not to_email:
        return None
    return core_outbox.queue_email(
        InquiryEmail,
        dedupe_key=dedupe_key,
        kind=kind,
        to_email=to_email,
        inquiry=inquiry,
        routing=routing,
        subject=subject,
        body=body,
    )


def render_body(kind, *, inquiry=None, routing=None, **extra) -> str:
    """The text of an e-mail rendered now (for e-mails that quote what was written at the time:
    an answer, a digest), in bokmål."""
    with translation.override("nb"):
        context = {"inquiry": inquiry, "routing": routing, **extra}
        if inquiry is not None:
            context["status_url"] = status_url(inquiry)
        if routing is not None:
            context["admin_url"] = admin_url(routing)
        return render_to_string(f"inquiries/email/{kind}.txt", context)


def subject(kind_or_text, **values) -> str:
    """An e-mail subject in bokmål, whatever the language of the request that causes it."""
    with translation.override("nb"):
        return str(SUBJECTS.get(kind_or_text, kind_or_text)) % values
