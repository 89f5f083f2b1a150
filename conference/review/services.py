"""Every change of review state happens here, and only here: panel membership, conflict
declarations, scores, submissions and decisions, each with its line in the audit trail
(``ReviewLogEntry``) written in the same transaction.

Lock order (always this order, never backwards, so two transactions cannot deadlock):

1. the **round** row — only for panel-wide changes (adding a member, changing the chair);
2. the **panel member** row — every declaration, score and submission of that member takes it
   first, so one member's actions on a round are serialised;
3. the member × item rows: **declaration → review → scores**.

Every function re-reads what it locks (``select_for_update``) inside ``transaction.atomic``;
views, admin and tasks call these functions and never write the rows themselves.

Errors are :class:`ReviewError` (a ``ValidationError``) with a bokmål message a form can show.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from statistics import fmean

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from cms.core import outbox

from .models import (
    ConflictDeclaration,
    Criterion,
    ItemReview,
    PanelInvitation,
    PanelMember,
    ReviewEmail,
    ReviewLogEntry,
    Round,
    Score,
)

INVITATION_VALIDITY = datetime.timedelta(days=14)
Source = ReviewLogEntry.Source
Action = ReviewLogEntry.Action


class ReviewError(ValidationError):
    """A refused review action; the message is safe to show to the member."""


# --- Items ------------------------------------------------------------------------------------


def item_key(item) -> tuple[str, int]:
    """The engine's name for an item: (``app_label.modelname``, pk)."""
    return item.review_item_type(), item.pk


def _item_filter(item) -> dict:
    item_type, item_id = item_key(item)
    return {"item_type": item_type, "item_id": item_id}


def _check_member_and_item(member: PanelMember, item) -> None:
    if item.review_round_id != member.round_id:
        raise ReviewError(_("You are not on the panel that reviews this item."), code="other_round")


def _lock_member(member: PanelMember) -> PanelMember:
    return PanelMember.objects.select_for_update(of=("self",)).select_related("round", "user").get(pk=member.pk)


def _log(round_id, action, *, source, actor=None, member=None, item=None, criterion=None, old="", new="", note=""):
    item_type, item_id = item_key(item) if item is not None else ("", None)
    return ReviewLogEntry.objects.create(
        round_id=round_id,
        action=action,
        source=source,
        actor=actor if getattr(actor, "is_authenticated", False) else None,
        member=member,
        item_type=item_type,
        item_id=item_id,
        criterion=criterion,
        from_state=str(old)[:12],
        to_state=str(new)[:12],
        note=str(note)[:2000],
    )


# --- Conflicts of interest ----------------------------------------------------------------------


def declare(member: PanelMember, item, conflict: bool, reason: str = "", *, now=None) -> ConflictDeclaration:
    """Record the member's declaration for ``item`` (none, or a conflict with a reason).

    Made before the item's content is shown (``visibility`` shows nothing until then). A
    changed declaration replaces the old one and both are in the audit trail; declaring the
    same again changes nothing."""
    now = now or timezone.now()
    reason = (reason or "").strip()
    _check_member_and_item(member, item)
    if conflict and not reason:
        raise ReviewError(_("Describe the conflict of interest briefly."), code="reason_required")
    with transaction.atomic():
        member = _lock_member(member)
        if not member.round.declarations_are_open(now):
            raise ReviewError(_("Conflict declarations are not open for this round."), code="declarations_closed")
        declaration = (
            ConflictDeclaration.objects.select_for_update().filter(member=member, **_item_filter(item)).first()
        )
        new_state = "conflict" if conflict else "none"
        if declaration is None:
            declaration = ConflictDeclaration.objects.create(
                member=member,
                has_conflict=conflict,
                reason=reason if conflict else "",
                declared_at=now,
                **_item_filter(item),
            )
            old_state = ""
        else:
            old_state = "conflict" if declaration.has_conflict else "none"
            if old_state == new_state and (declaration.reason == reason or not conflict):
                return declaration
            declaration.has_conflict = conflict
            declaration.reason = reason if conflict else ""
            declaration.declared_at = now
            declaration.save(update_fields=["has_conflict", "reason", "declared_at"])
        _log(
            member.round_id,
            Action.DECLARED,
            source=Source.PANEL,
            actor=member.user,
            member=member,
            item=item,
            old=old_state,
            new=new_state,
            note=reason if conflict else "",
        )
        return declaration


