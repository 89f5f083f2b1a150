"""Journey on a phone: find the conference, read the programme, open a session and put it in
the calendar. Every page on the way is checked with axe."""

from pathlib import Path

import icalendar
import pytest
from django.core.management import call_command

from tests.browser.conftest import axe_violations


def ensure_wagtail_root() -> None:
    from cms.core.demo import ensure_root

    ensure_root()


@pytest.fixture(scope="module", autouse=True)
def leave_a_wagtail_root(django_db_blocker):
    """Browser journeys in later modules load the demo too: leave them a root page."""
    yield
    with django_db_blocker.unblock():
        ensure_wagtail_root()


@pytest.fixture
def demo_site(transactional_db):
    ensure_wagtail_root()
    call_command("load_demo", verbosity=0)


def test_attendee_reads_the_programme_and_downloads_a_session_on_a_phone(phone_page, demo_site):
    page = phone_page
    page.goto("/konferansen/")
    assert page.locator("h1").inner_text() == "Konferansen"
    assert axe_violations(page) == []

    page.get_by_role("link", name="Kunnskapskommunekonferansen Vest 2026").click()
    assert (
        page.locator("h1").inner_text().replace("\xad", "") == "Kunnskapskommunekonferansen Vest 2026"
    )  # soft hyphens
    assert axe_violations(page) == []

    assert page.evaluate("document.querySelector('.edition').scrollWidth <= window.innerWidth")
    page.locator(".edition__actions a").first.click()
    page.wait_for_url("**/konferansen/2026/program/")
    assert page.locator("h1").inner_text() == "Program" or page.locator("h1").inner_text() == "Programme"
    # On a phone the timetable is one column: every session is as wide as the list.
    first, second = page.locator(".timetable__session").nth(1), page.locator(".timetable__session").nth(2)
    assert first.bounding_box()["width"] == second.bounding_box()["width"]
    assert page.evaluate("document.querySelector('.programme').scrollWidth <= window.innerWidth")
    assert axe_violations(page) == []

    page.get_by_role("link", name="Hva prioriterer vi nå? Kloke valg i komplekse tider").click()
    assert page.locator("h1").inner_text() == "Hva prioriterer vi nå? Kloke valg i komplekse tider"
    assert axe_violations(page) == []

    with page.expect_download() as download_info:
        page.locator("a[href$='.ics']").first.click()
    download = download_info.value
    assert download.suggested_filename.endswith(".ics")
    calendar = icalendar.Calendar.from_ical(Path(download.path()).read_bytes())
    (event,) = calendar.walk("VEVENT")
    assert str(event["SUMMARY"]) == "Hva prioriterer vi nå? Kloke valg i komplekse tider"
    assert str(event["UID"]).startswith("session-")


def test_wide_timetable_and_speaker_page_are_axe_clean(browser_page, demo_site):
    browser_page.goto("/konferansen/2026/program/")
    assert axe_violations(browser_page) == []
    # Printed on A4 (210 mm ≈ 794 CSS px, minus margins) the timetable keeps within the page.
    browser_page.emulate_media(media="print")
    browser_page.set_viewport_size({"width": 690, "height": 1000})
    assert browser_page.evaluate("document.querySelector('.timetable').scrollWidth <= 690")
    assert browser_page.locator(".programme__tools").is_hidden()
    pdf = browser_page.pdf(format="A4")
    assert pdf.startswith(b"%PDF")
    browser_page.emulate_media(media="screen")
    browser_page.set_viewport_size({"width": 1280, "height": 900})
    browser_page.locator(".session-card__people a").first.click()
    assert browser_page.locator("h1").count() == 1
    assert axe_violations(browser_page) == []
