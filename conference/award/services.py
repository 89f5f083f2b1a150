"""Every change of award state happens here: rounds (kept in step with the engine round),
nominations and their private links, the nominee's decline, merging candidates, the jury's
decision and its confirmations, and publication at the ceremony.

Each function is atomic and locks its owner row first (``select_for_update``): the award round
for decisions and merges, the nomination for edits and declines. Jury declarations and scores
are the engine's (``conference.review.services``); this module only calls it. History goes to
``NominationChange`` (nominations) and the engine's ``ReviewLogEntry`` (every jury action).
"""

from __future__ import annotations

import html
import logging

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from cms.core import outbox
from cms.core.history import note_text
from cms.core.page_cache import bump_generation
from conference.review import services as review_services
from conference.review.enums import RoundKind
from conference.review.models import Criterion, PanelMember, Round

from .enums import DEFAULT_CRITERIA, NominationState
from .models import (
    AwardArchivePage,
    AwardEmail,
    AwardRound,
    AwardWinner,
    Candidate,
    Decision,
    DecisionConfirmation,
    Nomination,
    NominationAttachment,
    NominationChange,
)

logger = logging.getLogger(__name__)
Source = NominationChange.Source
Kind = AwardEmail.Kind

NOMINATION_FIELDS = [
    "nominator_name",
    "nominator_email",
    "nominator_institution",
    "nominator_municipality",
    "nominee_kind",
    "nominee_name",
    "nominee_affiliation",
    "nominee_institution",
    "nominee_municipality",
    "nominee_email",
    "projects",
    "registry_project",
    "justification",
    "nominee_knows",
    "may_contact",
]


class AwardError(ValidationError):
    """A refused award action; the message is bokmål and safe to show."""


# --- Rounds -------------------------------------------------------------------------------------


def save_round(award_round: AwardRound) -> AwardRound:
    """Save the award round and keep its engine round (kind "award") in step: created with the
    default criteria the first time, its title and dates updated after that."""
    with transaction.atomic():
        award_round.save()
        award_round = (
            AwardRound.objects.select_for_update(of=("self",)).select_related("edition").get(pk=award_round.pk)
        )
        dates = {
            "declarations_open": award_round.declarations_open,
            "scoring_opens": award_round.scoring_opens,
            "scoring_closes": award_round.scoring_closes,
        }
        title = f"{award_round.title} {award_round.edition.year}"[:200]
        if award_round.review_round_id is None:
            review_round = Round.objects.create(edition=award_round.edition, kind=RoundKind.AWARD, title=title, **dates)
            for order, (name, help_text) in enumerate(DEFAULT_CRITERIA):
                Criterion.objects.create(round=review_round, name=name, help_text=help_text, sort_order=order)
            award_round.review_round = review_round
            award_round.save(update_fields=["review_round"])
        else:
            Round.objects.filter(pk=award_round.review_round_id).update(title=title, **dates)
        return award_round


def round_for_year(year: int) -> AwardRound | None:
    return AwardRound.objects.select_related("edition", "review_round").filter(edition__year=year).first()


# --- Nominations --------------------------------------------------------------------------------


def _normal(text: str) -> str:
    return " ".join((text or "").split()).casefold()


def _find_or_create_candidate(nomination: Nomination) -> Candidate:
    """The candidate of the same nominee in this round (same contact e-mail, or same name and
    workplace), or a new one. Organisers merge and split by hand where this guess is wrong."""
    candidates = Candidate.objects.select_for_update().filter(award_round=nomination.award_round)
    email = nomination.nominee_email.strip().lower()
    for candidate in candidates:
        if email and candidate.contact_email.lower() == email:
            return candidate
        if _normal(candidate.name) == _normal(nomination.nominee_name) and _normal(candidate.affiliation) == _normal(
            nomination.nominee_affiliation
        ):
            return candidate
    return Candidate.objects.create(
        award_round=nomination.award_round,
        review_round_id=nomination.award_round.review_round_id,
        name=nomination.nominee_name,
        kind=nomination.nominee_kind,
        affiliation=nomination.nominee_affiliation,
        contact_email=nomination.nominee_email,
    )


def _queue(nomination, kind, to_email, dedupe_key):
    return outbox.queue_email(AwardEmail, dedupe_key=dedupe_key, nomination=nomination, kind=kind, to_email=to_email)


