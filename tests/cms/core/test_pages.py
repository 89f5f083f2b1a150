import pytest
from django.contrib.auth import get_user_model
from wagtail.models import Page, Site
from wagtail.test.utils import WagtailPageTestCase
from wagtail.test.utils.form_data import nested_form_data, rich_text, streamfield

from cms.core.models import StandardPage
from conference.editions.models import ConferenceEditionPage, ConferenceIndexPage
from home.models import HomePage
from tests.conftest import MODEL_BACKEND
from tests.factories import StandardPageFactory


@pytest.mark.django_db
class TestPageTree(WagtailPageTestCase):
    def setUp(self):
        self.home = HomePage(title="Hjem", slug="hjem-test")
        Page.get_first_root_node().add_child(instance=self.home)
        Site.objects.all().delete()
        Site.objects.create(hostname="testserver", root_page=self.home, is_default_site=True)
        # force_login: the admin login itself is throttled by django-axes, tested separately.
        user = get_user_model().objects.create_superuser("admin", "admin@example.com", "passord-som-er-langt")
        self.client.force_login(user, backend=MODEL_BACKEND)

    def test_editor_can_create_standard_page_with_blocks_through_admin_form(self):
        self.assertCanCreate(
            self.home,
            StandardPage,
            nested_form_data(
                {
                    "title": "Om oss",
                    "slug": "om-oss",
                    "intro": "Hvem vi er.",
                    "body": streamfield(
                        [
                            ("heading", {"text": "Bakgrunn", "level": "h2"}),
                            ("paragraph", rich_text("<p>Startet i 2015.</p>")),
                            ("quote", {"quote": "Kunnskap virker.", "attribution": "Noen"}),
                        ]
                    ),
                }
            ),
        )
        page = StandardPage.objects.get(slug="om-oss")
        assert [block.block_type for block in page.body] == ["heading", "paragraph", "quote"]

    def test_page_types_only_go_where_they_belong(self):
        self.assertAllowedParentPageTypes(HomePage, {Page})
        self.assertAllowedParentPageTypes(StandardPage, {HomePage, StandardPage})
        self.assertAllowedParentPageTypes(ConferenceIndexPage, {HomePage})
        self.assertAllowedParentPageTypes(ConferenceEditionPage, {ConferenceIndexPage})
        self.assertCanNotCreateAt(HomePage, ConferenceEditionPage)

    def test_home_and_standard_pages_render(self):
        page = StandardPageFactory(parent=self.home, title="Kontakt", slug="kontakt")
        self.assertPageIsRenderable(self.home)
        self.assertPageIsRenderable(page)


@pytest.mark.django_db
def test_standard_page_shows_title_intro_blocks_and_navigation(client, home_page):
    page = StandardPageFactory(
        parent=home_page,
        title="Om oss",
        slug="om-oss",
        show_in_menus=True,
        body=[
            ("heading", {"text": "Slik jobber vi", "level": "h2"}),
            (
                "accordion",
                {"heading": "Spørsmål", "items": [{"question": "Hvem kan delta?", "answer": rich_text_value("Alle.")}]},
            ),
            (
                "contact",
                {
                    "name": "Kari",
                    "role": "Rådgiver",
                    "organisation": "Bergen kommune",
                    "email": "kari@example.com",
                    "phone": "55 55 55 55",
                },
            ),
        ],
    )
    html = client.get(page.url).content.decode()
    assert '<h1 class="ds-heading" data-size="xl">Om oss</h1>' in html
    assert 'id="slik-jobber-vi"' in html
    assert "<summary>Hvem kan delta?</summary>" in html
    assert 'href="mailto:kari@example.com"' in html
    # The page is in the main navigation, marked as the current page.
    assert 'href="/om-oss/" aria-current="page"' in html
    # Breadcrumbs lead home.
    assert 'aria-label="Du er her"' in html or 'aria-label="You are here"' in html


def rich_text_value(text):
    from wagtail.rich_text import RichText

    return RichText(f"<p>{text}</p>")


@pytest.mark.django_db
def test_every_page_has_skip_link_landmarks_and_norwegian_language(client, home_page):
    html = client.get("/").content.decode()
    assert '<html lang="nb"' in html
    assert 'href="#main-content"' in html and 'id="main-content"' in html
    assert 'role="search"' in html
    assert "kunnskapskommunen@bergen.kommune.no" in html
