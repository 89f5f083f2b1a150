"""An edition's year is unique per language, so its English translation can be saved, and the
registration page of a year finds the edition in the visitor's language."""

import pytest
from django.core.exceptions import ValidationError

from cms.core.demo_utils import ensure_translation
from conference.editions.models import ConferenceEditionPage
from conference.registration.models import Registration
from tests.conference.registration.factories import TicketTypeFactory, form_data, make_edition

pytestmark = pytest.mark.django_db


@pytest.fixture
def english_edition(home_page, en_locale):
    edition = make_edition(home_page, year=2030)
    ensure_translation(home_page, "en", title="Home")
    ensure_translation(edition.get_parent(), "en", title="The conference")
    return edition, ensure_translation(edition, "en", title="The 2030 conference")


def test_english_translation_of_an_edition_saves_with_the_same_year(english_edition):
    original, english = english_edition
    english.full_clean()
    english.save_revision().publish()
    assert english.year == original.year == 2030
    assert ConferenceEditionPage.objects.filter(year=2030).count() == 2


def test_a_second_edition_for_the_same_year_and_language_is_refused(home_page):
    edition = make_edition(home_page, year=2030)
    twin = ConferenceEditionPage(title="Igjen 2030", slug="igjen-2030", year=2030, start_date=edition.start_date)
    with pytest.raises(ValidationError) as error:
        edition.get_parent().add_child(instance=twin)
    assert "year" in error.value.message_dict


def test_for_year_prefers_the_active_language_and_falls_back_to_bokmal(english_edition):
    from django.utils import translation

    original, english = english_edition
    with translation.override("en"):
        assert ConferenceEditionPage.for_year(2030).pk == english.pk
    with translation.override("nb"):
        assert ConferenceEditionPage.for_year(2030).pk == original.pk
    assert ConferenceEditionPage.for_year(2031) is None


def test_the_translation_shares_the_original_s_tickets_and_seats(english_edition):
    original, english = english_edition
    assert english.registration_edition.pk == original.pk
    assert original.registration_edition.pk == original.pk


def test_english_registration_page_registers_for_the_original_edition(client, english_edition, settings):
    settings.RATELIMIT_ENABLE = False
    original, _english = english_edition
    ticket = TicketTypeFactory(edition=original, name="Faktura", price_ore=150000, allow_invoice=True)

    assert client.get("/en/pamelding/2030/").status_code == 200
    response = client.post("/en/pamelding/2030/", form_data(ticket))

    assert response.status_code == 302
    assert Registration.objects.get().edition_id == original.pk


def test_programme_links_are_reversed_for_the_page_and_its_language(client, english_edition):
    from django.utils import translation

    original, english = english_edition
    with translation.override("nb"):
        assert original.programme_url() == "/konferansen/2030/program/"
        assert original.programme_ics_url() == "/konferansen/2030/program.ics"
        assert original.programme_json_url() == "/konferansen/2030/program.json"
    with translation.override("en"):
        ics_url = english.programme_ics_url()
    assert ics_url == f"/en/{english.get_parent().slug}/{english.slug}/program.ics"
    response = client.get(ics_url)
    assert response.status_code == 200
    assert b"BEGIN:VCALENDAR" in response.content
