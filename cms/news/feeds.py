"""RSS 2.0 and Atom feeds of a news section (Django's syndication framework).

The feeds know nothing of the page models: they are given the index page and ask it for its
news, so ``models`` imports ``feeds`` and never the other way round."""

from django.contrib.syndication.views import Feed
from django.utils.feedgenerator import Atom1Feed

# How many of the latest news items a feed carries.
FEED_SIZE = 20


class NewsRssFeed(Feed):
    """The latest news of one NewsIndexPage. Feed readers follow item links to the full text."""

    def __init__(self, index_page):
        super().__init__()
        self.index_page = index_page

    def __call__(self, request, *args, **kwargs):
        self.request = request
        return super().__call__(request, *args, **kwargs)

    def title(self):
        return f"{self.index_page.title} – Kunnskapskommunen Helse Omsorg Vest"

    def link(self):
        return self.index_page.get_full_url(self.request)

    def description(self):
        return self.index_page.intro or self.index_page.search_description

    def feed_url(self):
        return self.request.build_absolute_uri()

    def items(self):
        return self.index_page.news().select_related("author_person")[:FEED_SIZE]

    def item_title(self, item):
        return item.title

    def item_description(self, item):
        return item.lead

    def item_link(self, item):
        return item.get_full_url(self.request)

    def item_guid(self, item):
        return item.get_full_url(self.request)

    def item_pubdate(self, item):
        return item.published_datetime

    def item_updateddate(self, item):
        return item.last_published_at or item.published_datetime

    def item_author_name(self, item):
        return item.author or None


class NewsAtomFeed(NewsRssFeed):
    feed_type = Atom1Feed

    def subtitle(self):
        return self.description()
