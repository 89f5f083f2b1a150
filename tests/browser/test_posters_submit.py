"""A researcher sends in a poster with the keyboard only: from the call page through the form
(errors first, then the word count as they type) to the receipt; axe finds nothing on the way."""

import pytest
from django.core.management import call_command

from conference.posters.models import PosterSubmission
from tests.browser.conftest import axe_violations
from tests.conference.registration.factories import ensure_wagtail_root, t

CALL_URL = "/konferansen/2028/plakater/"


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


def tab_to(page, element_id, limit=80):
    """Press Tab until the element with ``element_id`` has focus (as a keyboard user would)."""
    for _ in range(limit):
        if page.evaluate("document.activeElement && document.activeElement.id") == element_id:
            return
        page.keyboard.press("Tab")
    raise AssertionError(f"Tab never reached #{element_id}")


def tab_to_button(page, text, limit=120):
    for _ in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement && document.activeElement.textContent.trim()") == text:
            return
    raise AssertionError(f"Tab never reached the button {text!r}")


def test_keyboard_only_submission_with_errors_word_count_and_receipt(browser_page, demo_site):
    page = browser_page
    page.goto(CALL_URL)
    assert axe_violations(page) == []
    tab_to_button(page, t("Send in a poster"))
    page.keyboard.press("Enter")
    page.wait_for_url("**/send-inn/")
    assert axe_violations(page) == []

    tab_to_button(page, t("Send in"))
    with page.expect_navigation():
        page.keyboard.press("Enter")
    summary = page.locator("#error-summary")
    assert summary.is_visible()
    assert page.evaluate("document.activeElement.id") == "error-summary"  # read first
    assert axe_violations(page) == []

    typed = {
        "id_contact_name": "Ingrid Haugland",
        "id_contact_email": "ingrid@example.no",
        "id_title": "Trygg heim etter sjukehusopphald",
        "id_authors-0-name": "Ingrid Haugland",
        "id_authors-0-affiliation_other": "Bergen kommune",
        "id_background": "Mange eldre blir lagt inn igjen kort tid etter utskrivning.",
        "id_method": "Intervjuer med pasienter og ansatte.",
        "id_results": "Prosjektet pågår.",
        "id_relevance": "Kommunene kan bruke sjekklisten direkte.",
    }
    page.locator("#error-summary a").first.focus()
    for element_id, text in typed.items():
        tab_to(page, element_id)
        page.keyboard.type(text)
        if element_id == "id_authors-0-affiliation_other":
            tab_to(page, "id_authors-0-is_presenting")
            page.keyboard.press("Space")
    count = page.locator("[data-word-count-output]")
    page.wait_for_function("document.querySelector('[data-word-count-output]').textContent.startsWith('22 ')")
    assert count.get_attribute("aria-live") == "polite"
    tab_to(page, "id_topic_0")
    page.keyboard.press("Space")
    tab_to(page, "id_consent_to_publish")
    page.keyboard.press("Space")
    tab_to_button(page, t("Send in"))
    page.keyboard.press("Enter")
    page.wait_for_url("**/innsending/**")
    assert page.get_by_text(
        t("Thank you! Your poster has been submitted. We have sent a receipt by e-mail.")
    ).is_visible()
    assert axe_violations(page) == []
    submission = PosterSubmission.objects.get(contact_email="ingrid@example.no")
    assert submission.state == "submitted"
    assert submission.authors.get().is_presenting
    assert submission.word_count == 22


def test_call_page_and_form_fit_a_320_px_screen(chromium_browser, live_server, demo_site):
    context = chromium_browser.new_context(
        base_url=live_server.url, locale="nb-NO", viewport={"width": 320, "height": 700}
    )
    page = context.new_page()
    try:
        for url in (CALL_URL, CALL_URL + "send-inn/"):
            page.goto(url)
            assert page.evaluate("document.documentElement.scrollWidth") <= 320, url
        with page.expect_navigation():
            page.get_by_role("button", name=t("Send in"), exact=True).click()
        assert page.locator("#error-summary").is_visible()
        assert page.evaluate("document.documentElement.scrollWidth") <= 320
    finally:
        context.close()
