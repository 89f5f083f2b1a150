"""The one "Conference" menu of the Wagtail admin, shared by every conference app.

The menu lives here, with the edition, because it is conference-wide: the apps above
(registration, payments, and later posters and the award) put their items into it through the
``register_conference_menu_item`` hook (a viewset sets ``menu_hook = CONFERENCE_MENU_HOOK``),
so this module never needs to know them."""

from django.utils.translation import gettext_lazy as _
from wagtail.admin.viewsets.base import ViewSetGroup

CONFERENCE_MENU_HOOK = "register_conference_menu_item"


class ConferenceMenuGroup(ViewSetGroup):
    """Konferanse: registrations, their setup, card payments and the organisers' tools."""

    menu_label = _("Conference")
    menu_name = "conference"
    menu_icon = "calendar"
    menu_order = 250
    submenu_hook = CONFERENCE_MENU_HOOK
    items = ()