def _tell_nominee(nomination: Nomination, now) -> None:
    if nomination.nominee_told_at or not nomination.may_contact or nomination.state != NominationState.SUBMITTED:
        return
    nomination.nominee_told_at = now
    nomination.save(update_fields=["nominee_told_at"])
    _queue(nomination, Kind.NOMINEE, nomination.nominee_email, f"award-nominee-{nomination.pk}")
    NominationChange.record(
        nomination, nomination.state, nomination.state, Source.SYSTEM, note=gettext_lazy("Nominee told")
    )


def _add_attachments(nomination: Nomination, files, now) -> None:
    for upload in files or []:
        NominationAttachment.objects.create(
            nomination=nomination, file=upload, original_name=upload.name[:200], uploaded_at=now
        )


def submit_nomination(award_round: AwardRound, data: dict, files=(), *, now=None) -> Nomination:
    """Create a nomination from a checked form: grouped under its candidate, PDFs stored, a
    receipt with the private link sent, and the nominee told if the nominator allowed it."""
    now = now or timezone.now()
    with transaction.atomic():
        award_round = AwardRound.objects.select_for_update().get(pk=award_round.pk)
        if not award_round.nominations_are_open(now):
            raise AwardError(_("Nominations are closed."), code="closed")
        if award_round.review_round_id is None:
            award_round = save_round(award_round)
        nomination = Nomination(award_round=award_round, created_at=now, updated_at=now)
        for name in NOMINATION_FIELDS:
            setattr(nomination, name, data.get(name))
        nomination.save()
        nomination.candidate = _find_or_create_candidate(nomination)
        nomination.save(update_fields=["candidate"])
        _add_attachments(nomination, files, now)
        NominationChange.record(nomination, "", nomination.state, Source.NOMINATOR)
        _queue(nomination, Kind.RECEIPT, nomination.nominator_email, f"award-receipt-{nomination.pk}")
        _tell_nominee(nomination, now)
        return nomination


def update_nomination(nomination: Nomination, data: dict, files=(), remove=(), *, now=None) -> Nomination:
    """The nominator's edit through the private link, until nominations close."""
    now = now or timezone.now()
    with transaction.atomic():
        nomination = Nomination.objects.select_for_update().select_related("award_round").get(pk=nomination.pk)
        if not nomination.can_edit(now):
            raise AwardError(_("The nomination can no longer be changed."), code="locked")
        for name in NOMINATION_FIELDS:
            if name in data:
                setattr(nomination, name, data[name])
        nomination.updated_at = now
        nomination.save()
        nomination.attachments.filter(pk__in=[a.pk for a in remove]).delete()
        _add_attachments(nomination, files, now)
        NominationChange.record(
            nomination,
            nomination.state,
            nomination.state,
            Source.NOMINATOR,
            note=gettext_lazy("Edited by the nominator"),
        )
        _tell_nominee(nomination, now)
        return nomination


def decline_nomination(nomination: Nomination, reason: str, *, now=None) -> Nomination:
    """The nominee declines: the nomination is withdrawn, with the reason in its history, and
    the nominator is told. Declining twice changes nothing."""
    now = now or timezone.now()
    with transaction.atomic():
        nomination = Nomination.objects.select_for_update().get(pk=nomination.pk)
        if nomination.state == NominationState.DECLINED:
            return nomination
        if nomination.state != NominationState.SUBMITTED:
            raise AwardError(_("The nomination has been withdrawn."), code="withdrawn")
        reason = (reason or "").strip()
        NominationChange.transition(
            nomination, NominationState.DECLINED, Source.NOMINEE, note=reason, decline_reason=reason, updated_at=now
        )
        _queue(nomination, Kind.DECLINED, nomination.nominator_email, f"award-declined-{nomination.pk}")
        return nomination


def _reset_jury_work(candidate: Candidate) -> None:
    # Content (and possible conflicts) changed: the jury declares again before seeing it.
    review_services.forget_item(candidate)


