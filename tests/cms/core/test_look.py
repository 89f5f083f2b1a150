"""The finished look: the self-hosted typeface, headings that break at syllables rather than
anywhere, and demo pictures that every visitor can perceive (meaningful alternative texts)."""

import re
from io import StringIO
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from django.conf import settings
from django.contrib.staticfiles import finders
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.template import Context, Template
from django.test import override_settings
from django.utils import translation
from wagtail.images import get_image_model

from cms.core.demo_images import ILLUSTRATIONS, render
from cms.core.hyphenation import SOFT_HYPHEN, hyphenate

STATIC = Path(settings.BASE_DIR) / "static" / "css"
FONT = "vendor/inter/inter-latin-wght-normal.woff2"


# ------------------------------------------------------------------ the typeface


def test_the_latin_subsets_of_inter_are_found_and_no_other_subset_is_served():
    for subset in ("latin", "latin-ext"):
        for style in ("normal", "italic"):
            path = finders.find(f"vendor/inter/inter-{subset}-wght-{style}.woff2")
            assert path and Path(path).read_bytes()[:4] == b"wOF2"
    assert not finders.find("vendor/inter/inter-cyrillic-wght-normal.woff2")
    assert not finders.find("vendor/inter/../../package.json")


def test_site_css_declares_inter_with_swap_for_the_files_that_exist():
    css = (STATIC / "site.css").read_text()
    faces = re.findall(r"@font-face\s*{([^}]*)}", css)
    assert len(faces) == 4
    for face in faces:
        assert "font-family: Inter;" in face
        assert "font-display: swap;" in face
        url = re.search(r'url\("\.\./(vendor/inter/[^"]+)"\)', face).group(1)
        assert finders.find(url), url
    assert re.search(r"--ds-font-family:\s*Inter,", css)


def test_pages_preload_the_font_from_our_own_static_files(client, home_page):
    html = client.get("/").content.decode()
    link = BeautifulSoup(html, "html.parser").select_one('link[rel="preload"][as="font"]')
    assert link["href"] == f"{settings.STATIC_URL}{FONT}"
    assert link["type"] == "font/woff2"
    assert link.has_attr("crossorigin")


def test_collectstatic_with_the_manifest_storage_rewrites_the_font_urls(tmp_path):
    storages = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
    }
    with override_settings(STATIC_ROOT=tmp_path, STORAGES=storages):
        call_command("collectstatic", interactive=False, verbosity=0, stdout=StringIO())
    fonts = sorted(p.name for p in (tmp_path / "vendor" / "inter").glob("*.woff2"))
    assert len(fonts) == 8  # four files, each also under its hashed name
    assert not any("cyrillic" in name for name in fonts)
    hashed_css = next(p for p in (tmp_path / "css").glob("site.*.css") if not p.name.endswith(".gz"))
    urls = re.findall(r'url\("([^"]+\.woff2)"\)', hashed_css.read_text())
    assert len(urls) == 4
    for url in urls:
        name = url.rsplit("/", 1)[-1]
        assert re.fullmatch(r"inter-latin(-ext)?-wght-(normal|italic)\.[0-9a-f]{12}\.woff2", name), url
        assert (tmp_path / "vendor" / "inter" / name).exists()


# ------------------------------------------------------------------ headings


def test_long_bokmal_words_get_soft_hyphens_at_syllables_and_short_words_none():
    text = hyphenate("Kunnskapskommunekonferansen Vest 2028", "nb")
    assert text.replace(SOFT_HYPHEN, "") == "Kunnskapskommunekonferansen Vest 2028"
    parts = text.split(" ")[0].split(SOFT_HYPHEN)
    assert len(parts) >= 4
    assert len(parts[0]) >= 3 and len(parts[-1]) >= 3  # no "Ku-" or "-en" alone on a line
    assert hyphenate("Bedre kunnskap", "nb") == "Bedre kunnskap"
    assert hyphenate("", "nb") == ""


def test_the_hyphenate_filter_follows_the_language_and_still_escapes():
    template = Template("{% load text_tags %}{{ title|hyphenate }}")
    with translation.override("en"):
        english = template.render(Context({"title": "<b>Internationalisation</b>"}))
    assert "<b>" not in english and "&lt;b&gt;" in english
    assert SOFT_HYPHEN in english


def css_rules(path: Path):
    css = re.sub(r"/\*.*?\*/", "", path.read_text(), flags=re.S)
    # Innermost rules only (media queries wrap rules; their selectors are what matters here).
    return re.findall(r"([^{}]+){([^{}]*)}", css)


