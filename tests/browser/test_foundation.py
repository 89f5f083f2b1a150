"""The foundation's browser journeys: keyboard-only search from the home page, WCAG 2.1 A/AA
(axe-core) on the shared pages, the 320 px layout and the language switch."""

import re

import pytest

from tests.browser.conftest import axe_violations

SEARCH_FIELD = "#site-search-input"
MAIN_MENU = re.compile("Hovedmeny|Main menu")


def focused(page, selector):
    return page.locator(selector).evaluate("el => el === document.activeElement")


def tab_until(page, selector, max_presses=40):
    """Press Tab until the element matching ``selector`` has focus; fail if it never does."""
    for _ in range(max_presses):
        page.keyboard.press("Tab")
        if page.evaluate("sel => !!document.activeElement && document.activeElement.matches(sel)", selector):
            return
    pytest.fail(f"{selector} was not reached with {max_presses} presses of Tab")


def test_skip_link_is_first_and_moves_focus_to_the_main_content(browser_page, demo_site):
    browser_page.goto("/")
    browser_page.keyboard.press("Tab")
    skip = browser_page.locator(".ds-skip-link")
    assert focused(browser_page, ".ds-skip-link")
    assert skip.is_visible()  # shown when focused
    browser_page.keyboard.press("Enter")
    assert browser_page.evaluate("location.hash") == "#main-content"
    assert browser_page.evaluate("document.activeElement.id") == "main-content"


def test_keyboard_user_searches_from_the_header_and_opens_a_result(browser_page, demo_site):
    browser_page.goto("/")
    tab_until(browser_page, SEARCH_FIELD, max_presses=5)
    browser_page.keyboard.type("forskning")
    browser_page.keyboard.press("Enter")
    browser_page.wait_for_url("**/sok/?q=forskning")
    results = browser_page.locator(".search-result h2 a")
    assert results.count() >= 1
    first_title = results.first.inner_text()

    tab_until(browser_page, ".search-result h2 a")
    assert browser_page.evaluate("document.activeElement.textContent.trim()") == first_title
    browser_page.keyboard.press("Enter")
    browser_page.wait_for_url(lambda url: "/sok/" not in url)
    assert browser_page.locator("h1").inner_text() == first_title


@pytest.mark.parametrize("path", ["/", "/om-oss/", "/sok/?q=forskning", "/sok/?q=", "/finnes-ikke/"])
def test_shared_pages_have_no_wcag_21_aa_violations(browser_page, demo_site, path):
    browser_page.goto(path)
    assert browser_page.locator("h1").count() == 1
    assert axe_violations(browser_page) == []


def test_home_page_fits_320_px_and_the_main_menu_is_reachable(chromium_browser, live_server, demo_site):
    context = chromium_browser.new_context(
        base_url=live_server.url, locale="nb-NO", viewport={"width": 320, "height": 640}, bypass_csp=True
    )
    try:
        page = context.new_page()
        page.set_default_timeout(10_000)
        page.goto("/")
        assert page.evaluate("document.scrollingElement.scrollWidth") <= 320
        assert page.locator(SEARCH_FIELD).is_visible()

        # The menu sits behind a "Menu" button (a <details>, so it works without JavaScript).
        link = page.get_by_role("navigation", name=MAIN_MENU).get_by_role("link", name="Om oss")
        if not link.is_visible():
            page.locator(".menu-toggle summary").click()
        assert link.is_visible()
        assert page.evaluate("document.scrollingElement.scrollWidth") <= 320
        link.click()
        page.wait_for_url("**/om-oss/")
        assert page.locator("h1").inner_text() == "Om oss"
        assert page.evaluate("document.scrollingElement.scrollWidth") <= 320
        assert axe_violations(page) == []
    finally:
        context.close()


def test_main_menu_works_without_javascript_on_a_phone(chromium_browser, live_server, demo_site):
    context = chromium_browser.new_context(
        base_url=live_server.url, viewport={"width": 320, "height": 640}, java_script_enabled=False
    )
    try:
        page = context.new_page()
        page.set_default_timeout(10_000)
        page.goto("/")
        page.locator(".menu-toggle summary").click()
        page.get_by_role("navigation", name=MAIN_MENU).get_by_role("link", name="Kontakt").click()
        page.wait_for_url("**/kontakt/")
        assert page.locator("h1").inner_text() == "Kontakt"
    finally:
        context.close()


def test_language_switch_leads_to_the_english_site(browser_page, demo_site):
    browser_page.goto("/")
    assert browser_page.locator("html").get_attribute("lang") == "nb"
    browser_page.get_by_role("link", name="English").click()
    browser_page.wait_for_url("**/en/")
    assert browser_page.locator("html").get_attribute("lang") == "en"
    assert axe_violations(browser_page) == []
    # …and back again.
    browser_page.get_by_role("link", name="Norsk (bokmål)").click()
    browser_page.wait_for_url(lambda url: not url.rstrip("/").endswith("/en"))
    assert browser_page.locator("html").get_attribute("lang") == "nb"
