"""Every change of a poster submission's state happens here, and only here.

Views, the admin, tasks and the demo call these functions; none writes a submission's state,
authors or files directly. Each function is atomic and re-reads the submission under
``select_for_update()``, so the rules (the call is open, the submission may still be edited,
the abstract is within its limit, one presenting author) are decided again under the lock,
whatever the form saw.

Lock order (always in this order, never the other way round):

1. the call page row (``PosterCallPage``), only when the call's review round must be created
   (the first poster submitted), so two first posters do not make two rounds;
2. the submission row.

History rows (``PosterStateChange``) and e-mails (``PosterEmail`` through ``cms.core.outbox``)
are written in the same transaction, so they exist exactly when the change does.
"""

from __future__ import annotations

import datetime
import logging
from dataclasses import dataclass

from django.core.files.base import ContentFile
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from cms.core.pdf import first_page_png
from cms.core.times import date_and_time
from conference.review.enums import RoundKind
from conference.review.models import Criterion, Round

from .emails import queue_email
from .enums import ACCEPTED_STATES, SubmissionState
from .models import PosterAuthor, PosterCallPage, PosterEmail, PosterStateChange, PosterSubmission, count_words

logger = logging.getLogger(__name__)
Source = PosterStateChange.Source
State = SubmissionState
Kind = PosterEmail.Kind

ROUND_TITLE = "Posterkomiteen"
SCORING_PERIOD = datetime.timedelta(weeks=3)
# (name, weight in percent, help text) on a 1–5 scale.
DEFAULT_CRITERIA = (
    ("Relevans for kommunene", 40, "Svarer prosjektet på et behov i de kommunale helse- og omsorgstjenestene?"),
    ("Metode og kvalitet", 30, "Er metoden egnet og gjort grundig, og er resultatene eller statusen tydelig?"),
    ("Formidling", 30, "Er plakaten forståelig for ansatte og ledere i kommunene?"),
)
# Notes of events that are not state changes, stored untranslated and shown through gettext.
NOTE_CHANGED = gettext_noop("The submission was changed.")
NOTE_FINAL_UPLOADED = gettext_noop("The final poster was uploaded.")
REMINDER_INTERVAL = datetime.timedelta(days=7)
DETAIL_FIELDS = ("contact_name", "contact_email", "title", "background", "method", "results", "relevance", "topic")


class SubmissionError(Exception):
    """A rule refused the change; ``str(exc)`` is safe to show (bokmål through gettext)."""

    field: str | None = None


class CallClosed(SubmissionError):
    def __init__(self, call: PosterCallPage, now=None):
        now = now or timezone.now()
        if now < call.opens_at:
            message = _("The call opens %(time)s.") % {"time": date_and_time(call.opens_at)}
        else:
            message = _("The call closed %(time)s. Submissions can no longer be sent or changed.") % {
                "time": date_and_time(call.closes_at)
            }
        super().__init__(message)


class NotEditable(SubmissionError):
    def __init__(self):
        super().__init__(_("This submission can no longer be changed."))


class AbstractTooLong(SubmissionError):
    field = "background"

    def __init__(self, count: int, limit: int):
        super().__init__(
            _("The abstract has %(count)s words; it may have at most %(limit)s (the four parts together).")
            % {"count": count, "limit": limit}
        )


class PresentingAuthorNeeded(SubmissionError):
    def __init__(self):
        super().__init__(_("Mark exactly one author as the presenting author."))


class FinalUploadClosed(SubmissionError):
    def __init__(self, submission: PosterSubmission):
        deadline = submission.call.final_upload_closes_at
        if submission.is_accepted and deadline is not None and timezone.now() >= deadline:
            message = _("The final poster was due %(time)s.") % {"time": date_and_time(deadline)}
        else:
            message = _("The final poster can be uploaded only after the poster has been accepted.")
        super().__init__(message)


@dataclass
class AuthorDetails:
    name: str
    email: str = ""
    institution: object = None
    municipality: object = None
    affiliation_other: str = ""
    is_presenting: bool = False


def _lock(submission: PosterSubmission) -> PosterSubmission:
    # ``of=("self",)``: only the submission row, not the call page joined for reading.
    return PosterSubmission.objects.select_for_update(of=("self",)).select_related("call").get(pk=submission.pk)


