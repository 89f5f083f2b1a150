"""The posters' e-mails, queued through ``cms.core.outbox`` in the transaction that causes them.

Each kind has a subject in ``SUBJECTS`` and a body template ``posters/email/<kind>.txt`` (plain
text, bokmål); the private link of the submission is in the context as ``link_url``."""

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.urls import NoReverseMatch
from django.utils import translation
from django.utils.translation import gettext_lazy as _

from cms.core import outbox as core_outbox
from cms.core.outbox import absolute_url

from .models import PosterEmail

SUBJECTS = {
    PosterEmail.Kind.RECEIPT: _("Poster received: %(title)s"),
    PosterEmail.Kind.DRAFT_LINK: _("Your poster draft: %(title)s"),
    PosterEmail.Kind.LINK: _("Link to your poster: %(title)s"),
    PosterEmail.Kind.DECISION: _("Decision on your poster: %(title)s"),
    PosterEmail.Kind.FINAL_RECEIVED: _("Final poster received: %(title)s"),
    PosterEmail.Kind.REGISTER_REMINDER: _("Remember to register for the conference: %(title)s"),
}


def link_url(submission) -> str:
    """The absolute private link of a submission (its status and edit page)."""
    call = submission.call
    try:
        path = call.url + call.reverse_subpage("submission", kwargs={"token": submission.token})
    except (NoReverseMatch, TypeError):
        path = call.url or "/"
    return absolute_url(path)


def build_message(outbox: PosterEmail) -> EmailMultiAlternatives:
    submission = outbox.submission
    with translation.override("nb"):
        context = {"submission": submission, "outbox": outbox, "kind": outbox.kind}
        values = {"title": ""}
        if submission is not None:
            context.update(
                call=submission.call, edition=submission.call.get_parent().specific, link_url=link_url(submission)
            )
            values["title"] = submission.title
        subject = outbox.subject or str(SUBJECTS.get(outbox.kind, "%(title)s")) % values
        text = outbox.body or render_to_string(f"posters/email/{outbox.kind}.txt", context)
    return EmailMultiAlternatives(subject, text, settings.DEFAULT_FROM_EMAIL, [outbox.to_email])


def queue_email(submission, kind, *, dedupe_key=None, to_email=None, subject="", body="") -> PosterEmail | None:
    """Queue a poster e-mail (sent after commit). With ``dedupe_key`` never twice."""
    return core_outbox.queue_email(
        PosterEmail,
        dedupe_key=dedupe_key,
        submission=submission,
        kind=kind,
        to_email=to_email or submission.contact_email,
        subject=subject,
        body=body,
    )
