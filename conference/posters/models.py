"""Posters: the call of an edition, submissions with their authors, the final PDF, board
numbers and the poster prize vote.

The call is a page under its edition (``/konferansen/2028/plakater/``): editors write the text,
and its fields are the call's rules (window, word limit, format, registration rule, topics,
prize). A submission is an item of the review engine (``conference.review``): the committee's
declarations, scores and ranking live there; this app owns the submission's own state, which
moves only through ``services``.

Files are private (``cms.core.uploads``): the final PDF and its preview are served by views
that ask ``conference.review.visibility.what_may_see`` (committee) or check that the poster is
published in the gallery (accepted, consented, decision sent).
"""

from __future__ import annotations

import os
import re

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.module_loading import import_string
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import StreamField
from wagtail.models import Orderable
from wagtail.search import index

from cms.core.blocks import StandardStreamBlock
from cms.core.history import AbstractStateChange
from cms.core.models import BasePage
from cms.core.outbox import AbstractEmailOutbox
from cms.core.tokens import SecretTokenField
from cms.core.uploads import pdf_validators, private_storage
from conference.review.models import ReviewAffiliations, ReviewItem

from .enums import ACCEPTED_STATES, PrizeMode, SubmissionState
from .gallery import GalleryRoutesMixin

FINAL_PDF_MAX_BYTES = 30 * 1024 * 1024
WORD_RE = re.compile(r"\w+(?:[-'’]\w+)*")


def count_words(*texts: str) -> int:
    """Words as a reader counts them: "kommune-helsetjeneste" and "5,2" are one word each."""
    return sum(len(WORD_RE.findall(text or "")) for text in texts)


class PosterCallPage(GalleryRoutesMixin, RoutablePageMixin, BasePage):
    """The poster call of one edition: its text and its rules. Submissions, the status page of
    a submission and the gallery are routes of this page."""

    intro = models.TextField(_("introduction"), blank=True)
    body = StreamField(StandardStreamBlock(), verbose_name=_("content"), blank=True)
    opens_at = models.DateTimeField(_("submissions open"))
    closes_at = models.DateTimeField(_("submissions close"), help_text=_("Norwegian time, e.g. 15 May at 23:59."))
    final_upload_closes_at = models.DateTimeField(
        _("final poster due"),
        null=True,
        blank=True,
        help_text=_("Deadline for accepted posters to upload their final PDF."),
    )
    abstract_word_limit = models.PositiveSmallIntegerField(
        _("abstract word limit"), default=250, validators=[MinValueValidator(50), MaxValueValidator(2000)]
    )
    poster_format = models.CharField(_("poster format"), max_length=100, default="A0, stående")
    presenter_must_register = models.BooleanField(
        _("presenting author must register"),
        default=False,
        help_text=_(
            "Remind the presenting author of an accepted poster until they have registered for the conference."
        ),
    )
    review_round = models.ForeignKey(
        "review.Round",
        verbose_name=_("review round"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("The poster committee's round. Created with default criteria when the first poster is submitted."),
    )
    prize_mode = models.CharField(_("poster prize"), max_length=10, choices=PrizeMode.choices, default=PrizeMode.NONE)
    voting_opens_at = models.DateTimeField(_("voting opens"), null=True, blank=True)
    voting_closes_at = models.DateTimeField(_("voting closes"), null=True, blank=True)
    gallery_intro = models.TextField(_("gallery introduction"), blank=True)

    content_panels = [
        *BasePage.content_panels,
        FieldPanel("intro"),
        FieldPanel("body"),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("opens_at"), FieldPanel("closes_at")]),
                FieldPanel("final_upload_closes_at"),
            ],
            heading=_("Dates"),
        ),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("abstract_word_limit"), FieldPanel("poster_format")]),
                FieldPanel("presenter_must_register"),
                InlinePanel("topics", heading=_("Topics"), label=_("Topic")),
                FieldPanel("review_round"),
            ],
            heading=_("Rules"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("prize_mode"),
                FieldRowPanel([FieldPanel("voting_opens_at"), FieldPanel("voting_closes_at")]),
            ],
            heading=_("Poster prize"),
        ),
        FieldPanel("gallery_intro"),
    ]

    search_fields = [*BasePage.search_fields, index.SearchField("intro"), index.SearchField("body")]

    parent_page_types = ["editions.ConferenceEditionPage"]
    subpage_types: list[str] = []
    max_count_per_parent = 1
    template = "posters/call_page.html"

    class Meta:
        verbose_name = _("poster call")
        verbose_name_plural = _("poster calls")

    def clean(self):
        super().clean()
        errors = {}
        if self.opens_at and self.closes_at and self.opens_at >= self.closes_at:
            errors["closes_at"] = _("The call must close after it opens.")
        if self.closes_at and self.final_upload_closes_at and self.final_upload_closes_at <= self.closes_at:
            errors["final_upload_closes_at"] = _("The final poster is due after the call closes.")
        if self.voting_opens_at and self.voting_closes_at and self.voting_opens_at >= self.voting_closes_at:
            errors["voting_closes_at"] = _("Voting must close after it opens.")
        if errors:
            raise ValidationError(errors)

    @property
    def edition(self):
        return self.get_parent().specific

    def is_open(self, now=None) -> bool:
        now = now or timezone.now()
        return self.opens_at <= now < self.closes_at

    def final_upload_is_open(self, now=None) -> bool:
        now = now or timezone.now()
        return self.final_upload_closes_at is None or now < self.final_upload_closes_at

    def voting_is_open(self, now=None) -> bool:
        now = now or timezone.now()
        return (
            self.prize_mode == PrizeMode.VOTE
            and self.voting_opens_at is not None
            and self.voting_closes_at is not None
            and self.voting_opens_at <= now < self.voting_closes_at
        )

    def voting_has_closed(self, now=None) -> bool:
        now = now or timezone.now()
        return self.voting_closes_at is not None and now >= self.voting_closes_at

    # --- routes: the views live in ``views`` (named by a dotted path, as the e-mail builder is,
    # so this module never imports the views that import it).

    route_views = "conference.posters.views"

    def _view(self, name):
        return import_string(f"{self.route_views}.{name}")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context.update(self._view("call_context")(request, self))
        return context

    @path("send-inn/", name="submit")
    def submit_route(self, request):
        return self._view("submit")(request, self)

    @path("send-lenke/", name="resend_link")
    def resend_link_route(self, request):
        return self._view("resend_link")(request, self)

    @path("innsending/<str:token>/", name="submission")
    def submission_route(self, request, token):
        return self._view("submission")(request, self, token)

    @path("innsending/<str:token>/endre/", name="edit")
    def edit_route(self, request, token):
        return self._view("edit")(request, self, token)

    @path("innsending/<str:token>/trekk/", name="withdraw")
    def withdraw_route(self, request, token):
        return self._view("withdraw")(request, self, token)

    @path("innsending/<str:token>/plakat/", name="final")
    def final_route(self, request, token):
        return self._view("upload_final")(request, self, token)


