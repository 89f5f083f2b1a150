"""Registration setup in the admin: ticket types, add-ons and per-edition settings, in the
"Conference" menu. Registrations themselves have their own viewset and organiser views
(``wagtail_hooks``, ``admin_views``)."""

from django.utils.translation import gettext_lazy as _
from wagtail.admin.viewsets.model import ModelViewSet

from conference.editions.admin_menu import CONFERENCE_MENU_HOOK

from .models import AddOn, RegistrationSettings, TicketType


class TicketTypeViewSet(ModelViewSet):
    url_prefix = "registration/ticket-types"
    url_namespace = "registration_ticket_types"
    model = TicketType
    icon = "tag"
    menu_label = _("Ticket types")
    menu_hook = CONFERENCE_MENU_HOOK
    menu_order = 10
    list_display = ["name", "edition", "price_display", "capacity", "allow_invoice", "allow_card", "active"]
    list_filter = ["edition", "active"]
    form_fields = [
        "edition",
        "name",
        "description",
        "price_ore",
        "allow_invoice",
        "allow_card",
        "capacity",
        "available_from",
        "available_until",
        "access_code",
        "active",
        "sort_order",
    ]


class AddOnViewSet(ModelViewSet):
    url_prefix = "registration/add-ons"
    url_namespace = "registration_add_ons"
    model = AddOn
    icon = "plus"
    menu_label = _("Add-ons")
    menu_hook = CONFERENCE_MENU_HOOK
    menu_order = 11
    list_display = ["name", "edition", "price_display", "capacity", "active"]
    list_filter = ["edition"]
    form_fields = ["edition", "name", "description", "price_ore", "capacity", "active", "sort_order"]


class RegistrationSettingsViewSet(ModelViewSet):
    url_prefix = "registration/settings"
    url_namespace = "registration_settings"
    model = RegistrationSettings
    icon = "cog"
    menu_label = _("Registration settings")
    menu_hook = CONFERENCE_MENU_HOOK
    menu_order = 12
    list_display = ["edition", "cancellation_deadline", "card_hold_minutes", "offer_validity_hours", "retention_days"]
    form_fields = [
        "edition",
        "cancellation_deadline",
        "card_hold_minutes",
        "offer_validity_hours",
        "waiting_list_enabled",
        "reminder_days_before",
        "retention_days",
        "vat_percent",
        "seller_name",
        "seller_org_number",
        "invoice_note",
    ]
