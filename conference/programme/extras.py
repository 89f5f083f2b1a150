"""Session extras: what higher features add to a session of the programme without the programme
importing them (posters list their board numbers under the poster session, for example).

A feature registers a provider in its ``AppConfig.ready()``::

    from conference.programme import extras

    extras.register("posters", poster_extras)

A provider is called once per read of an edition's programme with the edition and its sessions,
and answers ``{session_pk: SessionExtra}`` for the sessions it has something to add to. It must
use a fixed number of queries however long the programme is. ``programme_sessions`` puts the
answers on each session as ``session.extras`` (a list), which the programme page, the session
page, the JSON document and the iCal description show.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field


@dataclass(frozen=True)
class ExtraItem:
    """One line under a session: e.g. board number 3, a poster's title and its presenter."""

    label: str  # a short mark shown before the title, e.g. the board number ("3")
    title: str
    people: str = ""
    url: str = ""


@dataclass(frozen=True)
class SessionExtra:
    key: str  # the provider's name, also the key in the JSON document
    heading: str  # already translated, e.g. "Plakater"
    items: list[ExtraItem] = field(default_factory=list)


Provider = Callable[[object, list], dict]

_providers: dict[str, Provider] = {}


def register(key: str, provider: Provider) -> None:
    """Register (or replace) the provider called ``key``."""
    _providers[key] = provider


def unregister(key: str) -> None:
    _providers.pop(key, None)


def attach(edition, sessions: list) -> None:
    """Set ``session.extras`` on every session: the extras of every provider, in the order the
    providers were registered. Sessions not yet saved (a draft preview) get none."""
    for session in sessions:
        session.extras = []
    saved = [s for s in sessions if s.pk is not None]
    if not saved:
        return
    by_pk = {s.pk: s for s in saved}
    for provider in list(_providers.values()):
        for pk, extra in (provider(edition, saved) or {}).items():
            if pk in by_pk and extra.items:
                by_pk[pk].extras.append(extra)
