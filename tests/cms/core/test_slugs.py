"""Slugs spell ø, æ and å as o, ae and a instead of dropping them (issue 12, point 9)."""

import re

import pytest
from django.urls import reverse

from cms.core.models import StandardPage
from cms.core.text import slugify_nb
from conference.programme.models import Session


@pytest.mark.parametrize(
    ("text", "slug"),
    [
        ("6 prosjekter som gjør en forskjell", "6-prosjekter-som-gjor-en-forskjell"),
        ("Kristian Vrebø", "kristian-vrebo"),
        ("Årsmelding for Ærø og Øygarden", "arsmelding-for-aero-og-oygarden"),
        ("Bjørnafjorden", "bjornafjorden"),
    ],
)
def test_slugify_nb_transliterates_norwegian_letters(text, slug):
    assert slugify_nb(text) == slug


def test_new_page_without_a_slug_gets_a_transliterated_one(home_page):
    page = home_page.add_child(instance=StandardPage(title="Søknad om støtte til års-møte"))
    assert page.slug == "soknad-om-stotte-til-ars-mote"


def test_a_second_page_with_the_same_title_gets_a_unique_transliterated_slug(home_page):
    home_page.add_child(instance=StandardPage(title="Årsplan"))
    second = home_page.add_child(instance=StandardPage(title="Årsplan"))
    assert second.slug == "arsplan-2"


def test_a_slug_the_editor_chose_is_kept(home_page):
    page = home_page.add_child(instance=StandardPage(title="Økonomi", slug="penger"))
    assert page.slug == "penger"


def test_session_slug_transliterates():
    assert Session(title="Prosjekter som gjør en forskjell").slug == "prosjekter-som-gjor-en-forskjell"


def test_admin_slug_field_transliterates_as_the_title_is_typed(admin_client, home_page):
    # Without the allow-unicode flag the admin's slug controller "urlifies" the title, which
    # spells ø/æ/å as o/ae/a (tested in the browser by Wagtail itself).
    response = admin_client.get(reverse("wagtailadmin_pages:add", args=["core", "standardpage", home_page.pk]))
    assert response.status_code == 200
    html = response.content.decode()
    assert 'data-controller="w-slug"' in html
    assert "data-w-slug-allow-unicode-value" not in html


@pytest.mark.parametrize(
    "snippet", ["wagtailsnippets_news_topic", "wagtailsnippets_network_municipality", "wagtailsnippets_network_body"]
)
def test_snippet_slug_fills_in_from_the_name_in_the_admin(admin_client, snippet):
    html = admin_client.get(reverse(f"{snippet}:add")).content.decode()
    name = re.search(r'<input[^>]*name="name"[^>]*>', html).group(0)
    slug = re.search(r'<input[^>]*name="slug"[^>]*>', html).group(0)
    assert "w-sync" in name and 'data-w-sync-target-value="#id_slug"' in name
    assert 'data-controller="w-slug"' in slug and "data-w-slug-allow-unicode-value" not in slug
