"""Card payments through Stripe Checkout. The webhook is the source of truth; every event id is
stored once so a replayed event cannot act twice."""

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class Payment(models.Model):
    """One Stripe Checkout Session (one payment attempt) for a registration. Amounts in øre."""

    # Not in Wagtail's reference index: each save would enqueue an index task inside the
    # registration's locks, for "usage" counts nobody reads.
    wagtail_reference_index_ignore = True

    class Status(models.TextChoices):
        OPEN = "open", _("Open")
        PAID = "paid", _("Paid")
        EXPIRED = "expired", _("Expired")
        PARTIALLY_REFUNDED = "partly_refunded", _("Partly refunded")
        REFUND_PENDING = "refund_pending", _("Refund pending")
        REFUNDED = "refunded", _("Refunded")

    # A payment whose money is (at least partly) still with us.
    HELD_MONEY = (Status.PAID, Status.PARTIALLY_REFUNDED)

    registration = models.ForeignKey(
        "registration.Registration", verbose_name=_("registration"), on_delete=models.PROTECT, related_name="payments"
    )
    idempotency_key = models.CharField(_("idempotency key"), max_length=80, unique=True)
    stripe_session_id = models.CharField(_("Checkout Session id"), max_length=255, unique=True, null=True, blank=True)
    checkout_url = models.URLField(_("checkout URL"), max_length=2000, blank=True)
    payment_intent_id = models.CharField(_("PaymentIntent id"), max_length=255, blank=True)
    amount_ore = models.PositiveIntegerField(_("amount in øre"))
    currency = models.CharField(_("currency"), max_length=3, default="nok")
    status = models.CharField(_("status"), max_length=16, choices=Status.choices, default=Status.OPEN)
    created_at = models.DateTimeField(_("created"), default=timezone.now)
    paid_at = models.DateTimeField(_("paid"), null=True, blank=True)
    refund_id = models.CharField(_("refund id"), max_length=255, blank=True)
    refunded_at = models.DateTimeField(_("refunded"), null=True, blank=True)
    refund_reason = models.CharField(_("refund reason"), max_length=200, blank=True)
    refunded_ore = models.PositiveIntegerField(
        _("refunded in øre"), default=0, help_text=_("What Stripe has refunded of this payment so far.")
    )

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("card payment")
        verbose_name_plural = _("card payments")

    def __str__(self):
        return f"{self.stripe_session_id or self.idempotency_key} ({self.get_status_display()})"


class Refund(models.Model):
    """One refund of (part of) a payment: one share of a group's payment, or what remains of it.
    ``share`` names what is refunded, once per payment (a unique constraint), so asking twice
    for the same share can never refund it twice; the idempotency key sent to Stripe is fixed
    per row, so a retry (or a second worker) can never refund twice either."""

    wagtail_reference_index_ignore = True

    class Status(models.TextChoices):
        PENDING = "pending", _("Pending")
        SUCCEEDED = "succeeded", _("Refunded")
        DROPPED = "dropped", _("Dropped (refunded in full in Stripe)")

    # The share that stands for "whatever remains of the payment".
    REST = "rest"

    payment = models.ForeignKey(
        Payment, verbose_name=_("card payment"), on_delete=models.PROTECT, related_name="refunds"
    )
    share = models.CharField(_("share"), max_length=80)
    idempotency_key = models.CharField(_("idempotency key"), max_length=120, unique=True)
    amount_ore = models.PositiveIntegerField(_("amount in øre"))
    status = models.CharField(_("status"), max_length=16, choices=Status.choices, default=Status.PENDING)
    reason = models.CharField(_("refund reason"), max_length=200, blank=True)
    stripe_refund_id = models.CharField(_("refund id"), max_length=255, blank=True)
    created_at = models.DateTimeField(_("created"), default=timezone.now)
    refunded_at = models.DateTimeField(_("refunded"), null=True, blank=True)

    class Meta:
        ordering = ["created_at", "pk"]
        verbose_name = _("card refund")
        verbose_name_plural = _("card refunds")
        constraints = [models.UniqueConstraint(fields=["payment", "share"], name="refund_once_per_share")]

    def __str__(self):
        return f"{self.idempotency_key} ({self.get_status_display()})"


class StripeEvent(models.Model):
    """A webhook event received from Stripe, stored once per event id."""

    event_id = models.CharField(_("event id"), max_length=255, unique=True)
    type = models.CharField(_("type"), max_length=100)
    received_at = models.DateTimeField(_("received"), default=timezone.now)
    processed_at = models.DateTimeField(_("processed"), null=True, blank=True)
    object_id = models.CharField(_("object id"), max_length=255, blank=True)
    result = models.CharField(_("result"), max_length=250, blank=True)
    payload = models.JSONField(_("payload"), default=dict)

    class Meta:
        ordering = ["-received_at"]
        verbose_name = _("Stripe event")
        verbose_name_plural = _("Stripe events")

    def __str__(self):
        return f"{self.type} {self.event_id}"
