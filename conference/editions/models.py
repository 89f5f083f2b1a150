"""Conference editions: one Wagtail page per year under the conference index."""

import datetime

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Prefetch
from django.http import Http404
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from wagtail.admin.panels import (
    FieldPanel,
    FieldRowPanel,
    InlinePanel,
    MultiFieldPanel,
    ObjectList,
    TabbedInterface,
)
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import StreamField
from wagtail.models import Locale, Page
from wagtail.search import index

from cms.core.blocks import StandardStreamBlock
from cms.core.models import BannerImageMixin, BasePage
from cms.core.page_cache import limit_page_cache
from cms.core.text import slugify_nb
from conference.programme.forms import ConferenceEditionForm
from conference.programme.speakers import speaker_appearances
from conference.programme.timetable import build_timetable, get_session


def limit_cache_until_next_award_result(request) -> None:
    """A winner due later must appear at its publish time even on a cached page."""
    model = ConferenceEditionPage._meta.get_field("award_winners").related_model
    now = timezone.now()
    upcoming = model.objects.filter(publish_at__gt=now).order_by("publish_at").values_list("publish_at", flat=True)
    first = upcoming.first()
    if first is not None:
        limit_page_cache(request, max(1, int((first - now).total_seconds())))


def published_award_winners(to_attr="published_award_winners") -> Prefetch:
    """Prefetch an edition's award winners the public may see (``conference.award`` owns them
    and keeps them secret until the ceremony; this module may not import it, so the model is
    found through the reverse relation)."""
    model = ConferenceEditionPage._meta.get_field("award_winners").related_model
    return Prefetch("award_winners", queryset=model.objects.published(), to_attr=to_attr)


class ConferenceIndexPage(RoutablePageMixin, BasePage):
    """Konferansen: the next edition up front and the archive of earlier ones."""

    intro = models.TextField(_("introduction"), blank=True)

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    parent_page_types = ["home.HomePage"]
    subpage_types = ["editions.ConferenceEditionPage", "award.AwardArchivePage"]
    max_count_per_parent = 1
    template = "editions/conference_index_page.html"

    class Meta:
        verbose_name = _("conference index")

    def editions(self):
        return ConferenceEditionPage.objects.child_of(self).live().order_by("-start_date")

    def award_archive(self):
        """The live award archive page under this index (the award app's page type)."""
        return (
            self.get_children()
            .live()
            .filter(content_type__app_label="award", content_type__model="awardarchivepage")
            .first()
        )

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        editions = list(self.editions().prefetch_related(published_award_winners()))
        today = timezone.localdate()
        upcoming = [e for e in editions if e.last_date >= today]
        context["next_edition"] = upcoming[-1] if upcoming else None
        context["later_editions"] = upcoming[:-1][::-1]
        context["past_editions"] = [e for e in editions if e.last_date < today]
        context["award_archive"] = self.award_archive()
        limit_cache_until_next_award_result(request)
        return context

    @path("foredragsholdere/<int:pk>/", name="speaker_short")
    @path("foredragsholdere/<int:pk>-<slug:slug>/", name="speaker")
    def speaker(self, request, pk, slug=None):
        """A speaker's page: who they are and their sessions in every published edition.
        Only people who appear in a published programme have one."""
        person, appearances = speaker_appearances(self.editions(), pk)
        if person is None:
            raise Http404("No such speaker")
        if slug != slugify_nb(person.name):
            return redirect(self.speaker_url(person), permanent=True)
        return TemplateResponse(
            request,
            "programme/speaker_page.html",
            {
                **self.get_context(request),
                "person": person,
                "appearances": appearances,
                "breadcrumb_trail": [{"title": person.name, "url": ""}],
            },
        )

    def speaker_url(self, person) -> str:
        return self.url + self.reverse_subpage("speaker", kwargs={"pk": person.pk, "slug": slugify_nb(person.name)})


