"""Card payments and Stripe webhook events in the admin, for looking only: a payment changes
only through ``conference.payments.services`` (driven by the Stripe webhook), so the admin
offers the list and the inspect view and nothing that writes."""

from django.utils.translation import gettext_lazy as _

from cms.core.readonly_admin import ReadOnlyModelViewSet
from conference.editions.admin_menu import CONFERENCE_MENU_HOOK

from .models import Payment, Refund, StripeEvent


class PaymentViewSet(ReadOnlyModelViewSet):
    url_prefix = "payments/card-payments"
    url_namespace = "payments_card_payments"
    model = Payment
    icon = "credit-card"
    menu_label = _("Card payments")
    menu_hook = CONFERENCE_MENU_HOOK
    menu_order = 20
    list_display = [
        "registration",
        "amount_ore",
        "refunded_ore",
        "status",
        "stripe_session_id",
        "created_at",
        "paid_at",
        "refunded_at",
    ]
    list_filter = ["status"]


class RefundViewSet(ReadOnlyModelViewSet):
    url_prefix = "payments/card-refunds"
    url_namespace = "payments_card_refunds"
    model = Refund
    icon = "credit-card"
    menu_label = _("Card refunds")
    menu_hook = CONFERENCE_MENU_HOOK
    menu_order = 22
    list_display = ["payment", "share", "amount_ore", "status", "reason", "created_at", "refunded_at"]
    list_filter = ["status"]


class StripeEventViewSet(ReadOnlyModelViewSet):
    url_prefix = "payments/stripe-events"
    url_namespace = "payments_stripe_events"
    model = StripeEvent
    icon = "link"
    menu_label = _("Stripe events")
    menu_hook = CONFERENCE_MENU_HOOK
    menu_order = 21
    list_display = ["event_id", "type", "received_at", "processed_at", "result"]
    list_filter = ["type"]
