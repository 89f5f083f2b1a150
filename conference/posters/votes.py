"""The participants' poster prize: one vote per checked-in registration of the edition and call.

Rules (each has a test):

- only when the call's prize is a vote (``PrizeMode.VOTE``) and voting is open;
- only a registration of the call's edition that has been checked in at the door;
- only for a poster published in the call's gallery;
- a participant may change their vote until voting closes: the last vote counts, and there is
  still one row per registration (a unique constraint, and the registration row is locked while
  the vote is written so two tabs cannot both create one);
- the count is hidden from everyone until voting has closed; then the result is public.

This module reaches the call's submissions and votes through the call page's relations and
never imports ``models``: the gallery routes, which ``models`` mixes into the call page, call
it, and an app's modules must not import each other in a loop.
"""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Count
from django.utils import timezone
from django.utils.translation import gettext as _

from cms.core.times import date_and_time
from conference.registration.models import Registration

from .enums import PrizeMode


class VoteError(ValidationError):
    """A refused vote; the message is safe to show to the participant."""


def edition_of(call):
    """The edition whose registrations vote: the original of a translated edition page."""
    return call.get_parent().specific.registration_edition


def check_voting_open(call, now=None) -> None:
    now = now or timezone.now()
    if call.prize_mode != PrizeMode.VOTE:
        raise VoteError(_("There is no participants' vote for the poster prize this year."), code="no_vote")
    if call.voting_has_closed(now):
        raise VoteError(_("Voting closed %(when)s.") % {"when": date_and_time(call.voting_closes_at)}, code="closed")
    if not call.voting_is_open(now):
        if call.voting_opens_at:
            raise VoteError(
                _("Voting opens %(when)s.") % {"when": date_and_time(call.voting_opens_at)}, code="not_open"
            )
        raise VoteError(_("Voting has not opened yet."), code="not_open")


def check_voter(call, registration) -> None:
    if registration.edition_id != edition_of(call).pk:
        raise VoteError(_("This registration is for another conference."), code="other_edition")
    if registration.checked_in_at is None or registration.state != Registration.State.CONFIRMED:
        raise VoteError(
            _("Only participants who have checked in at the conference can vote. Check in at the entrance first."),
            code="not_checked_in",
        )


def current_vote(call, registration):
    return call.votes.filter(registration=registration).select_related("submission").first()


def cast_vote(call, registration, submission_pk, *, now=None):
    """Record ``registration``'s vote for the published poster ``submission_pk`` of ``call``.
    Returns ``(vote, changed)``: ``changed`` is True when an earlier vote was replaced."""
    now = now or timezone.now()
    check_voting_open(call, now)
    with transaction.atomic():
        registration = Registration.objects.select_for_update().get(pk=registration.pk)
        check_voter(call, registration)
        submission = call.submissions.published().filter(pk=submission_pk).first()
        if submission is None:
            raise VoteError(_("Choose one of the posters in the gallery."), code="no_such_poster")
        vote = call.votes.filter(registration=registration).first()
        if vote is None:
            return call.votes.create(submission=submission, registration=registration, cast_at=now), False
        changed = vote.submission_id != submission.pk
        vote.submission, vote.cast_at = submission, now
        vote.save(update_fields=["submission", "cast_at"])
        return vote, changed


def results(call, now=None):
    """The published posters with their number of votes, most votes first — or None while the
    vote is still running (the count is hidden until voting closes)."""
    if call.prize_mode != PrizeMode.VOTE or not call.voting_has_closed(now):
        return None
    return list(
        call.submissions.published()
        .annotate(vote_count=Count("votes"))
        .order_by("-vote_count", "board_number", "pk")
        .select_related("topic")
    )


def prize_winners(call, now=None) -> list:
    """The winners to show: the committee's choice, or after a closed vote the poster(s) with
    the most votes (a tie gives several). Empty while a vote is running or without a prize."""
    if call.prize_mode == PrizeMode.COMMITTEE:
        return list(call.submissions.published().filter(prize_winner=True).order_by("board_number", "pk"))
    ranked = results(call, now)
    if not ranked or ranked[0].vote_count == 0:
        return []
    top = ranked[0].vote_count
    return [s for s in ranked if s.vote_count == top]
