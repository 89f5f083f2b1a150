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