def merge_candidates(source: Candidate, target: Candidate, *, actor) -> Candidate:
    """Move every nomination of ``source`` to ``target`` (same nominee) and delete ``source``.
    Each nominator's text and attachments stay on their own nomination. Jurors declare again."""
    if source.pk == target.pk or source.award_round_id != target.award_round_id:
        raise AwardError(_("Choose another candidate in the same round."), code="same")
    with transaction.atomic():
        AwardRound.objects.select_for_update().get(pk=target.award_round_id)
        for nomination in Nomination.objects.select_for_update().filter(candidate=source):
            nomination.candidate = target
            nomination.save(update_fields=["candidate"])
            NominationChange.record(
                nomination,
                nomination.state,
                nomination.state,
                Source.ORGANISER,
                actor=actor,
                note=note_text(gettext_lazy("Merged into candidate %(candidate)s"), candidate=target.pk),
            )
        _reset_jury_work(source)
        _reset_jury_work(target)
        source.delete()
        return target


def split_nomination(nomination: Nomination, *, actor) -> Candidate:
    """Give a nomination its own candidate again (undo a merge)."""
    with transaction.atomic():
        AwardRound.objects.select_for_update().get(pk=nomination.award_round_id)
        nomination = Nomination.objects.select_for_update().get(pk=nomination.pk)
        old = nomination.candidate
        candidate = Candidate.objects.create(
            award_round_id=nomination.award_round_id,
            review_round_id=nomination.award_round.review_round_id,
            name=nomination.nominee_name,
            kind=nomination.nominee_kind,
            affiliation=nomination.nominee_affiliation,
            contact_email=nomination.nominee_email,
        )
        nomination.candidate = candidate
        nomination.save(update_fields=["candidate"])
        NominationChange.record(
            nomination,
            nomination.state,
            nomination.state,
            Source.ORGANISER,
            actor=actor,
            note=note_text(gettext_lazy("Split into candidate %(candidate)s"), candidate=candidate.pk),
        )
        if old is not None:
            _reset_jury_work(old)
            if not old.nominations.exists():
                old.delete()
        return candidate


# --- The decision -------------------------------------------------------------------------------


def may_decide(user, award_round: AwardRound) -> bool:
    """The round's chair and organisers record the decision."""
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return False
    if user.has_perm("review.manage_round"):
        return True
    return PanelMember.objects.filter(round_id=award_round.review_round_id, user=user, is_chair=True).exists()


def record_decision(
    award_round: AwardRound, *, winners, justification, method, votes_note="", participants, actor, now=None
) -> Decision:
    """The chair records (or corrects) the decision. Correcting it clears the confirmations:
    every participating juror confirms what is recorded now."""
    now = now or timezone.now()
    winners, participants = list(winners), list(participants)
    if not may_decide(actor, award_round):
        raise AwardError(_("Only the jury's chair records the decision."), code="not_chair")
    if not winners:
        raise AwardError(_("Choose at least one winner."), code="no_winner")
    if not participants:
        raise AwardError(_("Choose the jurors who took part."), code="no_participants")
    if any(c.award_round_id != award_round.pk for c in winners) or any(
        m.round_id != award_round.review_round_id for m in participants
    ):
        raise AwardError(_("The winners and jurors must belong to this round."), code="other_round")
    with transaction.atomic():
        award_round = (
            AwardRound.objects.select_for_update(of=("self",)).select_related("review_round").get(pk=award_round.pk)
        )
        decision = Decision.objects.filter(award_round=award_round).first()
        if decision is not None and decision.finalised_at:
            raise AwardError(_("Every juror has confirmed the decision; it can no longer be changed."), code="final")
        if decision is None:
            decision = Decision(award_round=award_round)
        decision.justification = justification.strip()
        decision.method = method
        decision.votes_note = votes_note.strip()
        decision.recorded_by = actor
        decision.recorded_at = now
        decision.save()
        decision.winners.set(winners)
        decision.participants.set(participants)
        decision.confirmations.all().delete()
        note = f"{decision.get_method_display()} {decision.votes_note}".strip()
        for winner in winners:
            review_services.record_decision(award_round.review_round, winner, "winner", actor=actor, note=note)
        return decision


def confirm_decision(decision: Decision, user, *, now=None) -> DecisionConfirmation:
    """A participating juror confirms the recorded decision. When the last one has confirmed,
    the decision is final and the winners are recorded, secret until the ceremony."""
    now = now or timezone.now()
    with transaction.atomic():
        award_round = (
            AwardRound.objects.select_for_update(of=("self",))
            .select_related("review_round", "edition")
            .get(pk=decision.award_round_id)
        )
        decision = Decision.objects.get(pk=decision.pk)
        member = decision.participants.filter(user=user).first()
        if member is None:
            raise AwardError(_("Only the jurors who took part confirm the decision."), code="not_participant")
        confirmation, created = DecisionConfirmation.objects.get_or_create(
            decision=decision, member=member, defaults={"confirmed_at": now}
        )
        if created:
            for winner in decision.winners.all():
                review_services.record_decision(award_round.review_round, winner, "confirmed", actor=user)
        if not decision.finalised_at and decision.confirmations.count() == decision.participants.count():
            _finalise(decision, award_round, now)
        return confirmation


