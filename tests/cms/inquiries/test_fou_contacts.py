"""FoU-contacts on the public site: name, role, department; e-mail only where published; on
the contacts page, the network page and any standard page with the FoU-contacts listing block
(the demo's Kontakt)."""

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from cms.core.blocks import StandardPageStreamBlock
from cms.network.models import NetworkPage
from tests.factories import StandardPageFactory

from .conftest import make_contact, member


def test_contacts_page_shows_contacts_and_only_published_emails(client, contacts):
    contacts["askoy"].publish_email = True
    contacts["askoy"].save()
    html = client.get("/forskningshenvendelse/fou-kontakter/").content.decode()
    assert "Kontakt Askøy" in html and "fou-askoy.askoy@example.com" in html
    assert "Etat for sykehjem" in html
    assert "fou-sykehjem.bergen@example.com" not in html  # not published
    assert "Lindås" not in html


def test_network_page_lists_contacts(client, contacts, home_page):
    page = NetworkPage(title="Nettverket", slug="nettverket")
    home_page.add_child(instance=page)
    page.save_revision().publish()
    html = client.get(page.url).content.decode()
    assert "FoU-kontakter" in html and "Kontakt Askøy" in html
    assert "fou-askoy.askoy@example.com" not in html


def kontakt_page(home_page, heading="FoU-kontakter i kommunene", listing="fou_contacts"):
    return StandardPageFactory(
        parent=home_page,
        title="Kontakt",
        slug="kontakt",
        body=[{"type": "listing", "value": {"heading": heading, "listing": listing}}],
    )


def test_kontakt_page_lists_every_member_municipality_contact_through_the_listing_block(
    client, contacts, home_page, network, django_user_model
):
    make_contact(django_user_model, network["lindas"], email="lindas@example.com")  # merged away in 2020
    contacts["askoy"].publish_email = True
    contacts["askoy"].save()
    page = kontakt_page(home_page)
    html = client.get(page.url).content.decode()
    assert '<h2 class="ds-heading" data-size="md">FoU-kontakter i kommunene</h2>' in html
    for name in ("Kontakt Askøy", "Kontakt Alver", "Kontakt Bergen Etat for sykehjem"):
        assert name in html
    assert "(Etat for psykisk helse og rusarbeid)" in html and "FoU-kontakt" in html  # department and role
    assert 'href="mailto:fou-askoy.askoy@example.com"' in html
    assert "fou-alver.alver@example.com" not in html and "fou-sykehjem.bergen@example.com" not in html
    assert "Lindås" not in html and "lindas@example.com" not in html
    assert f'href="{reverse("inquiries:form")}"' in html
    # Alphabetical by municipality.
    assert html.index("Alver") < html.index("Askøy") < html.index("Kontakt Bergen")


def test_kontakt_page_says_so_when_no_contact_is_registered(client, network, home_page):
    html = client.get(kontakt_page(home_page, heading="").url).content.decode()
    assert "Ingen FoU-kontakter er registrert ennå." in html
    assert f'href="{reverse("inquiries:form")}"' in html


def test_a_listing_no_app_offers_any_more_renders_nothing(client, home_page):
    page = kontakt_page(home_page, heading="Borte", listing="finnes-ikke")
    response = client.get(page.url)
    assert response.status_code == 200 and "Borte" not in response.content.decode()


def test_editors_can_choose_the_fou_contacts_listing():
    block = StandardPageStreamBlock().child_blocks["listing"]
    choices = dict(block.child_blocks["listing"].field.choices)
    assert "fou_contacts" in choices
    with pytest.raises(ValidationError):
        block.clean(block.to_python({"heading": "", "listing": "finnes-ikke"}))


def test_kontakt_page_queries_do_not_grow_with_the_contacts(client, contacts, home_page, django_user_model, settings):
    settings.PAGE_CACHE_ENABLED = False  # count the rendering, not the anonymous page cache
    page = kontakt_page(home_page)
    client.get(page.url)  # the first request of a site also creates its settings row

    def queries() -> int:
        with CaptureQueriesContext(connection) as captured:
            assert client.get(page.url).status_code == 200
        return len(captured)

    before = queries()
    for n in range(5):
        municipality = member(f"Kommune{n}")
        make_contact(django_user_model, municipality)
        make_contact(django_user_model, municipality, department="Etat for hjemmetjenester")
    after = queries()
    assert "Kommune4" in client.get(page.url).content.decode()
    assert after == before
