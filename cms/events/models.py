"""The calendar (Kalender): events with a start and end in Europe/Oslo, upcoming and past
views, an iCal feed of all events and an .ics file per event."""

from django.core.exceptions import ValidationError
from django.db import models
from django.shortcuts import redirect
from django.utils import timezone
from django.utils.cache import patch_cache_control
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import StreamField
from wagtail.models import Page
from wagtail.search import index

from cms.core.blocks import StandardStreamBlock
from cms.core.models import BasePage
from cms.core.pagination import paginate

EVENTS_PER_PAGE = 20


class EventIndexPage(RoutablePageMixin, BasePage):
    """Kalender: upcoming events first; past events at /tidligere/; the whole calendar as iCal."""

    intro = models.TextField(_("introduction"), blank=True)

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    parent_page_types = ["home.HomePage"]
    subpage_types = ["events.EventPage"]
    max_count_per_parent = 1
    template = "events/event_index_page.html"
    search_result_label = _("Calendar")

    class Meta:
        verbose_name = _("calendar")

    def events(self):
        return EventPage.objects.child_of(self).live().public()

    def upcoming_events(self):
        """Events that have not ended yet, soonest first (an event in progress is upcoming)."""
        return self.events().filter(end__gte=timezone.now()).order_by("start", "pk")

    def past_events(self):
        return self.events().filter(end__lt=timezone.now()).order_by("-start", "-pk")

    def _paginated_context(self, request, queryset, *, past: bool):
        page_obj, page_problem = paginate(request, queryset, EVENTS_PER_PAGE)
        problems = [page_problem] if page_problem else []
        return {"page_obj": page_obj, "event_list": page_obj.object_list, "past": past, "problems": problems}

    @path("", name="upcoming")
    def upcoming_view(self, request):
        if request.GET.get("vis") == "tidligere":  # the query-string form of the past view
            return redirect(self.url + self.reverse_subpage("past"))
        return self.render(
            request, context_overrides=self._paginated_context(request, self.upcoming_events(), past=False)
        )

    @path("tidligere/", name="past")
    def past_view(self, request):
        return self.render(request, context_overrides=self._paginated_context(request, self.past_events(), past=True))

    @path("ical/", name="ical")
    def ical_feed(self, request):
        from .feeds import EventCalendarFeed

        response = EventCalendarFeed(self.events().order_by("start", "pk"), file_name="kalender.ics")(request)
        # Calendar programs poll subscriptions; a quarter of an hour is fresh enough.
        patch_cache_control(response, public=True, max_age=15 * 60)
        return response


class EventPage(RoutablePageMixin, BasePage):
    """One event: a seminar, a meeting, a workshop. Times are stored aware; editors enter them
    in Norwegian time."""

    start = models.DateTimeField(_("starts"))
    end = models.DateTimeField(_("ends"))
    location = models.CharField(_("location"), max_length=250, blank=True, help_text=_("Venue and address."))
    online_url = models.URLField(_("online link"), blank=True, help_text=_("Link to join online, if any."))
    audience = models.CharField(
        _("audience"), max_length=250, blank=True, help_text=_("Who the event is for, e.g. 'FoU-kontakter'.")
    )
    registration_url = models.URLField(_("registration link"), blank=True)
    lead = models.TextField(_("lead"), max_length=400, blank=True, help_text=_("Shown first and in lists."))
    body = StreamField(StandardStreamBlock(), verbose_name=_("content"), blank=True)

    content_panels = [
        *Page.content_panels,
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("start"), FieldPanel("end")]),
                FieldPanel("location"),
                FieldPanel("online_url"),
                FieldPanel("audience"),
                FieldPanel("registration_url"),
            ],
            heading=_("When and where"),
        ),
        FieldPanel("lead"),
        FieldPanel("body"),
    ]
    search_fields = [
        *BasePage.search_fields,
        index.SearchField("lead"),
        index.SearchField("body"),
        index.SearchField("location"),
        index.FilterField("start"),
    ]
    parent_page_types = ["events.EventIndexPage"]
    subpage_types: list = []
    template = "events/event_page.html"
    search_result_label = _("Event")

    class Meta:
        verbose_name = _("event")
        verbose_name_plural = _("events")

    def clean(self):
        super().clean()
        if self.start and self.end and self.end < self.start:
            raise ValidationError({"end": _("The event cannot end before it starts.")})

    @property
    def summary(self) -> str:
        return self.listing_summary or self.search_description or self.lead

    @property
    def result_date(self):
        return timezone.localtime(self.start).date() if self.start else None

    @property
    def is_past(self) -> bool:
        return self.end < timezone.now()

    @property
    def same_day(self) -> bool:
        return timezone.localtime(self.start).date() == timezone.localtime(self.end).date()

    @property
    def ical_uid(self) -> str:
        """Stable across edits, moves and renames: calendar programs update rather than duplicate."""
        return f"{self.translation_key}@kunnskapskommunen-vest"

    @path("", name="event")
    def event_view(self, request):
        return self.render(request)

    @path("ical/", name="ical")
    def ical_download(self, request):
        from .feeds import EventCalendarFeed

        return EventCalendarFeed([self], file_name=f"{self.slug}.ics")(request)
