"""Every public form, in its error state, shows each message under its field and ties it to the
field by ``aria-describedby`` — checked in the HTML, because axe does not catch a
``aria-describedby`` that names a missing element or an error that is only a red border."""

import pytest
from bs4 import BeautifulSoup

from cms.governance.models import GovernanceDocumentIndexPage
from cms.network.models import NetworkPage
from conference.registration.models import Registration
from tests.cms.news.factories import NewsIndexPageFactory
from tests.cms.plans.factories import make_plan
from tests.conference.registration.factories import TicketTypeFactory, form_data, make_edition

pytestmark = pytest.mark.django_db
REGISTER = "/pamelding/2030/"


@pytest.fixture(autouse=True)
def _no_ratelimit(settings):
    settings.RATELIMIT_ENABLE = False


@pytest.fixture
def edition(home_page):
    return make_edition(home_page)


@pytest.fixture
def invoice_ticket(edition):
    return TicketTypeFactory(edition=edition, name="Ordinær", price_ore=150000, allow_invoice=True)


def _hidden(element) -> bool:
    """Hidden from everyone: the element or an ancestor has ``hidden``, ``aria-hidden`` or the
    honeypot's off-screen class."""
    for node in [element, *element.parents]:
        if getattr(node, "attrs", None) is None:
            continue
        if node.has_attr("hidden") or node.get("aria-hidden") == "true" or "honeypot" in node.get("class", []):
            return True
    return False


def check_error_markup(html: str) -> set[str]:
    """Assert the error markup of a page and return the names of the invalid fields.

    - every id named by ``aria-describedby`` exists;
    - every invalid field (``aria-invalid``) is described, on itself or on its ``<fieldset>``, by a
      visible validation message with text, placed in the same field group, before the input;
    - radio and tick-box groups are in a ``<fieldset>`` with a ``<legend>``; no ``<label for="">``;
    - with more than one invalid field there is an error summary; it links to existing ids, in
      the order the fields come on the page.
    """
    soup = BeautifulSoup(html, "html.parser")
    ids = {element["id"] for element in soup.find_all(id=True)}
    order = {element["id"]: index for index, element in enumerate(soup.find_all(id=True))}
    for element in soup.find_all(attrs={"aria-describedby": True}):
        for ref in element["aria-describedby"].split():
            assert ref in ids, f"aria-describedby names a missing id {ref!r}: {element}"
    assert not soup.select('label[for=""]'), "a label points to no field"

    for name in {radio["name"] for radio in soup.select("input[type=radio], input[type=checkbox]")}:
        group = soup.find_all("input", attrs={"name": name})
        if len(group) > 1:
            fieldset = group[0].find_parent("fieldset")
            assert fieldset is not None and all(fieldset in i.parents for i in group), f"{name} not in a fieldset"
            assert fieldset.find("legend", recursive=False) is not None, f"{name}'s fieldset has no legend"

    invalid = soup.find_all(attrs={"aria-invalid": "true"})
    invalid_names = set()
    for element in invalid:
        described = element if element.has_attr("aria-describedby") else element.find_parent("fieldset")
        assert described is not None and described.has_attr("aria-describedby"), f"no description: {element}"
        messages = [soup.find(id=ref) for ref in described["aria-describedby"].split()]
        messages = [m for m in messages if "ds-validation-message" in m.get("class", [])]
        assert messages, f"invalid field without an error message: {element}"
        for message in messages:
            assert message.get_text(strip=True), f"empty error message for {element}"
            assert not _hidden(message), f"error message hidden: {message}"
            assert element in message.parent.descendants, f"the message is not in the field's group: {message}"
        invalid_names.add(element.get("name"))

    summary = soup.find(id="error-summary")
    if len(invalid_names) > 1:  # a one-field search or date form needs no summary above it
        assert summary is not None, "invalid fields but no error summary"
    if summary is not None:
        targets = [link["href"][1:] for link in summary.select('a[href^="#"]')]
        for target in targets:
            assert target in ids, f"the error summary links to a missing id {target!r}"
            assert not _hidden(soup.find(id=target)), f"the error summary links to a hidden field {target!r}"
        positions = [order[target] for target in targets]
        assert positions == sorted(positions), "the error summary is not in the order of the form"
    return invalid_names


def test_empty_registration_form_shows_every_message_under_its_field(client, invoice_ticket):
    response = client.post(REGISTER, {})
    assert response.status_code == 200
    invalid = check_error_markup(response.content.decode())
    required = {"first_name", "last_name", "email", "email_confirm", "phone", "organisation", "ticket_type"}
    assert required | {"payment_method", "privacy_accepted", "municipality_other"} <= invalid


def test_registration_errors_from_clean_are_summarised_in_field_order(client, invoice_ticket):
    data = form_data(
        invoice_ticket,
        phone="123",
        email_confirm="annen@example.no",
        invoice_org_number="123 456 789",
        invoice_delivery="post",
        privacy_accepted=None,
        dietary_needs="Laktose",
    )
    html = client.post(REGISTER, data).content.decode()
    invalid = check_error_markup(html)
    assert {"phone", "email_confirm", "special_needs_consent", "invoice_org_number", "invoice_city"} <= invalid
    soup = BeautifulSoup(html, "html.parser")
    summary = [li.get_text(" ", strip=True) for li in soup.select("#error-summary li")]
    assert not any(".:" in item for item in summary), summary


def test_registration_form_without_errors_names_only_existing_descriptions(client, invoice_ticket):
    html = client.get(REGISTER).content.decode()
    assert check_error_markup(html) == set()
    assert 'id="error-summary"' not in html


def test_manage_form_shows_its_errors(client, invoice_ticket):
    client.post(REGISTER, form_data(invoice_ticket))
    registration = Registration.objects.get()
    url = f"/pamelding/p/{registration.manage_token}/"
    response = client.post(url, {"first_name": "", "last_name": "Nordmann", "dietary_needs": "Nøtter"})
    invalid = check_error_markup(response.content.decode())
    assert {"first_name", "special_needs_consent"} <= invalid


def test_governance_filter_explains_an_unknown_value_under_the_filter(client, home_page):
    index = GovernanceDocumentIndexPage(title="Styringsdokumenter", slug="styringsdokumenter")
    home_page.add_child(instance=index)
    index.save_revision().publish()
    response = client.get(index.url, {"kind": "poesi", "year": "abc"})
    assert check_error_markup(response.content.decode()) == {"kind", "year"}
    assert "poesi" in response.content.decode()


@pytest.mark.parametrize("value", ["ikke-en-dato", "1700-01-01"])
def test_network_date_error_is_tied_to_the_date_field(client, home_page, value):
    page = NetworkPage(title="Nettverket", slug="nettverket")
    home_page.add_child(instance=page)
    page.save_revision().publish()
    assert check_error_markup(client.get(page.url, {"dato": value}).content.decode()) == {"dato"}


def test_status_report_date_error_is_tied_to_the_date_field(client, home_page):
    plan = make_plan(home_page, focus_areas=1)
    html = client.get(plan.url + "statusrapport/", {"dato": "31.02.2024"}).content.decode()
    assert check_error_markup(html) == {"dato"}


def test_overlong_search_is_tied_to_the_search_field(client, home_page):
    html = client.get("/sok/", {"q": "x" * 300}).content.decode()
    assert check_error_markup(html) == {"q"}


def test_news_filter_with_unknown_values_names_only_existing_ids(client, home_page):
    index = NewsIndexPageFactory(parent=home_page)
    html = client.get(index.url, {"tema": "finnes-ikke", "aar": "abc"}).content.decode()
    assert check_error_markup(html) == set()
