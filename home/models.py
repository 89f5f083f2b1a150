from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.admin.panels import FieldPanel
from wagtail.fields import StreamField
from wagtail.models import Page
from wagtail.search import index

from cms.core.models import BannerImageMixin, BasePage
from cms.core.public_pages import public


class HighlightBlock(blocks.StructBlock):
    page = blocks.PageChooserBlock(label=_("Page"))
    title = blocks.CharBlock(label=_("Title"), required=False, help_text=_("Defaults to the page title."))
    text = blocks.TextBlock(label=_("Text"), required=False)

    class Meta:
        icon = "pick"
        label = _("Highlighted page")


class HomePage(BannerImageMixin, BasePage):
    """The front page: who the network is, what is highlighted now, the latest news and the
    next events. News and events come from their own sections once those exist."""

    hero_heading = models.CharField(_("main heading"), max_length=200, blank=True)
    intro = models.TextField(_("introduction"), blank=True)
    highlights = StreamField(
        [("highlight", HighlightBlock())], verbose_name=_("highlighted content"), blank=True, max_num=6
    )

    content_panels = [
        *Page.content_panels,
        FieldPanel("hero_heading"),
        FieldPanel("intro"),
        *BannerImageMixin.banner_panels,
        FieldPanel("highlights"),
    ]
    search_fields = [*BasePage.search_fields, index.SearchField("intro")]
    parent_page_types = ["wagtailcore.Page"]
    max_count_per_parent = 1
    template = "home/home_page.html"

    class Meta:
        verbose_name = _("home page")

    def latest_news(self, limit: int = 3):
        """The newest published news items under this home page, as NewsPage objects (one query,
        no per-item ``.specific`` look-ups)."""
        from cms.news.models import NewsPage

        return list(
            public(NewsPage.objects.live())
            .descendant_of(self)
            .filter(locale_id=self.locale_id)
            .order_by("-date", "-pk")[:limit]
        )

    def upcoming_events(self, limit: int = 3):
        """The next events (not yet ended) under this home page, soonest first, as EventPage
        objects in one query."""
        from django.utils import timezone

        from cms.events.models import EventPage

        return list(
            public(EventPage.objects.live())
            .descendant_of(self)
            .filter(locale_id=self.locale_id, end__gte=timezone.now())
            .order_by("start", "pk")[:limit]
        )
