import datetime

import feedparser
import pytest
import wagtail_factories
from django.contrib.auth import get_user_model
from wagtail.models import Page, Site
from wagtail.test.utils import WagtailPageTestCase
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text, streamfield

from cms.news.models import NewsIndexPage, NewsPage
from home.models import HomePage
from tests.cms.news.factories import NewsIndexPageFactory, NewsPageFactory, TopicFactory
from tests.conftest import MODEL_BACKEND


@pytest.fixture
def news_index(home_page):
    return NewsIndexPageFactory(parent=home_page)


@pytest.mark.django_db
class TestNewsAdmin(WagtailPageTestCase):
    def setUp(self):
        self.home = HomePage(title="Hjem", slug="hjem-nyheter")
        Page.get_first_root_node().add_child(instance=self.home)
        Site.objects.all().delete()
        Site.objects.create(hostname="testserver", root_page=self.home, is_default_site=True)
        user = get_user_model().objects.create_superuser("admin", "admin@example.com", "passord-som-er-langt")
        self.client.force_login(user, backend=MODEL_BACKEND)

    def test_news_pages_only_go_under_the_news_index_which_goes_under_home(self):
        self.assertAllowedParentPageTypes(NewsIndexPage, {HomePage})
        self.assertAllowedParentPageTypes(NewsPage, {NewsIndexPage})
        self.assertAllowedSubpageTypes(NewsPage, {})

    def test_editor_creates_index_and_news_item_with_topics_body_and_related_page(self):
        self.assertCanCreate(self.home, NewsIndexPage, nested_form_data({"title": "Nyheter", "slug": "nyheter"}))
        index = NewsIndexPage.objects.get(slug="nyheter")
        topic = TopicFactory(name="Utdanning", slug="utdanning")
        data = nested_form_data(
            {
                "title": "Masterstudenter møtte kommunene",
                "slug": "masterstudenter",
                "date": "2025-09-10",
                "lead": "Matchmaking i Alrek.",
                "body": streamfield([("paragraph", rich_text("<p>Studentene fant oppgaver.</p>"))]),
                "author_name": "Sekretariatet",
                "related_pages": inline_formset([{"related_page": self.home.pk}]),
            }
        )
        data["topics"] = [topic.pk]  # a multiple choice: one key, many values
        self.assertCanCreate(index, NewsPage, data)
        page = NewsPage.objects.get(slug="masterstudenter")
        assert list(page.topics.all()) == [topic]
        assert [link.related_page_id for link in page.related_pages.all()] == [self.home.pk]
        assert page.date == datetime.date(2025, 9, 10)
        self.assertPageIsRenderable(page)
        self.assertPageIsRenderable(index)

    def test_lead_image_without_alternative_text_is_refused(self):
        index = NewsIndexPageFactory(parent=self.home)
        image = wagtail_factories.ImageFactory()
        response = self.client.post(
            f"/admin/pages/add/news/newspage/{index.pk}/",
            nested_form_data(
                {
                    "title": "Bilde uten tekst",
                    "slug": "bilde",
                    "date": "2025-01-01",
                    "lead": "Ingress.",
                    "lead_image": image.pk,
                    "lead_image_alt": "",
                    "body": streamfield([]),
                    "related_pages": inline_formset([]),
                }
            ),
        )
        assert response.status_code == 200
        assert not NewsPage.objects.filter(slug="bilde").exists()
        assert "lead_image_alt" in response.context["form"].errors


@pytest.mark.django_db
def test_news_page_shows_lead_author_topics_and_social_metadata(client, news_index):
    topic = TopicFactory(name="Finansiering", slug="finansiering")
    image = wagtail_factories.ImageFactory()
    page = NewsPageFactory(
        parent=news_index,
        title="Nasjonale sentre",
        slug="nasjonale-sentre",
        date=datetime.date(2025, 11, 5),
        lead="Utlysning i 2027.",
        lead_image=image,
        lead_image_alt="Et møterom",
        topics=[topic],
    )
    html = client.get(page.url).content.decode()
    assert '<meta name="description" content="Utlysning i 2027.">' in html
    assert '<meta property="og:type" content="article">' in html
    assert '<meta property="og:image" content="http://testserver/media/images/' in html
    assert '<meta property="og:image:alt" content="Et møterom">' in html
    assert '<meta property="article:published_time" content="2025-11-05T00:00:00+01:00">' in html
    assert 'alt="Et møterom"' in html
    assert "Sekretariatet" in html
    assert f'href="{news_index.url}?tema=finansiering"' in html
    assert html.count("<h1") == 1


