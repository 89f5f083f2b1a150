"""Conference registration: ticket types, add-ons, registrations, their state history and the
e-mail outbox.

Invariant kept by ``conference.registration.services`` (the only code that changes a
registration's state): for every edition, the number of registrations in a seat-taking state
(held, offered, confirmed) never exceeds the edition's capacity, nor any ticket type's or
add-on's capacity. Counting and taking a seat happen under a row lock of the edition's
``RegistrationSettings`` row, so concurrent requests queue up instead of overbooking.
"""

from django.conf import settings
from django.contrib.admin import display
from django.core import signing
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from cms.core.history import AbstractStateChange
from cms.core.outbox import AbstractEmailOutbox
from cms.core.tokens import SecretTokenField, new_token  # noqa: F401 - migrations refer to registration.models.new_token

CHECKIN_SALT = "conference.registration.checkin"


def format_nok(ore: int) -> str:
    """1500_00 øre -> 'kr 1 500,00' (bokmål style, non-breaking thin spaces avoided for e-mail)."""
    kroner, rest = divmod(int(ore), 100)
    whole = f"{kroner:,}".replace(",", " ")
    return f"kr {whole},{rest:02d}"


class RegistrationSettings(models.Model):
    """Per-edition registration settings. Its row is also the lock every capacity decision for
    the edition takes first (lock order: settings → ticket types → add-ons → registrations)."""

    edition = models.OneToOneField(
        "editions.ConferenceEditionPage",
        verbose_name=_("edition"),
        on_delete=models.CASCADE,
        related_name="registration_settings",
    )
    cancellation_deadline = models.DateTimeField(
        _("cancellation deadline"),
        null=True,
        blank=True,
        help_text=_(
            "Attendees can cancel (with refund or credit note) until this moment. Empty: until the day before."
        ),
    )
    card_hold_minutes = models.PositiveIntegerField(
        _("card payment hold (minutes)"),
        default=30,
        help_text=_("How long a seat is held while the attendee pays by card. Stripe requires at least 30."),
    )
    offer_validity_hours = models.PositiveIntegerField(_("waiting-list offer validity (hours)"), default=48)
    waiting_list_enabled = models.BooleanField(_("waiting list enabled"), default=True)
    reminder_days_before = models.PositiveIntegerField(_("send reminder this many days before"), default=3)
    retention_days = models.PositiveIntegerField(
        _("retention (days after the conference)"),
        default=90,
        help_text=_("Dietary and accessibility needs are erased and cancelled registrations anonymised after this."),
    )
    vat_percent = models.PositiveIntegerField(
        _("VAT rate (%)"), default=0, help_text=_("Used for the VAT note on receipts.")
    )
    seller_name = models.CharField(
        _("seller on receipts"), max_length=200, default="Kunnskapskommunen Helse Omsorg Vest"
    )
    seller_org_number = models.CharField(_("seller organisation number"), max_length=20, blank=True)
    invoice_note = models.TextField(_("note shown to attendees paying by invoice"), blank=True)
    transfer_deadline = models.DateTimeField(
        _("transfer deadline"),
        null=True,
        blank=True,
        help_text=_(
            "Attendees can hand their seat to a colleague until this moment. Empty: until the conference starts."
        ),
    )
    max_group_size = models.PositiveIntegerField(
        _("most participants per group order"),
        default=20,
        help_text=_("How many participants one person may register on one group order."),
    )

    class Meta:
        verbose_name = _("registration settings")
        verbose_name_plural = _("registration settings")

    def __str__(self):
        return str(self.edition)

    @classmethod
    def for_edition(cls, edition) -> "RegistrationSettings":
        """The edition's settings row (created with defaults the first time)."""
        obj, _created = cls.objects.get_or_create(edition=edition)
        return obj

    def effective_cancellation_deadline(self):
        if self.cancellation_deadline:
            return self.cancellation_deadline
        return self.edition.starts_at() - timezone.timedelta(days=1)

    def effective_transfer_deadline(self):
        return self.transfer_deadline or self.edition.starts_at()


