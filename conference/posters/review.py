"""Posters configure the review engine: the committee judges the call's submitted posters."""

from django.utils.translation import gettext_lazy as _

from conference.review.enums import RoundKind
from conference.review.registry import ItemSource, register


def _items(round):
    from .models import PosterSubmission

    return (
        PosterSubmission.objects.under_review()
        .filter(review_round=round)
        .select_related("topic", "call")
        .prefetch_related("authors", "municipalities")
    )


def _title(item, access):
    return item.title


def register_with_engine():
    register(
        ItemSource(
            kind=RoundKind.POSTERS,
            model="posters.postersubmission",
            items=_items,
            content_template="posters/review/item.html",
            title=_title,
            item_label=_("poster"),
        )
    )
