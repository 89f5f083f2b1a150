"""Links that higher features add to an attendee's manage page, without registration importing
them (e.g. "Vote for the poster prize"). A feature registers a provider in its
``AppConfig.ready()``; a provider takes the registration and returns a list of
:class:`ManageLink` (empty when it has nothing for this attendee)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass


@dataclass(frozen=True)
class ManageLink:
    heading: str
    text: str
    label: str
    url: str


_providers: dict[str, Callable] = {}


def register(key: str, provider: Callable) -> None:
    _providers[key] = provider


def unregister(key: str) -> None:
    _providers.pop(key, None)


def links_for(registration) -> list[ManageLink]:
    links: list[ManageLink] = []
    for provider in list(_providers.values()):
        links.extend(provider(registration) or [])
    return links
