"""The submission-and-review engine: rounds, criteria, panels, conflict declarations, scores
and their audit trail. Posters and the award *configure* it; neither copies it.

How the engine refers to an item (a poster submission, an award nomination) without importing
the feature that owns it: every engine table names the item by a plain ``item_type`` (the
model's ``app_label.modelname``) and ``item_id``. We chose that over contenttypes'
``GenericForeignKey`` because

- the engine never needs to load an item from its own tables: a feature always hands the item
  in (``score(member, item, …)``, ``ranking(round, items)``), so a generic relation would only
  add a ContentType lookup to every query and a join to nothing;
- the string is readable in the audit trail and in exports, and survives a ContentType
  table rebuilt on another database;
- what the engine *does* need from an item is behaviour (its round, its affiliations, its
  authors' e-mails), and that is a small interface, :class:`ReviewItemMixin`, which a feature's
  item implements. :class:`ReviewItem` is the abstract model that adds the FK to the round.

The price: no database foreign key from a score to its item, so a feature deletes the engine's
rows when it deletes an item (``services.forget_item``); features rarely delete submissions.

Lock order and the services that keep these invariants: ``conference/review/services.py``.
What a user may see of an item: ``conference/review/visibility.py``.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.models import Orderable

from cms.core.history import AbstractStateChange
from cms.core.outbox import AbstractEmailOutbox
from cms.core.tokens import SecretTokenField

from .enums import RoundKind

# --- The interface a feature's item implements ----------------------------------------------


@dataclass(frozen=True)
class ReviewAffiliations:
    """The network institutions and municipalities an item is tied to (its authors' or
    nominee's), by primary key in ``cms.network``."""

    institution_ids: frozenset[int] = field(default_factory=frozenset)
    municipality_ids: frozenset[int] = field(default_factory=frozenset)


class ReviewItemMixin:
    """What the engine asks of an item. A feature's item model implements these; the engine
    never imports the feature.

    - ``review_round`` / ``review_round_id``: the round the item is judged in;
    - ``pk``: its primary key;
    - :meth:`review_affiliations` and :meth:`review_people_emails`: for the likely-conflict
      check (same institution or municipality; the member wrote or nominated it)."""

    @classmethod
    def review_item_type(cls) -> str:
        return cls._meta.label_lower

    def review_affiliations(self) -> ReviewAffiliations:
        raise NotImplementedError(f"{type(self).__name__} must implement review_affiliations()")

    def review_people_emails(self) -> set[str]:
        raise NotImplementedError(f"{type(self).__name__} must implement review_people_emails()")


class ReviewItem(ReviewItemMixin, models.Model):
    """Abstract base for a feature's reviewable item: adds the FK to its round."""

    review_round = models.ForeignKey(
        "review.Round",
        verbose_name=_("review round"),
        on_delete=models.PROTECT,
        related_name="%(app_label)s_%(class)s_items",
    )

    class Meta:
        abstract = True


# --- Rounds, criteria and the panel ----------------------------------------------------------


class Round(ClusterableModel):
    """One review round of an edition (the poster call's review, the award jury's judging).

    ``kind`` is a plain choice so the engine never imports the feature it serves. Its row is the
    first lock of every panel-wide change (lock order in ``services``)."""

    edition = models.ForeignKey(
        "editions.ConferenceEditionPage",
        verbose_name=_("edition"),
        on_delete=models.CASCADE,
        related_name="review_rounds",
    )
    kind = models.CharField(_("kind"), max_length=20, choices=RoundKind.choices)
    title = models.CharField(_("title"), max_length=200)
    blind_review = models.BooleanField(
        _("blind review"),
        default=False,
        help_text=_("Hide names and affiliations from the panel. Likely conflicts are still flagged."),
    )
    declarations_open = models.DateTimeField(
        _("conflict declarations open"), help_text=_("From this moment panel members declare conflicts of interest.")
    )
    scoring_opens = models.DateTimeField(_("scoring opens"))
    scoring_closes = models.DateTimeField(_("scoring closes"))
    panel_group = models.ForeignKey(
        "auth.Group",
        verbose_name=_("panel group"),
        null=True,
        blank=True,
        editable=False,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("The admin group every member of this panel belongs to."),
    )

    panels = [
        FieldPanel("edition"),
        FieldPanel("kind"),
        FieldPanel("title"),
        FieldPanel("blind_review"),
        MultiFieldPanel(
            [
                FieldPanel("declarations_open"),
                FieldRowPanel([FieldPanel("scoring_opens"), FieldPanel("scoring_closes")]),
            ],
            heading=_("Dates"),
        ),
        InlinePanel("criteria", heading=_("Criteria"), label=_("Criterion"), min_num=1),
    ]

    class Meta:
        ordering = ["-edition__year", "kind", "title"]
        verbose_name = _("review round")
        verbose_name_plural = _("review rounds")
        permissions = [
            ("manage_round", _("Can manage review rounds and see everything in them")),
            # Given to every panel's group: shows the Review menu without a query per admin page.
            ("sit_on_panel", _("Can open the reviewer pages of their own panels")),
        ]
        constraints = [
            models.UniqueConstraint(fields=["edition", "kind", "title"], name="review_round_unique_title"),
            models.CheckConstraint(
                condition=Q(declarations_open__lte=F("scoring_closes")) & Q(scoring_opens__lt=F("scoring_closes")),
                name="review_round_dates_in_order",
            ),
        ]

    def __str__(self):
        return f"{self.title} ({self.edition.year})"

    def scoring_is_open(self, now=None) -> bool:
        now = now or timezone.now()
        return self.scoring_opens <= now < self.scoring_closes

    def declarations_are_open(self, now=None) -> bool:
        now = now or timezone.now()
        return self.declarations_open <= now < self.scoring_closes


class Criterion(Orderable):
    """One weighted criterion of a round, scored on a whole-number scale."""

    round = ParentalKey(Round, verbose_name=_("round"), on_delete=models.CASCADE, related_name="criteria")
    name = models.CharField(_("name"), max_length=150)
    help_text = models.TextField(_("help text"), blank=True, help_text=_("What the panel should look for."))
    weight = models.PositiveSmallIntegerField(_("weight"), default=1, help_text=_("Relative weight, e.g. 1 to 5."))
    scale_min = models.SmallIntegerField(_("lowest score"), default=1)
    scale_max = models.SmallIntegerField(_("highest score"), default=5)

    panels = [
        FieldPanel("name"),
        FieldPanel("help_text"),
        FieldRowPanel([FieldPanel("weight"), FieldPanel("scale_min"), FieldPanel("scale_max")]),
    ]

    class Meta(Orderable.Meta):
        verbose_name = _("criterion")
        verbose_name_plural = _("criteria")
        constraints = [
            models.CheckConstraint(condition=Q(weight__gt=0), name="review_criterion_weight_positive"),
            models.CheckConstraint(condition=Q(scale_min__lt=F("scale_max")), name="review_criterion_scale_in_order"),
        ]

    def __str__(self):
        return self.name


class PanelMember(models.Model):
    """A user on a round's panel; at most one chair per round (a partial unique constraint).

    The member's own institution and municipality feed the likely-conflict check."""

    round = models.ForeignKey(Round, verbose_name=_("round"), on_delete=models.CASCADE, related_name="panel")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("user"), on_delete=models.CASCADE, related_name="review_panels"
    )
    is_chair = models.BooleanField(_("chair"), default=False)
    institution = models.ForeignKey(
        "network.Institution",
        verbose_name=_("institution"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    municipality = models.ForeignKey(
        "network.Municipality",
        verbose_name=_("municipality"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    added_at = models.DateTimeField(_("added"), default=timezone.now)

    class Meta:
        ordering = ["round", "-is_chair", "pk"]
        verbose_name = _("panel member")
        verbose_name_plural = _("panel members")
        constraints = [
            models.UniqueConstraint(fields=["round", "user"], name="review_member_once_per_round"),
            models.UniqueConstraint(fields=["round"], condition=Q(is_chair=True), name="review_one_chair_per_round"),
        ]

    def __str__(self):
        return f"{self.user.get_full_name() or self.user.email} ({self.round.title})"


class MemberItemRow(models.Model):
    """A row about one member and one item (the engine's generic item reference)."""

    item_type = models.CharField(_("item type"), max_length=100)
    item_id = models.PositiveBigIntegerField(_("item"))

    class Meta:
        abstract = True


class ConflictDeclaration(MemberItemRow):
    """A member's declaration for one item: no conflict, or a conflict with a reason. Made before
    the item's content is shown; one per member × item; every change is in the audit trail."""

    member = models.ForeignKey(
        PanelMember, verbose_name=_("panel member"), on_delete=models.CASCADE, related_name="declarations"
    )
    has_conflict = models.BooleanField(_("conflict of interest"))
    reason = models.TextField(_("reason"), blank=True)
    declared_at = models.DateTimeField(_("declared"), default=timezone.now)

    class Meta:
        verbose_name = _("conflict declaration")
        verbose_name_plural = _("conflict declarations")
        constraints = [
            models.UniqueConstraint(fields=["member", "item_type", "item_id"], name="review_declaration_once"),
            models.CheckConstraint(condition=Q(has_conflict=False) | ~Q(reason=""), name="review_conflict_has_reason"),
        ]
        indexes = [models.Index(fields=["item_type", "item_id"], name="review_declaration_item")]

    def __str__(self):
        return f"{self.member} – {self.item_type}#{self.item_id}: {'conflict' if self.has_conflict else 'none'}"


class ItemReview(MemberItemRow):
    """A member's review of one item as a whole: ``submitted_at`` is set when the member has
    scored every criterion and submitted; only then do others' scores become visible to them
    and does their review count in the ranking."""

    member = models.ForeignKey(
        PanelMember, verbose_name=_("panel member"), on_delete=models.CASCADE, related_name="reviews"
    )
    submitted_at = models.DateTimeField(_("submitted"), null=True, blank=True)

    class Meta:
        verbose_name = _("review")
        verbose_name_plural = _("reviews")
        constraints = [
            models.UniqueConstraint(fields=["member", "item_type", "item_id"], name="review_itemreview_once"),
        ]
        indexes = [models.Index(fields=["item_type", "item_id"], name="review_itemreview_item")]

    def __str__(self):
        return f"{self.member} – {self.item_type}#{self.item_id}"


class Score(MemberItemRow):
    """One member's score of one item on one criterion (within the criterion's scale, checked
    by ``services.score``), with an optional comment. Unique per member × item × criterion."""

    member = models.ForeignKey(
        PanelMember, verbose_name=_("panel member"), on_delete=models.CASCADE, related_name="scores"
    )
    criterion = models.ForeignKey(
        Criterion, verbose_name=_("criterion"), on_delete=models.CASCADE, related_name="scores"
    )
    value = models.SmallIntegerField(_("score"))
    comment = models.TextField(_("comment"), blank=True)
    updated_at = models.DateTimeField(_("updated"), default=timezone.now)

    class Meta:
        verbose_name = _("score")
        verbose_name_plural = _("scores")
        constraints = [
            models.UniqueConstraint(fields=["member", "item_type", "item_id", "criterion"], name="review_score_once"),
        ]
        indexes = [models.Index(fields=["item_type", "item_id"], name="review_score_item")]

    def __str__(self):
        return f"{self.criterion}: {self.value}"


# --- The audit trail --------------------------------------------------------------------------


class ReviewLogEntry(AbstractStateChange):
    """The one audit trail of a round: every declaration (and change of it), every score (and
    change), every submission, every decision and every panel change. ``from_state``/``to_state``
    hold the old and new value ("none" → "conflict", "3" → "4", "" → "accept").

    Written only by ``services`` inside the transaction that makes the change; never edited."""

    owner_field = "round"

    class Source(models.TextChoices):
        PANEL = "panel", _("Panel member")
        ORGANISER = "organiser", _("Organiser")
        SYSTEM = "system", _("System")

    class Action(models.TextChoices):
        DECLARED = "declared", _("Conflict declaration")
        SCORED = "scored", _("Score")
        SUBMITTED = "submitted", _("Review submitted")
        DECIDED = "decided", _("Decision")
        PANEL = "panel", _("Panel change")

    round = models.ForeignKey(Round, verbose_name=_("round"), on_delete=models.CASCADE, related_name="log")
    source = models.CharField(_("source"), max_length=10, choices=Source.choices)
    action = models.CharField(_("action"), max_length=10, choices=Action.choices)
    member = models.ForeignKey(
        PanelMember, verbose_name=_("panel member"), null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    item_type = models.CharField(_("item type"), max_length=100, blank=True)
    item_id = models.PositiveBigIntegerField(_("item"), null=True, blank=True)
    criterion = models.ForeignKey(
        Criterion, verbose_name=_("criterion"), null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta(AbstractStateChange.Meta):
        verbose_name = _("review log entry")
        verbose_name_plural = _("review log")
        indexes = [models.Index(fields=["round", "item_type", "item_id"], name="review_log_item")]

    def __str__(self):
        return f"{self.get_action_display()}: {super().__str__()}"


# --- Panel invitations and their e-mails ------------------------------------------------------


class PanelInvitation(models.Model):
    """A one-time link with which an invited member sets their own password. Used once
    (``accepted_at``), valid until ``expires_at``."""

    member = models.ForeignKey(
        PanelMember, verbose_name=_("panel member"), on_delete=models.CASCADE, related_name="invitations"
    )
    token = SecretTokenField(_("token"))
    created_at = models.DateTimeField(_("created"), default=timezone.now)
    expires_at = models.DateTimeField(_("expires"))
    accepted_at = models.DateTimeField(_("accepted"), null=True, blank=True)
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("invited by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("panel invitation")
        verbose_name_plural = _("panel invitations")

    def __str__(self):
        return str(self.member)

    def is_expired(self, now=None) -> bool:
        return (now or timezone.now()) >= self.expires_at


class ReviewEmail(AbstractEmailOutbox):
    """An e-mail to a panel member (the invitation). Queue, delivery and retry: ``cms.core.outbox``."""

    class Kind(models.TextChoices):
        INVITATION = "invitation", _("Panel invitation")
        ADDED = "added", _("Added to a panel")

    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    invitation = models.ForeignKey(
        PanelInvitation,
        verbose_name=_("invitation"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="emails",
    )
    member = models.ForeignKey(
        PanelMember,
        verbose_name=_("panel member"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="emails",
    )

    message_builder = "conference.review.emails.build_message"
    select_related_for_delivery = ("member__round__edition", "member__user", "invitation")

    class Meta(AbstractEmailOutbox.Meta):
        verbose_name = _("review e-mail")
        verbose_name_plural = _("review e-mails")