def declare_no_conflict_for(member: PanelMember, items, *, now=None) -> list[ConflictDeclaration]:
    """The list's "no conflict for all of these" in one transaction: :func:`declare` for each
    item. Refused as a whole if any item has a likely conflict (those are declared one by one)
    or belongs to another round."""
    now = now or timezone.now()
    items = list(items)
    for item in items:
        _check_member_and_item(member, item)
        if likely_conflicts(member, item):
            raise ReviewError(
                _("Declare items with a possible conflict of interest one by one."), code="likely_conflict"
            )
    with transaction.atomic():
        member = _lock_member(member)
        return [declare(member, item, conflict=False, now=now) for item in items]


@dataclass(frozen=True)
class LikelyConflict:
    code: str  # "institution", "municipality" or "author"
    message: str


def likely_conflicts(member: PanelMember, item) -> list[LikelyConflict]:
    """Reasons the member probably has a conflict with ``item``, to flag before declaring: the
    same institution or municipality as the item's people, or the member wrote or nominated it.
    Flags only: the member still declares, and blind review does not hide them."""
    found = []
    affiliations = item.review_affiliations()
    if member.institution_id and member.institution_id in affiliations.institution_ids:
        found.append(LikelyConflict("institution", _("You work at the same institution as someone behind this item.")))
    if member.municipality_id and member.municipality_id in affiliations.municipality_ids:
        found.append(
            LikelyConflict("municipality", _("You belong to the same municipality as someone behind this item."))
        )
    email = (member.user.email or "").strip().lower()
    if email and email in {e.strip().lower() for e in item.review_people_emails() if e}:
        found.append(LikelyConflict("author", _("You are one of the authors or nominators of this item.")))
    return found


# --- Scores -----------------------------------------------------------------------------------


def _declaration_allows_scoring(member, item) -> None:
    declaration = ConflictDeclaration.objects.filter(member=member, **_item_filter(item)).first()
    if declaration is None:
        raise ReviewError(_("Declare whether you have a conflict of interest before you score."), code="undeclared")
    if declaration.has_conflict:
        raise ReviewError(
            _("You have declared a conflict of interest for this item and cannot score it."), code="recused"
        )


def score(member: PanelMember, item, criterion: Criterion, value: int, comment: str = "", *, now=None) -> Score:
    """Set the member's score for ``item`` on ``criterion``. Refused for another round's member
    or criterion, before a declaration or after a declared conflict, outside the scale, outside
    the scoring window and after the member has submitted the review. A change is logged."""
    now = now or timezone.now()
    _check_member_and_item(member, item)
    if criterion.round_id != member.round_id:
        raise ReviewError(_("This criterion belongs to another round."), code="other_round")
    try:
        value = int(value)
    except (TypeError, ValueError) as exc:
        raise ReviewError(_("The score must be a whole number."), code="not_a_number") from exc
    if not criterion.scale_min <= value <= criterion.scale_max:
        raise ReviewError(
            _("The score for “%(criterion)s” must be between %(min)s and %(max)s.")
            % {"criterion": criterion.name, "min": criterion.scale_min, "max": criterion.scale_max},
            code="out_of_scale",
        )
    comment = (comment or "").strip()
    with transaction.atomic():
        member = _lock_member(member)
        if not member.round.scoring_is_open(now):
            raise ReviewError(_("Scoring is not open for this round."), code="scoring_closed")
        _declaration_allows_scoring(member, item)
        review = ItemReview.objects.select_for_update().filter(member=member, **_item_filter(item)).first()
        if review is not None and review.submitted_at:
            raise ReviewError(_("You have already submitted your review of this item."), code="submitted")
        if review is None:
            ItemReview.objects.create(member=member, **_item_filter(item))
        existing = (
            Score.objects.select_for_update().filter(member=member, criterion=criterion, **_item_filter(item)).first()
        )
        old = ""
        if existing is None:
            existing = Score.objects.create(
                member=member, criterion=criterion, value=value, comment=comment, updated_at=now, **_item_filter(item)
            )
        else:
            if existing.value == value and existing.comment == comment:
                return existing
            old = existing.value
            existing.value, existing.comment, existing.updated_at = value, comment, now
            existing.save(update_fields=["value", "comment", "updated_at"])
        _log(
            member.round_id,
            Action.SCORED,
            source=Source.PANEL,
            actor=member.user,
            member=member,
            item=item,
            criterion=criterion,
            old=old,
            new=value,
            note=comment,
        )
        return existing


