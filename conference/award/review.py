"""The award configures the review engine: the jury judges the round's candidates (nominations
of the same nominee merged), each shown with every nominator's text and attachments."""

from django.db.models import Prefetch
from django.utils.translation import gettext_lazy as _

from conference.review.enums import RoundKind
from conference.review.registry import ItemSource, register


def _items(round):
    from .enums import NominationState
    from .models import Candidate, Nomination

    active = (
        Nomination.objects.filter(state=NominationState.SUBMITTED)
        .select_related("nominator_institution", "nominator_municipality")
        .prefetch_related("attachments")
        .order_by("created_at", "pk")
    )
    return (
        Candidate.objects.filter(review_round=round, nominations__state=NominationState.SUBMITTED)
        .distinct()
        .prefetch_related(Prefetch("nominations", queryset=active, to_attr="active_nominations_list"))
    )


def _title(item, access):
    return item.name


def register_with_engine():
    register(
        ItemSource(
            kind=RoundKind.AWARD,
            model="award.candidate",
            items=_items,
            content_template="award/review/item.html",
            title=_title,
            item_label=_("nomination"),
        )
    )
