"""The registration form on a phone, where only a browser tells the truth: error messages are
visible under their fields, invoice fields appear only for invoice, "free" only for a free
ticket, and the total follows the choices."""

import pytest
from django.core.management import call_command

from conference.registration.models import format_nok
from tests.conference.registration.factories import ensure_wagtail_root, t

URL = "/pamelding/2028/"


@pytest.fixture(scope="module", autouse=True)
def _put_back_wagtail_root(django_db_blocker):
    yield
    with django_db_blocker.unblock():
        ensure_wagtail_root()


@pytest.fixture
def demo_site(transactional_db, settings):
    settings.RATELIMIT_ENABLE = False
    ensure_wagtail_root()
    call_command("load_demo", verbosity=0)


def test_registration_form_on_a_phone_shows_errors_and_only_the_fields_that_apply(phone_page, demo_site):
    page = phone_page
    page.goto(URL)
    invoice_org_number = page.locator("#id_invoice_org_number")
    free = page.locator("input[name=payment_method][value=free]")
    invoice = page.locator("input[name=payment_method][value=invoice]")
    assert not invoice_org_number.is_visible()  # until invoice is chosen
    assert not free.is_visible()  # until a free ticket is chosen

    page.get_by_role("button", name=t("Register")).click()
    page.wait_for_load_state()
    assert page.locator("#error-summary").is_visible()
    for name in ("first_name", "email", "phone"):
        field = page.locator(f"#id_{name}")
        message = page.locator(f"#id_{name}_error")
        assert message.is_visible(), name
        assert f"id_{name}_error" in field.get_attribute("aria-describedby")
        assert message.bounding_box()["y"] < field.bounding_box()["y"]  # read before the input
    ticket_message = page.locator("#id_ticket_type_error")
    assert ticket_message.is_visible()
    # The summary links to the field, which then has focus.
    page.locator("#error-summary a[href='#id_first_name']").click()
    assert page.evaluate("document.activeElement.id") == "id_first_name"
    assert page.evaluate("document.documentElement.scrollWidth") <= 375

    tickets = page.locator("input[name=ticket_type]")
    free_ticket = page.locator("input[name=ticket_type][data-free]").first
    paid_ticket = page.locator("input[name=ticket_type]:not([data-free])").first
    assert tickets.count() >= 2
    free_ticket.check()
    assert free.is_visible() and not invoice.is_visible()
    paid_ticket.check()
    assert invoice.is_visible() and not free.is_visible()
    price = int(paid_ticket.get_attribute("data-price-ore"))
    assert page.locator("#registration-total").inner_text().replace("\u00a0", " ") == format_nok(price)

    invoice.check()
    assert invoice_org_number.is_visible()
    assert not page.locator("#id_invoice_city").is_visible()
    page.locator("input[name=invoice_delivery][value=post]").check()
    assert page.locator("#id_invoice_city").is_visible()
