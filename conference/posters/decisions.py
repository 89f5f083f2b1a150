"""The organisers' state changes on posters after review: decisions, the batch of decision
e-mails, board numbers and the committee's poster prize. (The authors' own changes — submit,
withdraw, upload — are in ``services``; the participants' prize votes in ``votes``.)

Lock order, the same as ``services``: the **submission** rows, always in primary-key order when
several are taken at once, so two organisers working on the same call cannot deadlock. Every
function re-reads what it changes under ``select_for_update()`` inside ``transaction.atomic``,
writes the history (``PosterStateChange``) and, for decisions, the review engine's audit trail
(``conference.review.services.record_decision``) in the same transaction.

A decision is the organiser's until it is sent: ``decide`` may change it as often as needed,
and the author sees nothing. ``send_decisions`` queues one e-mail per decided poster (dedupe key
``poster-decision-<pk>``) and sets ``decision_sent_at`` under the row lock, so a double submit
or a second tab sends each e-mail once; from then on the decision is final and shown on the
author's private link (which reads ``decision_sent_at``).
"""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from cms.core.history import note_text
from conference.review import services as review_services

from . import emails
from .enums import ACCEPTED_STATES, DECISION_STATES, PrizeMode, SubmissionState
from .models import PosterEmail, PosterStateChange, PosterSubmission

Source = PosterStateChange.Source


class DecisionError(ValidationError):
    """A refused organiser action; the message is safe to show in the admin."""


def _user(actor):
    return actor if getattr(actor, "is_authenticated", False) else None


def _lock(submission) -> PosterSubmission:
    return PosterSubmission.objects.select_for_update(of=("self",)).select_related("review_round").get(pk=submission.pk)


def decision_dedupe_key(submission) -> str:
    return f"poster-decision-{submission.pk}"


# --- Decisions ---------------------------------------------------------------------------------


def decide(submission, decision: str, *, note: str = "", actor=None, now=None) -> PosterSubmission:
    """Accept, accept with changes or reject a submitted poster, with a note to the authors.

    Refused for drafts and withdrawn posters and once the decision has been sent. A poster that
    is no longer accepted loses its board number."""
    now = now or timezone.now()
    note = (note or "").strip()
    if decision not in DECISION_STATES:
        raise DecisionError(_("Choose accept, accept with changes or reject."), code="bad_decision")
    if decision == SubmissionState.CHANGES_REQUESTED and not note:
        raise DecisionError(_("Tell the authors which changes you ask for."), code="note_required")
    with transaction.atomic():
        locked = _lock(submission)
        if locked.decision_sent_at is not None:
            raise DecisionError(
                _("The decision has already been sent to the authors and can no longer be changed."), code="sent"
            )
        if locked.state not in (SubmissionState.SUBMITTED, *DECISION_STATES):
            raise DecisionError(_("Only submitted posters can be decided."), code="not_submitted")
        if locked.state == decision and locked.decision_note == note:
            return locked
        fields = {"decision_note": note, "decided_at": now, "decided_by": _user(actor)}
        if decision not in ACCEPTED_STATES:
            fields["board_number"] = None
            fields["prize_winner"] = False
        PosterStateChange.transition(locked, decision, Source.ORGANISER, actor, note=note, **fields)
        review_services.record_decision(locked.review_round, locked, decision, actor=actor, note=note)
        return locked


def pending_decisions(call):
    """The call's decided posters whose decision e-mail has not been sent."""
    return PosterSubmission.objects.filter(call=call, state__in=DECISION_STATES, decision_sent_at__isnull=True)


def send_decisions(call, *, actor=None, now=None) -> int:
    """Send every pending decision of ``call`` in one batch; returns how many were sent.

    The rows are locked in primary-key order and re-read, so a second batch started at the same
    time waits and then finds nothing left to send; the dedupe key is the second guard."""
    now = now or timezone.now()
    sent = 0
    with transaction.atomic():
        pending = list(pending_decisions(call).select_for_update(of=("self",)).order_by("pk"))
        for submission in pending:
            queued = emails.queue_email(
                submission, PosterEmail.Kind.DECISION, dedupe_key=decision_dedupe_key(submission)
            )
            submission.decision_sent_at = now
            submission.save(update_fields=["decision_sent_at", "updated_at"])
            PosterStateChange.record(
                submission,
                submission.state,
                submission.state,
                Source.ORGANISER,
                actor=actor,
                note=gettext_lazy("Decision e-mail sent.") if queued else gettext_lazy("Decision marked as sent."),
            )
            sent += 1
    return sent


def preview_decision(submission, decision: str, note: str | None = None):
    """The decision e-mail ``submission`` would get if the decision were ``decision``: the
    message (subject, body, recipient) rendered from the real template, nothing saved."""
    if decision not in DECISION_STATES:
        raise DecisionError(_("Choose accept, accept with changes or reject."), code="bad_decision")
    shown = PosterSubmission.objects.select_related("call", "topic").get(pk=submission.pk)
    shown.state = decision
    if note is not None:
        shown.decision_note = note
    outbox = PosterEmail(submission=shown, kind=PosterEmail.Kind.DECISION, to_email=shown.contact_email)
    return emails.build_message(outbox)


# --- Board numbers ------------------------------------------------------------------------------


def _board_order(submission):
    topic = submission.topic
    return (
        topic is None,
        topic.sort_order if topic is not None and topic.sort_order is not None else 0,
        submission.title.casefold(),
        submission.pk,
    )


