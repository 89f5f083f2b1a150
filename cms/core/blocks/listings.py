"""Lists kept in the site's registers, placed by an editor in a page body.

``cms.core`` knows no other app, so an app that owns a register (the network's FoU-contacts,
say) registers a listing when it starts: a key, a label for the editor, a template and a
function that gives the template its context. The block stores only the key, so the list is
always current, and the block's definition (and the migrations that hold it) stays the same
whatever apps register listings.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable

from django.template.loader import render_to_string
from django.utils.translation import gettext_lazy as _
from wagtail import blocks


@dataclasses.dataclass(frozen=True)
class Listing:
    key: str
    label: str
    template: str
    get_context: Callable[[], dict]


_listings: dict[str, Listing] = {}


def register_listing(key: str, label, template: str, get_context: Callable[[], dict]) -> None:
    """Offer a listing to editors; call it from the owning app's ``AppConfig.ready``."""
    _listings[key] = Listing(key, label, template, get_context)


def get_listing(key: str) -> Listing | None:
    return _listings.get(key)


def listing_choices() -> list[tuple[str, str]]:
    return [(listing.key, listing.label) for listing in _listings.values()]


class ListingBlock(blocks.StructBlock):
    heading = blocks.CharBlock(label=_("Heading"), required=False, max_length=200)
    listing = blocks.ChoiceBlock(label=_("List"), choices=listing_choices)

    def render(self, value, context=None):
        listing = get_listing(value.get("listing"))
        if listing is None:  # the app that offered it is gone: show nothing rather than fail
            return ""
        request = context.get("request") if context else None
        return render_to_string(
            listing.template, {**listing.get_context(), "heading": value.get("heading")}, request=request
        )

    class Meta:
        icon = "list-ul"
        label = _("List from the site's registers")
        help_text = _("Shows a list that is always up to date, such as the FoU-contacts of the member municipalities.")
        preview_value = {"heading": "", "listing": "fou_contacts"}
