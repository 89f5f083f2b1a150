"""The research and innovation award (Kunnskapskommunens forsknings- og innovasjonspris).

- :class:`AwardWinner`: the public record of a winner (every year's, including those before this
  platform). Shown only from ``publish_at`` (the ceremony): every public place asks
  ``AwardWinner.objects.published()``.
- :class:`AwardRound`: one edition's award: the nomination window, texts, and the engine
  ``Round`` (kind "award") that holds the jury, the criteria and the review dates.
- :class:`Nomination`: what one nominator sent without an account (private link), with PDFs.
- :class:`Candidate`: the nominee as the jury sees them: nominations of the same person or group
  are merged into one candidate, which is the review engine's item.
- :class:`Decision` and :class:`DecisionConfirmation`: the jury's decision, confirmed by each
  participating juror.

Every change goes through ``services``.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.models import Page
from wagtail.search import index

from cms.core.history import AbstractStateChange
from cms.core.models import BasePage
from cms.core.outbox import AbstractEmailOutbox
from cms.core.page_cache import limit_page_cache
from cms.core.tokens import SecretTokenField
from cms.core.uploads import pdf_validators, private_storage
from cms.inquiries.models import ProjectPage
from conference.review.models import ReviewAffiliations, ReviewItem

from .enums import DecisionMethod, NominationState, NomineeKind

# --- The public record of winners ----------------------------------------------------------


class AwardWinnerQuerySet(models.QuerySet):
    def published(self, now=None):
        """Winners the public may see: their publish time (the ceremony) has come."""
        return self.filter(publish_at__lte=now or timezone.now())


class AwardWinner(models.Model):
    """A winner of the prize, kept with the edition where it was handed over. Confidential until
    ``publish_at``: the edition page, the archive, search, the sitemap and every export show
    only ``AwardWinner.objects.published()``."""

    edition = models.ForeignKey(
        "editions.ConferenceEditionPage",
        verbose_name=_("edition"),
        on_delete=models.CASCADE,
        related_name="award_winners",
    )
    award_round = models.ForeignKey(
        "AwardRound",
        verbose_name=_("award round"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="winners",
        editable=False,
    )
    candidate = models.ForeignKey(
        "Candidate", verbose_name=_("candidate"), null=True, blank=True, on_delete=models.SET_NULL, editable=False
    )
    name = models.CharField(_("winner"), max_length=200, help_text=_("A person or a research group."))
    project = models.CharField(_("project"), max_length=200, blank=True)
    organisation = models.CharField(_("organisation"), max_length=200, blank=True)
    citation = models.TextField(_("justification"), blank=True, help_text=_("The jury's justification."))
    photo = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("photo"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    photo_alt = models.CharField(
        _("alternative text"),
        max_length=250,
        blank=True,
        help_text=_("Describe what the photo shows for those who cannot see it. Required with a photo."),
    )
    publish_at = models.DateTimeField(
        _("published from"),
        default=timezone.now,
        help_text=_("The winner is secret until this moment (the award ceremony)."),
    )
    sort_order = models.IntegerField(_("order"), default=0)
    registry_project = models.ForeignKey(
        "inquiries.ProjectPage",
        verbose_name=_("project in the registry"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("The project page links to the winner once the winner is published, and back."),
    )

    objects = AwardWinnerQuerySet.as_manager()

    panels = [
        FieldPanel("edition"),
        FieldPanel("name"),
        FieldRowPanel([FieldPanel("project"), FieldPanel("organisation")]),
        FieldPanel("registry_project"),
        FieldPanel("citation"),
        FieldRowPanel([FieldPanel("photo"), FieldPanel("photo_alt")]),
        FieldRowPanel([FieldPanel("publish_at"), FieldPanel("sort_order")]),
    ]

    class Meta:
        ordering = ["-edition__year", "sort_order", "pk"]
        verbose_name = _("award winner")
        verbose_name_plural = _("award winners")

    def __str__(self):
        return self.name

    def clean(self):
        from django.core.exceptions import ValidationError

        if self.photo_id and not self.photo_alt.strip():
            raise ValidationError({"photo_alt": _("Describe the photo for those who cannot see it.")})

    def is_published(self, now=None) -> bool:
        return self.publish_at <= (now or timezone.now())


class AwardArchivePage(BasePage):
    """The award's public page: what the prize is, and every year's winners with the jury's
    justification. Only published winners appear here and in the search index."""

    intro = models.TextField(_("introduction"), blank=True)

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    search_fields = [
        *BasePage.search_fields,
        index.SearchField("intro"),
        index.SearchField("published_winners_text"),
    ]
    parent_page_types = ["editions.ConferenceIndexPage"]
    subpage_types: list[str] = []
    max_count = 1
    template = "award/archive_page.html"
    search_result_label = _("Award")

    class Meta:
        verbose_name = _("award archive")

    def published_winners(self, now=None):
        return (
            AwardWinner.objects.published(now)
            .filter(edition__live=True)
            .select_related("edition", "photo")
            .order_by("-edition__year", "sort_order", "pk")
        )

    def published_winners_text(self) -> str:
        """What the search index holds: only winners already published (re-indexed when a
        result is published, see ``services.publish_due_results``)."""
        return "\n".join(
            " ".join(filter(None, [w.name, w.project, w.organisation, w.citation])) for w in self.published_winners()
        )

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        years: dict = {}
        winners = list(self.published_winners())
        projects = ProjectPage.objects.live().public().in_bulk({w.registry_project_id for w in winners} - {None})
        for winner in winners:
            project = projects.get(winner.registry_project_id)
            winner.project_link = (project.title, project.get_url(request)) if project else None
            years.setdefault(winner.edition, []).append(winner)
        context["years"] = list(years.items())
        # A winner due later must appear at its publish time even if this page is cached now.
        upcoming = AwardWinner.objects.filter(publish_at__gt=timezone.now()).order_by("publish_at").first()
        if upcoming is not None:
            limit_page_cache(request, max(1, int((upcoming.publish_at - timezone.now()).total_seconds())))
        return context


# --- The round ---------------------------------------------------------------------------------


class AwardRound(models.Model):
    """One edition's award: nominations, texts and dates. The jury, criteria and the dates for
    conflict declarations and scoring are the engine round's (``review_round``), kept in step by
    ``services.save_round``."""

    edition = models.OneToOneField(
        "editions.ConferenceEditionPage",
        verbose_name=_("edition"),
        on_delete=models.CASCADE,
        related_name="award_round",
    )
    review_round = models.OneToOneField(
        "review.Round",
        verbose_name=_("review round"),
        null=True,
        blank=True,
        editable=False,
        on_delete=models.SET_NULL,
        related_name="award_round",
    )
    title = models.CharField(_("title"), max_length=200, default="Kunnskapskommunens forsknings- og innovasjonspris")
    intro = models.TextField(_("introduction"), blank=True, help_text=_("Shown above the nomination form."))
    eligibility = models.TextField(_("who may be nominated"), blank=True)
    criteria_text = models.TextField(_("criteria"), blank=True, help_text=_("What the jury looks for, in words."))
    nominations_open = models.DateTimeField(_("nominations open"))
    nominations_close = models.DateTimeField(_("nominations close"))
    declarations_open = models.DateTimeField(_("conflict declarations open"))
    scoring_opens = models.DateTimeField(_("scoring opens"))
    scoring_closes = models.DateTimeField(_("scoring closes"))
    deliberation_at = models.DateTimeField(_("jury meeting"), null=True, blank=True)
    publish_at = models.DateTimeField(
        _("result published"), help_text=_("The award ceremony: the winner is secret until then.")
    )
    justification_max_length = models.PositiveIntegerField(_("longest justification (characters)"), default=3000)

    panels = [
        FieldPanel("edition"),
        FieldPanel("title"),
        FieldPanel("intro"),
        FieldPanel("eligibility"),
        FieldPanel("criteria_text"),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("nominations_open"), FieldPanel("nominations_close")]),
                FieldPanel("justification_max_length"),
            ],
            heading=_("Nominations"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("declarations_open"),
                FieldRowPanel([FieldPanel("scoring_opens"), FieldPanel("scoring_closes")]),
                FieldRowPanel([FieldPanel("deliberation_at"), FieldPanel("publish_at")]),
            ],
            heading=_("The jury"),
            help_text=_("The jury, its chair and the weighted criteria are set on the review round."),
        ),
    ]

    class Meta:
        ordering = ["-edition__year"]
        verbose_name = _("award round")
        verbose_name_plural = _("award rounds")
        constraints = [
            models.CheckConstraint(
                condition=Q(nominations_open__lt=models.F("nominations_close")), name="award_nominations_in_order"
            ),
        ]

    def __str__(self):
        return f"{self.title} {self.edition.year}"

    def clean(self):
        from django.core.exceptions import ValidationError

        errors = {}
        if self.nominations_open and self.nominations_close and self.nominations_close <= self.nominations_open:
            errors["nominations_close"] = _("Nominations must close after they open.")
        if self.scoring_opens and self.scoring_closes and self.scoring_closes <= self.scoring_opens:
            errors["scoring_closes"] = _("Scoring must close after it opens.")
        if self.declarations_open and self.scoring_closes and self.declarations_open > self.scoring_closes:
            errors["declarations_open"] = _("Declarations must open before scoring closes.")
        if errors:
            raise ValidationError(errors)

    def nominations_are_open(self, now=None) -> bool:
        now = now or timezone.now()
        return self.nominations_open <= now < self.nominations_close

    def result_is_published(self, now=None) -> bool:
        return self.publish_at <= (now or timezone.now())


# --- Nominations and candidates ----------------------------------------------------------------


class Candidate(ReviewItem):
    """A nominee as the jury sees them: one or more nominations of the same person or group.
    The review engine's item for the award (declarations and scores are per candidate)."""

    award_round = models.ForeignKey(
        AwardRound, verbose_name=_("award round"), on_delete=models.CASCADE, related_name="candidates"
    )
    name = models.CharField(_("name"), max_length=200)
    kind = models.CharField(_("kind"), max_length=10, choices=NomineeKind.choices, default=NomineeKind.PERSON)
    affiliation = models.CharField(_("affiliation"), max_length=200, blank=True)
    contact_email = models.EmailField(_("contact e-mail"), blank=True)
    created_at = models.DateTimeField(_("created"), default=timezone.now)

    class Meta:
        ordering = ["name", "pk"]
        verbose_name = _("candidate")
        verbose_name_plural = _("candidates")

    def __str__(self):
        return self.name

    def active_nominations(self):
        return self.nominations.filter(state=NominationState.SUBMITTED)

    def review_affiliations(self) -> ReviewAffiliations:
        institutions, municipalities = set(), set()
        for nomination in self.active_nominations():
            for inst in (nomination.nominator_institution_id, nomination.nominee_institution_id):
                if inst:
                    institutions.add(inst)
            for mun in (nomination.nominator_municipality_id, nomination.nominee_municipality_id):
                if mun:
                    municipalities.add(mun)
        return ReviewAffiliations(frozenset(institutions), frozenset(municipalities))

    def review_people_emails(self) -> set[str]:
        emails = {self.contact_email} if self.contact_email else set()
        for nomination in self.active_nominations():
            emails.update(e for e in (nomination.nominator_email, nomination.nominee_email) if e)
        return {e.lower() for e in emails}


