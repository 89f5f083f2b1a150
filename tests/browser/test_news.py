"""A visitor on a phone reads the news and the calendar (demo content).

Interface strings are located by id or structure, not by text: the bokmål catalogue is built
at the end, so the labels may still be the English msgids."""

import pytest
from django.core.management import call_command

from tests.browser.conftest import axe_violations

OVERFLOWING_IN_MAIN = (
    "() => [...document.querySelectorAll('#main-content *')]"
    ".filter(el => el.getBoundingClientRect().right > window.innerWidth + 1).map(el => el.outerHTML.slice(0, 80))"
)


pytestmark = pytest.mark.django_db(transaction=True)


def restore_wagtail_baseline():
    from cms.core.demo import ensure_root

    ensure_root()


@pytest.fixture(scope="module", autouse=True)
def leave_the_baseline_behind(django_db_blocker):
    """After this module's last flush, put the baseline back for the journeys that follow."""
    yield
    with django_db_blocker.unblock():
        restore_wagtail_baseline()


@pytest.fixture
def demo_site():
    restore_wagtail_baseline()
    call_command("load_demo", verbosity=0)


def test_phone_visitor_filters_news_by_topic_and_reads_an_item(phone_page, demo_site):
    page = phone_page
    page.goto("/")
    page.locator(".menu-toggle__button").click()  # on a phone the main menu is behind «Meny»
    page.locator('.main-nav a[href="/nyheter/"]').click()
    page.wait_for_url("**/nyheter/")
    assert page.get_by_role("heading", level=1).inner_text() == "Nyheter"
    assert axe_violations(page) == []
    # Nothing in the content sticks out of a 375 px screen.
    assert page.evaluate(OVERFLOWING_IN_MAIN) == []

    page.locator("#news-filter-topic").select_option(label="Konferansen")
    page.locator('.news-filter button[type="submit"]').click()
    page.wait_for_url("**/nyheter/?tema=konferansen*")
    headings = page.locator(".news-card h2").all_inner_texts()
    assert "Programmet for konferansen 2026 er klart" in headings
    assert "Rundt 140 forskningshenvendelser i 2025" not in headings

    page.get_by_role("link", name="Programmet for konferansen 2026 er klart").click()
    page.wait_for_url("**/nyheter/programmet-for-konferansen-2026/")
    assert page.get_by_role("heading", level=1).inner_text() == "Programmet for konferansen 2026 er klart"
    assert page.locator('meta[property="article:published_time"]').count() == 1
    assert axe_violations(page) == []
    assert page.evaluate(OVERFLOWING_IN_MAIN) == []


def test_news_item_with_lead_image_and_the_calendar_are_axe_clean(phone_page, demo_site):
    phone_page.goto("/nyheter/fullt-hus-pa-mobiliseringsseminar-i-alrek/")
    assert phone_page.locator("figure img").get_attribute("alt")
    assert axe_violations(phone_page) == []

    phone_page.goto("/kalender/")
    assert phone_page.locator(".event-card").count() >= 1
    assert axe_violations(phone_page) == []
    phone_page.locator('.event-views a[href$="/tidligere/"]').click()
    phone_page.wait_for_url("**/kalender/tidligere/")
    assert axe_violations(phone_page) == []
    phone_page.locator(".event-card a").first.click()
    assert axe_violations(phone_page) == []
