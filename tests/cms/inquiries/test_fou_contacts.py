"""FoU-contacts on the public site: name, role, department; e-mail only where published."""

from cms.network.models import NetworkPage


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