class Nomination(models.Model):
    """One nominator's nomination, sent without an account. The nominator edits it through
    ``token`` until nominations close; the nominee sees it and may decline through
    ``nominee_token`` (sent only after the nominator allowed contacting them)."""

    award_round = models.ForeignKey(
        AwardRound, verbose_name=_("award round"), on_delete=models.CASCADE, related_name="nominations"
    )
    candidate = models.ForeignKey(
        Candidate,
        verbose_name=_("candidate"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="nominations",
    )
    state = models.CharField(
        _("state"), max_length=12, choices=NominationState.choices, default=NominationState.SUBMITTED
    )
    token = SecretTokenField(_("nominator's link"))
    nominee_token = SecretTokenField(_("nominee's link"))
    nominator_name = models.CharField(_("your name"), max_length=200)
    nominator_email = models.EmailField(_("your e-mail"))
    nominator_institution = models.ForeignKey(
        "network.Institution",
        verbose_name=_("nominator's institution"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    nominator_municipality = models.ForeignKey(
        "network.Municipality",
        verbose_name=_("nominator's municipality"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    nominee_kind = models.CharField(_("nominee is"), max_length=10, choices=NomineeKind.choices)
    nominee_name = models.CharField(_("nominee's name"), max_length=200)
    nominee_affiliation = models.CharField(_("nominee's workplace"), max_length=200)
    nominee_institution = models.ForeignKey(
        "network.Institution",
        verbose_name=_("nominee's institution"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    nominee_municipality = models.ForeignKey(
        "network.Municipality",
        verbose_name=_("nominee's municipality"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    nominee_email = models.EmailField(_("nominee's e-mail"))
    projects = models.TextField(_("project(s)"))
    # Optional, from the published projects of the registry; the winner inherits it (``services``)
    # and the project page shows only the published winner, never a nomination.
    registry_project = models.ForeignKey(
        "inquiries.ProjectPage",
        verbose_name=_("project in the registry"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    justification = models.TextField(_("justification"))
    nominee_knows = models.BooleanField(_("the nominee knows about the nomination"), default=False)
    may_contact = models.BooleanField(_("we may contact the nominee"), default=False)
    nominee_told_at = models.DateTimeField(_("nominee told"), null=True, blank=True)
    decline_reason = models.TextField(_("reason for declining"), blank=True)
    created_at = models.DateTimeField(_("sent"), default=timezone.now)
    updated_at = models.DateTimeField(_("updated"), default=timezone.now)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("nomination")
        verbose_name_plural = _("nominations")

    def __str__(self):
        return f"{self.nominee_name} ({self.nominator_name})"

    @property
    def nominator_organisation(self):
        return self.nominator_institution or self.nominator_municipality

    def can_edit(self, now=None) -> bool:
        return self.state == NominationState.SUBMITTED and self.award_round.nominations_are_open(now)


class NominationAttachment(models.Model):
    """A supporting PDF of one nomination: private, served only through permission-checked views."""

    nomination = models.ForeignKey(
        Nomination, verbose_name=_("nomination"), on_delete=models.CASCADE, related_name="attachments"
    )
    file = models.FileField(_("file"), storage=private_storage, upload_to="award/", validators=pdf_validators())
    original_name = models.CharField(_("file name"), max_length=200)
    uploaded_at = models.DateTimeField(_("uploaded"), default=timezone.now)

    class Meta:
        ordering = ["uploaded_at", "pk"]
        verbose_name = _("attachment")
        verbose_name_plural = _("attachments")

    def __str__(self):
        return self.original_name


class NominationChange(AbstractStateChange):
    """The history of a nomination: sent, edited, nominee told, declined, merged, and the
    non-winners' e-mails."""

    owner_field = "nomination"

    class Source(models.TextChoices):
        NOMINATOR = "nominator", _("Nominator")
        NOMINEE = "nominee", _("Nominee")
        ORGANISER = "organiser", _("Organiser")
        SYSTEM = "system", _("System")

    nomination = models.ForeignKey(
        Nomination, verbose_name=_("nomination"), on_delete=models.CASCADE, related_name="history"
    )
    source = models.CharField(_("source"), max_length=10, choices=Source.choices)

    class Meta(AbstractStateChange.Meta):
        verbose_name = _("nomination change")
        verbose_name_plural = _("nomination history")


class AwardEmail(AbstractEmailOutbox):
    """E-mails of the award: receipts, the nominee's notice and the kind words to non-winners."""

    class Kind(models.TextChoices):
        RECEIPT = "receipt", _("Nomination receipt")
        NOMINEE = "nominee", _("Nominee told")
        DECLINED = "declined", _("Nominee declined")
        NOT_WON = "not_won", _("Thank you (not won)")

    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    nomination = models.ForeignKey(
        Nomination, verbose_name=_("nomination"), null=True, blank=True, on_delete=models.CASCADE, related_name="emails"
    )

    message_builder = "conference.award.emails.build_message"
    select_related_for_delivery = ("nomination__award_round__edition",)

    class Meta(AbstractEmailOutbox.Meta):
        verbose_name = _("award e-mail")
        verbose_name_plural = _("award e-mails")


# --- The decision ------------------------------------------------------------------------------


class Decision(models.Model):
    """The jury's decision for a round, recorded by the chair: winner(s), the written
    justification, how it was reached and who took part. Final when every participating juror
    has confirmed; published at the round's ``publish_at``."""

    award_round = models.OneToOneField(
        AwardRound, verbose_name=_("award round"), on_delete=models.CASCADE, related_name="decision"
    )
    winners = models.ManyToManyField(Candidate, verbose_name=_("winner(s)"), related_name="+")
    justification = models.TextField(_("the jury's justification"))
    method = models.CharField(_("how the decision was reached"), max_length=10, choices=DecisionMethod.choices)
    votes_note = models.CharField(_("votes"), max_length=200, blank=True, help_text=_("E.g. 3 for, 1 against."))
    participants = models.ManyToManyField(
        "review.PanelMember", verbose_name=_("jurors who took part"), related_name="+"
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("recorded by"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    recorded_at = models.DateTimeField(_("recorded"), default=timezone.now)
    finalised_at = models.DateTimeField(_("confirmed by all"), null=True, blank=True)
    published_at = models.DateTimeField(_("publication done"), null=True, blank=True)
    news_page = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name=_("news draft"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        verbose_name = _("jury decision")
        verbose_name_plural = _("jury decisions")

    def __str__(self):
        return str(self.award_round)


class DecisionConfirmation(models.Model):
    """One participating juror's confirmation of the decision as recorded."""

    decision = models.ForeignKey(
        Decision, verbose_name=_("decision"), on_delete=models.CASCADE, related_name="confirmations"
    )
    member = models.ForeignKey(
        "review.PanelMember", verbose_name=_("juror"), on_delete=models.CASCADE, related_name="+"
    )
    confirmed_at = models.DateTimeField(_("confirmed"), default=timezone.now)

    class Meta:
        verbose_name = _("confirmation")
        verbose_name_plural = _("confirmations")
        constraints = [models.UniqueConstraint(fields=["decision", "member"], name="award_confirm_once")]

    def __str__(self):
        return f"{self.member} – {self.confirmed_at:%Y-%m-%d}"
