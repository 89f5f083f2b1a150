"""The conference programme: sessions and their speakers, edited inline on the edition page.

Sessions hang off ``ConferenceEditionPage`` through a ParentalKey, so the programme is part of
the page's revisions: organisers prepare it in a draft, preview it, and it goes public when the
edition page is published. The database rows of a live edition are always its published
programme (Wagtail writes child rows only on publish once a page is live).
"""

import datetime

from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.models import Orderable
from wagtail.search import index

from cms.core.text import slugify_nb


class Session(index.Indexed, Orderable, ClusterableModel):
    """One item of the timetable: a talk, a panel, a break, the award ceremony …

    Times are wall-clock times on the conference day in Europe/Oslo; ``starts_at()`` and
    ``ends_at()`` turn them into aware datetimes (the iCal feed relies on them)."""

    class Kind(models.TextChoices):
        PLENARY = "plenary", _("Plenary")
        PARALLEL = "parallel", _("Parallel session")
        POSTER = "poster", _("Poster session")
        BREAK = "break", _("Break")
        AWARD = "award", _("Award ceremony")
        OTHER = "other", _("Other")

    edition = ParentalKey(
        "editions.ConferenceEditionPage",
        verbose_name=_("edition"),
        on_delete=models.CASCADE,
        related_name="sessions",
    )
    kind = models.CharField(_("type"), max_length=10, choices=Kind.choices, default=Kind.PLENARY)
    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    day = models.DateField(
        _("day"),
        null=True,
        blank=True,
        help_text=_("Only for conferences over several days. Empty means the first day."),
    )
    start_time = models.TimeField(_("starts at"))
    end_time = models.TimeField(_("ends at"))
    room = models.CharField(
        _("room"),
        max_length=100,
        blank=True,
        help_text=_("Leave empty for sessions everyone attends in the main hall. Use the same spelling every time."),
    )
    capacity = models.PositiveIntegerField(
        _("places"),
        null=True,
        blank=True,
        help_text=_(
            "Only for parallel sessions: places in the room, which participants choose from their "
            "registration page. Empty means no limit."
        ),
    )
    chair = models.ForeignKey(
        "network.Person",
        verbose_name=_("chair"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="chaired_sessions",
    )
    slides = models.ForeignKey(
        "wagtaildocs.Document",
        verbose_name=_("slides"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("Add the presentation after the conference, preferably as an accessible PDF."),
    )

    panels = [
        FieldRowPanel([FieldPanel("kind"), FieldPanel("room"), FieldPanel("capacity")]),
        FieldPanel("title"),
        FieldRowPanel([FieldPanel("day"), FieldPanel("start_time"), FieldPanel("end_time")]),
        FieldPanel("description"),
        FieldPanel("chair"),
        InlinePanel("speakers", label=_("Speakers")),
        MultiFieldPanel([FieldPanel("slides")], heading=_("After the conference")),
    ]
    # Found by the site search (search/sources.py), which shows only sessions of live editions.
    search_fields = [index.SearchField("title"), index.SearchField("description"), index.FilterField("edition")]

    class Meta(Orderable.Meta):
        verbose_name = _("session")
        verbose_name_plural = _("sessions")

    def __str__(self):
        return self.title

    def copy_cluster(self, exclude_fields=None):
        # The search index's generic relation is not content: a copied or translated edition's
        # sessions are indexed afresh when they are saved.
        return super().copy_cluster(exclude_fields=[*(exclude_fields or []), "index_entries"])

    @property
    def slug(self) -> str:
        return slugify_nb(self.title)[:60] or "sesjon"

    @property
    def date(self) -> datetime.date:
        return self.day or self.edition.start_date

    @property
    def is_break(self) -> bool:
        return self.kind == self.Kind.BREAK

    @property
    def is_parallel(self) -> bool:
        return self.kind == self.Kind.PARALLEL

    def starts_at(self) -> datetime.datetime:
        return timezone.make_aware(datetime.datetime.combine(self.date, self.start_time))

    def ends_at(self) -> datetime.datetime:
        return timezone.make_aware(datetime.datetime.combine(self.date, self.end_time))

    def clean(self):
        super().clean()
        if self.start_time and self.end_time and self.end_time <= self.start_time:
            raise ValidationError({"end_time": _("The session must end after it starts.")})
        if self.capacity is not None and self.kind != self.Kind.PARALLEL:
            # Only parallel sessions are chosen on the registration page; a number elsewhere
            # would promise a limit that nothing enforces.
            raise ValidationError({"capacity": _("Places are only for parallel sessions. Empty the field.")})

    def get_url(self, request=None) -> str:
        base = self.edition.get_url(request=request) or ""
        if self.pk is None:  # an unsaved session in a preview of the draft programme
            return base + self.edition.reverse_subpage("programme")
        return base + self.edition.reverse_subpage("session", kwargs={"pk": self.pk, "slug": self.slug})

    def get_ics_url(self, request=None) -> str:
        if self.pk is None:
            return self.edition.programme_ics_url()
        return self.edition.export_url("session_ics", pk=self.pk)

    def uid(self) -> str:
        """A stable iCal UID, so calendars replace an earlier import instead of duplicating it."""
        return f"session-{self.pk}@kunnskapskommunen"


class SessionSpeaker(Orderable):
    """A person on the stage of a session, in the order they appear."""

    class Role(models.TextChoices):
        SPEAKER = "speaker", _("Speaker")
        PANELLIST = "panellist", _("Panellist")
        MODERATOR = "moderator", _("Moderator")
        PRESENTER = "presenter", _("Presenter")

    session = ParentalKey(Session, on_delete=models.CASCADE, related_name="speakers")
    person = models.ForeignKey(
        "network.Person",
        verbose_name=_("person"),
        on_delete=models.CASCADE,
        related_name="session_appearances",
    )
    role = models.CharField(_("role"), max_length=10, choices=Role.choices, default=Role.SPEAKER)

    panels = [FieldRowPanel([FieldPanel("person"), FieldPanel("role")])]

    class Meta(Orderable.Meta):
        verbose_name = _("speaker")
        verbose_name_plural = _("speakers")

    def __str__(self):
        return f"{self.person} ({self.get_role_display()})"
