"""News: a section index (Nyheter) with filters and feeds, and the news items under it."""

import datetime
import re

from django import forms
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Prefetch
from django.utils import timezone
from django.utils.cache import patch_cache_control
from django.utils.functional import cached_property
from django.utils.http import urlencode
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel, TitleFieldPanel
from wagtail.admin.widgets.slug import SlugInput
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import StreamField
from wagtail.images import get_image_model
from wagtail.models import Orderable, Page, RevisionMixin
from wagtail.search import index

from cms.core.blocks import StandardStreamBlock
from cms.core.models import BasePage
from cms.core.pagination import paginate

from .feeds import NewsAtomFeed, NewsRssFeed

NEWS_PER_PAGE = 10
FEED_MAX_AGE = 15 * 60
# Rendition specs used by the templates; prefetched together with the list of news.
CARD_IMAGE_SPEC = "fill-480x270"
PAGE_IMAGE_SPEC = "width-1200"
OG_IMAGE_SPEC = "fill-1200x630"


def cacheable_feed(response):
    """Feed readers poll; let them (and a proxy in front) keep a feed for a quarter of an hour."""
    patch_cache_control(response, public=True, max_age=FEED_MAX_AGE)
    return response


class Topic(RevisionMixin, index.Indexed, models.Model):
    """A subject editors tag news with (a controlled list, so visitors can filter by it)."""

    name = models.CharField(_("name"), max_length=80, unique=True)
    slug = models.SlugField(_("slug"), max_length=80, unique=True, help_text=_("Used in filter links."))
    description = models.CharField(_("description"), max_length=250, blank=True)

    panels = [
        # The slug fills in (transliterated) as the name is typed, as a page's does from its title.
        TitleFieldPanel("name", placeholder=None),
        FieldPanel("slug", widget=SlugInput),
        FieldPanel("description"),
    ]
    search_fields = [index.SearchField("name"), index.AutocompleteField("name")]

    class Meta:
        ordering = ["name"]
        verbose_name = _("topic")
        verbose_name_plural = _("topics")

    def __str__(self):
        return self.name


class NewsIndexPage(RoutablePageMixin, BasePage):
    """Nyheter: the news in date order, filterable by topic and year, with RSS and Atom feeds."""

    intro = models.TextField(_("introduction"), blank=True)

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    parent_page_types = ["home.HomePage"]
    subpage_types = ["news.NewsPage"]
    max_count_per_parent = 1
    template = "news/news_index_page.html"
    search_result_label = _("News")

    class Meta:
        verbose_name = _("news index")

    @cached_property
    def _public_news(self):
        # ``public()`` reads the view restrictions when the queryset is built; build it once per
        # page instance (one request) and hand out clones.
        return NewsPage.objects.child_of(self).live().public().order_by("-date", "-pk")

    def news(self):
        """The published, public news of this section, newest first."""
        return self._public_news.all()

    def news_for_listing(self, queryset=None):
        """News with what a card shows: the image joined, its card rendition and the topics
        prefetched, so a listing costs the same number of queries for 10 or 2 000 items."""
        queryset = self.news() if queryset is None else queryset
        return queryset.select_related("lead_image").prefetch_related(
            Prefetch(
                "lead_image__renditions",
                queryset=get_image_model().get_rendition_model().objects.filter(filter_spec=CARD_IMAGE_SPEC),
            ),
            "topics",
        )

    def filter_news(self, request, topics):
        """Apply the topic (``tema``) and year (``aar``) filters; an unknown or malformed value is
        ignored and explained to the visitor rather than failing."""
        queryset = self.news()
        problems = []
        topic = None
        topic_slug = request.GET.get("tema", "").strip()
        if topic_slug:
            topic = next((t for t in topics if t.slug == topic_slug), None)
            if topic is None:
                problems.append(
                    _("We have no topic called “%(topic)s”, so all topics are shown.") % {"topic": topic_slug[:80]}
                )
            else:
                queryset = queryset.filter(topics=topic)
        year = None
        year_value = request.GET.get("aar", "").strip()
        if year_value:
            # ASCII digits only: str.isdigit() accepts "²", which int() refuses.
            if re.fullmatch(r"[0-9]{4}", year_value) and 1900 <= int(year_value) <= 2100:
                year = int(year_value)
                queryset = queryset.filter(date__year=year)
            else:
                problems.append(
                    _("“%(year)s” is not a year we can filter by, so all years are shown.") % {"year": year_value[:10]}
                )
        return queryset, topic, year, problems

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        topics = list(Topic.objects.order_by("name"))  # a short, controlled list
        queryset, topic, year, problems = self.filter_news(request, topics)
        page_obj, page_problem = paginate(request, self.news_for_listing(queryset), NEWS_PER_PAGE)
        if page_problem:
            problems.append(page_problem)
        query = {}
        if topic:
            query["tema"] = topic.slug
        if year:
            query["aar"] = str(year)
        context.update(
            {
                "page_obj": page_obj,
                "news_items": page_obj.object_list,
                "topics": topics,
                "years": [d.year for d in self.news().dates("date", "year", order="DESC")],
                "selected_topic": topic,
                "selected_year": year,
                "filter_problems": problems,
                "query_string": urlencode(query),
                "is_filtered": bool(topic or year),
            }
        )
        return context

    @path("rss/", name="rss")
    def rss_feed(self, request):
        return cacheable_feed(NewsRssFeed(self)(request))

    @path("atom/", name="atom")
    def atom_feed(self, request):
        return cacheable_feed(NewsAtomFeed(self)(request))