class PosterTopic(Orderable):
    """A topic a poster is filed under (the plan's focus areas); board numbers run by topic."""

    page = ParentalKey(PosterCallPage, on_delete=models.CASCADE, related_name="topics")
    name = models.CharField(_("name"), max_length=150)

    panels = [FieldPanel("name")]

    class Meta(Orderable.Meta):
        verbose_name = _("topic")
        verbose_name_plural = _("topics")

    def __str__(self):
        return self.name


class PosterSubmissionQuerySet(models.QuerySet):
    def under_review(self):
        """Everything the committee judges: submitted and decided, not drafts or withdrawn."""
        return self.exclude(state__in=(SubmissionState.DRAFT, SubmissionState.WITHDRAWN))

    def published(self):
        """The public gallery: accepted, consented, decision sent, final PDF in."""
        return self.filter(
            state__in=ACCEPTED_STATES,
            consent_to_publish=True,
            decision_sent_at__isnull=False,
        ).exclude(final_pdf="")


def final_pdf_path(instance, filename):
    return f"plakater/{instance.call_id}/{instance.pk or 'ny'}/plakat.pdf"


def preview_path(instance, filename):
    return f"plakater/{instance.call_id}/{instance.pk or 'ny'}/forhandsvisning.png"


class PosterSubmission(index.Indexed, ReviewItem):
    """One poster: a draft until submitted, judged by the committee in the call's review round,
    and after acceptance a final PDF, a board number and perhaps a prize."""

    call = models.ForeignKey(
        PosterCallPage, verbose_name=_("call"), on_delete=models.PROTECT, related_name="submissions"
    )
    # Empty while a draft: the round is created (``services.ensure_review_round``) and set
    # when the poster is sent in, so a call with only drafts has no committee round yet.
    review_round = models.ForeignKey(
        "review.Round",
        verbose_name=_("review round"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="posters_postersubmission_items",
    )
    state = models.CharField(_("status"), max_length=12, choices=SubmissionState.choices, default=SubmissionState.DRAFT)
    token = SecretTokenField()
    contact_name = models.CharField(_("contact person"), max_length=200)
    contact_email = models.EmailField(_("contact e-mail"))
    title = models.CharField(_("title"), max_length=250)
    background = models.TextField(_("background"), blank=True)
    method = models.TextField(_("method"), blank=True)
    results = models.TextField(_("results or status"), blank=True)
    relevance = models.TextField(_("relevance for the municipalities"), blank=True)
    topic = models.ForeignKey(
        PosterTopic, verbose_name=_("topic"), null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    municipalities = models.ManyToManyField(
        "network.Municipality",
        verbose_name=_("collaborating municipalities"),
        blank=True,
        related_name="poster_submissions",
    )
    consent_to_publish = models.BooleanField(_("may be published"), default=False)
    created_at = models.DateTimeField(_("created"), default=timezone.now)
    updated_at = models.DateTimeField(_("changed"), auto_now=True)
    submitted_at = models.DateTimeField(_("submitted"), null=True, blank=True)
    decision_note = models.TextField(_("note to the authors"), blank=True)
    decided_at = models.DateTimeField(_("decided"), null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("decided by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    decision_sent_at = models.DateTimeField(_("decision sent"), null=True, blank=True)
    final_pdf = models.FileField(
        _("final poster (PDF)"),
        upload_to=final_pdf_path,
        storage=private_storage,
        blank=True,
        validators=pdf_validators(FINAL_PDF_MAX_BYTES),
    )
    final_uploaded_at = models.DateTimeField(_("final poster uploaded"), null=True, blank=True)
    preview = models.FileField(_("preview image"), upload_to=preview_path, storage=private_storage, blank=True)
    board_number = models.PositiveSmallIntegerField(_("board number"), null=True, blank=True)
    prize_winner = models.BooleanField(_("poster prize winner"), default=False)
    register_reminder_at = models.DateTimeField(_("last registration reminder"), null=True, blank=True)
    # Set by the organisers (``decisions.set_project``); shown both ways only while the poster
    # is published and the project page live and public (``related``).
    registry_project = models.ForeignKey(
        "inquiries.ProjectPage",
        verbose_name=_("project in the registry"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    objects = PosterSubmissionQuerySet.as_manager()

    # Site search returns only published posters (``search.sources._poster_hits``); the index
    # itself may hold others, so nothing reads it except through ``published()``.
    search_fields = [
        index.SearchField("title", boost=3),
        index.AutocompleteField("title"),
        index.SearchField("background"),
        index.SearchField("method"),
        index.SearchField("results"),
        index.SearchField("relevance"),
        index.RelatedFields("authors", [index.SearchField("name")]),
        index.FilterField("call_id"),
        index.FilterField("state"),
    ]

    class Meta:
        ordering = ["call", "board_number", "created_at"]
        verbose_name = _("poster submission")
        verbose_name_plural = _("poster submissions")
        permissions = [("manage_posters", _("Can decide on posters and send the decisions"))]
        constraints = [
            models.UniqueConstraint(
                fields=["call", "board_number"],
                condition=Q(board_number__isnull=False),
                name="posters_board_number_once_per_call",
            ),
            models.CheckConstraint(
                # A draft may be withdrawn without ever having been sent in.
                condition=Q(state__in=["draft", "withdrawn"]) | Q(submitted_at__isnull=False),
                name="posters_submitted_has_time",
            ),
        ]
        indexes = [models.Index(fields=["call", "state"], name="posters_call_state")]

    def __str__(self):
        return self.title

    @property
    def word_count(self) -> int:
        return count_words(self.background, self.method, self.results, self.relevance)

    @property
    def is_accepted(self) -> bool:
        return self.state in ACCEPTED_STATES

    @property
    def decision_is_public_to_author(self) -> bool:
        return self.decision_sent_at is not None

    def can_edit(self, now=None) -> bool:
        """Authors edit drafts and submissions until the call closes; then it is read-only."""
        return self.state in (SubmissionState.DRAFT, SubmissionState.SUBMITTED) and self.call.is_open(now)

    def can_upload_final(self, now=None) -> bool:
        return self.is_accepted and self.decision_sent_at is not None and self.call.final_upload_is_open(now)

    @property
    def presenting_author(self):
        return next((a for a in self.authors.all() if a.is_presenting), None)

    @property
    def download_name(self) -> str:
        base = f"plakat-{self.board_number}" if self.board_number else f"plakat-{self.pk}"
        return os.path.basename(base) + ".pdf"

    # --- the review engine's interface ---

    def review_affiliations(self) -> ReviewAffiliations:
        # .all(), not values_list(): uses the prefetch of a list of items (the reviewer pages).
        institutions, municipalities = set(), {m.pk for m in self.municipalities.all()}
        for author in self.authors.all():
            if author.institution_id:
                institutions.add(author.institution_id)
            if author.municipality_id:
                municipalities.add(author.municipality_id)
        return ReviewAffiliations(frozenset(institutions), frozenset(municipalities))

    def review_people_emails(self) -> set[str]:
        emails = {self.contact_email.lower()}
        emails.update(a.email.lower() for a in self.authors.all() if a.email)
        return emails


class PosterAuthor(Orderable):
    """An author in the order the poster lists them; exactly one presents."""

    submission = models.ForeignKey(PosterSubmission, on_delete=models.CASCADE, related_name="authors")
    name = models.CharField(_("name"), max_length=200)
    email = models.EmailField(_("e-mail"), blank=True)
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
    affiliation_other = models.CharField(_("other affiliation"), max_length=250, blank=True)
    is_presenting = models.BooleanField(_("presenting author"), default=False)

    class Meta(Orderable.Meta):
        verbose_name = _("author")
        verbose_name_plural = _("authors")
        constraints = [
            models.UniqueConstraint(
                fields=["submission"], condition=Q(is_presenting=True), name="posters_one_presenting_author"
            )
        ]

    def __str__(self):
        return self.name

    @property
    def affiliation(self) -> str:
        if self.institution_id:
            return str(self.institution)
        if self.municipality_id:
            return str(self.municipality)
        return self.affiliation_other


class PosterStateChange(AbstractStateChange):
    """The history of a submission: every state change and notable event, with who and when."""

    owner_field = "submission"

    class Source(models.TextChoices):
        AUTHOR = "author", _("Author")
        ORGANISER = "organiser", _("Organiser")
        TASK = "task", _("Scheduled task")
        SYSTEM = "system", _("System")

    submission = models.ForeignKey(PosterSubmission, on_delete=models.CASCADE, related_name="history")
    source = models.CharField(_("source"), max_length=10, choices=Source.choices)

    class Meta(AbstractStateChange.Meta):
        verbose_name = _("poster history entry")
        verbose_name_plural = _("poster history")


class PosterEmail(AbstractEmailOutbox):
    """An e-mail about a submission (``cms.core.outbox``), built by ``emails.build_message``."""

    class Kind(models.TextChoices):
        RECEIPT = "receipt", _("Receipt")
        DRAFT_LINK = "draft_link", _("Link to a draft")
        LINK = "link", _("Private link (sent again)")
        DECISION = "decision", _("Decision")
        FINAL_RECEIVED = "final", _("Final poster received")
        REGISTER_REMINDER = "register", _("Reminder to register")

    submission = models.ForeignKey(
        PosterSubmission,
        verbose_name=_("submission"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="emails",
    )
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)

    select_related_for_delivery = ("submission__call",)
    message_builder = "conference.posters.emails.build_message"

    class Meta(AbstractEmailOutbox.Meta):
        indexes = [models.Index(fields=["sent_at", "next_attempt_at"], name="posteremail_pending")]


class PosterVote(models.Model):
    """One participant's vote for the poster prize: one per checked-in registration and call."""

    call = models.ForeignKey(PosterCallPage, on_delete=models.CASCADE, related_name="votes")
    submission = models.ForeignKey(PosterSubmission, on_delete=models.CASCADE, related_name="votes")
    registration = models.ForeignKey("registration.Registration", on_delete=models.CASCADE, related_name="poster_votes")
    cast_at = models.DateTimeField(_("cast"), default=timezone.now)

    class Meta:
        verbose_name = _("poster vote")
        verbose_name_plural = _("poster votes")
        constraints = [models.UniqueConstraint(fields=["call", "registration"], name="posters_one_vote_per_attendee")]

    def __str__(self):
        return f"{self.registration_id} → {self.submission_id}"


__all__ = [
    "FINAL_PDF_MAX_BYTES",
    "PosterAuthor",
    "PosterCallPage",
    "PosterEmail",
    "PosterStateChange",
    "PosterSubmission",
    "PosterTopic",
    "PosterVote",
    "count_words",
]
