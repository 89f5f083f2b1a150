"""An open registration is easy to find: the home page and the conference index show it with
price and deadline and a "Meld deg på" button; nothing shows when registration is closed."""

import pytest
from bs4 import BeautifulSoup

from conference.editions.models import ConferenceIndexPage

from .factories import TicketTypeFactory, t

pytestmark = pytest.mark.django_db


def register_links(html):
    soup = BeautifulSoup(html, "html.parser")
    return [a for a in soup.select(".open-registration a.ds-button") if a["href"] == "/pamelding/2030/"]


def test_home_page_shows_open_registration_with_price_and_deadline(client, edition, invoice_ticket, free_ticket):
    TicketTypeFactory(edition=edition, name="Tidlig", price_ore=120000)
    html = client.get("/").content.decode()
    assert len(register_links(html)) == 1
    card = BeautifulSoup(html, "html.parser").select_one(".open-registration").get_text(" ", strip=True)
    assert t("Registration is open") in card
    assert edition.title in card
    assert (t("from %(price)s") % {"price": "kr 1 200,00"}) in card  # the code-only free ticket is not "from"
    assert t("Deadline") in card


def test_conference_index_shows_the_register_button_on_the_next_edition(client, edition, invoice_ticket):
    index = ConferenceIndexPage.objects.get()
    html = client.get(index.url).content.decode()
    assert len(register_links(html)) == 1


def test_nothing_is_shown_when_registration_is_closed(client, edition, invoice_ticket):
    edition.status = edition.Status.CLOSED
    edition.save_revision().publish()
    assert register_links(client.get("/").content.decode()) == []
    assert register_links(client.get(ConferenceIndexPage.objects.get().url).content.decode()) == []


def banner(html):
    return BeautifulSoup(html, "html.parser").select_one(".conference-banner")


def test_home_page_banner_shows_the_open_edition_with_date_place_price_and_register_button(
    client, edition, invoice_ticket
):
    from cms.core.demo_images import demo_image

    edition.banner_image = demo_image("auditorium")
    edition.banner_image_alt = "Tegning av en full sal sett bakfra."
    edition.save_revision().publish()
    section = banner(client.get("/").content.decode())
    assert section.select_one("img")["alt"] == "Tegning av en full sal sett bakfra."
    text = section.get_text(" ", strip=True).replace("\u00ad", "")
    assert edition.title in text
    assert "5. september 2030" in text
    assert "Universitetsaulaen" in text
    assert "kr 1 500,00" in text
    assert t("Deadline") in text
    assert [a["href"] for a in section.select("a.ds-button")][0] == "/pamelding/2030/"


def test_home_page_banner_announces_a_planned_edition_without_a_register_button(home_page, client):
    from .factories import make_edition

    make_edition(home_page, status="planned")
    section = banner(client.get("/").content.decode())
    assert section is not None
    text = section.get_text(" ", strip=True)
    assert t("Next conference") in text
    assert t("Registration is open") not in text
    assert not [a for a in section.select("a") if "/pamelding/" in a["href"]]
    assert section.select_one("img") is None  # no picture chosen: none shown


def test_no_banner_when_no_edition_is_coming_up(home_page, client):
    from .factories import make_edition

    make_edition(home_page, year=2020, status="held")
    assert banner(client.get("/").content.decode()) is None


def test_no_banner_for_a_cancelled_edition(home_page, client):
    from .factories import make_edition

    make_edition(home_page, status="cancelled")
    assert banner(client.get("/").content.decode()) is None
