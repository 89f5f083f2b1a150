"""Registration journeys in Chromium: invoice, card through the fake Stripe checkout, the
manage link (ticket download, cancel), with axe checks on every registration page."""

import pytest
from django.core.management import call_command

from conference.registration.models import EmailOutbox, Registration
from tests.browser.conftest import axe_violations
from tests.conference.payments.fake_stripe import API_KEY, WEBHOOK_SECRET, FakeStripe
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


def fill_person(page, email):
    page.locator("#id_first_name").fill("Kari")
    page.locator("#id_last_name").fill("Nordmann")
    page.locator("#id_email").fill(email)
    page.locator("#id_email_confirm").fill(email)
    page.locator("#id_phone").fill("912 34 567")
    page.locator("#id_organisation").fill("Bergen kommune")
    page.locator("#id_municipality_other").fill("Vestland")
    page.locator("#id_job_title").fill("Rådgiver")
    page.locator("#id_privacy_accepted").check()


def test_invoice_registration_journey_with_manage_link_ticket_and_cancel(browser_page, demo_site):
    page = browser_page
    page.goto(URL)
    assert page.locator("h1").count() == 1
    assert axe_violations(page) == []
    # Sending the empty form shows the error summary, and the page stays accessible.
    page.get_by_role("button", name=t("Register")).click()
    assert page.locator("#error-summary").is_visible()
    assert axe_violations(page) == []

    fill_person(page, "kari.browser@example.no")
    page.get_by_label("Deltaker – faktura til arbeidsgiver").check()
    page.locator("input[name=payment_method][value=invoice]").check()
    page.locator("#id_invoice_org_number").fill("964 338 531")
    page.locator("#id_invoice_organisation").fill("Bergen kommune")
    page.locator("input[name=invoice_delivery][value=ehf]").check()
    page.locator("#id_invoice_reference").fill("RES-1")
    page.locator("#id_invoice_contact").fill("Ola Regnskap")
    page.get_by_role("button", name=t("Register")).click()

    page.wait_for_url("**/pamelding/kvittering/**")
    assert t("Thank you, you are registered") in page.locator("h1").inner_text()
    assert axe_violations(page) == []
    registration = Registration.objects.get(email="kari.browser@example.no")
    assert registration.state == Registration.State.CONFIRMED
    assert (
        EmailOutbox.objects.filter(registration=registration, kind="confirmation", sent_at__isnull=False).count() == 1
    )

    page.get_by_role("link", name=t("View, change or cancel your registration")).click()
    page.wait_for_url(f"**/pamelding/p/{registration.manage_token}/")
    assert axe_violations(page) == []
    with page.expect_download() as download_info:
        page.get_by_role("link", name=t("Download your ticket (PDF)")).click()
    download = download_info.value
    assert download.suggested_filename.endswith(".pdf")
    with open(download.path(), "rb") as f:
        assert f.read(4) == b"%PDF"

    page.get_by_role("link", name=t("Cancel my registration")).click()
    assert axe_violations(page) == []
    page.get_by_role("button", name=t("Yes, cancel")).click()
    page.wait_for_url(f"**/pamelding/p/{registration.manage_token}/")
    registration.refresh_from_db()
    assert registration.state == Registration.State.CANCELLED


def test_card_registration_journey_through_the_fake_stripe_checkout(browser_page, demo_site, settings, client):
    fake = FakeStripe().start()
    settings.STRIPE_SECRET_KEY = API_KEY
    settings.STRIPE_WEBHOOK_SECRET = WEBHOOK_SECRET
    settings.STRIPE_API_BASE = fake.base
    try:
        page = browser_page
        page.goto(URL)
        fill_person(page, "kort.browser@example.no")
        page.get_by_label("Deltaker – betaling med kort").check()
        page.locator("input[name=payment_method][value=card]").check()
        page.get_by_role("button", name=t("Register")).click()
        # The fake checkout page pays at once and sends the browser back to the site.
        page.wait_for_url("**/pamelding/kvittering/**")
        assert t("Thank you, you are registered") in page.locator("h1").inner_text()
        registration = Registration.objects.get(email="kort.browser@example.no")
        assert registration.state == Registration.State.CONFIRMED
        # Stripe's webhook arrives as well: nothing changes, no second e-mail.
        session = fake.sessions[registration.payments.get().stripe_session_id]
        assert fake.deliver(client, "checkout.session.completed", session).status_code == 200
        assert registration.history.filter(to_state="confirmed").count() == 1
        assert EmailOutbox.objects.filter(registration=registration, kind="confirmation").count() == 1
        page.goto(f"/pamelding/p/{registration.manage_token}/")
        assert page.get_by_role("link", name=t("Download the receipt (PDF)")).is_visible()
        assert axe_violations(page) == []
    finally:
        fake.stop()


def test_waiting_list_offer_page_is_accessible_and_accepting_confirms(browser_page, demo_site):
    from conference.editions.models import ConferenceEditionPage
    from conference.registration import services
    from tests.conference.registration.factories import INVOICE, person

    edition = ConferenceEditionPage.objects.get(year=2028)
    edition.capacity = Registration.objects.filter(edition=edition, state__in=Registration.SEAT_STATES).count()
    edition.save()
    ticket = edition.ticket_types.get(allow_invoice=True)
    waiting = services.create_registration(
        edition, ticket_type=ticket, details=person(7, **INVOICE), payment_method="invoice"
    ).registration
    assert waiting.state == Registration.State.WAITING
    seated = Registration.objects.filter(edition=edition, state=Registration.State.CONFIRMED).first()
    services.cancel_registration(seated.pk, source="organiser")
    waiting.refresh_from_db()

    page = browser_page
    page.goto(f"/pamelding/tilbud/{waiting.offer_token}/")
    assert axe_violations(page) == []
    page.get_by_role("button", name=t("Accept the seat")).click()
    page.wait_for_url("**/pamelding/kvittering/**")
    waiting.refresh_from_db()
    assert waiting.state == Registration.State.CONFIRMED
