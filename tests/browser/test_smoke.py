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
