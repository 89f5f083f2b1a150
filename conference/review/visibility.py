"""The one rule for what a user may see of a reviewed item.

Every view, list, export, search result and file download of posters and the award asks
:func:`what_may_see` and obeys the answer; none writes its own check. Features that show a
404 for "nothing" use ``access.can_open_content`` (or :func:`require_content`).

The rule, in order:

1. Anonymous and inactive users see nothing.
2. Organisers (the ``review.manage_round`` permission) see everything: content, identities,
   every score and the declaration log. They do not score unless they are also on the panel.
3. Someone not on the item's round's panel sees nothing (a member of another round included).
4. A panel member who has not declared yet sees only that they must declare: no content.
5. A panel member who declared a conflict is recused: no content, no scores, nothing.
6. A panel member without a conflict opens the content; sees names and affiliations unless
   the round is blind; scores while scoring is open and the review is not submitted; sees the
   others' scores only after submitting their own.
7. The chair is a panel member (rules 4–6 apply to the chair's own reviewing) and also sees the
   round's full declaration log.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Q, QuerySet
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .models import ConflictDeclaration, ItemReview, PanelMember, ReviewLogEntry, Score

MANAGE_PERMISSION = "review.manage_round"
PANEL_PERMISSION = "review.sit_on_panel"  # the panel groups' (menu only; membership decides)


@dataclass(frozen=True)
class Access:
    """What a user may see and do with one item. Everything is False unless granted."""

    can_open_content: bool = False
    can_see_identity: bool = False
    can_declare: bool = False
    can_score: bool = False
    can_see_others_scores: bool = False
    can_see_declarations: bool = False
    is_chair: bool = False
    is_organiser: bool = False
    is_recused: bool = False
    reason: str = ""

    @property
    def sees_anything(self) -> bool:
        return self.can_open_content or self.can_declare or self.can_see_declarations


def _key(item):
    return item.review_item_type(), item.pk


def what_may_see(user, item, *, now=None) -> Access:
    """What ``user`` may see of ``item`` (an object implementing ``ReviewItemMixin``) now."""
    if user is None or not getattr(user, "is_authenticated", False) or not user.is_active:
        return Access(reason=str(_("Not signed in.")))
    if user.has_perm(MANAGE_PERMISSION):
        member = PanelMember.objects.filter(round_id=item.review_round_id, user=user).select_related("round").first()
        return _organiser_access(_member_access(member, item, now) if member else Access())
    member = PanelMember.objects.filter(round_id=item.review_round_id, user=user).select_related("round").first()
    if member is None:
        return Access(reason=str(_("Not on this item's panel.")))
    return _member_access(member, item, now)


def _member_access(member: PanelMember, item, now) -> Access:
    item_type, item_id = _key(item)
    declaration = ConflictDeclaration.objects.filter(member=member, item_type=item_type, item_id=item_id).first()
    submitted = (
        declaration is not None
        and not declaration.has_conflict
        and ItemReview.objects.filter(
            member=member, item_type=item_type, item_id=item_id, submitted_at__isnull=False
        ).exists()
    )
    return _rule(member, declaration, submitted, now)


def _rule(member: PanelMember, declaration, submitted: bool, now) -> Access:
    """Rules 4–7 for a panel member, from their declaration and whether they submitted."""
    now = now or timezone.now()
    round = member.round
    chair = member.is_chair
    if declaration is None:
        return Access(
            can_declare=round.declarations_are_open(now),
            can_see_declarations=chair,
            is_chair=chair,
            reason=str(_("Declare a possible conflict of interest first.")),
        )
    if declaration.has_conflict:
        return Access(
            can_declare=round.declarations_are_open(now),
            can_see_declarations=chair,
            is_chair=chair,
            is_recused=True,
            reason=str(_("Recused: conflict of interest declared.")),
        )
    return Access(
        can_open_content=True,
        can_see_identity=not round.blind_review,
        can_declare=round.declarations_are_open(now),
        can_score=round.scoring_is_open(now) and not submitted,
        can_see_others_scores=submitted,
        can_see_declarations=chair,
        is_chair=chair,
        reason=str(_("Panel member.")),
    )


def _organiser_access(own: Access) -> Access:
    return Access(
        can_open_content=True,
        can_see_identity=True,
        can_declare=own.can_declare,
        can_score=own.can_score,
        can_see_others_scores=True,
        can_see_declarations=True,
        is_chair=own.is_chair,
        is_organiser=True,
        is_recused=own.is_recused,
        reason=str(_("Organiser.")),
    )


def what_may_see_many(user, round, items, *, now=None) -> dict[int, Access]:
    """:func:`what_may_see` for every item of one round at once (``{item.pk: Access}``), in a
    constant number of queries however many items: for lists and exports. The same rule,
    applied to declarations and submissions read in bulk."""
    items = list(items)
    if user is None or not getattr(user, "is_authenticated", False) or not user.is_active:
        return {item.pk: Access(reason=str(_("Not signed in."))) for item in items}
    member = PanelMember.objects.filter(round=round, user=user).select_related("round").first()
    organiser = user.has_perm(MANAGE_PERMISSION)
    if member is None:
        if organiser:
            return {item.pk: _organiser_access(Access()) for item in items}
        return {item.pk: Access(reason=str(_("Not on this item's panel."))) for item in items}
    by_type: dict[str, list[int]] = {}
    for item in items:
        if item.review_round_id != round.pk:
            raise ValueError("Every item must belong to the round.")
        item_type, item_id = _key(item)
        by_type.setdefault(item_type, []).append(item_id)
    which = Q(pk__in=[])
    for item_type, ids in by_type.items():
        which |= Q(item_type=item_type, item_id__in=ids)
    declarations = {(d.item_type, d.item_id): d for d in ConflictDeclaration.objects.filter(which, member=member)}
    submitted = set(
        ItemReview.objects.filter(which, member=member, submitted_at__isnull=False).values_list("item_type", "item_id")
    )
    result = {}
    for item in items:
        key = _key(item)
        declaration = declarations.get(key)
        own = _rule(member, declaration, key in submitted and not getattr(declaration, "has_conflict", True), now)
        result[item.pk] = _organiser_access(own) if organiser else own
    return result


def require_content(user, item, *, now=None) -> Access:
    """The access, or ``Http404`` when the user may not open the item's content: a recused or
    foreign reviewer gets the same answer as for an item that does not exist."""
    access = what_may_see(user, item, now=now)
    if not access.can_open_content:
        raise Http404("No such item.")
    return access


def scores_visible_to(user, item, *, now=None) -> list[Score]:
    """The scores of ``item`` that ``user`` may read: everyone's for organisers and for members
    who have submitted their own review; only their own before that; none for a recused member
    or an outsider. Scores of members who declared a conflict are never shown to the panel."""
    access = what_may_see(user, item, now=now)
    scores = Score.objects.filter(
        member__round_id=item.review_round_id, item_type=item.review_item_type(), item_id=item.pk
    ).select_related("member__user", "criterion")
    if access.is_organiser:
        return list(scores)
    if not access.can_open_content:
        return []
    if not access.can_see_others_scores:
        return list(scores.filter(member__user=user))
    recused = ConflictDeclaration.objects.filter(
        member__round_id=item.review_round_id,
        item_type=item.review_item_type(),
        item_id=item.pk,
        has_conflict=True,
    ).values("member_id")
    return list(scores.exclude(member_id__in=recused))


def declaration_log(user, round) -> QuerySet[ReviewLogEntry]:
    """The round's declaration log (every declaration and change, with reasons): for its chair
    and for organisers; empty for everyone else."""
    entries = ReviewLogEntry.objects.filter(round=round, action=ReviewLogEntry.Action.DECLARED).select_related(
        "member__user", "actor"
    )
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return entries.none()
    if user.has_perm(MANAGE_PERMISSION) or PanelMember.objects.filter(round=round, user=user, is_chair=True).exists():
        return entries
    return entries.none()
