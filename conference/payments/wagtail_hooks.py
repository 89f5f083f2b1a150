"""Card payments and Stripe events, read-only, in the "Conference" admin menu."""

from wagtail import hooks

from .viewsets import PaymentViewSet, RefundViewSet, StripeEventViewSet


@hooks.register("register_admin_viewset")
def register_payment_viewsets():
    return [PaymentViewSet(), RefundViewSet(), StripeEventViewSet()]
