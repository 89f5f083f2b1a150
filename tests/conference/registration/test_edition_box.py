"""The edition page tells visitors whether they can register, and leads them to the form."""

import pytest
from django.urls import reverse


@pytest.mark.django_db
def test_edition_page_with_open_registration_links_to_the_form(client, edition, invoice_ticket):
    html = client.get(edition.url).content.decode()
    assert 'id="registration-box-heading"' in html
    assert f'href="{reverse("registration:register", args=[edition.year])}"' in html


@pytest.mark.django_db
def test_edition_page_without_ticket_types_shows_no_registration_box(client, edition):
    html = client.get(edition.url).content.decode()
    assert "registration-box" not in html