def _check_complete(call: PosterCallPage, details: dict, authors: list[AuthorDetails]) -> None:
    words = count_words(*(details.get(name, "") for name in ("background", "method", "results", "relevance")))
    if words > call.abstract_word_limit:
        raise AbstractTooLong(words, call.abstract_word_limit)
    if sum(1 for a in authors if a.is_presenting) != 1:
        raise PresentingAuthorNeeded()
    if not details.get("title") or not all(details.get(n) for n in ("background", "method", "results", "relevance")):
        raise SubmissionError(_("Fill in the title and all four parts of the abstract."))


def _write(submission: PosterSubmission, details: dict, authors: list[AuthorDetails], municipalities) -> None:
    for name in DETAIL_FIELDS:
        if name in details:
            setattr(submission, name, details[name])
    submission.save()
    submission.authors.all().delete()
    PosterAuthor.objects.bulk_create(
        PosterAuthor(
            submission=submission,
            sort_order=index,
            name=a.name,
            email=a.email or "",
            institution=a.institution,
            municipality=a.municipality,
            affiliation_other=a.affiliation_other or "",
            is_presenting=a.is_presenting,
        )
        for index, a in enumerate(authors)
    )
    if municipalities is not None:
        submission.municipalities.set(municipalities)


def ensure_review_round(call: PosterCallPage) -> Round:
    """The call's review round, created with the committee's default criteria the first time a
    poster is submitted. Locks the call row (first in the lock order)."""
    call = PosterCallPage.objects.select_for_update(of=("self",)).get(pk=call.pk)
    if call.review_round_id:
        return call.review_round
    edition = call.get_parent().specific
    round, created = Round.objects.get_or_create(
        edition=edition,
        kind=RoundKind.POSTERS,
        title=ROUND_TITLE,
        defaults={
            "declarations_open": call.closes_at,
            "scoring_opens": call.closes_at,
            "scoring_closes": call.closes_at + SCORING_PERIOD,
        },
    )
    if created:
        Criterion.objects.bulk_create(
            Criterion(
                round=round, name=name, weight=weight, help_text=help_text, scale_min=1, scale_max=5, sort_order=i
            )
            for i, (name, weight, help_text) in enumerate(DEFAULT_CRITERIA)
        )
    # Only this column: the page's other fields are the editors' (revisions), not ours to save.
    PosterCallPage.objects.filter(pk=call.pk).update(review_round=round)
    return round


@transaction.atomic
def save_submission(
    call: PosterCallPage,
    details: dict,
    authors: list[AuthorDetails],
    *,
    municipalities=None,
    submit: bool,
    submission: PosterSubmission | None = None,
    now=None,
) -> PosterSubmission:
    """Create or change a submission. ``submit=False`` saves a draft (only contact and title
    needed); ``submit=True`` sends it in (or saves changes to a sent one) with every rule checked.

    E-mails: the private link on the first draft save, the receipt when it is sent in; each once."""
    now = now or timezone.now()
    if submission is not None and submission.call_id != call.pk:
        raise NotEditable()
    if not call.is_open(now):
        raise CallClosed(call, now)
    if submit:
        _check_complete(call, details, authors)
        round = call.review_round if call.review_round_id else ensure_review_round(call)
    if submission is None:
        submission = PosterSubmission(call=call, created_at=now)
        from_state = ""
    else:
        submission = _lock(submission)
        if submission.state not in (State.DRAFT, State.SUBMITTED):
            raise NotEditable()
        from_state = submission.state
    consent = details.get("consent_to_publish")
    if consent is not None:
        submission.consent_to_publish = bool(consent)
    if submit and from_state != State.SUBMITTED:
        submission.state = State.SUBMITTED
        submission.submitted_at = now
    if submit:
        submission.review_round = round
    _write(submission, details, authors, municipalities)
    if from_state != submission.state:
        PosterStateChange.record(submission, from_state, submission.state, Source.AUTHOR)
    elif submission.state == State.SUBMITTED:
        PosterStateChange.record(submission, State.SUBMITTED, State.SUBMITTED, Source.AUTHOR, note=NOTE_CHANGED)
    if submission.state == State.SUBMITTED:
        queue_email(submission, Kind.RECEIPT, dedupe_key=f"poster-receipt-{submission.pk}")
    else:
        queue_email(submission, Kind.DRAFT_LINK, dedupe_key=f"poster-draft-link-{submission.pk}")
    return submission