class ConferenceEditionPage(RoutablePageMixin, BannerImageMixin, BasePage):
    """One year's Kunnskapskommunekonferansen Vest. It owns its programme, registration,
    posters and award; those sections hang off this page."""

    class Status(models.TextChoices):
        PLANNED = "planned", _("Planned")
        OPEN = "open", _("Registration open")
        CLOSED = "closed", _("Registration closed")
        HELD = "held", _("Held")
        CANCELLED = "cancelled", pgettext_lazy("conference", "Cancelled")

    # One edition per year and language: the English translation of an edition shares its year.
    # (Checked in clean(): the locale lives on Wagtail's page table, out of reach of a constraint.)
    year = models.PositiveIntegerField(_("year"), validators=[MinValueValidator(2016), MaxValueValidator(2100)])
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

    content_panels = [
        *Page.content_panels,
        FieldRowPanel([FieldPanel("year"), FieldPanel("status")]),
        FieldPanel("theme"),
        *BannerImageMixin.banner_panels,
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
            ],
            heading=_("Capacity and key dates"),
        ),
    ]
    programme_panels = [
        InlinePanel(
            "sessions",
            label=_("Session"),
            heading=_("Programme"),
            help_text=_(
                "Sessions are shown in time order. Save a draft to prepare the programme; "
                "the public sees it when the page is published."
            ),
        ),
    ]
    edit_handler = TabbedInterface(
        [
            ObjectList(content_panels, heading=_("Content")),
            ObjectList(programme_panels, heading=_("Programme")),
            ObjectList(BasePage.promote_panels, heading=_("Promote")),
            ObjectList(Page.settings_panels, heading=_("Settings")),
        ]
    )
    base_form_class = ConferenceEditionForm
    search_fields = [*BasePage.search_fields, index.SearchField("theme"), index.SearchField("intro")]
    parent_page_types = ["editions.ConferenceIndexPage"]
    subpage_types = ["posters.PosterCallPage"]
    template = "editions/conference_edition_page.html"
    search_result_label = _("Conference")

    class Meta:
        verbose_name = _("conference edition")
        verbose_name_plural = _("conference editions")
        ordering = ["-start_date"]

    def __str__(self):
        return self.title

    @classmethod
    def for_year(cls, year: int):
        """The live edition of ``year`` in the active language, else in the default language,
        else in any language; ``None`` when there is none."""
        editions = list(cls.objects.live().filter(year=year).select_related("locale"))
        for locale in (Locale.get_active(), Locale.get_default()):
            for edition in editions:
                if edition.locale_id == locale.pk:
                    return edition
        return editions[0] if editions else None

    @property
    def registration_edition(self) -> "ConferenceEditionPage":
        """The edition that owns tickets, seats and registrations: the original in the default
        language. Its translations share them, so a seat is never counted twice."""
        if self.locale_id == Locale.get_default().pk:
            return self
        return self.get_translation_or_none(Locale.get_default()) or self

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

    @property
    def is_past(self) -> bool:
        return self.last_date < timezone.localdate()

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        limit_cache_until_next_award_result(request)
        return context

    def public_award_winners(self):
        """The award winners of this edition the public may see (after the ceremony)."""
        return self.award_winners.published().select_related("photo")

    @property
    def conference_index(self):
        parent = self.get_parent()
        return parent.specific if parent else None

    # Public sub-pages: the programme, one page per session (exports live in editions/urls.py,
    # since Wagtail's page routes cannot end in ".json" or ".ics").

    @path("program/", name="programme")
    def programme(self, request):
        return TemplateResponse(
            request,
            "programme/programme_page.html",
            {
                **self.get_context(request),
                "timetable": build_timetable(self),
                "breadcrumb_trail": [{"title": _("Programme"), "url": ""}],
            },
        )

    @path("program/<int:pk>/", name="session_short")
    @path("program/<int:pk>-<slug:slug>/", name="session")
    def session_detail(self, request, pk, slug=None):
        session = get_session(self, pk)
        if session.slug != slug:
            return redirect(session.get_url(request), permanent=True)
        trail = [{"title": _("Programme"), "url": self.programme_url()}, {"title": session.title, "url": ""}]
        return TemplateResponse(
            request,
            "programme/session_page.html",
            {**self.get_context(request), "session": session, "breadcrumb_trail": trail},
        )

    def get_sitemap_urls(self, request=None):
        urls = super().get_sitemap_urls(request)
        if urls:
            urls.append({**urls[0], "location": urls[0]["location"] + self.reverse_subpage("programme")})
        return urls

    @property
    def preview_modes(self):
        return [("", _("Edition page")), ("programme", _("Programme"))]

    def serve_preview(self, request, mode_name):
        # Organisers preview the draft timetable before publishing it.
        if mode_name == "programme":
            return self.programme(request)
        return super().serve_preview(request, mode_name)

    def programme_url(self) -> str:
        return self.url + self.reverse_subpage("programme")

    def export_url(self, name: str, **kwargs) -> str:
        """The URL of a programme export (``programme_json``, ``programme_ics``, ``session_ics``
        in editions/urls.py): plain Django views under this page's path below its home page."""
        below_home = self.url_path.strip("/").split("/", 1)[1] + "/"
        return reverse(name, kwargs={"edition_path": below_home, **kwargs})

    def programme_ics_url(self) -> str:
        return self.export_url("programme_ics")

    def programme_json_url(self) -> str:
        return self.export_url("programme_json")

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
        if self.year and self.locale_id:
            same_year = ConferenceEditionPage.objects.filter(year=self.year, locale_id=self.locale_id).exclude(
                pk=self.pk
            )
            if same_year.exists():
                errors["year"] = _("There is already an edition for this year in this language.")
        if errors:
            raise ValidationError(errors)
