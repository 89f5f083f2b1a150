import pytest

from tests.factories import StandardPageFactory


@pytest.fixture
def pages(home_page):
    research = StandardPageFactory(
        parent=home_page,
        title="Samarbeid om forskning",
        slug="forskning",
        intro="Vi driver forskning sammen med kommunene.",
    )
    other = StandardPageFactory(parent=home_page, title="Kontakt", slug="kontakt", intro="Skriv til oss.")
    return research, other


@pytest.mark.django_db
def test_search_finds_page_with_type_title_snippet_and_link(client, pages):
    response = client.get("/sok/", {"q": "forskning"})
    html = response.content.decode()
    assert response.status_code == 200
    assert "Samarbeid om forskning" in html
    assert 'href="/forskning/"' in html
    assert "Vi driver forskning sammen med kommunene." in html
    assert "Kontakt</a>" not in html


@pytest.mark.django_db
def test_norwegian_stemming_finds_forskning_when_searching_forskningen(client, pages):
    """PostgreSQL's Norwegian text search, or on SQLite the same stems matched as prefixes."""
    html = client.get("/sok/", {"q": "forskningen"}).content.decode()
    assert "Samarbeid om forskning" in html


@pytest.mark.django_db
@pytest.mark.parametrize(
    "params",
    [
        {},
        {"q": ""},
        {"q": "   "},
        {"q": "x" * 5000},
        {"q": "forskning", "page": "9999"},
        {"q": "forskning", "page": "abc"},
        {"q": "'\"<script>alert(1)</script>"},
        {"q": "AND OR NOT ( ) * :"},
    ],
)
def test_odd_queries_get_a_helpful_page_never_an_error(client, pages, params):
    response = client.get("/sok/", params)
    assert response.status_code == 200
    html = response.content.decode()
    assert "<script>alert(1)</script>" not in html


@pytest.mark.django_db
def test_empty_query_explains_what_to_do(client, pages):
    html = client.get("/sok/").content.decode()
    assert 'role="status"' in html
    assert "search-result" not in html


@pytest.mark.django_db
def test_results_are_paginated(client, home_page):
    for n in range(12):
        StandardPageFactory(
            parent=home_page, title=f"Velferdsteknologi {n}", slug=f"vt-{n}", intro="Velferdsteknologi."
        )
    first = client.get("/sok/", {"q": "velferdsteknologi"}).content.decode()
    assert first.count('class="search-result"') == 10
    assert 'rel="next"' in first
    second = client.get("/sok/", {"q": "velferdsteknologi", "page": 2}).content.decode()
    assert second.count('class="search-result"') == 2
