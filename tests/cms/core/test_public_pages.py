"""Pages in a private section (a view restriction) never reach the home page's slots, and the
restrictions are read once per request however many slots ask."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import Page, PageViewRestriction

from cms.core.public_pages import public
from tests.cms.news.factories import NewsIndexPageFactory, NewsPageFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def news(home_page):
    open_index = NewsIndexPageFactory(parent=home_page, title="Nyheter", slug="nyheter")
    closed_index = NewsIndexPageFactory(parent=home_page, title="Internt", slug="internt")
    NewsPageFactory(parent=open_index, title="Åpen nyhet", date=datetime.date(2026, 1, 1))
    NewsPageFactory(parent=closed_index, title="Intern nyhet", date=datetime.date(2026, 1, 2))
    PageViewRestriction.objects.create(page=closed_index, restriction_type=PageViewRestriction.PASSWORD, password="x")
    return open_index, closed_index


def test_same_pages_as_wagtails_public(home_page, news):
    assert list(public(Page.objects.live()).order_by("path")) == list(Page.objects.live().public().order_by("path"))
    assert [p.title for p in home_page.latest_news()] == ["Åpen nyhet"]


def test_restricted_news_never_on_the_home_page(client, home_page, news):
    html = client.get("/").content.decode()
    assert "Åpen nyhet" in html
    assert "Intern nyhet" not in html


def test_no_restrictions_means_every_live_page(home_page, news):
    PageViewRestriction.objects.all().delete()
    assert sorted(p.title for p in home_page.latest_news()) == ["Intern nyhet", "Åpen nyhet"]


def _restriction_reads(captured) -> int:
    return sum("wagtailcore_pageviewrestriction" in q["sql"] for q in captured.captured_queries)


def test_restrictions_read_once_per_request_and_again_in_the_next(client, home_page, news, settings):
    settings.PAGE_CACHE_ENABLED = False
    client.get("/")
    with CaptureQueriesContext(connection) as first:
        client.get("/")
    # Wagtail's own check of the served page's ancestors, plus one read for every slot.
    assert _restriction_reads(first) == 2
    # A restriction added between two requests applies to the next one at once.
    PageViewRestriction.objects.filter(page=news[1]).delete()
    PageViewRestriction.objects.create(page=news[0], restriction_type=PageViewRestriction.PASSWORD, password="x")
    html = client.get("/").content.decode()
    assert "Intern nyhet" in html
    assert "Åpen nyhet" not in html


def test_outside_a_request_every_call_reads_them(home_page, news):
    with CaptureQueriesContext(connection) as captured:
        home_page.latest_news()
        home_page.latest_news()
    assert _restriction_reads(captured) == 2