class NewsPage(BasePage):
    """One news item: dated, with a lead, an optional lead image, topics and related pages."""

    date = models.DateField(_("date"), default=datetime.date.today)
    lead = models.TextField(_("lead"), max_length=400, help_text=_("One or two sentences shown first and in lists."))
    lead_image = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("lead image"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    lead_image_alt = models.CharField(
        _("alternative text"),
        max_length=250,
        blank=True,
        help_text=_("Describe what the image shows for those who cannot see it. Required with an image."),
    )
    body = StreamField(StandardStreamBlock(), verbose_name=_("content"), blank=True)
    author_name = models.CharField(
        _("author"), max_length=200, blank=True, help_text=_("Free text, e.g. 'Sekretariatet'.")
    )
    author_person = models.ForeignKey(
        "network.Person",
        verbose_name=_("author (person)"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("Link the author to a person in the network instead of, or as well as, the free text."),
    )
    topics = ParentalManyToManyField(Topic, verbose_name=_("topics"), blank=True)

    content_panels = [
        *Page.content_panels,
        FieldPanel("date"),
        FieldPanel("lead"),
        MultiFieldPanel([FieldPanel("lead_image"), FieldPanel("lead_image_alt")], heading=_("Lead image")),
        FieldPanel("body"),
        MultiFieldPanel([FieldPanel("author_name"), FieldPanel("author_person")], heading=_("Author")),
        FieldPanel("topics", widget=forms.CheckboxSelectMultiple),
        InlinePanel(
            "related_pages",
            label=_("Related pages"),
            help_text=_("For example the projects in the project registry that this news item is about."),
        ),
    ]
    search_fields = [
        *BasePage.search_fields,
        index.SearchField("lead"),
        index.SearchField("body"),
        index.FilterField("date"),
    ]
    parent_page_types = ["news.NewsIndexPage"]
    subpage_types: list = []
    template = "news/news_page.html"
    search_result_label = _("News")

    class Meta:
        verbose_name = _("news item")
        verbose_name_plural = _("news items")

    def clean(self):
        super().clean()
        if self.lead_image_id and not self.lead_image_alt.strip():
            raise ValidationError({"lead_image_alt": _("Describe the lead image for visitors who cannot see it.")})

    @property
    def summary(self) -> str:
        return self.listing_summary or self.search_description or self.lead

    @property
    def result_date(self):
        return self.date

    @property
    def meta_description(self) -> str:
        return self.search_description or self.listing_summary or self.lead

    @property
    def published_datetime(self) -> datetime.datetime:
        """The news date as an aware datetime (midnight in the site's time zone) for feeds and
        Open Graph."""
        return timezone.make_aware(datetime.datetime.combine(self.date, datetime.time()))

    @cached_property
    def author(self) -> str:
        if self.author_person_id:
            person = self.author_person
            return f"{person.name}, {self.author_name}" if self.author_name else person.name
        return self.author_name

    @cached_property
    def news_index(self):
        return NewsIndexPage.objects.parent_of(self).first()

    @cached_property
    def topic_list(self):
        return list(self.topics.all())

    def related_live_pages(self):
        """The related pages a visitor may open (live and public), in the editor's order."""
        links = list(self.related_pages.all())
        if not links:
            return []
        visible = Page.objects.live().public().in_bulk([link.related_page_id for link in links])
        return [visible[link.related_page_id] for link in links if link.related_page_id in visible]

    def related_sections(self) -> list[tuple[str, list]]:
        """The related pages grouped under headings: a page type may name its own heading
        (``related_link_heading``, e.g. the registry's projects under "Projects"); the rest go
        under "Related". News never imports the apps whose pages it links to."""
        sections: dict[str, list] = {}
        for page in self.related_live_pages():
            heading = str(getattr(page.specific_class, "related_link_heading", None) or _("Related"))
            sections.setdefault(heading, []).append(page)
        return list(sections.items())


class NewsRelatedPage(Orderable):
    """A page an editor links from a news item ("read also")."""

    page = ParentalKey(NewsPage, on_delete=models.CASCADE, related_name="related_pages")
    related_page = models.ForeignKey(
        "wagtailcore.Page", verbose_name=_("page"), on_delete=models.CASCADE, related_name="+"
    )

    panels = [FieldPanel("related_page")]

    class Meta(Orderable.Meta):
        verbose_name = _("related page")
        verbose_name_plural = _("related pages")