@pytest.mark.parametrize("path", sorted(STATIC.glob("*.css")), ids=lambda p: p.name)
def test_no_stylesheet_lets_headings_break_anywhere(path):
    heading = re.compile(r"(^|[\s,(>+~])(h[1-6]|\.ds-heading|[\w-]*__title)\b")
    for selector, body in css_rules(path):
        breaks_words = re.search(r"overflow-wrap:\s*(anywhere|break-word)|word-break:\s*break-all", body)
        if not breaks_words:
            continue
        selector = selector.strip()
        assert not heading.search(selector), f"{path.name}: {selector} breaks words anywhere"
        # Inherited by every heading on the page.
        assert selector not in ("body", "html", ":root", "*"), f"{path.name}: {selector}"


def test_headings_of_a_page_break_at_syllables(client, home_page):
    from cms.core.models import StandardPage

    page = StandardPage(title="Styringsdokumenter og samarbeidsavtaler", slug="dokumenter")
    home_page.add_child(instance=page)
    page.save_revision().publish()
    html = client.get(page.url).content.decode()
    h1 = BeautifulSoup(html, "html.parser").select_one("main h1").get_text()
    assert SOFT_HYPHEN in h1
    assert h1.replace(SOFT_HYPHEN, "") == "Styringsdokumenter og samarbeidsavtaler"
    # The document title (tabs, bookmarks, search engines) carries no soft hyphens.
    assert SOFT_HYPHEN not in BeautifulSoup(html, "html.parser").title.get_text()


# ------------------------------------------------------------------ pictures


def test_every_illustration_is_a_small_jpeg_with_a_bokmal_description():
    for key, illustration in ILLUSTRATIONS.items():
        data = render(key)
        assert data[:3] == b"\xff\xd8\xff"
        assert len(data) < 100_000, key
        assert render(key) == data  # a fixed seed: the same picture on every machine
        assert len(illustration.alt.split()) >= 6, key


def test_a_banner_image_without_alternative_text_is_refused(home_page):
    from cms.core.demo_images import demo_image

    home_page.banner_image = demo_image("fjord")
    home_page.banner_image_alt = "  "
    with pytest.raises(ValidationError) as error:
        home_page.full_clean()
    assert "banner_image_alt" in error.value.message_dict


MEANINGLESS_ALT = re.compile(r"(\.(jpe?g|png|webp|gif)$|^(image|bilde|illustrasjon|photo|foto)$)", re.I)


@pytest.mark.django_db
def test_every_picture_on_the_demo_pages_has_a_meaningful_alternative_text(client):
    from wagtail.models import Page

    call_command("load_demo", verbosity=0, stdout=StringIO())
    titles = set(get_image_model().objects.values_list("title", flat=True))
    assert {i.title for i in ILLUSTRATIONS.values()} <= titles

    urls = [p.url for p in Page.objects.live().public().filter(depth__gte=2).specific() if p.url]
    pictures = 0
    used = set()
    for url in urls:
        response = client.get(url)
        if response.status_code != 200:
            continue
        for img in BeautifulSoup(response.content, "html.parser").select("main img"):
            pictures += 1
            alt = (img.get("alt") or "").strip()
            src = img.get("src", "")
            assert alt, f"{url}: <img src={src}> has no alt text"
            assert not MEANINGLESS_ALT.search(alt), f"{url}: alt {alt!r}"
            assert alt.rsplit(".", 1)[0] not in src, f"{url}: alt {alt!r} is the file name"
            assert len(alt.split()) >= 4, f"{url}: alt {alt!r} says too little"
            used.add(alt)
    assert pictures >= 10
    # Not one picture repeated everywhere: the home page, news, editions and the network page
    # use different illustrations.
    assert len(used) >= 5


@pytest.mark.django_db
def test_the_demo_home_page_shows_the_next_conference_as_a_banner(client):
    call_command("load_demo", verbosity=0, stdout=StringIO())
    soup = BeautifulSoup(client.get("/").content, "html.parser")
    banner = soup.select_one(".conference-banner")
    assert banner is not None
    img = banner.select_one("img")
    assert img["alt"] == ILLUSTRATIONS["auditorium"].alt
    text = banner.get_text(" ", strip=True).replace(SOFT_HYPHEN, "")
    assert "Kunnskapskommunekonferansen Vest 2028" in text
    assert "7. september 2028" in text
    assert "Universitetsaulaen" in text