def submit_scores(member: PanelMember, item, *, now=None) -> ItemReview:
    """Mark the member's review of ``item`` complete. Every criterion must be scored; from now
    on the member sees the others' scores and the review counts in the ranking."""
    now = now or timezone.now()
    _check_member_and_item(member, item)
    with transaction.atomic():
        member = _lock_member(member)
        if not member.round.scoring_is_open(now):
            raise ReviewError(_("Scoring is not open for this round."), code="scoring_closed")
        _declaration_allows_scoring(member, item)
        review = ItemReview.objects.select_for_update().filter(member=member, **_item_filter(item)).first()
        if review is not None and review.submitted_at:
            return review
        scored = set(Score.objects.filter(member=member, **_item_filter(item)).values_list("criterion_id", flat=True))
        missing = [c.name for c in member.round.criteria.all() if c.pk not in scored]
        if missing:
            raise ReviewError(
                _("Score every criterion before you submit. Missing: %(criteria)s.") % {"criteria": ", ".join(missing)},
                code="incomplete",
            )
        if review is None:
            review = ItemReview(member=member, **_item_filter(item))
        review.submitted_at = now
        review.save()
        _log(
            member.round_id,
            Action.SUBMITTED,
            source=Source.PANEL,
            actor=member.user,
            member=member,
            item=item,
            new="submitted",
        )
        return review


def save_review(member: PanelMember, item, entries, *, submit: bool = False, now=None) -> ItemReview | None:
    """The score form in one transaction: ``entries`` is ``[(criterion, value, comment), …]``
    (``value`` None: not scored yet, which only ``submit`` refuses). Every score goes through
    :func:`score`; with ``submit`` the review is then submitted (:func:`submit_scores`). If
    anything is refused, nothing of the form is saved. Returns the review when submitted."""
    now = now or timezone.now()
    _check_member_and_item(member, item)
    with transaction.atomic():
        member = _lock_member(member)
        for criterion, value, comment in entries:
            if value is None or value == "":
                if (comment or "").strip():
                    raise ReviewError(
                        _("Choose a score for “%(criterion)s” to save its comment.") % {"criterion": criterion.name},
                        code="comment_without_score",
                    )
                continue
            score(member, item, criterion, value, comment, now=now)
        if submit:
            return submit_scores(member, item, now=now)
        return None


# --- Ranking ----------------------------------------------------------------------------------


@dataclass
class RankedItem:
    item: object
    mean: float | None  # weighted mean of the members' weighted totals; None without reviews
    spread: float | None  # max − min of the members' weighted totals
    reviews: int  # completed (submitted) reviews by members without a conflict
    recused: int  # members who declared a conflict
    totals: list[float] = field(default_factory=list)


