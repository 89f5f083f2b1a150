"""hreflang alternates in <head>: search engines pair a page's bokmål and English versions."""

import re

import pytest

from cms.core.demo_utils import ensure_translation
from tests.factories import StandardPageFactory


def alternates(html):
    return dict(re.findall(r'<link rel="alternate" hreflang="([\w-]+)" href="([^"]+)">', html))


@pytest.mark.django_db
def test_translated_page_links_both_languages_and_a_default(client, home_page, en_locale):
    page = StandardPageFactory(parent=home_page, title="Om oss", slug="om-oss")
    ensure_translation(home_page, "en", title="Home")
    ensure_translation(page, "en", title="About us")

    links = alternates(client.get("/om-oss/").content.decode())
    assert links == {
        "nb": "http://testserver/om-oss/",
        "en": "http://testserver/en/om-oss/",
        "x-default": "http://testserver/om-oss/",
    }
    # The English page announces the same set.
    assert alternates(client.get("/en/om-oss/").content.decode()) == links


@pytest.mark.django_db
def test_page_without_translation_has_no_alternates(client, home_page, en_locale):
    StandardPageFactory(parent=home_page, title="Bare norsk", slug="bare-norsk")
    assert alternates(client.get("/bare-norsk/").content.decode()) == {}


@pytest.mark.django_db
def test_unpublished_translation_is_not_announced(client, home_page, en_locale):
    page = StandardPageFactory(parent=home_page, title="Om oss", slug="om-oss")
    ensure_translation(home_page, "en", title="Home")
    english = ensure_translation(page, "en", title="About us")
    english.refresh_from_db()  # publishing went through a revision, not this instance
    english.unpublish()
    assert alternates(client.get("/om-oss/").content.decode()) == {}
