"""Read-only figures of a round for its pages: each member's progress, each item's panel
counts, and item titles for the logs. A constant number of queries however many items or
members; what a user may see of them is still decided by ``visibility``."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Count, Q

from .models import ConflictDeclaration, ItemReview, PanelMember, Score


def _which(items) -> Q:
    by_type: dict[str, list[int]] = {}
    for item in items:
        by_type.setdefault(item.review_item_type(), []).append(item.pk)
    which = Q(pk__in=[])
    for item_type, ids in by_type.items():
        which |= Q(item_type=item_type, item_id__in=ids)
    return which


@dataclass
class Progress:
    """How far one member (or the whole panel) has come with ``total`` items."""

    total: int
    declared: int = 0
    conflicts: int = 0
    scored: int = 0
    submitted: int = 0

    @property
    def to_review(self) -> int:
        """Items the member reviews: declared without a conflict."""
        return self.declared - self.conflicts


def member_progress(round, items, members=None) -> dict[int, Progress]:
    """``{member.pk: Progress}`` for the round's members (or the given ones) over ``items``:
    declared, of which conflicts, scored (at least one criterion) and submitted."""
    items = list(items)
    members = list(members) if members is not None else list(round.panel.all())
    result = {m.pk: Progress(total=len(items)) for m in members}
    if not items or not members:
        return result
    which = _which(items) & Q(member__in=[m.pk for m in members])
    for row in (
        ConflictDeclaration.objects.filter(which)
        .values("member_id")
        .annotate(n=Count("pk"), conflicts=Count("pk", filter=Q(has_conflict=True)))
    ):
        result[row["member_id"]].declared = row["n"]
        result[row["member_id"]].conflicts = row["conflicts"]
    for row in (
        Score.objects.filter(which)
        .values("member_id")
        .annotate(n=Count("item_id", distinct=True))  # items are of one type per round
    ):
        result[row["member_id"]].scored = row["n"]
    for row in ItemReview.objects.filter(which, submitted_at__isnull=False).values("member_id").annotate(n=Count("pk")):
        result[row["member_id"]].submitted = row["n"]
    return result


@dataclass
class ItemCounts:
    declared: int = 0
    conflicts: int = 0
    submitted: int = 0


def item_counts(round, items) -> dict[int, ItemCounts]:
    """``{item.pk: ItemCounts}``: how many members declared, declared a conflict, submitted."""
    items = list(items)
    result = {item.pk: ItemCounts() for item in items}
    if not items:
        return result
    which = _which(items) & Q(member__round=round)
    for row in (
        ConflictDeclaration.objects.filter(which)
        .values("item_id")
        .annotate(n=Count("pk"), conflicts=Count("pk", filter=Q(has_conflict=True)))
    ):
        if row["item_id"] in result:
            result[row["item_id"]].declared = row["n"]
            result[row["item_id"]].conflicts = row["conflicts"]
    for row in ItemReview.objects.filter(which, submitted_at__isnull=False).values("item_id").annotate(n=Count("pk")):
        if row["item_id"] in result:
            result[row["item_id"]].submitted = row["n"]
    return result


def rounds_progress(rounds_and_items, user) -> dict[int, Progress]:
    """``{round.pk: Progress}`` for the "My rounds" list: the user's own progress on rounds they
    are on; the whole panel's (declarations, scores, submissions by anyone) on the others."""
    result = {}
    for round, items in rounds_and_items:
        items = list(items)
        member = next((m for m in round.panel.all() if m.user_id == user.pk), None)
        if member is not None:
            result[round.pk] = member_progress(round, items, [member])[member.pk]
            continue
        members = list(round.panel.all())
        per_member = member_progress(round, items, members)
        total = Progress(total=len(items) * len(members))
        for progress in per_member.values():
            total.declared += progress.declared
            total.conflicts += progress.conflicts
            total.scored += progress.scored
            total.submitted += progress.submitted
        result[round.pk] = total
    return result


def member_rows(round):
    return list(PanelMember.objects.filter(round=round).select_related("user", "institution", "municipality"))