def ranking(round: Round, items) -> list[RankedItem]:
    """The items of ``round`` ranked by the mean of the members' weighted totals (highest first;
    unreviewed items last). A member's weighted total for an item is Σ weight·score / Σ weight
    over the criteria they scored. Only submitted reviews count; members with a declared conflict
    are left out of every mean, whatever they scored before declaring it.

    A constant number of queries, however many items."""
    items = list(items)
    criteria = {c.pk: c.weight for c in Criterion.objects.filter(round=round)}
    by_type: dict[str, list[int]] = {}
    for item in items:
        if item.review_round_id != round.pk:
            raise ReviewError(_("The item belongs to another round."), code="other_round")
        item_type, item_id = item_key(item)
        by_type.setdefault(item_type, []).append(item_id)
    which = Q(pk__in=[])
    for item_type, ids in by_type.items():
        which |= Q(item_type=item_type, item_id__in=ids)
    members = Q(member__round=round)
    submitted = set(
        ItemReview.objects.filter(which, members, submitted_at__isnull=False).values_list(
            "member_id", "item_type", "item_id"
        )
    )
    recused: dict[tuple[str, int], set[int]] = {}
    for member_id, item_type, item_id in ConflictDeclaration.objects.filter(
        which, members, has_conflict=True
    ).values_list("member_id", "item_type", "item_id"):
        recused.setdefault((item_type, item_id), set()).add(member_id)
    sums: dict[tuple[str, int, int], list[int]] = {}
    for member_id, item_type, item_id, criterion_id, value in Score.objects.filter(which, members).values_list(
        "member_id", "item_type", "item_id", "criterion_id", "value"
    ):
        weight = criteria.get(criterion_id)
        if weight is None or (member_id, item_type, item_id) not in submitted:
            continue
        if member_id in recused.get((item_type, item_id), ()):
            continue
        acc = sums.setdefault((member_id, item_type, item_id), [0, 0])
        acc[0] += weight * value
        acc[1] += weight
    totals: dict[tuple[str, int], list[float]] = {}
    for (_member_id, item_type, item_id), (weighted, weights) in sorted(sums.items()):
        totals.setdefault((item_type, item_id), []).append(weighted / weights)
    ranked = []
    for item in items:
        key = item_key(item)
        values = totals.get(key, [])
        ranked.append(
            RankedItem(
                item=item,
                mean=fmean(values) if values else None,
                spread=(max(values) - min(values)) if values else None,
                reviews=len(values),
                recused=len(recused.get(key, ())),
                totals=values,
            )
        )
    ranked.sort(key=lambda r: (r.mean is None, -(r.mean or 0)))
    return ranked


# --- Decisions (the feature decides; the engine keeps the record) -----------------------------


def record_decision(round: Round, item, decision: str, *, actor, note: str = "") -> ReviewLogEntry:
    """Write a feature's decision about ``item`` (e.g. "accept", "reject", "winner") to the
    round's audit trail. Call it inside the feature's own transaction that makes the decision."""
    if item.review_round_id != round.pk:
        raise ReviewError(_("The item belongs to another round."), code="other_round")
    return _log(round.pk, Action.DECIDED, source=Source.ORGANISER, actor=actor, item=item, new=decision, note=note)


def forget_item(item) -> None:
    """Delete the engine's rows about an item the feature deletes (the audit trail stays)."""
    with transaction.atomic():
        for model in (Score, ItemReview, ConflictDeclaration):
            model.objects.filter(**_item_filter(item)).delete()


# --- The panel ----------------------------------------------------------------------------------


def panel_group(round: Round) -> Group:
    """The round's admin group (created on first use): members may sign in to the admin."""
    if round.panel_group_id:
        return round.panel_group
    group, _created = Group.objects.get_or_create(name=f"Panel {round.pk}: {round.title}"[:150])
    group.permissions.add(
        *Permission.objects.filter(
            Q(content_type__app_label="wagtailadmin", codename="access_admin")
            | Q(content_type__app_label="review", codename="sit_on_panel")
        )
    )
    Round.objects.filter(pk=round.pk).update(panel_group=group)
    round.panel_group = group
    return group


