"""Query budgets: the news index, a news page, the calendar and the home page do not issue more
queries as the number of news items grows (no N+1)."""

import datetime

import pytest
import wagtail_factories
from django.db import connection
from django.test.utils import CaptureQueriesContext, override_settings

from tests.cms.news.factories import (
    EventIndexPageFactory,
    EventPageFactory,
    NewsIndexPageFactory,
    NewsPageFactory,
    TopicFactory,
)

BUDGET = 20


def seed_news(index, count, topics, images):
    for n in range(count):
        NewsPageFactory(
            parent=index,
            date=datetime.date(2020, 1, 1) + datetime.timedelta(days=n),
            lead_image=images[n % len(images)],
            lead_image_alt="Illustrasjon",
            topics=[topics[n % len(topics)], topics[(n + 1) % len(topics)]],
        )


def queries_for(client, url):
    # The budget is what rendering costs, so the anonymous page cache is off here.
    with override_settings(PAGE_CACHE_ENABLED=False):
        client.get(url)  # warm the renditions and the site root cache, as in production
        with CaptureQueriesContext(connection) as context:
            response = client.get(url)
    assert response.status_code == 200
    return len(context.captured_queries)


@pytest.mark.django_db
def test_news_index_news_page_and_home_query_counts_do_not_grow_with_the_number_of_news(
    client, home_page, django_assert_max_num_queries
):
    index = NewsIndexPageFactory(parent=home_page)
    topics = [TopicFactory() for _ in range(4)]
    images = [wagtail_factories.ImageFactory() for _ in range(3)]
    seed_news(index, 20, topics, images)
    newest = index.news().first()
    urls = {"index": index.url, "filtered": index.url + f"?tema={topics[0].slug}&aar=2020&page=2", "page": newest.url}
    urls["home"] = "/"
    urls["rss"] = index.url + "rss/"
    small = {name: queries_for(client, url) for name, url in urls.items()}

    seed_news(index, 180, topics, images)
    newest = index.news().first()
    urls["page"] = newest.url
    large = {name: queries_for(client, url) for name, url in urls.items()}

    assert large == small, (small, large)
    for url in urls.values():
        with django_assert_max_num_queries(BUDGET):
            client.get(url)


@pytest.mark.django_db
def test_calendar_and_ical_query_counts_do_not_grow_with_the_number_of_events(client, home_page):
    calendar = EventIndexPageFactory(parent=home_page)
    start = datetime.datetime(2030, 1, 1, 9, tzinfo=datetime.UTC)

    def seed(count):
        for n in range(count):
            EventPageFactory(
                parent=calendar,
                start=start + datetime.timedelta(days=n),
                end=start + datetime.timedelta(days=n, hours=2),
            )

    seed(5)
    small = [queries_for(client, calendar.url), queries_for(client, calendar.url + "ical/")]
    seed(50)
    large = [queries_for(client, calendar.url), queries_for(client, calendar.url + "ical/")]
    assert large == small
    assert max(large) <= BUDGET
