"""A news item names the projects it is about (its related pages); the news item lists them
under "Prosjekter" and the project page lists its news, newest first. Only what the public may
open is shown either way, and both pages cost the same number of queries however many links."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import PageViewRestriction

from cms.core.models import StandardPage
from cms.inquiries.models import ProjectIndexPage, ProjectPage
from cms.news.models import NewsRelatedPage
from tests.cms.news.factories import NewsIndexPageFactory, NewsPageFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _no_page_cache(settings):
    settings.PAGE_CACHE_ENABLED = False


@pytest.fixture
def registry(home_page):
    index = ProjectIndexPage(title="Prosjekter", slug="prosjekter")
    home_page.add_child(instance=index)
    index.save_revision().publish()
    return index


@pytest.fixture
def news_index(home_page):
    return NewsIndexPageFactory(parent=home_page)


def make_project(registry, title="Ernæring på sykehjem", *, live=True):
    project = ProjectPage(
        title=title,
        description="Hvordan følges ernæringen opp?",
        kind="research",
        project_lead="Kari Forsker",
        start_date=datetime.date(2025, 3, 1),
        live=live,
    )
    registry.add_child(instance=project)
    if live:
        project.save_revision().publish()
    return project


def make_news(news_index, title, *related, date=datetime.date(2026, 5, 1), live=True):
    news = NewsPageFactory(parent=news_index, title=title, date=date, live=live)
    for order, page in enumerate(related):
        NewsRelatedPage.objects.create(page=news, related_page=page, sort_order=order)
    return news


def section(html, heading):
    """The part of the page from a heading to the end of its section."""
    start = html.index(f">{heading}</h2>")
    return html[start : html.index("</section>", start)]


def test_news_and_project_link_to_each_other(client, registry, news_index, home_page):
    project = make_project(registry)
    about = StandardPage(title="Om oss", slug="om-oss")
    home_page.add_child(instance=about)
    about.save_revision().publish()
    news = make_news(news_index, "Første funn om ernæring", project, about)

    article = client.get(news.url).content.decode()
    projects = section(article, "Prosjekter")
    assert f'href="{project.url}"' in projects and "Ernæring på sykehjem" in projects
    assert "Om oss" not in projects  # other pages stay under "Relatert innhold"
    assert f'href="{about.url}"' in section(article, "Relatert innhold")

    page = client.get(project.url).content.decode()
    assert f'href="{news.url}"' in section(page, "Nyheter")
    assert "Første funn om ernæring" in page


def test_project_page_lists_only_published_public_news_newest_first(client, registry, news_index):
    project = make_project(registry)
    make_news(news_index, "Eldre nyhet", project, date=datetime.date(2026, 1, 10))
    make_news(news_index, "Nyeste nyhet", project, date=datetime.date(2026, 6, 10))
    make_news(news_index, "Utkast til nyhet", project, live=False)
    private = make_news(news_index, "Intern nyhet", project)
    PageViewRestriction.objects.create(page=private, restriction_type=PageViewRestriction.PASSWORD, password="x")
    make_news(news_index, "Nyhet om noe annet")

    news = section(client.get(project.url).content.decode(), "Nyheter")
    assert news.index("Nyeste nyhet") < news.index("Eldre nyhet")
    for hidden in ("Utkast til nyhet", "Intern nyhet", "Nyhet om noe annet"):
        assert hidden not in news


def test_news_never_links_an_unpublished_or_private_project(client, registry, news_index):
    draft = make_project(registry, "Prosjekt under arbeid", live=False)
    private = make_project(registry, "Lukket prosjekt")
    PageViewRestriction.objects.create(page=private, restriction_type=PageViewRestriction.PASSWORD, password="x")
    news = make_news(news_index, "Nyhet", draft, private)
    article = client.get(news.url).content.decode()
    assert "Prosjekt under arbeid" not in article and "Lukket prosjekt" not in article
    assert ">Prosjekter</h2>" not in article

    draft.save_revision().publish()
    assert "Prosjekt under arbeid" in client.get(news.url).content.decode()


def test_a_project_without_news_has_no_news_section(client, registry):
    project = make_project(registry)
    assert ">Nyheter</h2>" not in client.get(project.url).content.decode()


def queries(client, url):
    client.get(url)
    with CaptureQueriesContext(connection) as context:
        response = client.get(url)
    assert response.status_code == 200
    return len(context.captured_queries)


def test_query_counts_do_not_grow_with_the_links(client, registry, news_index):
    project = make_project(registry)
    others = [make_project(registry, f"Prosjekt {n}") for n in range(4)]
    news = make_news(news_index, "Nyhet 0", project)
    few = queries(client, project.url), queries(client, news.url)
    for n in range(1, 6):
        make_news(news_index, f"Nyhet {n}", project)
    for other in others:
        NewsRelatedPage.objects.create(page=news, related_page=other)
    assert (queries(client, project.url), queries(client, news.url)) == few