def add_member(round: Round, user, *, is_chair=False, institution=None, municipality=None, actor=None) -> PanelMember:
    """Put ``user`` on the round's panel (and in its group); returns the existing member if
    they are already on it. Making them chair takes the chair from anyone else."""
    with transaction.atomic():
        round = Round.objects.select_for_update(of=("self",)).get(pk=round.pk)
        member = PanelMember.objects.filter(round=round, user=user).first()
        if member is None:
            member = PanelMember.objects.create(
                round=round, user=user, institution=institution, municipality=municipality
            )
            _log(round.pk, Action.PANEL, source=Source.ORGANISER, actor=actor, member=member, new="member")
        user.groups.add(panel_group(round))
        if is_chair and not member.is_chair:
            member = _make_chair(round, member, actor)
        return member


def set_chair(member: PanelMember, *, actor=None) -> PanelMember:
    """Make ``member`` the chair of their round (the previous chair becomes an ordinary member)."""
    with transaction.atomic():
        round = Round.objects.select_for_update(of=("self",)).get(pk=member.round_id)
        return _make_chair(round, member, actor)


def _make_chair(round, member, actor):
    PanelMember.objects.filter(round=round, is_chair=True).exclude(pk=member.pk).update(is_chair=False)
    PanelMember.objects.filter(pk=member.pk).update(is_chair=True)
    member.refresh_from_db()
    _log(round.pk, Action.PANEL, source=Source.ORGANISER, actor=actor, member=member, new="chair")
    return member


def invite_member(
    round: Round,
    email: str,
    *,
    first_name="",
    last_name="",
    is_chair=False,
    institution=None,
    municipality=None,
    actor=None,
    now=None,
):
    """Invite ``email`` to the round's panel. A new person gets an inactive account without a
    usable password and an e-mail with a one-time link to set one (valid 14 days); someone who
    already has an account is added and told so. Returns the invitation (or None)."""
    now = now or timezone.now()
    email = email.strip()
    User = get_user_model()
    with transaction.atomic():
        user = User.objects.filter(email__iexact=email).order_by("pk").first()
        if user is None:
            user = User(
                username=email.lower()[:150], email=email, first_name=first_name, last_name=last_name, is_active=False
            )
            user.set_unusable_password()
            user.save()
        member = add_member(
            round, user, is_chair=is_chair, institution=institution, municipality=municipality, actor=actor
        )
        if user.is_active and user.has_usable_password():
            outbox.queue_email(ReviewEmail, kind=ReviewEmail.Kind.ADDED, member=member, to_email=user.email)
            return None
        invitation = PanelInvitation.objects.create(
            member=member, expires_at=now + INVITATION_VALIDITY, created_at=now, invited_by=actor
        )
        outbox.queue_email(
            ReviewEmail, kind=ReviewEmail.Kind.INVITATION, member=member, invitation=invitation, to_email=user.email
        )
        return invitation


class InvitationUnusable(ReviewError):
    pass


def check_invitation(invitation: PanelInvitation, now=None) -> None:
    """Raise :class:`InvitationUnusable` with a clear message if the link is used or expired."""
    if invitation.accepted_at:
        raise InvitationUnusable(
            _("This invitation link has already been used. Sign in with the password you chose."), code="used"
        )
    if invitation.is_expired(now):
        raise InvitationUnusable(
            _("This invitation link has expired. Ask the organisers to send you a new one."), code="expired"
        )


def accept_invitation(invitation: PanelInvitation, password: str, *, now=None):
    """Set the invited member's password (already checked by Django's validators in the form),
    activate the account and use up the link. Returns the user."""
    now = now or timezone.now()
    with transaction.atomic():
        invitation = PanelInvitation.objects.select_for_update().select_related("member__user").get(pk=invitation.pk)
        check_invitation(invitation, now)
        user = invitation.member.user
        user.set_password(password)
        user.is_active = True
        user.save(update_fields=["password", "is_active"])
        invitation.accepted_at = now
        invitation.save(update_fields=["accepted_at"])
        _log(
            invitation.member.round_id,
            Action.PANEL,
            source=Source.PANEL,
            actor=user,
            member=invitation.member,
            new="accepted",
        )
        return user