class TicketType(models.Model):
    """A kind of ticket for one edition. Price in øre including VAT; 0 means free."""

    edition = models.ForeignKey(
        "editions.ConferenceEditionPage",
        verbose_name=_("edition"),
        on_delete=models.CASCADE,
        related_name="ticket_types",
    )
    name = models.CharField(_("name"), max_length=120)
    description = models.TextField(_("description"), blank=True)
    price_ore = models.PositiveIntegerField(_("price in øre incl. VAT"), default=0, help_text=_("NOK 1 500 = 150000."))
    allow_card = models.BooleanField(_("card payment"), default=False)
    allow_invoice = models.BooleanField(_("invoice"), default=False)
    capacity = models.PositiveIntegerField(
        _("capacity"),
        null=True,
        blank=True,
        help_text=_("Seats for this ticket type within the edition. Empty: no own limit."),
    )
    available_from = models.DateTimeField(_("available from"), null=True, blank=True)
    available_until = models.DateTimeField(_("available until"), null=True, blank=True)
    access_code = models.CharField(
        _("access code"),
        max_length=60,
        blank=True,
        help_text=_("If set, only people with this code can choose the ticket."),
    )
    active = models.BooleanField(_("active"), default=True)
    sort_order = models.PositiveIntegerField(_("order"), default=0)

    class Meta:
        ordering = ["sort_order", "pk"]
        verbose_name = _("ticket type")
        verbose_name_plural = _("ticket types")

    def __str__(self):
        return self.name

    @property
    def is_free(self) -> bool:
        return self.price_ore == 0

    @property
    @display(description=_("Price"))
    def price_display(self) -> str:
        return format_nok(self.price_ore)

    def is_available_at(self, when) -> bool:
        if not self.active:
            return False
        if self.available_from and when < self.available_from:
            return False
        return not (self.available_until and when >= self.available_until)

    def payment_methods(self) -> list[str]:
        if self.is_free:
            return [Registration.PaymentMethod.FREE]
        methods = []
        if self.allow_invoice:
            methods.append(Registration.PaymentMethod.INVOICE)
        if self.allow_card:
            methods.append(Registration.PaymentMethod.CARD)
        return methods


class AddOn(models.Model):
    """An extra such as the conference dinner, with its own capacity."""

    edition = models.ForeignKey(
        "editions.ConferenceEditionPage", verbose_name=_("edition"), on_delete=models.CASCADE, related_name="add_ons"
    )
    name = models.CharField(_("name"), max_length=120)
    description = models.TextField(_("description"), blank=True)
    price_ore = models.PositiveIntegerField(_("price in øre incl. VAT"), default=0)
    capacity = models.PositiveIntegerField(_("capacity"), null=True, blank=True)
    active = models.BooleanField(_("active"), default=True)
    sort_order = models.PositiveIntegerField(_("order"), default=0)

    class Meta:
        ordering = ["sort_order", "pk"]
        verbose_name = _("add-on")
        verbose_name_plural = _("add-ons")

    def __str__(self):
        return self.name

    @property
    @display(description=_("Price"))
    def price_display(self) -> str:
        return format_nok(self.price_ore)


