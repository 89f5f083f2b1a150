"""The registration form's messages say what is wrong, and its summary reads in the form's order."""

import pytest
from bs4 import BeautifulSoup

from conference.registration.forms import RegistrationForm

from .factories import MunicipalityFactory, form_data, t

pytestmark = pytest.mark.django_db
URL = "/pamelding/2030/"


@pytest.fixture(autouse=True)
def _no_ratelimit(settings):
    settings.RATELIMIT_ENABLE = False


def errors_for(edition, data):
    form = RegistrationForm(data, edition=edition)
    assert not form.is_valid()
    return form.errors


def test_free_ticket_without_a_code_asks_for_the_code(edition, free_ticket):
    errors = errors_for(edition, form_data(free_ticket, payment_method="free", access_code=""))
    expected = t("%(ticket)s needs an access code. Enter the code you were given, or choose another ticket.") % {
        "ticket": "Gratis"
    }
    assert errors["access_code"] == [expected]
    assert t("The access code is not valid for this ticket type.") not in errors["access_code"]


def test_wrong_code_for_a_free_ticket_says_the_code_is_not_valid(edition, free_ticket):
    errors = errors_for(edition, form_data(free_ticket, payment_method="free", access_code="feil"))
    assert errors["access_code"] == [t("The access code is not valid for this ticket type.")]


def test_nine_digits_with_a_wrong_check_digit_do_not_ask_for_nine_digits(edition, invoice_ticket):
    errors = errors_for(edition, form_data(invoice_ticket, invoice_org_number="123 456 789"))
    message = errors["invoice_org_number"][0]
    assert "123 456 789" in message and "brreg.no" in message
    assert message != t("Enter a valid Norwegian organisation number (9 digits).")


def test_an_organisation_number_of_the_wrong_length_asks_for_nine_digits(edition, invoice_ticket):
    errors = errors_for(edition, form_data(invoice_ticket, invoice_org_number="12345"))
    assert errors["invoice_org_number"] == [t("Enter a valid Norwegian organisation number (9 digits).")]


def test_error_summary_reads_in_form_order_without_doubled_punctuation(client, edition, invoice_ticket):
    data = form_data(
        invoice_ticket,
        privacy_accepted=None,
        invoice_contact="",
        email_confirm="annen@example.no",
        phone="1",
        dietary_needs="Laktose",
    )
    html = client.post(URL, data).content.decode()
    soup = BeautifulSoup(html, "html.parser")
    anchors = [a["href"] for a in soup.select("#error-summary a")]
    assert anchors == [
        "#id_email_confirm",
        "#id_phone",
        "#id_special_needs_consent",
        "#id_invoice_contact",
        "#id_privacy_accepted",
    ]
    texts = [a.get_text(strip=True) for a in soup.select("#error-summary a")]
    assert not any(".:" in text for text in texts), texts
    assert texts[-1] == t("You must accept the privacy notice to register.")


def test_a_post_without_its_hidden_token_can_be_sent_again(client, edition, invoice_ticket):
    data = form_data(invoice_ticket)
    del data["form_token"]
    response = client.post(URL, data)
    assert response.status_code == 302


def test_only_todays_member_municipalities_are_listed_each_once(edition, invoice_ticket):
    import datetime

    from cms.network.models import Municipality, MunicipalityMembershipPeriod

    voss_herad = MunicipalityFactory(name="Voss herad")
    old_voss = Municipality.objects.create(
        name="Voss", slug="voss", merged_into=voss_herad, merged_on=datetime.date(2020, 1, 1)
    )
    MunicipalityMembershipPeriod.objects.create(
        municipality=old_voss, start_date=datetime.date(2017, 1, 1), end_date=datetime.date(2019, 12, 31)
    )
    Municipality.objects.create(name="Aldri medlem", slug="aldri")
    names = [m.name for m in RegistrationForm(edition=edition).fields["municipality"].queryset]
    assert names == ["Voss herad"]


def test_free_is_offered_only_when_a_ticket_is_free(edition, invoice_ticket, settings):
    settings.STRIPE_SECRET_KEY = ""
    methods = [value for value, _label in RegistrationForm(edition=edition).fields["payment_method"].choices]
    assert methods == ["invoice"]


def test_card_is_hidden_when_card_payment_is_not_set_up(edition, invoice_ticket, card_ticket, free_ticket, settings):
    settings.STRIPE_SECRET_KEY = ""
    methods = {value for value, _label in RegistrationForm(edition=edition).fields["payment_method"].choices}
    assert methods == {"invoice", "free"}


def test_conditionally_required_fields_say_when(client, edition, invoice_ticket):
    html = client.get(URL).content.decode()
    soup = BeautifulSoup(html, "html.parser")
    marker = soup.find("label", attrs={"for": "id_invoice_org_number"}).get_text(" ", strip=True)
    assert t("required for invoice") in marker
    marker = soup.find("label", attrs={"for": "id_invoice_city"}).get_text(" ", strip=True)
    assert t("required for invoice by post") in marker


def test_errors_in_invoice_fields_that_do_not_apply_are_dropped(edition, invoice_ticket):
    data = form_data(invoice_ticket, invoice_delivery="ehf", invoice_email="ikke-en-adresse")
    form = RegistrationForm(data, edition=edition)
    assert form.is_valid(), form.errors
    assert form.details()["invoice_email"] == ""


def test_prices_what_is_included_and_vat_show_before_sending(client, edition, invoice_ticket):
    invoice_ticket.description = "Lunsj og kaffe begge dager."
    invoice_ticket.save()
    html = client.get(URL).content.decode()
    soup = BeautifulSoup(html, "html.parser")
    radio = soup.find("input", attrs={"name": "ticket_type"})
    assert radio["data-price-ore"] == "150000"
    description = soup.find(id=radio["aria-describedby"])
    assert description.get_text(strip=True) == "Lunsj og kaffe begge dager."
    assert "kr\u00a01\u00a0500,00" in html  # kept on one line
    assert t("The prices are without VAT.") in html
    assert soup.find(id="registration-total") is not None
