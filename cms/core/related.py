"""Related content: what higher features show on a lower app's page without that app importing
them. The project registry (``cms.inquiries``) lists the posters and award winners that concern
a project, but ``cms`` never imports ``conference``, so the conference registers providers here.

A feature registers a provider in its ``AppConfig.ready()``::

    from cms.core import related

    related.register("inquiries.ProjectPage", "posters", project_posters)

A provider is called with the page being shown and the request (for page URLs) and answers a :class:`RelatedGroup` (or
``None`` when it has nothing to add). It must answer only what the public may see (published,
live, public, past any embargo) and use a fixed number of queries. ``groups_for(page)`` asks
every provider registered for the page's model, in the order they were registered.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field


@dataclass(frozen=True)
class RelatedItem:
    """One link: e.g. a poster's title, its gallery address and "Konferansen 2026"."""

    title: str
    url: str
    meta: str = ""  # a short line under the title (a year, a date, a prize)


@dataclass(frozen=True)
class RelatedGroup:
    key: str  # the provider's name, also the section's anchor
    heading: str  # already translated, e.g. "Plakater"
    items: list[RelatedItem] = field(default_factory=list)


Provider = Callable[[object, object], "RelatedGroup | None"]

_providers: dict[str, dict[str, Provider]] = {}


def register(model_label: str, key: str, provider: Provider) -> None:
    """Register (or replace) the provider called ``key`` for pages of ``model_label``
    ("app_label.ModelName")."""
    _providers.setdefault(model_label.lower(), {})[key] = provider


def unregister(model_label: str, key: str) -> None:
    _providers.get(model_label.lower(), {}).pop(key, None)


def groups_for(page, request=None) -> list[RelatedGroup]:
    """The non-empty groups every provider for this page's model has to add. A page not yet
    saved (a preview of a new page) has none."""
    if getattr(page, "pk", None) is None:
        return []
    groups = []
    for provider in list(_providers.get(page._meta.label_lower, {}).values()):
        group = provider(page, request)
        if group is not None and group.items:
            groups.append(group)
    return groups