class GroupOrder(models.Model):
    """Several participants registered by one orderer on one invoice or one card payment. Each
    participant is a ``Registration`` of their own (own ticket, own manage link); the orderer
    opens the whole order with ``manage_token``. Created only by ``services.create_group_order``."""

    edition = models.ForeignKey(
        "editions.ConferenceEditionPage",
        verbose_name=_("edition"),
        on_delete=models.PROTECT,
        related_name="group_orders",
    )
    first_name = models.CharField(_("orderer's first name"), max_length=100)
    last_name = models.CharField(_("orderer's last name"), max_length=100)
    email = models.EmailField(_("orderer's e-mail"), max_length=254)
    phone = models.CharField(_("orderer's phone"), max_length=32, blank=True)
    organisation = models.CharField(_("organisation"), max_length=200)
    payment_method = models.CharField(_("payment method"), max_length=10)
    wants_waiting_list = models.BooleanField(_("put those without a seat on the waiting list"), default=False)
    manage_token = SecretTokenField()
    form_token = models.CharField(max_length=64, null=True, blank=True, unique=True, editable=False)
    created_at = models.DateTimeField(_("ordered"), default=timezone.now)

    class Meta:
        ordering = ["created_at", "pk"]
        verbose_name = _("group order")
        verbose_name_plural = _("group orders")

    def __str__(self):
        return self.reference

    @property
    @display(description=_("Orderer"))
    def full_name(self) -> str:
        return f"{self.first_name} {self.last_name}".strip()

    @property
    def reference(self) -> str:
        return f"KK{self.edition.year}-G{self.pk:04d}" if self.pk else ""


