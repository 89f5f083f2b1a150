import datetime

import pytest
from django.utils import timezone

from tests.cms.news.factories import EventIndexPageFactory, EventPageFactory, NewsIndexPageFactory, NewsPageFactory


@pytest.mark.django_db
def test_home_page_shows_the_three_latest_news_and_the_next_three_events(client, home_page):
    news_index = NewsIndexPageFactory(parent=home_page)
    for day in range(1, 6):
        NewsPageFactory(parent=news_index, title=f"Nyhet {day}", date=datetime.date(2026, 1, day))
    NewsPageFactory(parent=news_index, title="Kladd", date=datetime.date(2026, 2, 1), live=False)
    calendar = EventIndexPageFactory(parent=home_page)
    now = timezone.now()
    EventPageFactory(
        parent=calendar,
        title="Ferdig",
        start=now - datetime.timedelta(days=2),
        end=now - datetime.timedelta(days=2) + datetime.timedelta(hours=1),
    )
    for days in (1, 5, 3, 9):
        start = now + datetime.timedelta(days=days)
        EventPageFactory(
            parent=calendar, title=f"Om {days} dager", start=start, end=start + datetime.timedelta(hours=2)
        )

    assert [p.title for p in home_page.latest_news()] == ["Nyhet 5", "Nyhet 4", "Nyhet 3"]
    assert [p.title for p in home_page.upcoming_events()] == ["Om 1 dager", "Om 3 dager", "Om 5 dager"]

    html = client.get("/").content.decode()
    for title in ("Nyhet 5", "Nyhet 3", "Om 1 dager", "Om 5 dager"):
        assert title in html
    for title in ("Nyhet 2", "Kladd", "Ferdig", "Om 9 dager"):
        assert title not in html


@pytest.mark.django_db
def test_home_slots_cost_two_queries_whatever_the_number_of_items(home_page, django_assert_num_queries):
    news_index = NewsIndexPageFactory(parent=home_page)
    for _ in range(8):
        NewsPageFactory(parent=news_index)
    with django_assert_num_queries(2):  # view restrictions + the news
        news = home_page.latest_news()
    with django_assert_num_queries(0):
        # The cards read the summary through ``.specific``: no further queries.
        assert all(item.specific.summary for item in news)


@pytest.mark.django_db
def test_home_without_news_or_calendar_sections_still_renders(client, home_page):
    assert home_page.latest_news() == []
    assert home_page.upcoming_events() == []
    assert client.get("/").status_code == 200