def _finalise(decision: Decision, award_round: AwardRound, now) -> None:
    decision.finalised_at = now
    decision.save(update_fields=["finalised_at"])
    for order, candidate in enumerate(decision.winners.all()):
        projects = "; ".join(
            dict.fromkeys(n.projects.strip().splitlines()[0] for n in candidate.active_nominations() if n.projects)
        )
        # The registry project named by a nomination still standing (not withdrawn or declined).
        registry_project = next(
            (n.registry_project for n in candidate.active_nominations().order_by("pk") if n.registry_project_id),
            None,
        )
        AwardWinner.objects.create(
            edition=award_round.edition,
            award_round=award_round,
            candidate=candidate,
            registry_project=registry_project,
            name=candidate.name,
            organisation=candidate.affiliation,
            project=projects[:200],
            citation=decision.justification,
            publish_at=award_round.publish_at,
            sort_order=order,
        )


# --- Publication at the ceremony ----------------------------------------------------------------


def publish_due_results(*, now=None) -> int:
    """For every final decision whose ceremony has come and that is not yet published: prepare
    a news draft for the editors, send the kind e-mails to nominators and nominees who did not
    win (once each), refresh the search index and the page cache. Safe to run twice."""
    now = now or timezone.now()
    done = 0
    due = Decision.objects.filter(
        finalised_at__isnull=False, published_at__isnull=True, award_round__publish_at__lte=now
    ).values_list("pk", flat=True)
    for pk in list(due):
        with transaction.atomic():
            decision = (
                Decision.objects.select_for_update(of=("self",))
                .select_related("award_round__edition")
                .filter(pk=pk)
                .first()
            )
            if decision is None or decision.published_at:
                continue
            award_round = decision.award_round
            winner_ids = set(decision.winners.values_list("pk", flat=True))
            nominations = award_round.nominations.filter(state=NominationState.SUBMITTED).exclude(
                candidate_id__in=winner_ids
            )
            for nomination in nominations:
                _queue(
                    nomination,
                    Kind.NOT_WON,
                    nomination.nominator_email,
                    f"award-notwon-{award_round.pk}-{nomination.nominator_email.lower()}"[:120],
                )
                if nomination.nominee_told_at:
                    _queue(
                        nomination,
                        Kind.NOT_WON,
                        nomination.nominee_email,
                        f"award-notwon-{award_round.pk}-{nomination.nominee_email.lower()}"[:120],
                    )
            with translation.override("nb"):
                decision.news_page = _news_draft(decision)
            decision.published_at = now
            decision.save(update_fields=["published_at", "news_page"])
            transaction.on_commit(_refresh_public_copies)
            done += 1
    return done


def _refresh_public_copies() -> None:
    from wagtail.search.index import insert_or_update_object

    for page in AwardArchivePage.objects.live():
        insert_or_update_object(page)
    bump_generation()


def _news_draft(decision: Decision):
    """An unpublished news item about the winner(s) under the news index, for the editors."""
    from cms.news.models import NewsIndexPage, NewsPage

    index = NewsIndexPage.objects.first()
    if index is None:
        return None
    award_round = decision.award_round
    names = ", ".join(w.name for w in decision.winners.all())
    title = _("%(names)s wins the research and innovation award %(year)s") % {
        "names": names,
        "year": award_round.edition.year,
    }
    body = "".join(f"<p>{html.escape(p)}</p>" for p in decision.justification.split("\n\n") if p.strip())
    page = NewsPage(
        title=title[:255],
        slug=f"forsknings-og-innovasjonsprisen-{award_round.edition.year}-{decision.pk}",
        lead=(_("The jury's justification:") + " " + decision.justification)[:400],
        body=[("paragraph", body)] if body else [],
        live=False,
        locale_id=index.locale_id,
    )
    index.add_child(instance=page)
    page.save_revision()
    return page
