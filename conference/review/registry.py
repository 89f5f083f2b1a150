"""How a feature plugs its items into the engine's reviewer pages, without the engine importing
the feature.

A feature (posters, the award) describes its items once with an :class:`ItemSource` and
registers it in its ``AppConfig.ready()``::

    from conference.review.registry import ItemSource, register

    register(ItemSource(
        kind=RoundKind.POSTERS,
        model="posters.postersubmission",
        items=lambda round: PosterSubmission.objects.under_review().filter(review_round=round),
        content_template="posters/review/item.html",
        title=lambda item, access: item.title,
    ))

The engine's reviewer pages (the panel member's list, declaration, the item with its score
form, the ranking, the exports) ask the source for the round's items and render
``content_template`` with ``item`` and ``access`` (``visibility.Access``) in the context
*only after* ``visibility.what_may_see`` allowed the content. The template must itself respect
``access.can_see_identity`` (blind review) and link files only through the feature's own views,
which ask ``what_may_see`` again.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from django.apps import apps
from django.db.models import QuerySet
from django.http import Http404


@dataclass(frozen=True)
class ItemSource:
    """A feature's items as the engine's pages need them."""

    #: the ``Round.kind`` this source serves (one source per kind)
    kind: str
    #: the item model as ``app_label.modelname`` (``ReviewItemMixin.review_item_type()``)
    model: str
    #: the round's items that are under review (submitted, not withdrawn), as a queryset
    items: Callable[[object], QuerySet]
    #: a template rendering one item's content for a reviewer (context: ``item``, ``access``)
    content_template: str
    #: the title shown in lists; must not reveal identities when ``access.can_see_identity`` is False
    title: Callable[[object, object], str] = lambda item, access: str(item)
    #: the noun for one item in headings ("poster", "nomination"), already translated lazily
    item_label: str = ""

    @property
    def model_class(self):
        return apps.get_model(self.model)


_sources: dict[str, ItemSource] = {}


def register(source: ItemSource) -> ItemSource:
    """Register (or replace, for tests) the source for ``source.kind``."""
    _sources[source.kind] = source
    return source


def unregister(kind: str) -> None:
    _sources.pop(kind, None)


def source_for(kind: str) -> ItemSource | None:
    return _sources.get(kind)


def items_of(round) -> QuerySet | None:
    """The round's items under review, or None when no feature serves the round's kind."""
    source = source_for(round.kind)
    return source.items(round) if source else None


def get_item_or_404(round, item_id):
    """One item of the round under review, or 404 (an unknown kind, another round's item and a
    withdrawn item all give the same answer)."""
    items = items_of(round)
    if items is None:
        raise Http404("No such item.")
    try:
        return items.get(pk=item_id)
    except (items.model.DoesNotExist, ValueError, TypeError) as exc:
        raise Http404("No such item.") from exc
