"""The evaluation after the conference: an invitation the day after to everyone checked in, one
answer per invitation, stored without any link to the person (anonymous)."""

from __future__ import annotations

import datetime

from django.db import transaction
from django.utils import timezone

from ..models import (
    FEEDBACK_QUESTIONS,
    FEEDBACK_SCALE,
    EmailOutbox,
    FeedbackInvitation,
    FeedbackResponse,
    Registration,
    RegistrationSettings,
)
from .errors import NotAllowed
from .locks import queue_email
from .state import State

SEND_AFTER = datetime.timedelta(days=1)
# Editions that ended longer ago than this get no invitations (e.g. when the feature is new).
SEND_WITHIN = datetime.timedelta(days=14)


def invitation_due(edition, now=None) -> bool:
    """The day after: from 09.00 Oslo time on the day after the conference's last day."""
    now = now or timezone.now()
    send_at = timezone.make_aware(datetime.datetime.combine(edition.last_date + SEND_AFTER, datetime.time(9, 0)))
    return now >= send_at


def send_feedback_invitations(now=None) -> int:
    """Queue the invitation once per checked-in participant of editions whose day after has come."""
    now = now or timezone.now()
    sent = 0
    for reg_settings in RegistrationSettings.objects.select_related("edition"):
        edition = reg_settings.edition
        if not invitation_due(edition, now) or now - edition.ends_at() > SEND_WITHIN:
            continue
        due = Registration.objects.filter(
            edition=edition, state=State.CONFIRMED, checked_in_at__isnull=False, feedback_invitation__isnull=True
        ).values_list("pk", flat=True)[:500]
        for pk in due:
            with transaction.atomic():
                registration = Registration.objects.select_for_update().get(pk=pk)
                invitation, created = FeedbackInvitation.objects.get_or_create(
                    registration=registration, defaults={"sent_at": now}
                )
                if created:
                    queue_email(registration, EmailOutbox.Kind.FEEDBACK, dedupe_key=f"feedback:{registration.pk}")
                    sent += 1
    return sent


def submit_feedback(token: str, scores: dict, comment: str = "") -> FeedbackResponse:
    """Store one anonymous answer for the invitation ``token``; a second answer is refused
    (``NotAllowed``). Only the "has answered" flag is written on the invitation."""
    clean = {}
    for key, _label in FEEDBACK_QUESTIONS:
        value = scores.get(key)
        if value in (None, ""):
            continue
        try:
            score = int(value)
        except (TypeError, ValueError) as exc:
            raise NotAllowed() from exc
        if score not in FEEDBACK_SCALE:
            raise NotAllowed()
        clean[key] = score
    with transaction.atomic():
        invitation = FeedbackInvitation.objects.select_for_update().select_related("registration").get(token=token)
        if invitation.answered:
            raise NotAllowed()
        invitation.answered = True
        invitation.save(update_fields=["answered"])
        return FeedbackResponse.objects.create(
            edition_id=invitation.registration.edition_id,
            scores=clean,
            comment=(comment or "").strip()[:3000],
            submitted_on=timezone.localdate(),
        )


def feedback_results(edition) -> dict:
    """Per question: how many gave each score, the number of answers and the average."""
    responses = list(FeedbackResponse.objects.filter(edition=edition).only("scores", "comment"))
    questions = []
    for key, label in FEEDBACK_QUESTIONS:
        values = [r.scores[key] for r in responses if key in r.scores]
        counts = [(score, values.count(score)) for score in FEEDBACK_SCALE]
        average = round(sum(values) / len(values), 1) if values else None
        questions.append({"key": key, "label": label, "counts": counts, "answers": len(values), "average": average})
    invited = FeedbackInvitation.objects.filter(registration__edition=edition).count()
    return {
        "responses": len(responses),
        "invited": invited,
        "questions": questions,
        "comments": [r.comment for r in responses if r.comment],
    }