@pytest.mark.django_db
def test_news_index_lists_newest_first_and_announces_its_feeds(client, news_index):
    NewsPageFactory(parent=news_index, title="Eldst", date=datetime.date(2024, 1, 1))
    NewsPageFactory(parent=news_index, title="Nyest", date=datetime.date(2026, 1, 1))
    html = client.get(news_index.url).content.decode()
    assert html.index("Nyest") < html.index("Eldst")
    assert (
        f'<link rel="alternate" type="application/rss+xml" title="Nyheter (RSS)" href="{news_index.url}rss/">' in html
    )
    assert (
        f'<link rel="alternate" type="application/atom+xml" title="Nyheter (Atom)" href="{news_index.url}atom/">'
        in html
    )


@pytest.mark.django_db
def test_news_index_filters_by_topic_and_year(client, news_index):
    education = TopicFactory(name="Utdanning", slug="utdanning")
    funding = TopicFactory(name="Finansiering", slug="finansiering")
    NewsPageFactory(parent=news_index, title="Studenter 2025", date=datetime.date(2025, 3, 1), topics=[education])
    NewsPageFactory(parent=news_index, title="Studenter 2026", date=datetime.date(2026, 3, 1), topics=[education])
    NewsPageFactory(parent=news_index, title="Penger 2026", date=datetime.date(2026, 4, 1), topics=[funding])

    def titles(query):
        response = client.get(news_index.url, query)
        assert response.status_code == 200
        return {item.title for item in response.context["news_items"]}

    assert titles({"tema": "utdanning"}) == {"Studenter 2025", "Studenter 2026"}
    assert titles({"aar": "2026"}) == {"Studenter 2026", "Penger 2026"}
    assert titles({"tema": "utdanning", "aar": "2026"}) == {"Studenter 2026"}
    assert titles({"tema": "finansiering", "aar": "2025"}) == set()


@pytest.mark.parametrize(
    "query, message",
    [
        ({"tema": "finnes-ikke"}, "finnes-ikke"),
        ({"aar": "0"}, "«0»"),
        ({"aar": "abc"}, "«abc»"),
        ({"aar": "-1"}, "«-1»"),
        ({"aar": "²⁰²⁵"}, "«²⁰²⁵»"),
        ({"aar": "99999999999999999999"}, "«9999999999»"),
        ({"page": "9999"}, "9999"),
        ({"page": "abc"}, "«abc»"),
        ({"tema": "<script>alert(1)</script>"}, "&lt;script&gt;"),
    ],
)
@pytest.mark.django_db
def test_odd_filter_values_give_a_helpful_page_not_an_error(client, news_index, query, message):
    for _ in range(12):
        NewsPageFactory(parent=news_index)
    response = client.get(news_index.url, query)
    assert response.status_code == 200
    html = response.content.decode()
    assert 'class="ds-alert" data-color="warning"' in html
    assert message in html
    assert "<script>alert(1)</script>" not in html
    assert len(response.context["news_items"]) > 0


@pytest.mark.django_db
def test_pagination_keeps_the_filter(client, news_index):
    topic = TopicFactory(slug="utdanning")
    for _ in range(12):
        NewsPageFactory(parent=news_index, topics=[topic])
    response = client.get(news_index.url, {"tema": "utdanning"})
    assert response.context["page_obj"].paginator.num_pages == 2
    assert "?tema=utdanning&amp;page=2" in response.content.decode()
    second = client.get(news_index.url, {"tema": "utdanning", "page": "2"})
    assert len(second.context["news_items"]) == 2


@pytest.mark.django_db
def test_rss_and_atom_feeds_parse_with_the_latest_news(client, news_index):
    for day in range(25):
        NewsPageFactory(
            parent=news_index, title=f"Nyhet {day:02d}", date=datetime.date(2026, 1, 1) + datetime.timedelta(days=day)
        )
    NewsPageFactory(parent=news_index, title="Upublisert", live=False)
    for route, version in (("rss/", "rss20"), ("atom/", "atom10")):
        response = client.get(news_index.url + route)
        assert response.status_code == 200
        assert "max-age=900" in response["Cache-Control"]
        feed = feedparser.parse(response.content)
        assert not feed.bozo, feed.bozo_exception
        assert feed.version == version
        assert len(feed.entries) == 20
        assert feed.entries[0].title == "Nyhet 24"
        newest = NewsPage.objects.get(title="Nyhet 24")
        assert feed.entries[0].link == f"http://testserver{newest.url}"
        assert all(entry.title != "Upublisert" for entry in feed.entries)
        # Midnight in Oslo on 25 January is 23:00 UTC the day before.
        assert feed.entries[0].published_parsed[:4] == (2026, 1, 24, 23)


@pytest.mark.django_db
def test_feeds_of_an_empty_section_are_valid(client, news_index):
    feed = feedparser.parse(client.get(news_index.url + "rss/").content)
    assert not feed.bozo
    assert feed.entries == []
    assert feed.feed.title.startswith("Nyheter")