class Registration(models.Model):
    """One person's registration for one edition. No user account: the secret ``manage_token``
    opens its page. State changes only through ``services``."""

    class State(models.TextChoices):
        HELD = "held", _("Awaiting card payment")
        CONFIRMED = "confirmed", _("Confirmed")
        WAITING = "waiting", _("On waiting list")
        OFFERED = "offered", _("Offered a seat")
        EXPIRED = "expired", _("Expired")
        CANCELLED = "cancelled", pgettext_lazy("registration", "Cancelled")
        TRANSFERRED = "transferred", _("Transferred to someone else")

    SEAT_STATES = (State.HELD, State.OFFERED, State.CONFIRMED)
    ACTIVE_STATES = (State.HELD, State.OFFERED, State.CONFIRMED, State.WAITING)

    # Not in Wagtail's reference index: every save would enqueue an index task inside the edition
    # lock (a task row per registration and state change, hundreds in a registration burst) for
    # "usage" counts nobody reads. Registrations are found through their own admin.
    wagtail_reference_index_ignore = True

    class PaymentMethod(models.TextChoices):
        CARD = "card", _("Card")
        INVOICE = "invoice", _("Invoice")
        FREE = "free", _("Free")
        COMPED = "comped", _("Complimentary")

    class InvoiceDelivery(models.TextChoices):
        EHF = "ehf", _("EHF (electronic invoice)")
        POST = "post", _("Post")
        EMAIL = "email", _("E-mail")

    class InvoiceStatus(models.TextChoices):
        NONE = "", _("Not applicable")
        TO_INVOICE = "to_invoice", _("To be invoiced")
        INVOICED = "invoiced", _("Invoiced")
        TO_CREDIT = "to_credit", _("To be credited")
        CREDITED = "credited", _("Credited")

    edition = models.ForeignKey(
        "editions.ConferenceEditionPage",
        verbose_name=_("edition"),
        on_delete=models.PROTECT,
        related_name="registrations",
    )
    ticket_type = models.ForeignKey(
        TicketType, verbose_name=_("ticket type"), on_delete=models.PROTECT, related_name="registrations"
    )
    add_ons = models.ManyToManyField(AddOn, verbose_name=_("add-ons"), blank=True, related_name="registrations")
    state = models.CharField(_("state"), max_length=12, choices=State.choices, db_index=True)

    first_name = models.CharField(_("first name"), max_length=100)
    last_name = models.CharField(_("last name"), max_length=100)
    email = models.EmailField(_("e-mail"), max_length=254, help_text=_("Stored in lower case."))
    phone = models.CharField(_("phone"), max_length=32, blank=True)
    organisation = models.CharField(_("organisation"), max_length=200, blank=True)
    municipality = models.ForeignKey(
        "network.Municipality",
        verbose_name=_("municipality"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="conference_registrations",
    )
    municipality_other = models.CharField(_("other municipality or region"), max_length=120, blank=True)
    job_title = models.CharField(_("job title"), max_length=150, blank=True)
    dietary_needs = models.TextField(_("dietary needs"), blank=True, max_length=1000)
    accessibility_needs = models.TextField(_("accessibility needs"), blank=True, max_length=1000)
    special_needs_consent = models.BooleanField(_("consent to process dietary and accessibility needs"), default=False)
    participant_list_consent = models.BooleanField(_("may appear on the participant list"), default=False)
    privacy_accepted_at = models.DateTimeField(_("privacy notice accepted"), null=True, blank=True)

    payment_method = models.CharField(_("payment method"), max_length=10, choices=PaymentMethod.choices)
    amount_ore = models.PositiveIntegerField(_("amount in øre incl. VAT"), default=0)
    invoice_org_number = models.CharField(_("organisation number"), max_length=9, blank=True)
    invoice_organisation = models.CharField(_("invoice recipient"), max_length=200, blank=True)
    invoice_delivery = models.CharField(
        _("invoice delivery"), max_length=8, choices=InvoiceDelivery.choices, blank=True
    )
    invoice_street_address = models.CharField(_("invoice street address"), max_length=200, blank=True)
    invoice_postal_code = models.CharField(_("postal code"), max_length=10, blank=True)
    invoice_city = models.CharField(_("city"), max_length=100, blank=True)
    invoice_email = models.EmailField(_("invoice e-mail"), blank=True)
    invoice_reference = models.CharField(
        _("employer reference"), max_length=100, blank=True, help_text=_("Bestillernummer or ressursnummer.")
    )
    invoice_contact = models.CharField(_("invoice contact"), max_length=200, blank=True)
    invoice_status = models.CharField(
        _("invoice status"), max_length=10, choices=InvoiceStatus.choices, blank=True, default=""
    )

    manage_token = SecretTokenField()
    form_token = models.CharField(
        max_length=64,
        null=True,
        blank=True,
        unique=True,
        editable=False,
        help_text="Idempotency token of the form post.",
    )
    offer_token = SecretTokenField(null=True, blank=True)

    created_at = models.DateTimeField(_("registered"), default=timezone.now, db_index=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)
    hold_expires_at = models.DateTimeField(_("hold expires"), null=True, blank=True)
    offer_expires_at = models.DateTimeField(_("offer expires"), null=True, blank=True)
    confirmed_at = models.DateTimeField(_("confirmed"), null=True, blank=True)
    cancelled_at = models.DateTimeField(pgettext_lazy("registration", "cancelled"), null=True, blank=True)
    checked_in_at = models.DateTimeField(_("checked in"), null=True, blank=True)
    reminder_sent_at = models.DateTimeField(_("reminder sent"), null=True, blank=True)
    special_data_erased_at = models.DateTimeField(_("dietary/accessibility data erased"), null=True, blank=True)
    anonymised_at = models.DateTimeField(_("anonymised"), null=True, blank=True)
    group_order = models.ForeignKey(
        GroupOrder,
        verbose_name=_("group order"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="registrations",
    )
    transferred_to = models.OneToOneField(
        "self",
        verbose_name=_("transferred to"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="transferred_from",
    )
    transferred_at = models.DateTimeField(_("transferred"), null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("registered by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("Set when an organiser registered the person."),
    )

    class Meta:
        ordering = ["created_at", "pk"]
        verbose_name = _("registration")
        verbose_name_plural = _("registrations")
        # Dietary and accessibility needs are special-category data (GDPR art. 9): only those
        # who plan the catering and the venue get this permission.
        permissions = [("view_special_needs", _("Can see dietary and accessibility needs"))]
        constraints = [
            # One active registration per e-mail and edition, enforced by the database too.
            models.UniqueConstraint(
                fields=["edition", "email"],
                condition=Q(state__in=["held", "offered", "confirmed", "waiting"]),
                name="registration_one_active_per_email",
            ),
        ]
        indexes = [models.Index(fields=["edition", "state"], name="registration_edition_state")]

    def __str__(self):
        return f"{self.full_name} ({self.get_state_display()})"

    @property
    @display(description=_("Name"))
    def full_name(self) -> str:
        return f"{self.first_name} {self.last_name}".strip()

    @property
    def amount_display(self) -> str:
        return format_nok(self.amount_ore)

    @property
    def has_seat(self) -> bool:
        return self.state in self.SEAT_STATES

    @property
    def reference(self) -> str:
        """Short human reference for e-mails, invoices and the door."""
        return f"KK{self.edition.year}-{self.pk:05d}" if self.pk else ""

    def checkin_token(self) -> str:
        """Signed token encoded in the ticket's QR code (cannot be forged without SECRET_KEY)."""
        return signing.dumps({"r": self.pk, "e": self.edition_id}, salt=CHECKIN_SALT, compress=True)

    @classmethod
    def from_checkin_token(cls, token: str):
        """The registration a QR token points to, or None for a forged/garbled token."""
        try:
            data = signing.loads(token, salt=CHECKIN_SALT)
        except signing.BadSignature:
            return None
        return cls.objects.filter(pk=data.get("r"), edition_id=data.get("e")).first()

    def municipality_display(self) -> str:
        return self.municipality.name if self.municipality else self.municipality_other


class Certificate(models.Model):
    """A certificate of attendance (kursbevis) for one registration. ``code`` is the secret of
    the verification page printed on it; name, edition and hours are kept as issued so the
    page can confirm it without any other personal data. Issued only by ``services``."""

    registration = models.OneToOneField(
        Registration, verbose_name=_("registration"), on_delete=models.CASCADE, related_name="certificate"
    )
    code = SecretTokenField()
    name = models.CharField(_("name"), max_length=201)
    hours = models.DecimalField(_("programme hours"), max_digits=5, decimal_places=1)
    issued_at = models.DateTimeField(_("issued"), default=timezone.now)
    issued_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("issued by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("Set when an organiser issued it by hand."),
    )

    class Meta:
        verbose_name = _("certificate of attendance")
        verbose_name_plural = _("certificates of attendance")

    def __str__(self):
        return f"{self.name} ({self.registration.edition})"


class SessionChoice(models.Model):
    """A participant's pick of one parallel session (their personal programme).

    Made and removed only by ``services.personal_programme``, under the edition lock: never
    more picks of a session by participants with a confirmed seat than its places
    (``Session.capacity``), and at most one pick per time slot of overlapping sessions. A
    session removed from the published programme takes its picks with it."""

    registration = models.ForeignKey(
        Registration, verbose_name=_("registration"), on_delete=models.CASCADE, related_name="session_choices"
    )
    session = models.ForeignKey(
        "programme.Session", verbose_name=_("session"), on_delete=models.CASCADE, related_name="choices"
    )
    chosen_at = models.DateTimeField(_("chosen"), default=timezone.now)

    class Meta:
        verbose_name = _("chosen session")
        verbose_name_plural = _("chosen sessions")
        constraints = [
            models.UniqueConstraint(fields=["registration", "session"], name="session_choice_once"),
        ]

    def __str__(self):
        return f"{self.registration.full_name}: {self.session.title}"


FEEDBACK_QUESTIONS = (
    ("overall", _("How satisfied are you with the conference as a whole?")),
    ("relevance", _("How relevant was the programme for your work?")),
    ("learning", _("How much did you learn that you can use in practice?")),
    ("organisation", _("How satisfied are you with the practical arrangements?")),
)
FEEDBACK_SCALE = (1, 2, 3, 4, 5)


class FeedbackInvitation(models.Model):
    """A participant's one-use link to the evaluation. Only "has answered" is kept here; the
    answers (``FeedbackResponse``) carry no link to the registration, so they are anonymous."""

    registration = models.OneToOneField(
        Registration, verbose_name=_("registration"), on_delete=models.CASCADE, related_name="feedback_invitation"
    )
    token = SecretTokenField()
    sent_at = models.DateTimeField(_("sent"), default=timezone.now)
    answered = models.BooleanField(_("has answered"), default=False)

    class Meta:
        verbose_name = _("feedback invitation")
        verbose_name_plural = _("feedback invitations")

    def __str__(self):
        return str(self.registration)


class FeedbackResponse(models.Model):
    """One anonymous evaluation: scores from 1 to 5 per question and free text. Deliberately
    no link to the registration or the invitation, and only the date is stored."""

    edition = models.ForeignKey(
        "editions.ConferenceEditionPage",
        verbose_name=_("edition"),
        on_delete=models.CASCADE,
        related_name="feedback_responses",
    )
    scores = models.JSONField(_("scores"), default=dict)
    comment = models.TextField(_("comment"), blank=True, max_length=3000)
    submitted_on = models.DateField(_("submitted"), default=timezone.localdate)

    class Meta:
        ordering = ["pk"]
        verbose_name = _("feedback response")
        verbose_name_plural = _("feedback responses")

    def __str__(self):
        return f"{self.edition} #{self.pk}"


class RegistrationStateChange(AbstractStateChange):
    """History: one row per state change (and other notable changes) of a registration.
    Written only through ``record``/``transition`` (see ``cms.core.history``)."""

    owner_field = "registration"

    class Source(models.TextChoices):
        ATTENDEE = "attendee", _("Attendee")
        ORGANISER = "organiser", _("Organiser")
        WEBHOOK = "webhook", _("Stripe webhook")
        RETURN = "return", _("Payment return page")
        TASK = "task", _("Scheduled task")
        SYSTEM = "system", _("System")

    registration = models.ForeignKey(
        Registration, verbose_name=_("registration"), on_delete=models.CASCADE, related_name="history"
    )
    source = models.CharField(_("source"), max_length=10, choices=Source.choices)

    class Meta(AbstractStateChange.Meta):
        pass


class EmailOutbox(AbstractEmailOutbox):
    """An e-mail about a registration. Written in the same transaction as the state change that
    causes it, sent by ``cms.core.outbox.deliver_email``; failures are recorded and retried by
    ``registration_tick``. ``dedupe_key`` makes e-mails such as the confirmation impossible to
    send twice. Queue, delivery and retry: ``cms.core.outbox``."""

    class Kind(models.TextChoices):
        CONFIRMATION = "confirmation", _("Confirmation")
        HELD = "held", _("Awaiting payment")
        MANAGE_LINK = "manage_link", _("Manage link (sent again)")
        WAITING = "waiting", _("Added to waiting list")
        OFFER = "offer", _("Waiting-list offer")
        OFFER_LAPSED = "offer_lapsed", _("Offer lapsed")
        HOLD_EXPIRED = "hold_expired", _("Hold expired")
        CANCELLED = "cancelled", _("Cancellation")
        LATE_PAYMENT_REFUNDED = "late_refund", _("Late payment refunded")
        REMINDER = "reminder", _("Reminder")
        CUSTOM = "custom", _("Message from the organisers")
        GROUP_ORDER = "group_order", _("Group order received")
        TRANSFERRED = "transferred", _("Seat transferred")
        CERTIFICATE = "certificate", _("Certificate of attendance")
        FEEDBACK = "feedback", _("Evaluation")
        SHARE_REFUNDED = "share_refund", _("Group share refunded")
        ORDER_REFUNDED = "order_refund", _("Group order refund (to the orderer)")

    registration = models.ForeignKey(
        Registration,
        verbose_name=_("registration"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="emails",
    )
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)

    select_related_for_delivery = ("registration__edition",)

    class Meta(AbstractEmailOutbox.Meta):
        indexes = [models.Index(fields=["sent_at", "next_attempt_at"], name="emailoutbox_pending")]

    message_builder = "conference.registration.emails.build_message"