@transaction.atomic
def withdraw(submission: PosterSubmission, *, now=None) -> PosterSubmission:
    """The authors withdraw their draft or submission, while the call is open."""
    now = now or timezone.now()
    submission = _lock(submission)
    if submission.state not in (State.DRAFT, State.SUBMITTED):
        raise NotEditable()
    if not submission.call.is_open(now):
        raise CallClosed(submission.call, now)
    PosterStateChange.transition(submission, State.WITHDRAWN, Source.AUTHOR)
    return submission


def resend_links(call: PosterCallPage, email: str, *, now=None) -> int:
    """Send the private links of ``email``'s submissions to the call again: at most one e-mail
    per submission an hour (the dedupe key), so the form cannot flood an inbox. The caller
    answers the same whether or not anything was found."""
    now = now or timezone.now()
    hour = timezone.localtime(now).strftime("%Y%m%d%H")
    sent = 0
    with transaction.atomic():
        submissions = PosterSubmission.objects.filter(call=call, contact_email__iexact=email.strip()).exclude(
            state=State.WITHDRAWN
        )
        for submission in submissions.select_related("call"):
            if queue_email(submission, Kind.LINK, dedupe_key=f"poster-link-{submission.pk}-{hour}"):
                sent += 1
    return sent


@transaction.atomic
def upload_final(submission: PosterSubmission, pdf, *, now=None) -> PosterSubmission:
    """Store the accepted poster's final PDF (already checked by ``PrivatePDFField``) with a
    preview of page 1. The stored names come from ``final_pdf_path``, never from the sender."""
    now = now or timezone.now()
    submission = _lock(submission)
    if not submission.can_upload_final(now):
        raise FinalUploadClosed(submission)
    try:
        png = first_page_png(pdf)
    except ValueError:
        logger.warning("No preview for poster %s: page 1 could not be rendered", submission.pk)
        png = None
    for old in (submission.final_pdf, submission.preview):
        if old:
            old.delete(save=False)
    pdf.seek(0)
    submission.final_pdf.save("plakat.pdf", pdf, save=False)
    if png:
        submission.preview.save("forhandsvisning.png", ContentFile(png), save=False)
    submission.final_uploaded_at = now
    submission.save()
    PosterStateChange.record(submission, submission.state, submission.state, Source.AUTHOR, note=NOTE_FINAL_UPLOADED)
    queue_email(submission, Kind.FINAL_RECEIVED, dedupe_key=f"poster-final-{submission.pk}-{now.timestamp():.0f}")
    return submission


def _registered_emails(edition) -> set[str]:
    from conference.registration.models import Registration

    edition = getattr(edition, "registration_edition", edition)
    return {
        e.lower()
        for e in Registration.objects.filter(edition=edition, state=Registration.State.CONFIRMED).values_list(
            "email", flat=True
        )
    }


def remind_presenters(*, now=None) -> int:
    """Remind the presenting author of each accepted poster (decision sent) to register, when
    the call requires it: at most once per 7 days, until a confirmed registration with that
    e-mail exists for the edition. Returns how many reminders were queued."""
    now = now or timezone.now()
    queued = 0
    calls = PosterCallPage.objects.filter(presenter_must_register=True)
    for call in calls:
        edition = call.get_parent().specific
        if edition.start_date and edition.start_date < timezone.localdate(now):
            continue
        registered = _registered_emails(edition)
        candidates = (
            PosterSubmission.objects.filter(call=call, state__in=ACCEPTED_STATES, decision_sent_at__isnull=False)
            .filter(Q(register_reminder_at__isnull=True) | Q(register_reminder_at__lte=now - REMINDER_INTERVAL))
            .prefetch_related("authors")
        )
        for candidate in candidates:
            presenter = candidate.presenting_author
            email = (presenter.email if presenter and presenter.email else candidate.contact_email).lower()
            if email in registered:
                continue
            with transaction.atomic():
                submission = _lock(candidate)
                last = submission.register_reminder_at
                if last and last > now - REMINDER_INTERVAL:
                    continue
                submission.register_reminder_at = now
                submission.save(update_fields=["register_reminder_at"])
                queue_email(
                    submission,
                    Kind.REGISTER_REMINDER,
                    to_email=email,
                    dedupe_key=f"poster-register-{submission.pk}-{now:%Y%m%d}",
                )
                queued += 1
    return queued