def assign_board_numbers(call, *, actor=None) -> int:
    """Give every accepted poster of ``call`` without a board number the lowest free numbers,
    by topic order and then title. Numbers already given are kept, so running it again after a
    late acceptance numbers only the new poster. Returns how many were numbered."""
    with transaction.atomic():
        accepted = list(
            PosterSubmission.objects.select_for_update(of=("self",))
            .filter(call=call, state__in=ACCEPTED_STATES)
            .select_related("topic")
            .order_by("pk")
        )
        taken = set(
            PosterSubmission.objects.filter(call=call, board_number__isnull=False).values_list(
                "board_number", flat=True
            )
        )
        todo = sorted((s for s in accepted if s.board_number is None), key=_board_order)
        number = 0
        for submission in todo:
            number += 1
            while number in taken:
                number += 1
            taken.add(number)
            submission.board_number = number
            submission.save(update_fields=["board_number", "updated_at"])
            PosterStateChange.record(
                submission,
                submission.state,
                submission.state,
                Source.ORGANISER,
                actor=actor,
                note=note_text(gettext_lazy("Board number %(number)s."), number=number),
            )
        return len(todo)


def set_board_numbers(call, numbers: dict[int, int | None], *, actor=None) -> int:
    """Set the board numbers of accepted posters of ``call`` by hand (``{submission pk: number
    or None}``); numbers may be swapped in one go. Refused with a clear message when a number
    would be used twice in the call. Returns how many changed."""
    with transaction.atomic():
        locked = {
            s.pk: s
            for s in PosterSubmission.objects.select_for_update(of=("self",))
            .filter(call=call)
            .filter(Q(pk__in=list(numbers)) | Q(board_number__isnull=False))
            .order_by("pk")
        }
        for pk, number in numbers.items():
            submission = locked.get(pk)
            if submission is None or not submission.is_accepted:
                raise DecisionError(_("Only accepted posters of this call get a board number."), code="not_accepted")
            if number is not None and number < 1:
                raise DecisionError(_("A board number is a whole number from 1."), code="bad_number")
        final = {pk: s.board_number for pk, s in locked.items()}
        final.update(numbers)
        holders: dict[int, list[PosterSubmission]] = {}
        for pk, number in final.items():
            if number is not None:
                holders.setdefault(number, []).append(locked[pk])
        for number, posters in sorted(holders.items()):
            if len(posters) > 1:
                raise DecisionError(
                    _("Board number %(number)s would be used twice: %(titles)s. Choose another number.")
                    % {"number": number, "titles": " og ".join(f"«{p.title}»" for p in posters)},
                    code="duplicate",
                )
        changed = [locked[pk] for pk, number in numbers.items() if locked[pk].board_number != number]
        # Free the old numbers first, so a swap never meets the unique constraint half-way.
        old_numbers = {s.pk: s.board_number for s in changed}
        for submission in changed:
            submission.board_number = None
            submission.save(update_fields=["board_number", "updated_at"])
        try:
            for submission in changed:
                number = numbers[submission.pk]
                submission.board_number = number
                submission.save(update_fields=["board_number", "updated_at"])
                PosterStateChange.record(
                    submission,
                    submission.state,
                    submission.state,
                    Source.ORGANISER,
                    actor=actor,
                    note=note_text(
                        gettext_lazy("Board number changed from %(old)s to %(new)s."),
                        old=old_numbers[submission.pk] or "–",
                        new=number or "–",
                    ),
                )
        except IntegrityError as exc:  # a poster numbered by a concurrent transaction
            raise DecisionError(
                _("Another organiser changed the board numbers at the same time. Reload and try again."),
                code="conflict",
            ) from exc
        return len(changed)


# --- The committee's poster prize ---------------------------------------------------------------


def set_prize_winner(submission, winner: bool, *, actor=None) -> PosterSubmission:
    """Mark (or unmark) a published poster as a winner of the committee's poster prize.
    Refused when the call's prize is a participants' vote (the votes decide) or has no prize."""
    with transaction.atomic():
        locked = _lock(submission)
        call = locked.call
        if call.prize_mode != PrizeMode.COMMITTEE:
            raise DecisionError(
                _("In this call the poster prize is not chosen by the committee."), code="not_committee"
            )
        if winner and not PosterSubmission.objects.published().filter(pk=locked.pk).exists():
            raise DecisionError(_("Only a published poster can win the poster prize."), code="not_published")
        if locked.prize_winner == winner:
            return locked
        locked.prize_winner = winner
        locked.save(update_fields=["prize_winner", "updated_at"])
        label = "winner" if winner else "not winner"
        PosterStateChange.record(
            locked,
            locked.state,
            locked.state,
            Source.ORGANISER,
            actor=actor,
            note=gettext_lazy("Poster prize winner.") if winner else gettext_lazy("No longer a poster prize winner."),
        )
        review_services.record_decision(locked.review_round, locked, label, actor=actor)
        return locked


# --- The project in the registry ----------------------------------------------------------------


def set_project(submission, project, *, actor=None) -> PosterSubmission:
    """Link a poster to the project it presents in the registry (or unlink it with ``None``).
    Any poster under review may be linked; the public sees the link both ways only while the
    poster is published and the project page live and public (``related``)."""
    with transaction.atomic():
        locked = _lock(submission)
        if locked.state in (SubmissionState.DRAFT, SubmissionState.WITHDRAWN):
            raise DecisionError(_("Only a poster that has been sent in can be linked to a project."), code="not_sent")
        if locked.registry_project_id == (project.pk if project else None):
            return locked
        locked.registry_project = project
        locked.save(update_fields=["registry_project", "updated_at"])
        if project is None:
            note = note_text(gettext_lazy("No longer linked to a project in the registry."))
        else:
            note = note_text(gettext_lazy("Linked to the project “%(title)s” in the registry."), title=project.title)
        PosterStateChange.record(locked, locked.state, locked.state, Source.ORGANISER, actor=actor, note=note)
        return locked
