from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.fields import StreamField
from wagtail.models import Page
from wagtail.search import index

from cms.core.blocks import StandardStreamBlock


class BasePage(Page):
    """Shared behaviour for every page of the site: a listing summary, social metadata and a
    search index entry. Concrete pages add their own fields."""

    listing_summary = models.CharField(
        _("summary for listings"),
        max_length=300,
        blank=True,
        help_text=_("Shown in lists and search results. Defaults to the meta description."),
    )

    promote_panels = [*Page.promote_panels, FieldPanel("listing_summary")]
    search_fields = [*Page.search_fields, index.SearchField("listing_summary")]

    # Shown in search results, e.g. "Nyhet" or "Side".
    search_result_label = _("Page")

    class Meta:
        abstract = True

    @property
    def summary(self) -> str:
        return self.listing_summary or self.search_description

    @property
    def result_date(self):
        """The date a search result shows; content types override it with their own date."""
        return self.last_published_at


class StandardPage(BasePage):
    """An ordinary content page (Om oss, Kontakt, Personvern …) built from content blocks."""

    intro = models.TextField(_("introduction"), blank=True)
    body = StreamField(StandardStreamBlock(), verbose_name=_("content"), blank=True)

    content_panels = [*Page.content_panels, FieldPanel("intro"), FieldPanel("body")]
    search_fields = [*BasePage.search_fields, index.SearchField("intro"), index.SearchField("body")]
    template = "core/standard_page.html"
    parent_page_types = ["home.HomePage", "core.StandardPage"]

    class Meta:
        verbose_name = _("standard page")
        verbose_name_plural = _("standard pages")
