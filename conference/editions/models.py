"""Conference editions: one Wagtail page per year under the conference index."""

import datetime

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.fields import StreamField
from wagtail.models import Page
from wagtail.search import index

from cms.core.blocks import StandardStreamBlock
from cms.core.models import BasePage


class ConferenceIndexPage(BasePage):
    """Konferansen: the next edition up front and the archive of earlier ones."""

    intro = models.TextField(_("introduction"), blank=True)

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    parent_page_types = ["home.HomePage"]
    subpage_types = ["editions.ConferenceEditionPage"]
    max_count_per_parent = 1
    template = "editions/conference_index_page.html"

    class Meta:
        verbose_name = _("conference index")

    def editions(self):
        return ConferenceEditionPage.objects.child_of(self).live().order_by("-start_date")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        editions = list(self.editions())
        today = timezone.localdate()
        upcoming = [e for e in editions if e.last_date >= today]
        context["next_edition"] = upcoming[-1] if upcoming else None
        context["past_editions"] = [e for e in editions if e.last_date < today]
        return context


class ConferenceEditionPage(BasePage):
    """One year's Kunnskapskommunekonferansen Vest. It owns its programme, registration,
    posters and award; those sections hang off this page."""

    class Status(models.TextChoices):
        PLANNED = "planned", _("Planned")
        OPEN = "open", _("Registration open")
        CLOSED = "closed", _("Registration closed")
        HELD = "held", _("Held")

    year = models.PositiveIntegerField(
        _("year"), unique=True, validators=[MinValueValidator(2016), MaxValueValidator(2100)]
    )
    theme = models.CharField(_("theme"), max_length=250, blank=True)
    start_date = models.DateField(_("date"))
    end_date = models.DateField(_("last day"), null=True, blank=True, help_text=_("Only for events over several days."))
    start_time = models.TimeField(_("starts at"), default=datetime.time(8, 30))
    end_time = models.TimeField(_("ends at"), default=datetime.time(15, 30))
    venue_name = models.CharField(_("venue"), max_length=200, blank=True)
    venue_address = models.CharField(_("address"), max_length=250, blank=True)
    map_url = models.URLField(_("map link"), blank=True)
    intro = models.TextField(_("introduction"), blank=True)
    body = StreamField(StandardStreamBlock(), verbose_name=_("content"), blank=True)
    capacity = models.PositiveIntegerField(
        _("capacity"), null=True, blank=True, help_text=_("Total number of seats. Empty means not set yet.")
    )
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.PLANNED)
    registration_opens = models.DateTimeField(_("registration opens"), null=True, blank=True)
    registration_closes = models.DateTimeField(_("registration closes"), null=True, blank=True)
    poster_deadline = models.DateTimeField(_("poster deadline"), null=True, blank=True)
    nomination_deadline = models.DateTimeField(_("award nomination deadline"), null=True, blank=True)

    content_panels = [
        *Page.content_panels,
        FieldRowPanel([FieldPanel("year"), FieldPanel("status")]),
        FieldPanel("theme"),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("start_date"), FieldPanel("end_date")]),
                FieldRowPanel([FieldPanel("start_time"), FieldPanel("end_time")]),
            ],
            heading=_("When"),
        ),
        MultiFieldPanel(
            [FieldPanel("venue_name"), FieldPanel("venue_address"), FieldPanel("map_url")], heading=_("Where")
        ),
        FieldPanel("intro"),
        FieldPanel("body"),
        MultiFieldPanel(
            [
                FieldPanel("capacity"),
                FieldRowPanel([FieldPanel("registration_opens"), FieldPanel("registration_closes")]),
                FieldPanel("poster_deadline"),
                FieldPanel("nomination_deadline"),
            ],
            heading=_("Capacity and key dates"),
        ),
    ]
    search_fields = [*BasePage.search_fields, index.SearchField("theme"), index.SearchField("intro")]
    parent_page_types = ["editions.ConferenceIndexPage"]
    subpage_types: list[str] = []
    template = "editions/conference_edition_page.html"
    search_result_label = _("Conference")

    class Meta:
        verbose_name = _("conference edition")
        verbose_name_plural = _("conference editions")
        ordering = ["-start_date"]

    def __str__(self):
        return self.title

    @property
    def last_date(self) -> datetime.date:
        return self.end_date or self.start_date

    @property
    def result_date(self):
        return self.start_date

    def starts_at(self) -> datetime.datetime:
        """The start as an aware datetime in Europe/Oslo."""
        return timezone.make_aware(datetime.datetime.combine(self.start_date, self.start_time))

    def ends_at(self) -> datetime.datetime:
        return timezone.make_aware(datetime.datetime.combine(self.last_date, self.end_time))

    def clean(self):
        super().clean()
        errors = {}
        if self.end_date and self.start_date and self.end_date < self.start_date:
            errors["end_date"] = _("The last day cannot be before the first day.")
        if self.start_time and self.end_time and not self.end_date and self.end_time <= self.start_time:
            errors["end_time"] = _("The conference must end after it starts.")
        if self.registration_opens and self.registration_closes and self.registration_closes <= self.registration_opens:
            errors["registration_closes"] = _("Registration must close after it opens.")
        if self.start_date and self.year and self.start_date.year != self.year:
            errors["start_date"] = _("The date must be in the edition's year.")
        if errors:
            raise ValidationError(errors)
