import pytest
from django.core.management import call_command

from tests.browser.conftest import axe_violations


@pytest.fixture
def demo_site(transactional_db):
    call_command("load_demo", verbosity=0)


def test_home_page_is_axe_clean_and_skip_link_reaches_main(browser_page, demo_site):
    browser_page.goto("/")
    browser_page.keyboard.press("Tab")
    skip = browser_page.locator(".ds-skip-link")
    assert skip.evaluate("el => el === document.activeElement")
    browser_page.keyboard.press("Enter")
    assert browser_page.evaluate("location.hash") == "#main-content"
    assert axe_violations(browser_page) == []


def test_demo_site_loads_again_after_a_flushed_database(browser_page, demo_site):
    """Transactional tests flush the database, including Wagtail's root page; the demo loader
    must rebuild the tree from nothing, or every later browser journey would fail."""
    browser_page.goto("/om-oss/")
    assert browser_page.locator("h1").inner_text() == "Om oss"
