"""Admin for setting up registration (ticket types, add-ons, per-edition settings) and for
looking at card payments. Registrations themselves (dashboard, search, history, check-in)
have their own organiser views."""

from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.viewsets.model import ModelViewSet, ModelViewSetGroup

from conference.registration.models import AddOn, RegistrationSettings, TicketType

from .models import Payment, StripeEvent


class TicketTypeViewSet(ModelViewSet):
    url_prefix = "registration/ticket-types"
    url_namespace = "registration_ticket_types"
    model = TicketType
    icon = "tag"
    menu_label = _("Ticket types")
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
    list_display = ["name", "edition", "price_display", "capacity", "active"]
    list_filter = ["edition"]
    form_fields = ["edition", "name", "description", "price_ore", "capacity", "active", "sort_order"]


class RegistrationSettingsViewSet(ModelViewSet):
    url_prefix = "registration/settings"
    url_namespace = "registration_settings"
    model = RegistrationSettings
    icon = "cog"
    menu_label = _("Registration settings")
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


class PaymentViewSet(ModelViewSet):
    """Read-only in practice: payments change only through the webhook and services."""

    url_prefix = "payments/card-payments"
    url_namespace = "payments_card_payments"
    model = Payment
    icon = "credit-card"
    menu_label = _("Card payments")
    list_display = ["registration", "amount_ore", "status", "stripe_session_id", "created_at", "paid_at", "refunded_at"]
    list_filter = ["status"]
    inspect_view_enabled = True
    form_fields = ["refund_reason"]


class StripeEventViewSet(ModelViewSet):
    url_prefix = "payments/stripe-events"
    url_namespace = "payments_stripe_events"
    model = StripeEvent
    icon = "link"
    menu_label = _("Stripe events")
    list_display = ["event_id", "type", "received_at", "processed_at", "result"]
    list_filter = ["type"]
    inspect_view_enabled = True
    form_fields = ["result"]


class RegistrationSetupGroup(ModelViewSetGroup):
    menu_label = _("Registration setup")
    menu_icon = "tag"
    menu_order = 310
    items = (TicketTypeViewSet, AddOnViewSet, RegistrationSettingsViewSet, PaymentViewSet, StripeEventViewSet)


@hooks.register("register_admin_viewset")
def register_registration_setup():
    return RegistrationSetupGroup()
